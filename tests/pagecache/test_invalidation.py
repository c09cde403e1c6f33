"""Every kind of change reaches every cached page that shows it, and nothing else.

Pages are read through the real stack (the page cache's WSGI layer in front of Django) and
cached; then the newsroom changes something the way the admin does, the transaction
commits (announcements are sent on commit), and the page is read again.
"""

import io
from datetime import timedelta

import factories
import pytest
from django.core.handlers.wsgi import WSGIHandler
from django.utils import timezone
from wagtail.models import Locale
from wsgi_calls import connection_kept

from newsdesk.ads.models import Slot
from newsdesk.articles.models import ArticlePage
from newsdesk.editions.models import EditionSettings
from newsdesk.pagecache.wsgi import PageCacheMiddleware


class Reader:
    """Reads pages through the page cache as an anonymous reader: (X-Cache, status, text)."""

    def __init__(self):
        self.application = PageCacheMiddleware(WSGIHandler())

    def read(self, path, **headers):
        path, _, query = path.partition("?")
        environ = {
            "REQUEST_METHOD": "GET",
            "PATH_INFO": path,
            "QUERY_STRING": query,
            "SERVER_NAME": "localhost",
            "SERVER_PORT": "80",
            "HTTP_HOST": "localhost",
            "SERVER_PROTOCOL": "HTTP/1.1",
            "wsgi.url_scheme": "http",
            "wsgi.input": io.BytesIO(),
            "wsgi.errors": io.StringIO(),
            **{"HTTP_" + name.upper(): value for name, value in headers.items()},
        }
        answer = {}

        def start_response(status, response_headers, exc_info=None):
            answer["status"] = int(status.split()[0])
            answer["headers"] = dict(response_headers)

        with connection_kept():
            body = b"".join(self.application(environ, start_response))
        return answer["headers"].get("X-Cache"), answer["status"], body.decode()

    def cached(self, path):
        """Read `path` twice; the second answer comes from the cache. Returns its text."""
        self.read(path)
        outcome, status, text = self.read(path)
        assert (outcome, status) == ("HIT", 200), f"{path} was not cached: {outcome} {status}"
        return text


@pytest.fixture
def reader(settings, newsroom):
    settings.NEWSDESK_PAGE_CACHE = True
    return Reader()


@pytest.fixture
def commit(django_capture_on_commit_callbacks):
    """Run a change and its on-commit callbacks, as a committed admin request would."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


def edited(page, **fields):
    page = page.specific.__class__.objects.get(pk=page.pk)
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return page


def test_editing_an_article_updates_every_page_that_shows_it(reader, commit, newsroom):
    neighbour = factories.article(newsroom.politics, tags=["budget"])
    pages = [
        newsroom.story.url,
        newsroom.politics.url,
        "/en/",
        "/en/tags/budget/",
        "/en/people/anna-writer/",
        neighbour.url,  # shows the story among its related stories
    ]
    for path in pages:
        assert "Parliament passes budget" in reader.cached(path)
    commit(edited, newsroom.story, title="Parliament passes amended budget")
    for path in pages:
        outcome, status, text = reader.read(path)
        assert outcome == "MISS", path
        assert "Parliament passes amended budget" in text, path


def test_an_edit_leaves_pages_that_do_not_show_the_article_cached(reader, commit, newsroom):
    reader.cached(newsroom.story_hy.url)
    reader.cached("/hy/")
    commit(edited, newsroom.story, title="Parliament passes amended budget")
    assert reader.read(newsroom.story_hy.url)[0] == "HIT"
    assert reader.read("/hy/")[0] == "HIT"


def test_a_new_article_joins_its_section_home_tag_and_author_pages(reader, commit, newsroom):
    pages = [newsroom.politics.url, "/en/", "/en/tags/budget/", "/en/people/anna-writer/"]
    for path in pages:
        reader.cached(path)
    commit(
        factories.article,
        newsroom.politics,
        title="Fresh budget vote",
        tags=["budget"],
        authors=[newsroom.author],
    )
    for path in pages:
        assert "Fresh budget vote" in reader.read(path)[2], path


def test_unpublishing_removes_the_article_everywhere(reader, commit, newsroom):
    pages = [newsroom.politics.url, "/en/", "/en/tags/budget/"]
    for path in [newsroom.story.url, *pages]:
        reader.cached(path)
    commit(lambda: ArticlePage.objects.get(pk=newsroom.story.pk).unpublish())
    assert reader.read(newsroom.story.url)[1] == 404
    for path in pages:
        assert "Parliament passes budget" not in reader.read(path)[2], path


def test_deleting_removes_the_article_everywhere(reader, commit, newsroom):
    url = newsroom.story.url
    for path in [url, newsroom.politics.url, "/en/"]:
        reader.cached(path)
    commit(lambda: ArticlePage.objects.get(pk=newsroom.story.pk).delete())
    assert reader.read(url)[1] == 404
    assert "Parliament passes budget" not in reader.read(newsroom.politics.url)[2]
    assert "Parliament passes budget" not in reader.read("/en/")[2]


def test_moving_an_article_moves_it_between_section_pages(reader, commit, newsroom):
    economy = factories.section("en", title="Economy")
    for path in [newsroom.politics.url, economy.url]:
        reader.cached(path)
    commit(lambda: ArticlePage.objects.get(pk=newsroom.story.pk).move(economy, "last-child"))
    assert "Parliament passes budget" not in reader.read(newsroom.politics.url)[2]
    assert "Parliament passes budget" in reader.read(economy.url)[2]
    assert ArticlePage.objects.get(pk=newsroom.story.pk).section_id == economy.pk


def test_a_later_page_of_a_section_shifts_when_a_story_is_published(
    reader, commit, newsroom, settings
):
    settings.NEWSDESK_PAGE_SIZE = 1
    factories.article(newsroom.politics, title="Second story")
    second_page = reader.cached(newsroom.politics.url + "?page=2")
    commit(factories.article, newsroom.politics, title="Pushes the others down")
    outcome, status, text = reader.read(newsroom.politics.url + "?page=2")
    assert outcome == "MISS" and text != second_page


def test_renaming_a_section_updates_its_articles_and_the_menu(reader, commit, newsroom):
    reader.cached(newsroom.story.url)
    reader.cached("/en/")
    commit(edited, newsroom.politics, title="Power")
    assert ">Power<" in reader.read(newsroom.story.url)[2]
    assert ">Power<" in reader.read("/en/")[2]


def test_renaming_a_person_updates_the_bylines_and_their_page(reader, commit, newsroom):
    reader.cached(newsroom.story.url)
    reader.cached("/en/people/anna-writer/")

    def rename():
        newsroom.author.name = "Anna Renamed"
        newsroom.author.save()

    commit(rename)
    assert "Anna Renamed" in reader.read(newsroom.story.url)[2]
    assert "Anna Renamed" in reader.read("/en/people/anna-writer/")[2]


def test_renaming_a_tag_updates_its_page_and_the_articles(reader, commit, newsroom):
    tag = newsroom.story.tags.get(slug="budget")
    reader.cached(newsroom.story.url)
    reader.cached("/en/tags/budget/")

    def rename():
        tag.name = "fiscal"
        tag.save()

    commit(rename)
    assert "#fiscal" in reader.read(newsroom.story.url)[2]
    assert "#fiscal" in reader.read("/en/tags/budget/")[2]


def test_changing_the_editions_wording_updates_its_pages_only(reader, commit, newsroom):
    reader.cached("/en/")
    reader.cached("/ru/")

    def rename():
        settings_en = EditionSettings.objects.get(locale=Locale.objects.get(language_code="en"))
        settings_en.outlet_name = "The Renamed Courier"
        settings_en.save()

    commit(rename)
    assert "The Renamed Courier" in reader.read("/en/")[2]
    assert reader.read("/ru/")[0] == "HIT"


def test_a_new_ad_placement_appears_on_cached_pages(reader, commit, newsroom):
    reader.cached("/en/")
    ad = commit(factories.AdPlacementFactory, slot=Slot.HEADER, html="<p>Spring sale</p>")
    assert f"/ads/{ad.pk}/frame/" in reader.read("/en/")[2]


def test_an_ad_that_ends_soon_limits_how_long_the_page_is_kept(client, newsroom):
    factories.AdPlacementFactory(
        slot=Slot.ARTICLE_END, ends_at=timezone.now() + timedelta(seconds=90)
    )
    cache_control = client.get(newsroom.story.url)["Cache-Control"]
    seconds = int(cache_control.split("s-maxage=")[1].split(",")[0])
    assert 80 <= seconds <= 90


def test_breaking_news_ages_out_of_the_cached_home_page(client, newsroom):
    factories.article(
        newsroom.politics,
        is_breaking=True,
        published_at=timezone.now() - timedelta(hours=23, minutes=59),
    )
    cache_control = client.get("/en/")["Cache-Control"]
    assert int(cache_control.split("s-maxage=")[1].split(",")[0]) <= 60


def test_publishing_a_translation_updates_the_originals_switcher(reader, commit, newsroom):
    english = reader.cached(newsroom.story_hy.url)
    assert 'hreflang="en"' in english
    translation = commit(factories.translation, newsroom.story_hy, "en")
    switcher = reader.read(newsroom.story_hy.url)[2]
    assert f'href="{translation.url}"' in switcher


def test_editors_and_previews_bypass_the_cache(reader, client, newsroom, admin_user):
    reader.cached(newsroom.story.url)
    client.force_login(admin_user)
    session = client.cookies["sessionid"].value
    outcome, status, text = reader.read(newsroom.story.url, COOKIE=f"sessionid={session}")
    assert outcome is None and status == 200
    response = client.get(newsroom.story.url)
    assert "public" not in response.get("Cache-Control", "")
    preview = client.get(f"/admin/pages/{newsroom.story.pk}/edit/preview/")
    assert "public" not in preview.get("Cache-Control", "")


def test_loading_demo_content_leaves_no_stale_page(reader, commit, newsroom):
    from newsdesk.demo.content import demo_content_seed

    before = reader.cached("/en/")
    commit(demo_content_seed, ArticlePage.objects.count() + 30, show_progress=False)
    outcome, status, after = reader.read("/en/")
    assert outcome == "MISS" and after != before


def test_an_article_published_ahead_of_time_joins_the_lists_when_its_time_comes(
    reader, commit, newsroom
):
    from newsdesk.articles.models import due_articles_announce

    moment = timezone.now() + timedelta(minutes=5)
    factories.article(newsroom.politics, title="Embargoed until noon", published_at=moment)
    assert "Embargoed until noon" not in reader.cached(newsroom.politics.url)
    ArticlePage.objects.filter(title="Embargoed until noon").update(
        published_at=timezone.now() - timedelta(seconds=1)
    )
    # The serve command's timer runs this every minute with the time of its previous run.
    assert commit(due_articles_announce, timezone.now() - timedelta(minutes=1), timezone.now())
    assert "Embargoed until noon" in reader.read(newsroom.politics.url)[2]


def test_translating_a_section_updates_the_switcher_of_the_original(reader, commit, newsroom):
    economy = factories.section("en", title="Economy")
    assert 'href="/ru/economy/"' not in reader.cached(economy.url)
    commit(factories.section_translation, economy, "ru", title="Экономика")
    assert 'href="/ru/economy/"' in reader.read(economy.url)[2]


def test_pinning_a_story_renews_the_cached_front_page_at_once(reader, commit, newsroom):
    from newsdesk.articles.frontpage import FrontPagePin

    def top_story(text):
        return text.split('class="top-story"')[1].split("</article>")[0]

    older = factories.article(
        newsroom.politics, title="Old story pinned", published_at=timezone.now() - timedelta(days=9)
    )
    assert "Old story pinned" not in top_story(reader.cached("/en/"))
    reader.cached("/ru/")
    made = commit(FrontPagePin.objects.create, locale=older.locale, slot=1, article=older)
    outcome, _status, text = reader.read("/en/")
    assert outcome == "MISS" and "Old story pinned" in top_story(text)
    assert reader.read("/ru/")[0] == "HIT"
    reader.cached("/en/")
    commit(made.delete)
    assert "Old story pinned" not in top_story(reader.read("/en/")[2])


def test_raising_and_lowering_the_strip_renews_the_cached_front_page(reader, commit, newsroom):
    from newsdesk.articles.frontpage import BreakingNews

    reader.cached("/en/")
    strip = commit(
        BreakingNews.objects.create,
        locale=newsroom.story.locale,
        title="Storm warning",
        ends_at=timezone.now() + timedelta(hours=1),
    )
    assert "Storm warning" in reader.read("/en/")[2]
    reader.cached("/en/")
    commit(strip.lower)
    assert "Storm warning" not in reader.read("/en/")[2]


def test_a_strip_or_pin_that_ends_soon_limits_how_long_the_home_page_is_kept(client, newsroom):
    from newsdesk.articles.frontpage import BreakingNews, FrontPagePin

    BreakingNews.objects.create(
        locale=newsroom.story.locale,
        title="Ends soon",
        ends_at=timezone.now() + timedelta(seconds=90),
    )
    FrontPagePin.objects.create(
        locale=newsroom.story.locale,
        slot=1,
        article=newsroom.story,
        expires_at=timezone.now() + timedelta(seconds=60),
    )
    max_age = int(client.get("/en/")["Cache-Control"].split("s-maxage=")[1].split(",")[0])
    assert 0 < max_age <= 60
