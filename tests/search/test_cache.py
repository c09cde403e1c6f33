"""Search results are cached like pages and purged when the edition's index changes."""

from datetime import timedelta

import factories
import pytest
from django.utils import timezone
from pagecache.test_invalidation import Reader

from newsdesk.pagecache.wsgi import SURROGATE_HEADER


@pytest.fixture
def reader(settings, newsroom):
    settings.NEWSDESK_PAGE_CACHE = True
    return Reader()


def test_results_name_the_editions_search_index(client, newsroom):
    for path in ("/en/search/?q=budget", "/en/search/titles/?q=bud"):
        response = client.get(path, HTTP_SURROGATE_CAPABILITY="newsdesk=XKey/1.0")
        assert "search-en" in response[SURROGATE_HEADER].split(), path


def test_a_cached_results_page_is_renewed_when_a_story_is_indexed(
    reader, newsroom, django_capture_on_commit_callbacks
):
    path = "/en/search/?q=glacier"
    assert "Glacier" not in reader.cached(path)
    titles = "/en/search/titles/?q=glac"
    assert "Glacier" not in reader.cached(titles)
    with django_capture_on_commit_callbacks(execute=True):
        factories.article(newsroom.politics, title="Glacier retreats")
    assert "Glacier retreats" in reader.read(path)[2]
    assert "Glacier retreats" in reader.read(titles)[2]


def test_another_editions_index_leaves_results_cached(
    reader, newsroom, django_capture_on_commit_callbacks
):
    path = "/en/search/?q=glacier"
    reader.cached(path)
    with django_capture_on_commit_callbacks(execute=True):
        factories.article(newsroom.politics_hy, title="Glacier in Syunik", slug="glacier-hy")
    assert reader.read(path)[0] == "HIT"


def test_results_are_kept_only_until_a_scheduled_story_comes_due(client, newsroom, indexed):
    with indexed():
        factories.article(
            newsroom.politics,
            title="Glacier tomorrow",
            published_at=timezone.now() + timedelta(minutes=3),
        )
    response = client.get("/en/search/", {"q": "glacier"})
    seconds = int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert seconds <= 4 * 60
