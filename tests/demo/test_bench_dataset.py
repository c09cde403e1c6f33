"""bench_dataset: stories written with bulk SQL that the site serves like pages saved by hand."""

import json
import math
import re
from collections import Counter, defaultdict
from datetime import timedelta
from io import StringIO
from types import SimpleNamespace

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import escape
from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry

from newsdesk.articles.models import ArticlePage, ArticleTag, SectionPage
from newsdesk.demo import bulk
from newsdesk.demo.content import MAX_ARTICLES
from newsdesk.demo.vocabulary import INTERVIEWS_SLUG
from newsdesk.metrics.models import ViewTally
from newsdesk.pagecache.keys import EVERYTHING

DATASET_SIZE = 300
SEED = 5
EDITIONS = ("en", "ru", "hy")


def bulk_load(size, seed):
    """Run the loader without purging the real page cache; return its result and purges."""
    purges = []
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(bulk, "announce_change", lambda *keys: purges.append(keys))
        result = bulk.articles_bulk_load(size, seed=seed, show_progress=False)
    return result, purges


@pytest.fixture(scope="module")
def dataset_rows(django_db_setup, django_db_blocker):
    """DATASET_SIZE articles loaded once for this module on top of the suite's shared content.

    Held in a transaction of the module's own, rolled back after its last test; each test runs
    in a savepoint inside it.
    """
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        before = set(ArticlePage.objects.values_list("pk", flat=True))
        result, purges = bulk_load(DATASET_SIZE, SEED)
        ids = sorted(set(ArticlePage.objects.values_list("pk", flat=True)) - before)
    yield SimpleNamespace(result=result, purges=purges, ids=ids)
    with django_db_blocker.unblock():
        transaction.set_rollback(True)
        atomic.__exit__(None, None, None)


@pytest.fixture
def dataset(dataset_rows, db):
    """The module's loaded articles, inside this test's own savepoint."""
    return dataset_rows


def new_articles(dataset):
    return ArticlePage.objects.filter(pk__in=dataset.ids)


def body_text(html):
    return re.sub(r"<[^>]+>", " ", html)


def test_adds_exactly_the_articles_asked_for_in_every_edition(dataset):
    per_edition = Counter(new_articles(dataset).values_list("locale__language_code", flat=True))
    assert len(dataset.ids) == DATASET_SIZE
    assert dataset.result.created == DATASET_SIZE
    assert dict(per_edition) == dataset.result.per_edition
    assert set(per_edition) == set(EDITIONS)
    assert all(count >= DATASET_SIZE // 6 for count in per_edition.values())


def test_page_tree_stays_valid(dataset):
    assert Page.find_problems() == ([], [], [], [], [])
    for section in SectionPage.objects.all():
        assert section.numchild == Page.objects.child_of(section).count(), section.url_path


def test_articles_sit_under_their_section_as_add_child_places_them(dataset):
    for article in new_articles(dataset).select_related("section"):
        section = article.section
        assert article.get_parent().pk == section.pk
        assert article.depth == section.depth + 1
        assert article.path.startswith(section.path)
        assert article.url_path == f"{section.url_path}{article.slug}/"
        assert article.locale_id == section.locale_id
        assert article.live and not article.has_unpublished_changes
        assert article.draft_title == article.title
        assert article.first_published_at == article.last_published_at == article.published_at
        assert article.published_at <= timezone.now()
    slugs = Counter(new_articles(dataset).values_list("section_id", "slug"))
    assert max(slugs.values()) == 1


def test_every_article_answers_at_its_url_with_its_title(client, dataset):
    for article in new_articles(dataset):
        response = client.get(article.url)
        assert response.status_code == 200, article.url
        assert escape(article.title) in response.content.decode(), article.url


def listing_html(client, url, stories):
    """Every page of a listing of `stories` stories, read through the site, as one string."""
    html = ""
    for number in range(1, math.ceil(stories / settings.NEWSDESK_PAGE_SIZE) + 1):
        response = client.get(f"{url}?page={number}")
        assert response.status_code == 200, f"{url}?page={number}"
        html += response.content.decode()
    return html


def test_section_listings_show_every_new_article(client, dataset):
    titles = defaultdict(set)
    for article in new_articles(dataset):
        titles[article.section_id].add(escape(article.title))
    for section in SectionPage.objects.filter(pk__in=titles):
        stories = ArticlePage.objects.latest_in(section).count()
        html = listing_html(client, section.url, stories)
        assert {title for title in titles[section.pk] if title not in html} == set()


def test_tag_pages_show_every_new_article(client, dataset):
    titles = defaultdict(set)
    links = ArticleTag.objects.filter(content_object_id__in=dataset.ids)
    for link in links.select_related("content_object__locale", "tag"):
        article = link.content_object
        titles[(article.locale, link.tag)].add(escape(article.title))
    for (locale, tag), tagged in titles.items():
        stories = ArticlePage.objects.tagged(tag).in_edition(locale).count()
        with translation.override(locale.language_code):
            url = reverse("tag", kwargs={"slug": tag.slug})
        html = listing_html(client, url, stories)
        assert {title for title in tagged if title not in html} == set()


def test_tag_links_carry_their_articles_publication_time(dataset):
    links = ArticleTag.objects.filter(content_object_id__in=dataset.ids)
    per_article = Counter(links.values_list("content_object_id", flat=True))
    assert set(per_article) == set(dataset.ids)
    assert min(per_article.values()) >= 2 and max(per_article.values()) <= 5
    assert not links.filter(published_at=None).exists()
    assert not links.exclude(published_at=F("content_object__published_at")).exists()


def test_translations_share_a_key_across_editions(dataset):
    versions = defaultdict(list)
    for article in new_articles(dataset).select_related("locale", "section"):
        versions[article.translation_key].append(article)
    translated = [story for story in versions.values() if len(story) > 1]
    assert translated
    for story in translated:
        codes = [article.locale.language_code for article in story]
        assert len(set(codes)) == len(codes) and "en" in codes
        original = next(article for article in story if article.locale.language_code == "en")
        for article in story:
            assert article.section.translation_key == original.section.translation_key
            assert article.published_at >= original.published_at
    translations = sum(len(story) - 1 for story in translated)
    assert translations == dataset.result.translations
    english_stories = [
        story for story in versions.values() if story[0].locale.language_code == "en"
    ]
    share = len(translated) / len(english_stories)
    assert 0.2 < share < 0.6


def test_bodies_are_about_800_words_in_the_demo_shape(dataset):
    images = set(get_image_model().objects.values_list("pk", flat=True))
    words = []
    for article in new_articles(dataset).select_related("section"):
        blocks = list(article.body.raw_data)
        kinds = Counter(block["type"] for block in blocks)
        people = set(article.people.values_list("pk", flat=True))
        assert people <= set(
            article.people.filter(locale_id=article.locale_id).values_list("pk", flat=True)
        )
        if article.section.slug == INTERVIEWS_SLUG:
            assert set(kinds) == {"paragraph", "question_answer"}
            assert people, "an interview has its interviewee among its people"
        else:
            assert kinds["heading"] == 1 and kinds["paragraph"] >= 13
            assert kinds["quote"] <= 2 and kinds["image"] <= 1
        text = []
        for block in blocks:
            value = block["value"]
            if block["type"] == "quote":
                assert value["speaker"] in people
            elif block["type"] == "image":
                assert value["image"] in images
            elif block["type"] == "question_answer":
                text += [value["question"], value["answer"]]
            else:
                text.append(value)
        words.append(len(body_text(" ".join(text)).split()))
    assert 750 < sum(words) / len(words) < 850
    assert min(words) > 400 and max(words) < 1300


def test_bodies_are_stored_as_django_writes_them(dataset):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT body FROM articles_articlepage WHERE page_ptr_id BETWEEN %s AND %s",
            [dataset.ids[0], dataset.ids[-1]],
        )
        stored = [row[0] for row in cursor.fetchall()]
    assert len(stored) == DATASET_SIZE
    for raw in stored:
        value = json.loads(raw) if isinstance(raw, str) else raw
        assert isinstance(value, list) and value
        if connection.vendor == "sqlite":
            # SQLite keeps JSON as text: the bytes must be those Django's JSONField writes.
            assert raw == json.dumps(value, cls=DjangoJSONEncoder)


def test_articles_pass_wagtails_validation(dataset):
    sample = list(new_articles(dataset).order_by("?")[:12])
    sample += list(new_articles(dataset).filter(section__slug=INTERVIEWS_SLUG)[:2])
    for article in sample:
        article.full_clean()


def test_articles_have_a_byline_or_a_credit_and_a_log_entry(dataset):
    for article in new_articles(dataset).prefetch_related("authors"):
        authors = list(article.authors.all())
        assert len(authors) <= 2
        assert [author.sort_order for author in authors] == list(range(len(authors)))
        assert bool(article.byline_credit) != bool(authors)
        assert article.hero_image_id is not None
    logged = PageLogEntry.objects.filter(page_id__in=dataset.ids, action="wagtail.create")
    assert logged.count() == DATASET_SIZE


def test_recent_articles_have_hourly_views_within_their_view_count(dataset):
    week_ago = timezone.now() - timedelta(days=bulk.TALLY_DAYS)
    recent = new_articles(dataset).filter(published_at__gte=week_ago)
    breaking = set(recent.filter(is_breaking=True).values_list("translation_key", flat=True))
    assert len(breaking) == bulk.BREAKING_PER_EDITION * len(EDITIONS)
    tallies = ViewTally.objects.filter(article_id__in=dataset.ids)
    assert set(tallies.values_list("article_id", flat=True)) == set(
        recent.values_list("pk", flat=True)
    )
    for article in recent:
        rows = tallies.filter(article_id=article.pk)
        assert rows.aggregate(views=Sum("views"))["views"] <= article.view_count
        first_hour = article.published_at.replace(minute=0, second=0, microsecond=0)
        for tally in rows:
            assert first_hour <= tally.hour <= timezone.now()
            assert tally.locale_id == article.locale_id


def test_loading_purges_every_cache_and_fills_every_column_on_purpose(dataset):
    assert dataset.purges == [(EVERYTHING,)]
    assert dataset.result.unplanned_columns == []


def test_same_seed_writes_the_same_stories_at_any_time_of_day(db, outlet, monkeypatch):
    def stories(now):
        monkeypatch.setattr(bulk.timezone, "now", lambda: now)
        with transaction.atomic():
            before = set(ArticlePage.objects.values_list("pk", flat=True))
            bulk_load(40, seed=11)
            written = list(
                ArticlePage.objects.exclude(pk__in=before)
                .order_by("pk")
                .values_list("locale__language_code", "section__slug", "title", "slug", "lead")
            )
            transaction.set_rollback(True)
        return written

    # Two minutes apart, on either side of an hour: the hours stories were read in differ.
    hour = timezone.now().replace(minute=0, second=0, microsecond=0) - timedelta(hours=2)
    first = stories(hour - timedelta(minutes=1))
    assert len(first) == 40
    assert stories(hour + timedelta(minutes=1)) == first


@pytest.mark.parametrize("size", ["0", "-3", str(MAX_ARTICLES + 1)])
def test_command_refuses_a_size_out_of_range(outlet, size):
    with pytest.raises(CommandError, match="--size must be between 1 and 1,000,000"):
        call_command("bench_dataset", "--size", size, "--no-progress")


def test_command_refuses_a_database_holding_fewer_articles(outlet):
    existing = ArticlePage.objects.count()
    assert existing
    with pytest.raises(CommandError, match=f"already holds {existing:,} articles"):
        call_command("bench_dataset", "--size", str(existing + 1), "--no-progress")
    assert ArticlePage.objects.count() == existing


def test_command_does_nothing_when_the_database_holds_enough(outlet):
    output = StringIO()
    existing = ArticlePage.objects.count()
    call_command("bench_dataset", "--size", str(existing), "--no-progress", stdout=output)
    assert "Nothing to do" in output.getvalue()
    assert ArticlePage.objects.count() == existing


def test_command_fills_an_empty_database_and_reports_its_speed(outlet, monkeypatch):
    purges = []
    monkeypatch.setattr(bulk, "announce_change", lambda *keys: purges.append(keys))
    Page.objects.type(ArticlePage).delete()
    output = StringIO()
    call_command("bench_dataset", "--size", "25", "--seed", "3", "--no-progress", stdout=output)
    assert ArticlePage.objects.count() == 25
    assert re.search(
        r"Created 25 articles \(en \d+, ru \d+, hy \d+; \d+ translations\)", output.getvalue()
    )
    assert "articles/s" in output.getvalue()
    assert purges == [(EVERYTHING,)]
