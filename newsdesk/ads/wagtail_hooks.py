from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.ads import admin_views
from newsdesk.ads.models import AdPlacement


class AdPlacementViewSet(SnippetViewSet):
    """Ad placements in the admin, listed with their slot and schedule."""

    model = AdPlacement
    icon = "pick"
    menu_label = _("Ads")
    menu_order = 220
    add_to_admin_menu = True
    list_display = [
        "name",
        "slot",
        "language_code",
        "priority",
        "starts_at",
        "ends_at",
        "is_active",
    ]
    list_filter = ["slot", "is_active"]


register_snippet(AdPlacementViewSet)


@hooks.register("register_admin_urls")
def ad_report_urls():
    return [
        path("ads/report/", admin_views.ad_report, name="ads_report"),
        path("ads/report/<int:pk>/", admin_views.ad_report_placement, name="ads_report_placement"),
    ]


class AdReportMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm(admin_views.REPORT_PERMISSION)


@hooks.register("register_admin_menu_item")
def ad_report_menu_item():
    return AdReportMenuItem(_("Ad report"), reverse("ads_report"), icon_name="pick", order=221)
