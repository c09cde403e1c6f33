"""The admin shaped for a newsroom: a flat, filterable list of every article beside the tree."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.pages import PageListingViewSet

from newsdesk.articles.models import ArticlePage


class ArticleListingViewSet(PageListingViewSet):
    """All articles of all editions in one list, newest first, filterable by edition and flags.

    Editors work by story, not by tree position; the page explorer stays for structure.
    """

    model = ArticlePage
    icon = "doc-full"
    menu_label = _("Articles")
    menu_order = 150
    add_to_admin_menu = True
    name = "articles"
    list_display = ["title", "section", "locale", "published_at", "view_count", "status_string"]
    list_filter = ["locale", "is_breaking", "is_featured", "live"]
    ordering = ["-published_at"]


@hooks.register("register_admin_viewset")
def register_article_listing():
    return ArticleListingViewSet("articles")
