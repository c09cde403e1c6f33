"""Settings read from the environment: editions and cache URLs, with clear errors."""

import pytest
from django.core.exceptions import ImproperlyConfigured

from newsdesk.settings import cache_from_url, env_bool, env_list, parse_editions


def test_parse_editions_keeps_the_configured_order():
    assert parse_editions("en=English, ru=Русский ,hy=Հայերեն") == [
        ("en", "English"),
        ("ru", "Русский"),
        ("hy", "Հայերեն"),
    ]


def test_parse_editions_skips_empty_items():
    assert parse_editions("en=English,,") == [("en", "English")]


@pytest.mark.parametrize("spec", ["", " , ", "en", "en=", "=English", "en=English,ru"])
def test_parse_editions_refuses_a_bad_list(spec):
    with pytest.raises(ImproperlyConfigured):
        parse_editions(spec)


def test_cache_from_url_understands_redis():
    cache = cache_from_url("redis://cache.internal:6379/2")
    # Tolerant: a Redis that is down reads as an empty cache (newsdesk.operations.cache).
    assert cache["BACKEND"] == "newsdesk.operations.cache.TolerantRedisCache"
    assert cache["LOCATION"] == "redis://cache.internal:6379/2"
    strict = cache_from_url("redis://cache.internal:6379/2", tolerant=False)
    assert strict["BACKEND"] == "django.core.cache.backends.redis.RedisCache"


def test_cache_from_url_understands_locmem_and_dummy():
    assert cache_from_url("locmem://pages")["LOCATION"] == "pages"
    assert cache_from_url("locmem://")["LOCATION"] == "newsdesk"
    assert cache_from_url("dummy://")["BACKEND"].endswith("DummyCache")


@pytest.mark.parametrize("url", ["", "memcached://127.0.0.1:11211", "redis", "http://cache"])
def test_cache_from_url_refuses_unknown_schemes(url):
    with pytest.raises(ImproperlyConfigured):
        cache_from_url(url)


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), (" Yes ", True), ("on", True), ("0", False), ("no", False)],
)
def test_env_bool_reads_yes_and_no(monkeypatch, value, expected):
    monkeypatch.setenv("NEWSDESK_TEST_FLAG", value)
    assert env_bool("NEWSDESK_TEST_FLAG") is expected


def test_env_bool_falls_back_to_the_default(monkeypatch):
    monkeypatch.delenv("NEWSDESK_TEST_FLAG", raising=False)
    assert env_bool("NEWSDESK_TEST_FLAG", True) is True


def test_env_list_drops_blanks(monkeypatch):
    monkeypatch.setenv("NEWSDESK_TEST_HOSTS", "news.example, ,www.news.example,")
    assert env_list("NEWSDESK_TEST_HOSTS") == ["news.example", "www.news.example"]
