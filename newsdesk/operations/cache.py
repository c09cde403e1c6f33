"""Django's Redis cache, made to step aside while Redis is down.

Wagtail and Django keep small things in the cache (site root paths, settings, rendered
bits); each is computed again from the database when it is missing. With Django's own
RedisCache a Redis that is down turns every page into an error; this one answers as an
empty cache that keeps nothing, and tries Redis again a second later.
"""

import logging
import time

import redis
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

RETRY_SECONDS = 1.0
logger = logging.getLogger(__name__)


def tolerant(name, fallback):
    """The client's method `name`, answering `fallback(*args)` while Redis fails."""
    method = getattr(RedisCacheClient, name)

    def call(self, *args, **kwargs):
        if time.monotonic() < self.down_until:
            return fallback(*args, **kwargs)
        try:
            return method(self, *args, **kwargs)
        except redis.RedisError as error:
            if not self.down_until:
                logger.warning("cache unavailable, computing instead: %s", error)
            self.down_until = time.monotonic() + RETRY_SECONDS
            return fallback(*args, **kwargs)

    call.__name__ = name
    return call


def missing_key(*args, **kwargs):
    raise ValueError("Key not found (the cache is unavailable)")


class TolerantRedisCacheClient(RedisCacheClient):
    """Django's Redis client; a failure is a miss, or a write that kept nothing."""

    down_until = 0.0

    get = tolerant("get", lambda key, default=None: default)
    get_many = tolerant("get_many", lambda keys: {})
    has_key = tolerant("has_key", lambda key: False)
    set = tolerant("set", lambda *args, **kwargs: None)
    set_many = tolerant("set_many", lambda *args, **kwargs: [])
    add = tolerant("add", lambda *args, **kwargs: False)
    touch = tolerant("touch", lambda *args, **kwargs: False)
    delete = tolerant("delete", lambda *args, **kwargs: False)
    delete_many = tolerant("delete_many", lambda *args, **kwargs: None)
    incr = tolerant("incr", missing_key)
    clear = tolerant("clear", lambda: False)


class TolerantRedisCache(RedisCache):
    """CACHES backend: RedisCache with TolerantRedisCacheClient."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = TolerantRedisCacheClient
