"""The metrics endpoints, which live outside the editions' URL prefixes."""

from django.urls import path

from newsdesk.metrics import views

urlpatterns = [
    path("views/<int:article_id>/", views.record_view, name="record_view"),
]
