"""Addresses of feeds (in each edition) and of sitemaps, robots.txt and cards (site-wide)."""

from django.urls import path

from newsdesk.editions.middleware import same_in_every_language
from newsdesk.syndication import feeds, sitemaps, views

# Under each edition's prefix: /en/feeds/, /en/feeds/full/, /en/feeds/sections/politics/ …
edition_urlpatterns = [
    path("feeds/", feeds.edition_feed, name="feed_edition"),
    path("feeds/full/", feeds.edition_feed, {"full_text": True}, name="feed_edition_full"),
    path("feeds/sections/<slug:slug>/", feeds.section_feed, name="feed_section"),
    path(
        "feeds/sections/<slug:slug>/full/",
        feeds.section_feed,
        {"full_text": True},
        name="feed_section_full",
    ),
    path("feeds/tags/<str:slug>/", feeds.tag_feed, name="feed_tag"),
    path("feeds/tags/<str:slug>/full/", feeds.tag_feed, {"full_text": True}, name="feed_tag_full"),
]

# Language-neutral: each names its edition in the address, or shows every edition.
site_urlpatterns = [
    path(route, same_in_every_language(view), name=name)
    for route, view, name in [
        ("robots.txt", views.robots_txt, "robots_txt"),
        ("sitemap.xml", sitemaps.sitemap_index, "sitemap_index"),
        ("sitemaps/<str:language_code>/pages.xml", sitemaps.pages_sitemap, "sitemap_pages"),
        ("sitemaps/<str:language_code>/news.xml", sitemaps.news_sitemap, "sitemap_news"),
        ("sitemaps/<str:language_code>/<str:name>.xml", sitemaps.month_sitemap, "sitemap_month"),
        ("cards/<int:article_id>-<str:digest>.jpg", views.social_card, "social_card"),
    ]
]
