"""The invented outlet around the stories: its wording, sections, people and tag vocabulary.

Each step reuses what an earlier run made, so seeding twice adds nothing here.
"""

import uuid
from dataclasses import dataclass

from anyascii import anyascii
from django.utils.text import slugify
from faker import Faker
from taggit.models import Tag

from newsdesk.articles.models import HomePage, SectionPage
from newsdesk.demo.news import bio
from newsdesk.demo.vocabulary import (
    AFFILIATIONS,
    ARMENIAN_TO_CYRILLIC,
    AUTHOR_CREDENTIALS,
    BRAND,
    CYRILLIC_TO_ARMENIAN,
    EXPERT_CREDENTIALS,
    OUTLET_LINKS,
    SECTIONS,
    TOPIC_TAGS,
)
from newsdesk.editions.models import EditionSettings, OutletSettings
from newsdesk.newsroom.setup import DEFAULT_OUTLET_NAME
from newsdesk.people.models import Person

AUTHOR_COUNT = 12
EXPERT_COUNT = 18


@dataclass
class Cast:
    """The demo people of every edition, index-aligned: authors[i] is one person in any language."""

    authors: dict  # language code -> [Person]
    experts: dict  # language code -> [Person]


def brand_setup(locales):
    """Give each edition the invented outlet's wording, unless an editor already wrote their own."""
    for code, locale in locales.items():
        wording = EditionSettings.objects.filter(locale=locale).first()
        untouched = wording is None or (
            wording.outlet_name == DEFAULT_OUTLET_NAME and not wording.reuse_notice
        )
        if untouched:
            wording = wording or EditionSettings(locale=locale)
            for field, value in BRAND[code].items():
                setattr(wording, field, value)
            wording.save()
    links = OutletSettings.load()
    empty = [field for field in OUTLET_LINKS if not getattr(links, field)]
    for field in empty:
        setattr(links, field, OUTLET_LINKS[field])
    if empty:
        links.save()


def section_setup(locales, primary):
    """The demo sections in every edition: language code -> [SectionPage] in SECTIONS order.

    Sections of the other editions are translations of the primary edition's, so the language
    switcher and the translation key tie them together.
    """
    primary_home = HomePage.objects.get(locale=locales[primary], depth=2)
    sections = {code: [] for code in locales}
    for position, (slug, names) in enumerate(SECTIONS, start=1):
        original = SectionPage.objects.child_of(primary_home).filter(slug=slug).first()
        if original is None:
            name, description = names[primary]
            original = SectionPage(
                title=name, slug=slug, description=description, position=position * 10
            )
            primary_home.add_child(instance=original)
            original.save_revision().publish()
        for code, locale in locales.items():
            if code == primary:
                sections[code].append(original)
                continue
            translated = original.get_translation_or_none(locale)
            if translated is None:
                translated = original.copy_for_translation(locale)
                translated.title, translated.description = names[code]
                translated.draft_title = translated.title
                translated.slug = slug
                translated.save_revision().publish()
                translated.refresh_from_db()
            sections[code].append(translated.specific)
    return sections


def latin(text):
    """Text in Latin letters, for English names and for URLs (which stay ASCII)."""
    # anyascii spells Armenian "ու" as "ow", where English writes "u" (Muradyan, not Mowradyan).
    text = text.replace("ու", "u").replace("Ու", "U")
    return anyascii(text).replace("'", "")


def transliterate(name, source, target):
    """One person's name in another edition's script."""
    if source == target:
        return name
    if target == "en":
        return latin(name)
    table = ARMENIAN_TO_CYRILLIC if source == "hy" else CYRILLIC_TO_ARMENIAN
    words = []
    for word in name.split():
        lowered = word.lower()
        # Longest keys first, so "յան" wins over "յ" + "ա" + "ն".
        for key in sorted(table, key=len, reverse=True):
            lowered = lowered.replace(key, table[key])
        words.append(lowered[:1].upper() + lowered[1:])
    return " ".join(words)


def invent_name(rng, faker_by_origin):
    """A name in the script of the person's origin: two in three Armenian, the rest Russian."""
    origin = "hy" if rng.random() < 2 / 3 else "ru"
    faker = faker_by_origin[origin]
    if rng.random() < 0.5:
        return origin, f"{faker.first_name_male()} {faker.last_name_male()}"
    return origin, f"{faker.first_name_female()} {faker.last_name_female()}"


def people_setup(rng, locales, portraits, seed):
    """The authors and experts of every edition, each person translated into every edition."""
    existing = people_in_every_edition(locales)
    if existing is not None:
        return existing
    faker_by_origin = {}
    for origin, faker_locale in (("hy", "hy_AM"), ("ru", "ru_RU")):
        faker_by_origin[origin] = Faker(faker_locale)
        faker_by_origin[origin].seed_instance(seed)
    used_slugs = set(Person.objects.values_list("slug", flat=True))
    cast = Cast(authors={code: [] for code in locales}, experts={code: [] for code in locales})
    for number in range(AUTHOR_COUNT + EXPERT_COUNT):
        is_author = number < AUTHOR_COUNT
        origin, name = invent_name(rng, faker_by_origin)
        slug = unique_slug(slugify(transliterate(name, origin, "en")), used_slugs)
        key = uuid.UUID(int=rng.getrandbits(128), version=4)
        if is_author:
            role = rng.randrange(len(AUTHOR_CREDENTIALS["en"]))
            affiliation = None
        else:
            role = rng.randrange(len(EXPERT_CREDENTIALS["en"]))
            affiliation = rng.randrange(len(AFFILIATIONS["en"]))
        photo = rng.choice(portraits) if not is_author or rng.random() < 0.5 else None
        for code, locale in locales.items():
            person = Person.objects.create(
                locale=locale,
                translation_key=key,
                name=transliterate(name, origin, code),
                slug=slug,
                is_author=is_author,
                credentials=(AUTHOR_CREDENTIALS if is_author else EXPERT_CREDENTIALS)[code][role],
                affiliation=(
                    BRAND[code]["outlet_name"] if is_author else AFFILIATIONS[code][affiliation]
                ),
                photo=photo,
                bio=bio(
                    code,
                    transliterate(name, origin, code),
                    (AUTHOR_CREDENTIALS if is_author else EXPERT_CREDENTIALS)[code][role],
                    SECTIONS[role % len(SECTIONS)][0],
                    key.int % 2**32,
                ),
            )
            (cast.authors if is_author else cast.experts)[code].append(person)
    return cast


def people_in_every_edition(locales):
    """The people an earlier run made, as a Cast; None when there are none to reuse."""
    by_key = {}
    for person in Person.objects.filter(locale__in=locales.values()).select_related("locale"):
        by_key.setdefault(person.translation_key, {})[person.locale.language_code] = person
    complete = [versions for versions in by_key.values() if len(versions) == len(locales)]
    if len(complete) < AUTHOR_COUNT + EXPERT_COUNT:
        return None
    cast = Cast(authors={code: [] for code in locales}, experts={code: [] for code in locales})
    for versions in sorted(complete, key=lambda versions: min(p.pk for p in versions.values())):
        for code, person in versions.items():
            (cast.authors if person.is_author else cast.experts)[code].append(person)
    return cast


def unique_slug(slug, used):
    """The slug, or the slug with the first free number after it."""
    candidate, number = slug, 2
    while candidate in used:
        candidate, number = f"{slug}-{number}", number + 1
    used.add(candidate)
    return candidate


def tag_setup(locales):
    """Each edition's tag vocabulary: language code -> [Tag], slugs in ASCII so URLs work."""
    names = {name for code in locales for name in TOPIC_TAGS[code]}
    existing = {tag.name: tag for tag in Tag.objects.filter(name__in=names)}
    used_slugs = set(Tag.objects.values_list("slug", flat=True))
    missing = []
    for code in locales:
        for name in TOPIC_TAGS[code]:
            if name in existing:
                continue
            slug = slugify(latin(name))
            # "Кино" and "Կինո" are both "kino"; the edition's code tells them apart.
            if slug in used_slugs:
                slug = f"{slug}-{code}"
            missing.append(Tag(name=name, slug=unique_slug(slug, used_slugs)))
    for tag in Tag.objects.bulk_create(missing):
        existing[tag.name] = tag
    return {code: [existing[name] for name in TOPIC_TAGS[code]] for code in locales}
