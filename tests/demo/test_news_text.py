"""Demo stories read like news, in every edition, and a translation says what its original says."""

import re
from dataclasses import dataclass
from io import StringIO

from django.core.management import call_command
from django.db import transaction

from newsdesk.articles.models import ArticlePage
from newsdesk.demo import phrases
from newsdesk.demo.news import Named, StoryText, in_language
from newsdesk.people.models import Person

SCRIPTS = {
    "en": re.compile(r"[A-Za-z]"),
    "ru": re.compile(r"[А-Яа-яЁё]"),
    "hy": re.compile(r"[Ա-Ֆա-ֆ]"),
}


def template_pattern(template):
    """A regex matching `template` with any text in its slots."""
    return re.compile(re.sub(r"\\\{[A-Za-z_]+\\\}", ".+", re.escape(template)) + "$")


@dataclass
class Seeded:
    """A seeded story as plain values: the rows are rolled back once the module has them."""

    language: str
    section: str
    title: str
    translation_key: str
    texts: list
    block_types: list
    people: set
    speakers: set
    names_known: set  # every person's name in the story's edition


def seeded_stories():
    """90 demo stories, read and then rolled back, so no other test sees them."""
    with transaction.atomic():
        before = set(ArticlePage.objects.values_list("pk", flat=True))
        total = str(len(before) + 90)
        call_command(
            "seed_demo", "--articles", total, "--seed", "5", "--no-progress", stdout=StringIO()
        )
        names = {}
        for person in Person.objects.all():
            names.setdefault(person.locale_id, set()).add(person.name)
        stories = [
            Seeded(
                language=story.locale.language_code,
                section=story.section.slug,
                title=story.title,
                translation_key=str(story.translation_key),
                texts=texts(story),
                block_types=[block.block_type for block in story.body],
                people={person.name for person in story.people.all()},
                speakers={
                    block.value["speaker"].name
                    for block in story.body
                    if block.block_type == "quote"
                },
                names_known=names[story.locale_id],
            )
            for story in ArticlePage.objects.exclude(pk__in=before).select_related(
                "locale", "section"
            )
        ]
        transaction.set_rollback(True)
    return stories


def texts(story):
    parts = [story.title, story.subtitle, story.lead]
    for block in story.body:
        value = block.value
        if block.block_type == "paragraph":
            parts.append(value.source)
        elif block.block_type in ("heading",):
            parts.append(value)
        elif block.block_type == "quote":
            parts.append(value["text"])
        elif block.block_type == "question_answer":
            parts += [value["question"], value["answer"].source]
    return parts


def test_seeded_demo_stories_read_like_news(db):
    """One seeding (a few seconds), every check of what it wrote."""
    seeded = seeded_stories()
    every_story_is_written_from_the_phrase_book_in_its_own_language(seeded)
    the_people_a_story_quotes_and_names_are_its_own(seeded)
    a_translation_tells_the_same_story(seeded)


def every_story_is_written_from_the_phrase_book_in_its_own_language(seeded):
    for story in seeded:
        code = story.language
        for text in story.texts:
            assert "{" not in text and "}" not in text, (story.title, text)
            assert SCRIPTS[code].search(text), (code, text)
        if story.section != "interviews":
            titles = [template_pattern(t) for t in in_language(phrases.TITLES, code)]
            assert any(pattern.match(story.title) for pattern in titles), story.title


def the_people_a_story_quotes_and_names_are_its_own(seeded):
    for story in seeded:
        assert story.speakers <= story.people
        text = " ".join(story.texts)
        named = {name for name in story.names_known if len(name) > 5 and name in text}
        assert named <= story.people, (story.title, named)
        if story.section == "interviews":
            assert named, story.title


def a_translation_tells_the_same_story(seeded):
    by_key = {}
    for story in seeded:
        by_key.setdefault(story.translation_key, {})[story.language] = story
    pairs = [versions for versions in by_key.values() if {"en", "ru"} <= set(versions)]
    assert pairs
    for versions in pairs:
        english, russian = versions["en"], versions["ru"]
        assert english.block_types == russian.block_types
        towns = [town for town in phrases.TOWNS if town[0] in " ".join(english.texts)]
        assert towns, english.title
        for town in towns:
            assert town[1] in " ".join(russian.texts), (english.title, russian.title)


def test_a_story_never_repeats_a_sentence():
    text = StoryText("en", "politics", 3, [Named("Lilit Avetisyan", "Lawyer")])
    sentences = [text.paragraph() for _ in range(5)]
    split = [s.strip() for p in sentences for s in re.split(r"(?<=\.) ", p)]
    assert len(split) == len(set(split))


def test_every_template_fills_in_every_language():
    person = Named("Name", "Credentials")
    lists = [
        value
        for value in vars(phrases).values()
        if isinstance(value, list) and value and isinstance(value[0], tuple)
    ]
    for section in phrases.TOPICS:
        for code in phrases.LANGUAGES:
            text = StoryText(code, section, 1, [person])
            for entries in lists:
                for template in in_language(entries, code):
                    if "{short_quote}" not in template:
                        text.fill(template, person)
