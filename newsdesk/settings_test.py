"""Test settings: the real settings with a fast password hasher and a private cache.

Django's own cache stays in this process (each test empties it); the page cache and the
view buffer follow the environment, so `make test-services` runs them on Redis.
"""

from newsdesk.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "sessions": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "s"},
}
# Tests render templates without running collectstatic first.
STORAGES = {
    "default": MEDIA_BACKEND,  # noqa: F405
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
NEWSDESK_SERVE_MEDIA = True
# whitenoise serves straight from the app folders in tests, with no collectstatic step.
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
