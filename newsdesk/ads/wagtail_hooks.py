from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.ads.models import AdPlacement


class AdPlacementViewSet(SnippetViewSet):
    """Ad placements in the admin, listed with their slot and schedule."""

    model = AdPlacement
    icon = "pick"
    menu_label = "Ads"
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["name", "slot", "language_code", "starts_at", "ends_at", "is_active"]
    list_filter = ["slot", "is_active"]


register_snippet(AdPlacementViewSet)
