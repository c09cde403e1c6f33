"""URL map: the admin, the few language-neutral endpoints, then each edition under its prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from newsdesk.articles import views as article_views
from newsdesk.editions import views as edition_views
from newsdesk.metrics import views as metrics_views
from newsdesk.operations import health
from newsdesk.search import views as search_views
from newsdesk.syndication import urls as syndication_urls

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("healthz", edition_views.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("documents/", include(wagtaildocs_urls)),
    path("views/<int:article_id>/", metrics_views.record_view, name="record_view"),
    path("ads/", include("newsdesk.ads.urls")),
    path("news/<int:article_id>/", article_views.article_by_id, name="article_by_id"),
    *syndication_urls.site_urlpatterns,
    path("api/v1/", include(("newsdesk.api.urls", "api-v1"), namespace="api-v1")),
]

if settings.NEWSDESK_SERVE_MEDIA:
    # In production granian (or the HTTP cache's origin) serves media straight from disk.
    from django.views.static import serve as serve_file

    urlpatterns.append(
        path("media/<path:path>", serve_file, {"document_root": settings.MEDIA_ROOT})
    )

urlpatterns += i18n_patterns(
    path("search/", search_views.search_view, name="search"),
    path("search/titles/", search_views.autocomplete_view, name="search_titles"),
    path("tags/<str:slug>/", article_views.tag_page, name="tag"),
    path("people/<slug:slug>/", article_views.person_page, name="person"),
    *syndication_urls.edition_urlpatterns,
    # Wagtail's own page route (same pattern), with the site and home page from memory.
    re_path(serve_pattern, edition_views.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=settings.NEWSDESK_PREFIX_DEFAULT_EDITION,
)

handler404 = edition_views.page_not_found
handler500 = edition_views.server_error
