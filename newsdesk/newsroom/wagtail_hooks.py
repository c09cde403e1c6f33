"""The admin shaped for a newsroom: its dashboard, the article list, roles enforced, the trash,
the translation desk."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import widgets
from wagtail.admin.auth import permission_denied
from wagtail.admin.menu import MenuItem
from wagtail.admin.site_summary import PagesSummaryItem
from wagtail.log_actions import LogFormatter
from wagtail.models import Page
from wagtail.snippets.models import register_snippet

from newsdesk.articles.frontpage import BreakingNews, FrontPagePin
from newsdesk.articles.models import ArticlePage, HomePage, SectionPage
from newsdesk.newsroom import views
from newsdesk.newsroom.article_list import ArticleListingViewSet
from newsdesk.newsroom.frontpage_admin import (
    BreakingNewsViewSet,
    FrontPagePinViewSet,
    breaking_lower,
)
from newsdesk.newsroom.panels import newsroom_panels
from newsdesk.newsroom.roles import SECTIONS, TRANSLATE
from newsdesk.newsroom.trash import RESTORE_ACTION, TRASH_ACTION

# Sections and edition home pages shape every page of an edition: the chief editor's.
EDITION_STRUCTURE = (SectionPage, HomePage)


@hooks.register("register_admin_viewset")
def register_article_listing():
    return ArticleListingViewSet("articles")


def structure_refused(request, page_class):
    """Permission denied when a non-chief touches a section or an edition's home page."""
    if issubclass(page_class, EDITION_STRUCTURE) and not request.user.has_perm(SECTIONS):
        return permission_denied(request)
    return None


@hooks.register("before_create_page")
def sections_create_guard(request, parent_page, page_class):
    return structure_refused(request, page_class)


@hooks.register("before_edit_page")
def sections_edit_guard(request, page):
    return structure_refused(request, page.specific_class)


@hooks.register("before_move_page")
def sections_move_guard(request, page, destination):
    return structure_refused(request, page.specific_class)


@hooks.register("before_copy_page")
def sections_copy_guard(request, page):
    return structure_refused(request, page.specific_class)


@hooks.register("before_delete_page")
def article_delete_to_trash(request, page):
    """An article's Delete moves it to the trash; sections are the chief editor's."""
    refused = structure_refused(request, page.specific_class)
    if refused is not None:
        return refused
    if issubclass(page.specific_class, ArticlePage):
        return views.trash_confirm(request, page.specific)
    return None


@hooks.register("register_admin_urls")
def newsroom_admin_urls():
    return [
        path("newsroom/trash/", views.trash_index, name="newsroom_trash"),
        path(
            "newsroom/trash/<int:page_id>/restore/",
            views.trash_restore,
            name="newsroom_trash_restore",
        ),
        path(
            "newsroom/trash/<int:page_id>/delete/",
            views.trash_delete,
            name="newsroom_trash_delete",
        ),
        path("newsroom/translations/", views.translation_desk, name="newsroom_translations"),
        path("newsroom/breaking/<int:pk>/lower/", breaking_lower, name="newsroom_breaking_lower"),
        path("newsroom/translate/<int:page_id>/", views.translate, name="newsroom_translate"),
        # simple_translation's "Translate" buttons lead here too: its own view asks for the
        # right to edit the original, which a translator of another edition does not have.
        # This app's URLs come before simple_translation's (INSTALLED_APPS order).
        path("translation/submit/page/<int:page_id>/", views.translate),
    ]


# After Wagtail's own hook, which adds the item.
@hooks.register("construct_homepage_summary_items", order=100)
def summary_without_a_page_count(request, summary_items):
    """Wagtail's summary counts every page of the tree: 166 ms of the dashboard's 530 ms of SQL
    at a million articles (bench/newsroom.py), for a number no editor acts on. The
    newsroom's panels say what is scheduled, waiting and read instead."""
    summary_items[:] = [item for item in summary_items if not isinstance(item, PagesSummaryItem)]


@hooks.register("construct_homepage_panels")
def newsroom_dashboard(request, panels):
    """The newsroom's panels first; Wagtail's own (your pages in review, locks) after them."""
    panels[:0] = newsroom_panels(request.user)


@hooks.register("register_page_header_buttons")
def article_header_buttons(page, user, view_name, next_url=None):
    """Translate to …, pin to the front page, raise a breaking strip: from the article."""
    if not issubclass(page.specific_class or Page, ArticlePage):
        return
    if user.has_perm(TRANSLATE):
        yield widgets.Button(
            _("Translate to …"),
            reverse("newsroom_translate", args=[page.pk]),
            icon_name="globe",
            priority=59,
        )
    if not page.live:
        return
    front_page_desk = [
        (FrontPagePin, _("Pin to the front page"), "pick"),
        (BreakingNews, _("Raise a breaking strip"), "warning"),
    ]
    for priority, (model, label, icon) in enumerate(front_page_desk, start=61):
        if user.has_perm(f"articles.add_{model._meta.model_name}"):
            add_url = reverse(model.snippet_viewset.get_url_name("add"))
            yield widgets.Button(
                label, f"{add_url}?article={page.pk}", icon_name=icon, priority=priority
            )


register_snippet(FrontPagePinViewSet)
register_snippet(BreakingNewsViewSet)


@hooks.register("register_admin_menu_item")
def trash_menu_item():
    return MenuItem(_("Trash"), reverse("newsroom_trash"), icon_name="bin", order=900)


class TranslatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(TRANSLATE)


@hooks.register("register_admin_menu_item")
def translation_desk_menu_item():
    return TranslatorMenuItem(
        _("Translation desk"), reverse("newsroom_translations"), icon_name="globe", order=160
    )


@hooks.register("register_log_actions")
def newsroom_log_actions(actions):
    @actions.register_action(TRASH_ACTION)
    class TrashFormatter(LogFormatter):
        label = _("Move to the trash")
        message = _("Moved to the trash")

    @actions.register_action(RESTORE_ACTION)
    class RestoreFormatter(LogFormatter):
        label = _("Restore from the trash")
        message = _("Restored from the trash")
