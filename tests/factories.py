"""Builders for test content, made the way the newsroom makes it: real Wagtail pages.

Articles are added under a section of an edition's home page with `add_child` and published
through a revision, so they carry everything a page saved from the admin carries. Call them
after the `outlet` fixture has created the editions' home pages.
"""

import io
from datetime import timedelta
from itertools import count

import factory
from django.core.files.images import ImageFile
from django.utils import timezone
from PIL import Image as PillowImage
from wagtail.images import get_image_model
from wagtail.models import Locale

from newsdesk.ads.models import AdPlacement, Slot
from newsdesk.articles.models import ArticleAuthor, ArticlePage, HomePage, SectionPage
from newsdesk.people.models import Person

_numbers = count(1)


def unique(prefix):
    """A name no other test object of this run has, e.g. "section-7"."""
    return f"{prefix}-{next(_numbers)}"


def locale_of(language_code):
    return Locale.objects.get(language_code=language_code)


def edition_home(language_code="en"):
    """The home page of an edition (the `outlet` fixture creates one per edition)."""
    return HomePage.objects.get(locale__language_code=language_code)


def newest_time():
    """A publication time in the past, later than that of every story made before."""
    return timezone.now() - timedelta(days=1) + timedelta(seconds=next(_numbers))


def publish(page):
    """Publish the page's current state as a new revision, as the admin's Publish button does."""
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def image(title=None, width=64, height=36, color=(200, 30, 30)):
    """A tiny PNG drawn with Pillow, stored as a Wagtail image."""
    buffer = io.BytesIO()
    PillowImage.new("RGB", (width, height), color).save(buffer, format="PNG")
    title = title or unique("picture")
    return get_image_model().objects.create(
        title=title, file=ImageFile(buffer, name=f"{title}.png")
    )


def section(language_code="en", title=None, slug=None, position=100, description="", live=True):
    """A section page under an edition's home page."""
    title = title or unique("Section")
    page = SectionPage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        description=description,
        position=position,
        live=live,
    )
    edition_home(language_code).add_child(instance=page)
    return publish(page) if live else page


def article(
    section_page,
    title=None,
    slug=None,
    published_at=None,
    tags=(),
    authors=(),
    people=(),
    hero_image=None,
    live=True,
    revision=True,
    **fields,
):
    """An article under `section_page`, published by default; `fields` sets any other field.

    `revision=False` saves a live page straight into the tree without a revision, as the
    demo loader does: several times faster, for tests that need many stories.
    """
    title = title or unique("Story")
    page = ArticlePage(
        title=title,
        slug=slug or title.lower().replace(" ", "-"),
        published_at=published_at or newest_time(),
        hero_image=hero_image,
        live=live,
        **fields,
    )
    for position, person in enumerate(authors):
        page.authors.add(ArticleAuthor(person=person, sort_order=position))
    if tags:
        page.tags.add(*tags)
    if people:
        page.people.set(people)
    section_page.add_child(instance=page)
    if not revision:
        return page
    if live:
        return publish(page)
    page.save_revision()
    return page


def translation(page, language_code):
    """The page copied into another edition and published (its parent must be translated)."""
    copy = page.copy_for_translation(locale_of(language_code))
    return publish(copy)


def section_translation(section_page, language_code, title=None):
    """A section translated into another edition, with its own title there."""
    copy = section_page.copy_for_translation(locale_of(language_code))
    if title:
        copy.title = title
    return publish(copy)


class PersonFactory(factory.django.DjangoModelFactory):
    """An author or expert in one edition (English unless `locale` is given)."""

    class Meta:
        model = Person

    name = factory.Sequence(lambda n: f"Person {n}")
    slug = factory.Sequence(lambda n: f"person-{n}")
    credentials = "Political scientist"
    affiliation = "Yerevan State University"
    is_author = False
    locale = factory.LazyFunction(lambda: locale_of("en"))


def person_translation(person, language_code, name=None):
    """The same person written for another edition (shares the translation key)."""
    copy = person.copy_for_translation(locale_of(language_code))
    if name:
        copy.name = name
    copy.save()
    return copy


class AdPlacementFactory(factory.django.DjangoModelFactory):
    """An HTML ad running in the header slot of every edition, with no time limits."""

    class Meta:
        model = AdPlacement

    name = factory.Sequence(lambda n: f"Campaign {n}")
    slot = Slot.HEADER
    language_code = ""
    html = factory.Sequence(lambda n: f'<a href="https://advertiser.example/{n}">Ad {n}</a>')
    is_active = True


def listed(response):
    """The stories a listing page shows, in order, as articles (pages list them by id)."""
    ids = response.context["story_ids"]
    stories = ArticlePage.objects.in_bulk(ids)
    return [stories[pk] for pk in ids]
