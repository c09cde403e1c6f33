"""The front page desk in the admin: pins and the breaking strip as snippets, set in seconds."""

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied
from wagtail.snippets.views.snippets import CreateView, SnippetViewSet

from newsdesk.articles.frontpage import BreakingNews, FrontPagePin
from newsdesk.articles.models import ArticlePage

STRIP_HOURS = 2


def article_asked_for(request):
    """The article named by ?article=<id> (the article's "Pin…" and "Raise…" buttons)."""
    article_id = request.GET.get("article", "")
    return ArticlePage.objects.filter(pk=article_id).first() if article_id.isdigit() else None


class PinCreateView(CreateView):
    """The pin form, opened from an article with the story and its edition filled in."""

    def get_initial_form_instance(self):
        article = article_asked_for(self.request)
        if article is None:
            return super().get_initial_form_instance()
        return FrontPagePin(article=article, locale_id=article.locale_id)


class FrontPagePinViewSet(SnippetViewSet):
    model = FrontPagePin
    add_view_class = PinCreateView
    icon = "pick"
    menu_label = gettext_lazy("Front page")
    menu_order = 155
    add_to_admin_menu = True
    list_display = ["slot", "article", "locale", "expires_at"]
    list_filter = ["locale"]
    ordering = ["locale", "slot"]


class StripCreateView(CreateView):
    """A new strip is up from now for a couple of hours unless the editor says otherwise."""

    def get_initial_form_instance(self):
        now = timezone.now()
        article = article_asked_for(self.request)
        strip = BreakingNews(starts_at=now, ends_at=now + timedelta(hours=STRIP_HOURS))
        if article is not None:
            strip.article, strip.locale_id, strip.title = article, article.locale_id, article.title
        return strip


class BreakingNewsViewSet(SnippetViewSet):
    model = BreakingNews
    add_view_class = StripCreateView
    icon = "warning"
    menu_label = gettext_lazy("Breaking news")
    menu_order = 156
    add_to_admin_menu = True
    list_display = ["title", "locale", "starts_at", "ends_at"]
    list_filter = ["locale"]


@require_POST
def breaking_lower(request, pk):
    """Take a breaking strip down at once (from the dashboard)."""
    if not request.user.has_perm("articles.change_breakingnews"):
        return permission_denied(request)
    strip = get_object_or_404(BreakingNews, pk=pk)
    strip.lower()
    messages.success(request, _("The breaking strip '%(title)s' is down.") % {"title": strip.title})
    return redirect(request.POST.get("next") or "wagtailadmin_home")
