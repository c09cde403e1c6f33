from django.urls import path

from newsdesk.ads import views

urlpatterns = [
    path("<int:placement_id>/seen/", views.ad_seen, name="ad_seen"),
    path("<int:placement_id>/click/", views.ad_click, name="ad_click"),
    path("<int:placement_id>/frame/", views.ad_frame, name="ad_frame"),
]
