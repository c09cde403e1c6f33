"""Settings for newsdesk, read from the environment.

Every value has a safe embedded default so that a laptop runs the site on SQLite,
files on disk and a local-memory cache; a large outlet sets DATABASE_URL,
REDIS_URL (or CACHE_URL) and the rest in the environment. DEBUG is off unless asked for.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

PROJECT_DIR = Path(__file__).resolve().parent
BASE_DIR = PROJECT_DIR.parent
VAR_DIR = Path(os.environ.get("NEWSDESK_VAR_DIR", BASE_DIR / "var"))


def env_bool(name, default=False):
    """Read a yes/no environment variable ("1", "true", "yes", "on" mean yes)."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    """Read a comma-separated environment variable into a list of non-empty strings."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def parse_editions(spec):
    """Turn "en=English,ru=Русский" into [("en", "English"), ("ru", "Русский")]."""
    editions = []
    for item in spec.split(","):
        code, sep, name = item.partition("=")
        if not item.strip():
            continue
        if not sep or not code.strip() or not name.strip():
            raise ImproperlyConfigured(
                f"NEWSDESK_EDITIONS: {item!r} should look like 'code=Name', e.g. 'en=English'"
            )
        editions.append((code.strip(), name.strip()))
    if not editions:
        raise ImproperlyConfigured("NEWSDESK_EDITIONS names no edition")
    return editions


def cache_from_url(url):
    """Build a CACHES entry from locmem://, redis://, rediss:// or dummy:// URLs."""
    if url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsdesk"),
        }
    if url.startswith("locmem://"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": url.removeprefix("locmem://") or "newsdesk",
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL {url!r}: use locmem://, redis:// or dummy://")


DEBUG = env_bool("DEBUG", False)

SECRET_KEY = os.environ.get("SECRET_KEY", "")
if not SECRET_KEY:
    if DEBUG or env_bool("NEWSDESK_ALLOW_GENERATED_SECRET", True):
        # A laptop gets a key generated once and kept under var/, never committed.
        secret_file = VAR_DIR / "secret_key"
        if not secret_file.exists():
            from django.core.management.utils import get_random_secret_key

            VAR_DIR.mkdir(parents=True, exist_ok=True)
            secret_file.write_text(get_random_secret_key())
            secret_file.chmod(0o600)
        SECRET_KEY = secret_file.read_text().strip()
    else:
        raise ImproperlyConfigured("SECRET_KEY must be set in the environment")
elif not env_bool("NEWSDESK_ALLOW_GENERATED_SECRET", True) and (
    len(SECRET_KEY) < 50 or len(set(SECRET_KEY)) < 5 or SECRET_KEY.startswith("django-insecure")
):
    # Production (no generated key allowed) takes only a key that signs sessions safely.
    raise ImproperlyConfigured(
        "SECRET_KEY is too weak: use 50 or more random characters, e.g. from "
        "`python -c 'import secrets; print(secrets.token_urlsafe(50))'`"
    )

ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "newsdesk.security",
    "newsdesk.pagecache",
    "newsdesk.editions",
    "newsdesk.people",
    "newsdesk.articles",
    "newsdesk.metrics",
    "newsdesk.ads",
    "newsdesk.search",
    "newsdesk.syndication",
    "newsdesk.api",
    "newsdesk.newsroom",
    "newsdesk.demo",
    "wagtail.contrib.settings",
    "wagtail.contrib.redirects",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
    # django-ninja's browsable API docs, with their scripts served from here, not a CDN.
    "ninja",
]

MIDDLEWARE = [
    "newsdesk.pagecache.middleware.SharedCacheHeadersMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "newsdesk.security.headers.SecurityHeadersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsdesk.editions.middleware.EditionLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "newsdesk.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsdesk.editions.context_processors.edition",
            ],
        },
    },
]

WSGI_APPLICATION = "newsdesk.wsgi.application"

VAR_DIR.mkdir(parents=True, exist_ok=True)
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE transactions and a
    # generous timeout make concurrent writers (view counts) queue instead of failing.
    # Connections are kept like PostgreSQL's (one per thread): opening one and setting its
    # pragmas cost 0.9 ms of a 10 ms article render.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 30,
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "locmem://newsdesk"
CACHES = {"default": cache_from_url(CACHE_URL)}

# The admin's login: after NEWSDESK_LOGIN_FAILURES wrong passwords for one name from one
# address, that pair is locked out for NEWSDESK_LOGIN_LOCKOUT_MINUTES (django-axes).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("NEWSDESK_LOGIN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("NEWSDESK_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "newsdesk.ratelimit.request_client_address"
AXES_LOCKOUT_TEMPLATE = "security/locked_out.html"
# Staff who turn on two-step sign-in are asked for an authenticator code (newsdesk.security).
WAGTAILADMIN_USER_LOGIN_FORM = "newsdesk.security.two_factor.TwoFactorLoginForm"
OTP_TOTP_ISSUER = os.environ.get("NEWSDESK_ADMIN_TITLE", "newsdesk")

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Editions: each is a language with its own page tree (a Wagtail locale) and URL prefix.
# Adding one is configuration plus content: NEWSDESK_EDITIONS="en=English,ru=Русский,az=Azərbaycan".
NEWSDESK_EDITIONS = parse_editions(
    os.environ.get("NEWSDESK_EDITIONS", "en=English,ru=Русский,hy=Հայերեն")
)
# The main edition may live at the site root (/) instead of under its prefix (/en/).
NEWSDESK_PREFIX_DEFAULT_EDITION = env_bool("NEWSDESK_PREFIX_DEFAULT_EDITION", True)

LANGUAGE_CODE = NEWSDESK_EDITIONS[0][0]
LANGUAGES = NEWSDESK_EDITIONS
WAGTAIL_CONTENT_LANGUAGES = NEWSDESK_EDITIONS
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [PROJECT_DIR / "locale"]
TIME_ZONE = os.environ.get("TIME_ZONE", "Asia/Yerevan")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Django serves uploaded media itself only when asked (tests, DEBUG); granian does otherwise.
NEWSDESK_SERVE_MEDIA = env_bool("NEWSDESK_SERVE_MEDIA", DEBUG)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Hashed names and pre-compressed copies, served with far-future cache headers.
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage",
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
X_FRAME_OPTIONS = "SAMEORIGIN"
# Origins besides the site's own that pages may show pictures from (MEDIA_URL's is added).
NEWSDESK_CSP_MEDIA_ORIGINS = env_list("NEWSDESK_CSP_MEDIA_ORIGINS")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

WAGTAIL_SITE_NAME = os.environ.get("NEWSDESK_ADMIN_TITLE", _("Newsroom"))
WAGTAILADMIN_BASE_URL = os.environ.get("NEWSDESK_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "gif": "webp"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Players keep their shape through CSS (aspect-ratio), not the inline styles Wagtail adds.
WAGTAILEMBEDS_RESPONSIVE_HTML = False

# How many stories a listing page shows before "load more".
NEWSDESK_PAGE_SIZE = int(os.environ.get("NEWSDESK_PAGE_SIZE", "12"))
# Reader search (newsdesk.search, docs/search.md). Longer queries are cut to this length.
NEWSDESK_MAX_QUERY_LENGTH = 200
# How many of a query's newest matches are ranked, in the headlines and anywhere (each), and
# listed when sorted by date; a query matching more says "more than …".
NEWSDESK_SEARCH_CANDIDATES = int(os.environ.get("NEWSDESK_SEARCH_CANDIDATES", "200"))
NEWSDESK_SEARCH_DATE_RESULTS = int(os.environ.get("NEWSDESK_SEARCH_DATE_RESULTS", "1000"))
# Exact phrases are looked for among this many newest stories holding all their words.
NEWSDESK_SEARCH_PHRASE_WINDOW = int(os.environ.get("NEWSDESK_SEARCH_PHRASE_WINDOW", "10000"))

# Feeds, sitemaps, robots.txt and sharing cards (newsdesk.syndication).
NEWSDESK_FEED_ITEMS = int(os.environ.get("NEWSDESK_FEED_ITEMS", "20"))
# Off closes the whole site to crawlers (a staging copy); the paths are kept from all of them.
NEWSDESK_ROBOTS_ALLOW = env_bool("NEWSDESK_ROBOTS_ALLOW", True)
NEWSDESK_ROBOTS_DISALLOW = env_list("NEWSDESK_ROBOTS_DISALLOW", "/admin/,/api/")
# The font sharing cards are drawn in: Debian's fonts-dejavu-core covers Cyrillic and Armenian.
NEWSDESK_CARD_FONT = os.environ.get(
    "NEWSDESK_CARD_FONT", "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
)

# The page cache (newsdesk.pagecache): whole pages for anonymous readers, kept in each app
# process's memory and in a store the processes share, purged by surrogate key.
NEWSDESK_PAGE_CACHE = env_bool("NEWSDESK_PAGE_CACHE", True)
NEWSDESK_FRAGMENT_CACHE = env_bool("NEWSDESK_FRAGMENT_CACHE", True)
NEWSDESK_PAGE_CACHE_STORE = os.environ.get("NEWSDESK_PAGE_CACHE_STORE") or (
    CACHE_URL
    if CACHE_URL.startswith(("redis://", "rediss://"))
    else f"sqlite:///{VAR_DIR / 'cache' / 'pages.sqlite3'}"
)
NEWSDESK_PAGE_CACHE_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "newsdesk") + ":pagecache:"
# How long a page stays fresh without a purge (most read and view counts drift meanwhile).
NEWSDESK_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSDESK_PAGE_CACHE_SECONDS", "300"))
NEWSDESK_PAGE_CACHE_STALE_SECONDS = 30
NEWSDESK_PAGE_CACHE_STALE_IF_ERROR_SECONDS = 24 * 60 * 60
NEWSDESK_PAGE_CACHE_MEMORY_MB = int(os.environ.get("NEWSDESK_PAGE_CACHE_MEMORY_MB", "64"))
NEWSDESK_PAGE_CACHE_MAX_ENTRIES = int(os.environ.get("NEWSDESK_PAGE_CACHE_MAX_ENTRIES", "200000"))
# How often each process reads the shared purge log (the bound on cross-process staleness).
NEWSDESK_PAGE_CACHE_SYNC_SECONDS = float(os.environ.get("NEWSDESK_PAGE_CACHE_SYNC_SECONDS", "0.1"))
# How long a reader with no stale copy waits for another request's render of the same page.
NEWSDESK_PAGE_CACHE_WAIT_SECONDS = 3
# The query parameters reader pages read; the cache drops all others before Django runs.
# Search adds its sort and filters (newsdesk.search.views.FILTER_PARAMETERS).
NEWSDESK_PAGE_CACHE_QUERY_PARAMETERS = ["page", "partial", "q"]
NEWSDESK_PAGE_CACHE_QUERY_PARAMETERS += ["sort", "section", "tag", "person", "from", "to"]
# …except under these prefixes, whose views answer 400 to a parameter they do not read (the
# API): their whole query string is kept, so a wrong parameter is refused, never ignored.
NEWSDESK_PAGE_CACHE_WHOLE_QUERY_PREFIXES = ["/api/"]
NEWSDESK_PAGE_CACHE_BYPASS_PREFIXES = [
    "/admin/",
    "/static/",
    "/media/",
    "/documents/",
    "/views/",
    "/healthz",
]

# Where counted views wait for the next flush to the database (newsdesk.metrics.buffer):
# Redis when there is one, else a SQLite file the app processes share.
NEWSDESK_VIEW_BUFFER = os.environ.get("NEWSDESK_VIEW_BUFFER") or (
    CACHE_URL
    if CACHE_URL.startswith(("redis://", "rediss://"))
    else f"sqlite:///{VAR_DIR / 'cache' / 'views.sqlite3'}"
)
NEWSDESK_VIEW_BUFFER_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "newsdesk") + ":views:"

# Per-client rate limits of public endpoints (newsdesk.ratelimit), kept where every app
# process sees them: Redis when there is one, else a SQLite file the processes share.
NEWSDESK_RATE_LIMITS = env_bool("NEWSDESK_RATE_LIMITS", True)
NEWSDESK_RATE_LIMIT_STORE = os.environ.get("NEWSDESK_RATE_LIMIT_STORE") or (
    CACHE_URL
    if CACHE_URL.startswith(("redis://", "rediss://"))
    else f"sqlite:///{VAR_DIR / 'cache' / 'ratelimit.sqlite3'}"
)
NEWSDESK_RATE_LIMIT_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "newsdesk") + ":ratelimit:"
# Requests per period per client address, by scope: "search=30/m,api=600/m" overrides these.
NEWSDESK_RATE_LIMITS_BY_SCOPE = {
    "search": "60/m",
    "autocomplete": "240/m",
    "api": "1200/m",
    # A reader's page counts one view; an office or a phone network shares one address.
    "views": "600/m",
    **dict(item.split("=", 1) for item in env_list("NEWSDESK_RATE_LIMITS_BY_SCOPE")),
}
# How many proxies (Varnish, a TLS terminator) append to X-Forwarded-For in front of the app;
# 0 trusts no such header and limits by the socket's address.
NEWSDESK_TRUSTED_PROXIES = int(os.environ.get("NEWSDESK_TRUSTED_PROXIES", "0"))

# Varnish nodes in front of the app (deploy/varnish/newsdesk.vcl), purged by surrogate key
# through Wagtail's frontend-cache backends: NEWSDESK_VARNISH_URLS="http://10.0.0.5:6081,…".
NEWSDESK_VARNISH_URLS = env_list("NEWSDESK_VARNISH_URLS")
if NEWSDESK_VARNISH_URLS:
    WAGTAILFRONTENDCACHE = {
        "varnish": {
            "BACKEND": "newsdesk.pagecache.varnish.VarnishXkeyBackend",
            "LOCATIONS": NEWSDESK_VARNISH_URLS,
        }
    }
