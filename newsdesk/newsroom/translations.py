"""The translation desk: translating an article into another edition, and what is left to do.

Built on wagtail.contrib.simple_translation (already installed, made for Wagtail 8 by
Wagtail itself): its copy-for-translation action makes a draft in the other edition with the
same translation key, structure and body. wagtail-localize translates segment by segment and
tracks sources, but its releases trail Wagtail's (none declared Wagtail 8 support when this
was written) and it brings a second translation model to learn; a newsroom mostly rewrites
a story in the other language rather than translating it string by string.

What simple_translation's own view does not do is checked here: a translator may translate
any article they can read into an edition they may write in (simple_translation asks for
the right to edit the source, which a Russian translator does not have on an English story).

"Original" means the first version of a story (lowest page id of its translation key): the
one the others were copied from.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Exists, OuterRef
from django.utils import timezone
from wagtail.actions.copy_for_translation import CopyPageForTranslationAction
from wagtail.models import Locale, Page, PageLogEntry

from newsdesk.articles.models import ArticleAuthor, ArticlePage
from newsdesk.people.models import Person
from newsdesk.syndication.archive import section_ids

# A translation can only fall out of date by its original being published again: those
# publishes are read from the audit log over this many days.
OUTDATED_LOOKBACK_DAYS = 90


class TranslationRefused(Exception):
    """The article cannot be translated into that edition by that user (says why)."""


def translation_targets(page, user):
    """Editions `page` can be translated into by `user`: not translated yet, with the
    article's section translated there, and the user allowed to add pages under it."""
    parent = page.get_parent().specific
    done = set(page.get_translations(inclusive=True).values_list("locale_id", flat=True))
    targets = []
    for locale in Locale.objects.exclude(pk__in=done).order_by("pk"):
        parent_there = parent.get_translation_or_none(locale)
        if parent_there and parent_there.permissions_for_user(user).can_add_subpage():
            targets.append(locale)
    return targets


def article_translate(page, locale, user):
    """A draft of `page` in edition `locale`, its people as that edition writes them."""
    if locale not in translation_targets(page, user):
        raise TranslationRefused(
            f"'{page.title}' cannot be translated into {locale.get_display_name()} by {user}: "
            "it is translated there already, its section is not, or you may not write there."
        )
    action = CopyPageForTranslationAction(page=page, locale=locale, user=user)
    # Checked above against the edition written in, instead of the source's edit right.
    draft = action.execute(skip_permission_checks=True).specific
    people_localize(draft, locale)
    # The translator owns the draft, so an author-level role may go on editing it.
    draft.owner = user
    draft.save(update_fields=["owner"], clean=False)
    draft.save_revision(user=user)
    return draft


def people_localize(draft, locale):
    """Point the draft's byline and mentions at the same people as written in `locale`."""
    links = list(ArticleAuthor.objects.filter(article=draft).select_related("person"))
    mentioned = list(draft.people.all())
    keys = {person.translation_key for person in [*(link.person for link in links), *mentioned]}
    there = {
        person.translation_key: person
        for person in Person.objects.filter(translation_key__in=keys, locale=locale)
    }
    for link in links:
        if link.person.translation_key in there:
            link.person = there[link.person.translation_key]
            link.save(update_fields=["person"])
    draft.people.set([there.get(person.translation_key, person) for person in mentioned])


def missing_in(source, target, offset=0, limit=50):
    """Published stories of edition `source` with no version in `target`, newest first.

    Each section's newest stories are read down its own index until enough are missing
    (no count of the whole gap), their ids and times merged, and only the stories shown
    fetched: read by edition, SQLite sorted every story of the edition (about a second at
    100,000 articles); fetched whole from every section, 50 stories per section were built
    to show 50 in all (175 ms of the desk's 350 at 100,000).
    """
    elsewhere = Page.objects.filter(translation_key=OuterRef("translation_key"), locale=target)
    wanted = offset + limit
    newest = []
    for section_id in section_ids(source.language_code):
        newest += (
            ArticlePage.objects.published()
            .filter(section_id=section_id)
            .filter(~Exists(elsewhere))
            .newest_first()
            .values_list("published_at", "pk")[:wanted]
        )
    shown = [pk for _published_at, pk in sorted(newest, reverse=True)[offset:wanted]]
    stories = ArticlePage.objects.select_related("section").defer_streamfields().in_bulk(shown)
    return [stories[pk] for pk in shown]


@dataclass
class Outdated:
    """A published translation whose original was published again after it."""

    translation: ArticlePage
    original: ArticlePage


def outdated_translations(days=OUTDATED_LOOKBACK_DAYS, now=None):
    """Translations older than their original's last publish, the most recent change first.

    Starts from the originals published in the last `days` (the audit log's timestamp
    index), so its cost follows recent editing, not the archive.
    """
    since = (now or timezone.now()) - timedelta(days=days)
    republished = set(
        PageLogEntry.objects.filter(action="wagtail.publish", timestamp__gte=since).values_list(
            "page_id", flat=True
        )
    )
    originals = ArticlePage.objects.published().filter(pk__in=republished)
    groups = {}
    for page in ArticlePage.objects.filter(
        translation_key__in=originals.values("translation_key"), live=True
    ).select_related("locale"):
        groups.setdefault(page.translation_key, []).append(page)
    found = []
    for pages in groups.values():
        original = min(pages, key=lambda page: page.pk)
        if original.pk not in republished:
            continue
        found += [
            Outdated(translation=page, original=original)
            for page in pages
            if page.pk != original.pk and page.last_published_at < original.last_published_at
        ]
    return sorted(found, key=lambda item: item.original.last_published_at, reverse=True)
