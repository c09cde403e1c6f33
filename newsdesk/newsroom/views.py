"""The newsroom's own admin screens: the trash and the translation desk."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied
from wagtail.models import Locale, Page

from newsdesk.articles.models import ArticlePage
from newsdesk.newsroom.models import TrashedArticle
from newsdesk.newsroom.roles import EMPTY_TRASH, TRANSLATE
from newsdesk.newsroom.translations import (
    OUTDATED_LOOKBACK_DAYS,
    article_translate,
    missing_in,
    outdated_translations,
    translation_targets,
)
from newsdesk.newsroom.trash import (
    article_delete_for_good,
    article_restore,
    article_trash,
    trash_for,
)

# Stories a page of the translation desk lists.
DESK_PAGE = 50


def trash_confirm(request, page):
    """What the admin's Delete does to an article: asks, then moves it to the trash."""
    if request.method == "POST":
        article_trash(page, request.user)
        messages.success(
            request,
            _("'%(title)s' is in the trash; it can be restored from there.")
            % {"title": page.get_admin_display_title()},
        )
        return redirect("newsroom_trash")
    return TemplateResponse(request, "newsroom/trash_confirm.html", {"page": page})


def trash_index(request):
    return TemplateResponse(
        request,
        "newsroom/trash.html",
        {"entries": trash_for(request.user), "may_empty": request.user.has_perm(EMPTY_TRASH)},
    )


def trash_entry(request, page_id, may):
    """The trash entry of page `page_id` if the user `may` act on it (a permission test)."""
    entry = get_object_or_404(TrashedArticle.objects.select_related("page"), page_id=page_id)
    return entry if may(entry.page.permissions_for_user(request.user), entry) else None


@require_POST
def trash_restore(request, page_id):
    def may(permissions, entry):
        return permissions.can_publish() if entry.was_live else permissions.can_edit()

    entry = trash_entry(request, page_id, may)
    if entry is None:
        return permission_denied(request)
    page = article_restore(entry, request.user)
    messages.success(
        request, _("'%(title)s' is restored.") % {"title": page.get_admin_display_title()}
    )
    return redirect("newsroom_trash")


@require_POST
def trash_delete(request, page_id):
    """Empty one article out of the trash: the chief editor's (EMPTY_TRASH), for good."""
    if not request.user.has_perm(EMPTY_TRASH):
        return permission_denied(request)
    entry = trash_entry(request, page_id, lambda permissions, entry: permissions.can_delete())
    if entry is None:
        return permission_denied(request)
    title = entry.page.get_admin_display_title()
    article_delete_for_good(entry, request.user)
    messages.success(request, _("'%(title)s' is deleted for good.") % {"title": title})
    return redirect("newsroom_trash")


def translate(request, page_id):
    """ "Translate to …": choose an edition, get a linked draft there to write in."""
    if not request.user.has_perm(TRANSLATE):
        return permission_denied(request)
    page = get_object_or_404(Page, pk=page_id).specific
    if page.is_root() or not isinstance(page, ArticlePage):
        raise Http404
    targets = translation_targets(page, request.user)
    if request.method == "POST":
        locale = next(
            (target for target in targets if target.language_code == request.POST.get("locale")),
            None,
        )
        if locale is None:
            messages.error(request, _("Choose one of the editions listed."))
        else:
            draft = article_translate(page, locale, request.user)
            messages.success(
                request,
                _("A draft of '%(title)s' is ready in %(edition)s: translate it and submit it.")
                % {"title": page.title, "edition": locale.get_display_name()},
            )
            return redirect("wagtailadmin_pages:edit", draft.pk)
    translations = page.get_translations().select_related("locale")
    return TemplateResponse(
        request,
        "newsroom/translate.html",
        {"page": page, "targets": targets, "translations": translations},
        # A POST that comes back here chose no edition on offer.
        status=400 if request.method == "POST" else 200,
    )


def translation_desk(request):
    """Stories missing in an edition (one pair at a time, paged) and out-of-date translations."""
    if not request.user.has_perm(TRANSLATE):
        return permission_denied(request)
    locales = list(Locale.objects.order_by("pk"))
    by_code = {locale.language_code: locale for locale in locales}
    source = by_code.get(request.GET.get("source")) or locales[0]
    others = [locale for locale in locales if locale != source]
    target = by_code.get(request.GET.get("target"))
    if target is None or target == source:
        target = others[0] if others else source
    page_number = page_number_of(request)
    missing = missing_in(source, target, (page_number - 1) * DESK_PAGE, DESK_PAGE + 1)
    return TemplateResponse(
        request,
        "newsroom/translation_desk.html",
        {
            "locales": locales,
            "source": source,
            "target": target,
            "missing": missing[:DESK_PAGE],
            "page_number": page_number,
            "has_next": len(missing) > DESK_PAGE,
            "outdated": outdated_translations(),
            "outdated_days": OUTDATED_LOOKBACK_DAYS,
        },
    )


def page_number_of(request, limit=100):
    """The ?page= number, 1 when missing or not a number in 1..limit."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return 1
    return number if 1 <= number <= limit else 1
