from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import widgets
from wagtail.admin.menu import MenuItem
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.metrics import admin_views


@hooks.register("register_admin_urls")
def analytics_urls():
    return [
        path("analytics/", admin_views.analytics_dashboard, name="analytics"),
        path(
            "analytics/article/<int:page_id>/",
            admin_views.article_analytics,
            name="analytics_article",
        ),
    ]


class AnalyticsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.ANALYTICS)


@hooks.register("register_admin_menu_item")
def analytics_menu_item():
    return AnalyticsMenuItem(_("Analytics"), reverse("analytics"), icon_name="view", order=170)


@hooks.register("register_page_header_buttons")
def article_views_button(page, user, view_name, next_url=None):
    """The article's own views over time, from its editor."""
    if user.has_perm(admin_views.ANALYTICS) and issubclass(
        page.specific_class or Page, ArticlePage
    ):
        yield widgets.Button(
            _("Views over time"),
            reverse("analytics_article", args=[page.pk]),
            icon_name="view",
            priority=63,
        )
