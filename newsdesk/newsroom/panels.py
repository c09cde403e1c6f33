"""The newsroom dashboard's panels, on the admin's first screen (see dashboard.py)."""

from wagtail.admin.ui.components import Component
from wagtail.permission_policies.pages import PagePermissionPolicy

from newsdesk.newsroom import dashboard
from newsdesk.newsroom.roles import ANALYTICS
from newsdesk.newsroom.translations import outdated_translations


def works_on_pages(user):
    """Whether the user writes or edits pages at all (an analyst does not)."""
    return PagePermissionPolicy().user_has_any_permission(user, ["add", "change", "publish"])


class NewsroomPanel(Component):
    """A dashboard panel shown to the users `shown_to` accepts."""

    order = 10

    def __init__(self, user):
        self.user = user

    def shown_to(self, user):
        return works_on_pages(user)

    def render_html(self, parent_context=None):
        return super().render_html(parent_context) if self.shown_to(self.user) else ""


class ScheduledPanel(NewsroomPanel):
    order = 10
    template_name = "newsroom/panels/scheduled.html"

    def get_context_data(self, parent_context=None):
        return {"items": dashboard.scheduled_soon(), "hours": dashboard.SCHEDULE_HOURS}


class ReviewPanel(NewsroomPanel):
    order = 20
    template_name = "newsroom/panels/review.html"

    def get_context_data(self, parent_context=None):
        return {"reviews": dashboard.awaiting_review()}


class BreakingPanel(NewsroomPanel):
    order = 30
    template_name = "newsroom/panels/breaking.html"

    def get_context_data(self, parent_context=None):
        return {
            "editions": dashboard.breaking_states(),
            "can_raise": self.user.has_perm("articles.add_breakingnews"),
            "can_lower": self.user.has_perm("articles.change_breakingnews"),
        }


class MostReadPanel(NewsroomPanel):
    order = 40
    template_name = "newsroom/panels/most_read.html"

    def shown_to(self, user):
        return user.has_perm(ANALYTICS) or works_on_pages(user)

    def get_context_data(self, parent_context=None):
        return {"editions": dashboard.most_read_today()}


class TranslationsPanel(NewsroomPanel):
    order = 50
    template_name = "newsroom/panels/translations.html"

    def get_context_data(self, parent_context=None):
        return {
            "gaps": dashboard.translation_gaps(),
            "days": dashboard.RECENT_DAYS,
            "outdated": outdated_translations()[:10],
        }


def newsroom_panels(user):
    return [
        panel(user)
        for panel in (ScheduledPanel, ReviewPanel, BreakingPanel, MostReadPanel, TranslationsPanel)
    ]
