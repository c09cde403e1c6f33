"""Prepared queries answer exactly what the ORM's query would, for any argument values."""

import uuid
from datetime import timedelta

import factories
import pytest
from django.db import connection
from django.test import RequestFactory
from django.utils import timezone
from wagtail.models import Page

from newsdesk.articles.models import (
    ARTICLE_BY_ADDRESS,
    RELATED_STORIES,
    ArticleAuthor,
    ArticlePage,
    related_query,
)
from newsdesk.prepared import PreparedQuery, statement_rows

SECTION_NEWEST = PreparedQuery(
    ArticlePage,
    lambda now, section_id: (
        ArticlePage.objects.published(now)
        .filter(section_id=section_id)
        .newest_first()
        .values_list("pk", flat=True)[:10]
    ),
)


def test_rows_are_the_orms_for_every_value(newsroom):
    older = factories.article(newsroom.politics, published_at=timezone.now() - timedelta(days=2))
    newer = factories.article(newsroom.politics, published_at=timezone.now() - timedelta(hours=1))
    now = timezone.now()
    for moment in (now, now - timedelta(days=1), now - timedelta(days=3)):
        for section in (newsroom.politics, newsroom.politics_ru):
            expected = list(SECTION_NEWEST.build(moment, section.pk))
            assert SECTION_NEWEST.values(moment, section.pk) == expected
    # The moment is a real parameter: a day ago the newer story did not exist yet.
    assert newer.pk not in SECTION_NEWEST.values(now - timedelta(days=1), newsroom.politics.pk)
    assert older.pk in SECTION_NEWEST.values(now - timedelta(days=1), newsroom.politics.pk)


def test_uuid_arguments_are_adapted_like_the_orms(newsroom):
    by_key = PreparedQuery(
        Page,
        lambda key: (
            Page.objects.filter(translation_key=key).order_by("pk").values_list("pk", "url_path")
        ),
    )
    key = newsroom.story.translation_key
    assert by_key.rows(key) == [tuple(row) for row in by_key.build(key)]
    assert len(by_key.rows(key)) == 2  # the story and its Russian translation
    assert by_key.rows(uuid.uuid4()) == []


def test_objects_are_the_orms_instances(newsroom):
    story = newsroom.story
    [found] = ARTICLE_BY_ADDRESS.objects(story.url_path)
    expected = ArticlePage.objects.get(pk=story.pk)
    for field in ArticlePage._meta.concrete_fields:
        assert getattr(found, field.attname) == getattr(expected, field.attname), field.name
    # Converted as the ORM converts: an aware datetime and the body's blocks.
    assert found.published_at.tzinfo is not None
    assert [block.block_type for block in found.body] == [b.block_type for b in expected.body]
    assert found._state.adding is False and found._state.db == "default"
    assert ARTICLE_BY_ADDRESS.objects("/no/such/address/") == []


def test_objects_refuses_a_query_with_related_rows(newsroom):
    with_section = PreparedQuery(
        ArticlePage, lambda pk: ArticlePage.objects.filter(pk=pk).select_related("section")
    )
    with pytest.raises(ValueError, match="plain rows only"):
        with_section.objects(newsroom.story.pk)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")
def test_postgresql_prepares_hot_statements_on_the_server(newsroom):
    sql = "SELECT title FROM wagtailcore_page WHERE id = %s"
    assert statement_rows("default", sql, [newsroom.story.pk]) == [(newsroom.story.title,)]
    # The ORM's own queries are bound on the client and not prepared.
    assert Page.objects.filter(pk=newsroom.story.pk, depth__gte=1).values_list("slug")
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        prepared = [row[0] for row in cursor.fetchall()]
    assert "SELECT title FROM wagtailcore_page WHERE id = $1" in prepared
    assert not any('"depth" >=' in statement for statement in prepared)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL prepares statements")
def test_postgresql_plans_a_hot_statement_once(newsroom):
    # The related-stories read is the one PostgreSQL kept re-planning at every run: its
    # generic plan looks dearer than the custom plans, the LIMIT and tag ids being unknown.
    # A limit no page asks for: pages rendered earlier on this connection prepared their
    # own statement, whose counts are theirs.
    limit = RELATED_STORIES + 3
    story = factories.article(newsroom.politics, tags=["planned"])
    [tag_id] = story.tags.values_list("pk", flat=True)
    for _ in range(8):
        found = related_query(limit).values(timezone.now(), story.locale_id, 0, tag_id)
        assert found == [story.pk]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT generic_plans, custom_plans FROM pg_prepared_statements"
            f" WHERE statement LIKE '%articles_articletag%LIMIT {limit}'"
        )
        assert cursor.fetchall() == [(8, 0)]


def test_a_query_whose_sql_depends_on_the_values_is_refused(newsroom):
    def by_number(number):
        pages = Page.objects.values_list("pk")
        return pages.filter(pk=number) if number < 1_000_500 else pages.filter(depth=number)

    with pytest.raises(ValueError, match="depends on argument values"):
        PreparedQuery(Page, by_number).rows(3)


def test_only_plain_values_are_accepted(newsroom):
    with pytest.raises(TypeError, match="int, str, UUID and datetime"):
        SECTION_NEWEST.rows(timezone.now(), 1.5)


def test_a_preview_shows_the_editors_unsaved_byline(newsroom):
    story = ArticlePage.objects.get(pk=newsroom.story.pk)
    newcomer = factories.PersonFactory(name="Unsaved Newcomer", is_author=True)
    story.authors.add(ArticleAuthor(person=newcomer))
    preview = RequestFactory().get("/")
    preview.is_preview = True
    byline, tags, people = story.story_links(preview)
    assert newcomer in byline
    reader = RequestFactory().get("/")
    reader.is_preview = False
    byline, tags, people = story.story_links(reader)
    assert [person.name for person in byline] == ["Anna Writer"]
    assert [tag.name for tag in tags] == ["budget"]
    assert [person.name for person in people] == ["Ruben Expert"]


def test_objects_are_whole_converted_model_instances(newsroom):
    by_slug = PreparedQuery(
        ArticlePage, lambda slug: ArticlePage.objects.filter(slug=slug).order_by("pk")
    )
    found = by_slug.objects("parliament-passes-budget")
    expected = list(ArticlePage.objects.filter(slug="parliament-passes-budget").order_by("pk"))
    assert found == expected
    story = found[0]
    assert story.published_at == expected[0].published_at and story.published_at.tzinfo
    assert story.live is True and story.title == "Parliament passes budget"
    assert story.get_deferred_fields() == set()
