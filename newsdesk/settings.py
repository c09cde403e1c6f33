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


def cache_from_url(url, tolerant=True):
    """Build a CACHES entry from locmem://, redis://, rediss:// or dummy:// URLs.

    A Redis cache is `tolerant` by default: while Redis is down it answers as an empty cache
    (newsdesk.operations.cache), so the pages are rendered from the database instead.
    """
    if url.startswith(("redis://", "rediss://")):
        return {
            "BACKEND": "newsdesk.operations.cache.TolerantRedisCache"
            if tolerant
            else "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "newsdesk"),
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    if url.startswith("locmem://"):
        return {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": url.removeprefix("locmem://") or "newsdesk",
        }
    if url.startswith("dummy://"):
        return {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}
    raise ImproperlyConfigured(f"CACHE_URL {url!r}: use locmem://, redis:// or dummy://")


def s3_media_storage(environ):
    """The STORAGES entry for media on an S3-compatible store, from AWS_* variables."""
    from botocore.config import Config

    return {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": environ.get("AWS_STORAGE_BUCKET_NAME", "newsdesk-media"),
            "endpoint_url": environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            # Public pictures under stable addresses, cacheable by browsers and Varnish.
            "querystring_auth": False,
            "default_acl": None,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=2592000"},
            # A store that is away fails an upload in seconds, not after minutes of retries.
            "client_config": Config(
                connect_timeout=3, read_timeout=20, retries={"max_attempts": 2}
            ),
        },
    }


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
    "newsdesk.counters",
    "newsdesk.editions",
    "newsdesk.people",
    "newsdesk.articles",
    "newsdesk.metrics",
    "newsdesk.ads",
    "newsdesk.search",
    "newsdesk.syndication",
    "newsdesk.api",
    "newsdesk.newsroom",
    "newsdesk.operations",
    "newsdesk.demo",
    # The task queue of the worker (`manage.py worker`) when TASKS_BACKEND=database.
    "django_tasks_db",
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
    # Before any query: a reader's request may read the replica (newsdesk.operations.routing).
    "newsdesk.operations.routing.ReplicaRoutingMiddleware",
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
    # An upload the media store could not take: a message that nothing was saved.
    "newsdesk.operations.storage.MediaStoreErrorMiddleware",
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
# psycopg prepares the hot statements newsdesk runs through server-binding cursors at their
# first run on a PostgreSQL connection (newsdesk/prepared.py); Django's own cursors bind on
# the client and never prepare. Off behind a pooler that cannot keep prepared statements
# (PgBouncer in transaction mode before 1.21).
DATABASE_PREPARED_STATEMENTS = env_bool("DATABASE_PREPARED_STATEMENTS", True)


def prepared_statements_options(options):
    """Connection options for the hot statements: prepared at their first run, and planned
    once (a generic plan). Left to itself PostgreSQL kept re-planning the related-stories
    read at each run, its generic plan's estimate being worse than the custom plans' (LIMIT
    and tag ids unknown): 0.5-0.7 ms of server CPU a run, 0.2 ms with the same plan kept
    (docs/benchmarks.md). Only server-bound statements have plans to keep; Django's own
    queries are bound on the client and unaffected.
    """
    if DATABASE_PREPARED_STATEMENTS:
        options["prepare_threshold"] = 0
        options["options"] = " ".join(
            filter(None, [options.get("options"), "-c plan_cache_mode=force_generic_plan"])
        )


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
else:
    # A database that is away fails a request in seconds instead of holding it.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    prepared_statements_options(DATABASES["default"]["OPTIONS"])
# A PostgreSQL streaming replica for readers' requests (newsdesk.operations.routing).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 2)
    prepared_statements_options(DATABASES["replica"]["OPTIONS"])
    # Tests read the primary through this alias too: there is no test replica.
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["newsdesk.operations.routing.ReplicaRouter"]
# How far behind the primary the replica may be and still serve readers.
NEWSDESK_REPLICA_MAX_LAG_SECONDS = float(os.environ.get("NEWSDESK_REPLICA_MAX_LAG_SECONDS", "2"))

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHE_URL = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL") or "locmem://newsdesk"
CACHES = {"default": cache_from_url(CACHE_URL)}
if CACHE_URL.startswith(("redis://", "rediss://")):
    # Editors' sessions live in Redis. Not tolerant: with Redis away the admin answers 503
    # rather than seem to log an editor in whose session is then lost (readers have none).
    CACHES["sessions"] = cache_from_url(CACHE_URL, tolerant=False)
    SESSION_ENGINE = "django.contrib.sessions.backends.cache"
    SESSION_CACHE_ALIAS = "sessions"

# Background tasks (django-tasks): run at once in the process that enqueues them on the
# embedded default; with TASKS_BACKEND=database they wait in the database for
# `manage.py worker` (deploy/systemd/newsdesk-worker.service).
TASKS_BACKEND = os.environ.get("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in ("immediate", "database"):
    raise ImproperlyConfigured(f"TASKS_BACKEND {TASKS_BACKEND!r}: use immediate or database")
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend"
        if TASKS_BACKEND == "database"
        else "django_tasks.backends.immediate.ImmediateBackend"
    }
}

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
# Uploaded media: files under MEDIA_ROOT, or any S3-compatible store (MEDIA_STORAGE=s3,
# django-storages; the bucket and endpoint from AWS_* variables, the keys from
# AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, read by boto3 itself).
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE == "filesystem":
    MEDIA_BACKEND = {"BACKEND": "newsdesk.operations.storage.MediaFileStorage"}
elif MEDIA_STORAGE == "s3":
    MEDIA_BACKEND = s3_media_storage(os.environ)
else:
    raise ImproperlyConfigured(f"MEDIA_STORAGE {MEDIA_STORAGE!r}: use filesystem or s3")
STORAGES = {
    "default": MEDIA_BACKEND,
    "staticfiles": {
        # Hashed names and pre-compressed copies, served with far-future cache headers.
        "BACKEND": "newsdesk.operations.storage.StaticFileStorage",
    },
}
WHITENOISE_MAX_AGE = 60 * 60 * 24 * 365

SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# Production behind a TLS terminator (deploy/nginx) sets these; `check --deploy` asks for them.
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", False)
# Probes from Varnish and load balancers come over plain HTTP on the private network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", False)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", False)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_TLS_PROXY", False) else None
)
X_FRAME_OPTIONS = "SAMEORIGIN"
# Origins besides the site's own that pages may show pictures from (MEDIA_URL's is added).
NEWSDESK_CSP_MEDIA_ORIGINS = env_list("NEWSDESK_CSP_MEDIA_ORIGINS")

# Wagtail's admin shows the preview of a page in a frame of its own origin: SAMEORIGIN, not
# DENY, is what the admin needs (`check --deploy` would ask for DENY).
SILENCED_SYSTEM_CHECKS = ["security.W019"]

# One JSON object a line, each with the request id of the request it concerns
# (newsdesk.operations.logs); LOG_FORMAT=text for plain lines on a terminal.
LOG_FORMAT = os.environ.get("LOG_FORMAT", "json")
if LOG_FORMAT not in ("json", "text"):
    raise ImproperlyConfigured(f"LOG_FORMAT {LOG_FORMAT!r}: use json or text")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "newsdesk.operations.logs.RequestIdFilter"}},
    "formatters": {
        "json": {"()": "newsdesk.operations.logs.JsonFormatter"},
        "text": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {"newsdesk.requests": {"level": "INFO"}},
}
# One log line per request (method, path, status, time, page cache outcome) when on.
NEWSDESK_ACCESS_LOG = env_bool("NEWSDESK_ACCESS_LOG", False)
# Where `manage.py serve` and `manage.py worker` answer Prometheus (/metrics); off when 0.
# Bind it to an address the public cannot reach (deploy/ uses 127.0.0.1 or a private one).
NEWSDESK_METRICS_ADDRESS = os.environ.get("NEWSDESK_METRICS_ADDRESS", "127.0.0.1")
NEWSDESK_METRICS_PORT = int(os.environ.get("NEWSDESK_METRICS_PORT", "0"))

WAGTAIL_SITE_NAME = os.environ.get("NEWSDESK_ADMIN_TITLE", _("Newsroom"))
WAGTAILADMIN_BASE_URL = os.environ.get("NEWSDESK_BASE_URL", "http://127.0.0.1:8000")
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILIMAGES_FORMAT_CONVERSIONS = {"png": "webp", "jpeg": "webp", "gif": "webp"}
WAGTAILDOCS_EXTENSIONS = ["csv", "docx", "odt", "pdf", "txt", "xlsx"]
WAGTAIL_ALLOW_UNICODE_SLUGS = False
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Players keep their shape through CSS (aspect-ratio), not the inline styles Wagtail adds.
WAGTAILEMBEDS_RESPONSIVE_HTML = False
# Avatars are uploaded in the admin, never fetched from a third party.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# How many stories a listing page shows before "load more".
NEWSDESK_PAGE_SIZE = int(os.environ.get("NEWSDESK_PAGE_SIZE", "12"))
# Reader search (newsdesk.search, docs/search.md). Longer queries are cut to this length.
NEWSDESK_MAX_QUERY_LENGTH = 200
# How many of a query's newest matches are ranked, in the headlines and anywhere (each), and
# listed when sorted by date; a query matching more says "more than …".
NEWSDESK_SEARCH_CANDIDATES = int(os.environ.get("NEWSDESK_SEARCH_CANDIDATES", "200"))
NEWSDESK_SEARCH_DATE_RESULTS = int(os.environ.get("NEWSDESK_SEARCH_DATE_RESULTS", "1000"))
# On SQLite, exact phrases are looked for among this many newest stories holding all their
# words (PostgreSQL bounds every query by what it reads: newsdesk/search/engines.py).
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
    "/ads/",
    "/healthz",
    "/readyz",
]

# Where counted views wait for the next flush to the database (newsdesk.metrics.buffer):
# Redis when there is one, else a SQLite file the app processes share.
NEWSDESK_VIEW_BUFFER = os.environ.get("NEWSDESK_VIEW_BUFFER") or (
    CACHE_URL
    if CACHE_URL.startswith(("redis://", "rediss://"))
    else f"sqlite:///{VAR_DIR / 'cache' / 'views.sqlite3'}"
)
NEWSDESK_VIEW_BUFFER_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "newsdesk") + ":views:"
# The same for other counts readers make, e.g. ad impressions and clicks (newsdesk.counters).
NEWSDESK_COUNTER_BUFFER = os.environ.get("NEWSDESK_COUNTER_BUFFER") or (
    CACHE_URL
    if CACHE_URL.startswith(("redis://", "rediss://"))
    else f"sqlite:///{VAR_DIR / 'cache' / 'counters.sqlite3'}"
)
NEWSDESK_COUNTER_BUFFER_PREFIX = os.environ.get("CACHE_KEY_PREFIX", "newsdesk") + ":counters:"

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
