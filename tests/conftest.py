"""Fixtures shared by the whole suite: an outlet with its editions, and a real running server."""

import os
from types import SimpleNamespace

import pytest
from demo_site import demo_site, discover
from django.test import Client

# Enough stories for "load more" to have several pages in every section of every edition.
SERVER_DEMO_ARTICLES = int(os.environ.get("TEST_SERVER_ARTICLES", "600"))


@pytest.fixture(scope="session", autouse=True)
def media_in_tmp(tmp_path_factory):
    """Pictures made by tests go to a folder of the run's own, never into var/media."""
    from django.test.utils import override_settings

    override = override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media"))
    override.enable()
    yield
    override.disable()


@pytest.fixture(scope="session", autouse=True)
def page_cache_of_the_run(tmp_path_factory):
    """The page cache's shared store and the view buffer: SQLite files of the run's own, or
    Redis under prefixes of the run's own when the suite runs against the services."""
    from django.conf import settings
    from django.test.utils import override_settings

    from newsdesk.counters.buffer import counter_buffer
    from newsdesk.metrics.buffer import view_buffer
    from newsdesk.pagecache.cache import page_cache
    from newsdesk.ratelimit import limits

    overrides = {
        "NEWSDESK_PAGE_CACHE_PREFIX": f"newsdesk-test-{os.getpid()}:pagecache:",
        "NEWSDESK_VIEW_BUFFER_PREFIX": f"newsdesk-test-{os.getpid()}:views:",
        "NEWSDESK_RATE_LIMIT_PREFIX": f"newsdesk-test-{os.getpid()}:ratelimit:",
        "NEWSDESK_COUNTER_BUFFER_PREFIX": f"newsdesk-test-{os.getpid()}:counters:",
    }
    folder = tmp_path_factory.mktemp("cache")
    if not settings.NEWSDESK_PAGE_CACHE_STORE.startswith(("redis://", "rediss://")):
        overrides["NEWSDESK_PAGE_CACHE_STORE"] = f"sqlite:///{folder / 'pages.sqlite3'}"
    if not settings.NEWSDESK_VIEW_BUFFER.startswith(("redis://", "rediss://")):
        overrides["NEWSDESK_VIEW_BUFFER"] = f"sqlite:///{folder / 'views.sqlite3'}"
    if not settings.NEWSDESK_RATE_LIMIT_STORE.startswith(("redis://", "rediss://")):
        overrides["NEWSDESK_RATE_LIMIT_STORE"] = f"sqlite:///{folder / 'ratelimit.sqlite3'}"
    if not settings.NEWSDESK_COUNTER_BUFFER.startswith(("redis://", "rediss://")):
        overrides["NEWSDESK_COUNTER_BUFFER"] = f"sqlite:///{folder / 'counters.sqlite3'}"
    override = override_settings(**overrides)
    override.enable()
    stores = (page_cache, view_buffer, limits, counter_buffer)
    for store in stores:
        store.cache_clear()
    yield
    for store in stores:
        store().clear()
        store.cache_clear()
    override.disable()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Build the outlet and the shared newsroom content once; each test rolls back its changes."""
    from newsdesk.newsroom.setup import outlet_setup
    from newsdesk.people.models import Person

    with django_db_blocker.unblock():
        outlet_setup()
        # With --reuse-db the content is already there from an earlier run.
        if not Person.objects.filter(slug="ruben-expert").exists():
            newsroom_build()


@pytest.fixture(autouse=True)
def empty_cache(page_cache_of_the_run):
    """Nothing cached by one test (site root paths, settings, pages) leaks into the next."""
    from django.core.cache import cache

    from newsdesk.counters.buffer import counter_buffer
    from newsdesk.metrics.buffer import view_buffer
    from newsdesk.metrics.counting import published_articles
    from newsdesk.pagecache.cache import page_cache
    from newsdesk.ratelimit import limits

    cache.clear()
    page_cache().clear()
    view_buffer().clear()
    limits().clear()
    counter_buffer().clear()
    published_articles.forget()


@pytest.fixture
def outlet(db):
    """The configured editions with their home pages, as `make run` leaves them."""
    from newsdesk.newsroom.setup import outlet_setup

    outlet_setup()


@pytest.fixture(scope="session")
def running_demo_site():
    """The production server (granian, DEBUG off) on a fresh SQLite database with demo content.

    Yields a DemoSite (its base URL, and manage.py on its database). Shared by the browser
    tests, the page checkers and the concurrency tests so the content is generated once.
    """
    # The concurrency tests count thousands of views from this one address.
    env = {"NEWSDESK_RATE_LIMITS_BY_SCOPE": "views=1000000/m"}
    with demo_site(articles=SERVER_DEMO_ARTICLES, seed=7, env=env) as site:
        yield site


@pytest.fixture(scope="session")
def running_site(running_demo_site):
    """The base URL of `running_demo_site`, e.g. http://127.0.0.1:40123."""
    return running_demo_site.base_url


@pytest.fixture(scope="session")
def site_pages(running_site):
    """One address of each page type in every edition, read from the running site."""
    return discover(running_site)


def newsroom_build():
    """A little of everything in every edition, linked the way the newsroom links it.

    Politics exists in en, ru and hy. The English story has a tag, an author, a person quoted
    and a hero image, and a Russian translation; the Armenian edition has a story of its own.
    """
    import factories

    author = factories.PersonFactory(name="Anna Writer", slug="anna-writer", is_author=True)
    expert = factories.PersonFactory(name="Ruben Expert", slug="ruben-expert")
    politics = factories.section("en", title="Politics", description="Power and its uses")
    factories.section_translation(politics, "ru", title="Политика")
    politics_hy = factories.section_translation(politics, "hy", title="Քաղաքականություն")
    story = factories.article(
        politics,
        title="Parliament passes budget",
        slug="parliament-passes-budget",
        subtitle="A long night of votes",
        lead="The budget passed after midnight.",
        tags=["budget"],
        authors=[author],
        people=[expert],
        hero_image=factories.image(),
    )
    story_ru = factories.translation(story, "ru")
    story_ru.title = "Парламент принял бюджет"
    factories.publish(story_ru)
    factories.article(politics_hy, title="Armenian only story", slug="hy-only")


@pytest.fixture
def newsroom(outlet):
    """The shared content `newsroom_build` made before the run, as fresh objects."""
    from newsdesk.articles.models import ArticlePage, SectionPage
    from newsdesk.people.models import Person

    def in_edition(model, language_code, **lookup):
        return model.objects.get(locale__language_code=language_code, **lookup)

    return SimpleNamespace(
        author=in_edition(Person, "en", slug="anna-writer"),
        expert=in_edition(Person, "en", slug="ruben-expert"),
        politics=in_edition(SectionPage, "en", slug="politics"),
        politics_ru=in_edition(SectionPage, "ru", slug="politics"),
        politics_hy=in_edition(SectionPage, "hy", slug="politics"),
        story=in_edition(ArticlePage, "en", slug="parliament-passes-budget"),
        story_ru=in_edition(ArticlePage, "ru", slug="parliament-passes-budget"),
        story_hy=in_edition(ArticlePage, "hy", slug="hy-only"),
    )


def member(username, *group_names):
    """A user in the newsroom groups named (see newsdesk/newsroom/roles.py)."""
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    user = get_user_model().objects.create_user(username, f"{username}@newsroom.example", "pw")
    user.groups.set(Group.objects.filter(name__in=group_names))
    return user


@pytest.fixture
def staff(newsroom):
    """One user per newsroom role; `translator` translates into Russian only."""
    from newsdesk.newsroom.roles import (
        ANALYST,
        AUTHOR,
        CHIEF_EDITOR,
        EDITOR,
        translator_group_name,
    )

    return SimpleNamespace(
        author=member("author", AUTHOR),
        other_author=member("other-author", AUTHOR),
        editor=member("editor", EDITOR),
        second_editor=member("second-editor", EDITOR),
        chief=member("chief", CHIEF_EDITOR),
        analyst=member("analyst", ANALYST),
        translator=member("translator", translator_group_name("ru")),
    )


@pytest.fixture
def queries_stay_the_same(newsroom):
    """Check that `client` opens `path` with as many queries after 15 more articles."""
    import factories
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries(client, path):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).status_code == 200
        return len(captured)

    def check(client, path):
        client.get(path)
        before = queries(client, path)
        for number in range(15):
            factories.article(newsroom.politics, title=f"Filler {number}", revision=False)
        assert queries(client, path) == before

    return check


@pytest.fixture
def login():
    """A test client logged in as `user`."""

    def client_for(user):
        client = Client()
        client.force_login(user)
        return client

    return client_for
