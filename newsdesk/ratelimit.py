"""Per-client rate limits for public endpoints (search, the API, the view counter).

A limit is "N requests per period" for one client (its address) in one scope ("search",
"api"). It is kept as the generic cell rate algorithm (GCRA): one number per client, the
moment its allowance is used up until, so a client may spend its N at once and then one
every period/N seconds; nothing has to be swept at the end of a window.

The numbers live where every app process sees them, as the page cache does: in Redis when
one is configured, else in a SQLite file beside the database (several granian workers share
it with no server to run). A limit a process kept in its own memory would let a client
through once per worker.
"""

import ipaddress
import math
import time
from dataclasses import dataclass
from functools import cache, wraps

from django.conf import settings
from django.http import HttpResponse, JsonResponse

from newsdesk.pagecache.shared import SQLiteFile

# Rows of clients whose allowance is whole again are dropped this often.
TRIM_SECONDS = 60


@dataclass(frozen=True)
class Rate:
    """`limit` requests per `period` seconds."""

    limit: int
    period: float

    @classmethod
    def parse(cls, text):
        """ "30/m" -> 30 per 60 s; units s, m, h, d (optionally with a count: "100/10s")."""
        count, sep, unit = text.partition("/")
        units = {"s": 1, "m": 60, "h": 3600, "d": 86400}
        multiple = unit.rstrip("smhd") or "1"
        if not sep or not count.isdigit() or unit[-1:] not in units or not multiple.isdigit():
            raise ValueError(f"rate {text!r}: write it as requests/period, e.g. '30/m'")
        if int(count) < 1 or int(multiple) < 1:
            raise ValueError(f"rate {text!r}: both numbers must be at least 1")
        return cls(int(count), int(multiple) * units[unit[-1]])

    @property
    def interval(self):
        """Seconds one request uses of the allowance."""
        return self.period / self.limit


@dataclass(frozen=True)
class Decision:
    allowed: bool
    # Whole seconds until the next request would be allowed (0 when allowed).
    retry_after: int


def gcra(tat, now, rate):
    """(allowed, new theoretical arrival time, seconds to wait) for one request."""
    tat = max(tat or now, now)
    burst = rate.period - rate.interval
    if tat - now > burst:
        return False, tat, tat - now - burst
    return True, tat + rate.interval, 0.0


class SQLiteLimits(SQLiteFile):
    """Allowances in a SQLite file shared by the app processes."""

    SCHEMA = "CREATE TABLE IF NOT EXISTS allowance (key TEXT PRIMARY KEY, tat REAL NOT NULL)"

    def __init__(self, path):
        super().__init__(path)
        self.connection().execute(self.SCHEMA)
        self.next_trim = 0.0

    def spend(self, key, rate, now):
        connection = self.connection()
        connection.execute("BEGIN IMMEDIATE")
        try:
            row = connection.execute("SELECT tat FROM allowance WHERE key = ?", (key,)).fetchone()
            allowed, tat, wait = gcra(row[0] if row else None, now, rate)
            if allowed:
                connection.execute(
                    "INSERT INTO allowance (key, tat) VALUES (?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET tat = excluded.tat",
                    (key, tat),
                )
            if now >= self.next_trim:
                self.next_trim = now + TRIM_SECONDS
                connection.execute("DELETE FROM allowance WHERE tat < ?", (now,))
        except BaseException:
            connection.execute("ROLLBACK")
            raise
        connection.execute("COMMIT")
        return allowed, wait

    def clear(self):
        self.connection().execute("DELETE FROM allowance")


class RedisLimits:
    """Allowances in Redis: one key per client and scope, expiring when the allowance is whole."""

    SPEND = """
        local now, interval, burst = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
        local tat = tonumber(redis.call('GET', KEYS[1]) or ARGV[1])
        if tat < now then tat = now end
        if tat - now > burst then return {0, tostring(tat - now - burst)} end
        tat = tat + interval
        redis.call('SET', KEYS[1], tostring(tat), 'PX', math.ceil((tat - now) * 1000) + 1)
        return {1, '0'}
    """

    def __init__(self, url, prefix):
        import redis

        self.redis = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)
        self.prefix = prefix
        self.spend_script = self.redis.register_script(self.SPEND)

    def spend(self, key, rate, now):
        allowed, wait = self.spend_script(
            keys=[self.prefix + key], args=[now, rate.interval, rate.period - rate.interval]
        )
        return bool(allowed), float(wait)

    def clear(self):
        names = list(self.redis.scan_iter(match=self.prefix + "*", count=1000))
        if names:
            self.redis.delete(*names)


@cache
def limits():
    """This process's allowance store, from NEWSDESK_RATE_LIMIT_STORE."""
    url = settings.NEWSDESK_RATE_LIMIT_STORE
    if url.startswith("sqlite:///"):
        return SQLiteLimits(url.removeprefix("sqlite://"))
    if url.startswith(("redis://", "rediss://")):
        return RedisLimits(url, settings.NEWSDESK_RATE_LIMIT_PREFIX)
    raise ValueError(f"NEWSDESK_RATE_LIMIT_STORE {url!r}: use sqlite:///path or redis://host/db")


def client_address(meta):
    """The reader's address from a request's META (or a WSGI environ).

    Behind proxies (Varnish, a TLS terminator) the socket's address is the proxy's; with
    NEWSDESK_TRUSTED_PROXIES = n, the n-th address from the right of X-Forwarded-For is the
    reader's, since each trusted proxy appends the address it was reached from.
    """
    address = meta.get("REMOTE_ADDR", "")
    proxies = settings.NEWSDESK_TRUSTED_PROXIES
    if proxies:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",")]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            address = forwarded[-proxies]
    return address or "unknown"


def request_client_address(request):
    """The reader's IP address for django-axes, or None when there is no valid one.

    Axes stores it in an address column, which PostgreSQL checks: a request without a socket
    address (a test client's force_login) or with a forged X-Forwarded-For must not make the
    sign-in fail.
    """
    address = client_address(request.META)
    try:
        return str(ipaddress.ip_address(address))
    except ValueError:
        return None


def rate_limit(scope, client, rate):
    """Spend one request of `client`'s allowance in `scope`; the decision says whether it may.

    When the store cannot be reached the request is allowed: a limit protects the site and
    must not take it down with Redis.
    """
    if not settings.NEWSDESK_RATE_LIMITS:
        return Decision(True, 0)
    try:
        allowed, wait = limits().spend(f"{scope}:{client}", rate, time.time())
    except Exception:  # noqa: BLE001 - any store failure: serve rather than refuse
        return Decision(True, 0)
    return Decision(allowed, 0 if allowed else max(1, math.ceil(wait)))


def scope_rate(scope):
    """The configured rate of a scope (NEWSDESK_RATE_LIMITS_BY_SCOPE), parsed."""
    return parsed_rate(settings.NEWSDESK_RATE_LIMITS_BY_SCOPE[scope])


@cache
def parsed_rate(text):
    return Rate.parse(text)


def problem_details(decision):
    """The JSON problem details (RFC 9457) of a refused request."""
    return {
        "type": "about:blank",
        "title": "Too Many Requests",
        "status": 429,
        "detail": f"Too many requests; try again in {decision.retry_after} s.",
    }


def too_many_requests(decision, problem_json=False):
    """A 429 that says when to come back: JSON problem details or plain text."""
    problem = problem_details(decision)
    if problem_json:
        response = JsonResponse(problem, status=429, content_type="application/problem+json")
    else:
        response = HttpResponse(
            problem["detail"] + "\n", status=429, content_type="text/plain; charset=utf-8"
        )
    response["Retry-After"] = str(decision.retry_after)
    response["Cache-Control"] = "private, no-store"
    return response


def rate_limited(scope, problem_json=False):
    """View decorator: each client may call the view at the scope's configured rate."""

    def decorate(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            decision = rate_limit(scope, client_address(request.META), scope_rate(scope))
            if not decision.allowed:
                return too_many_requests(decision, problem_json=problem_json)
            return view(request, *args, **kwargs)

        return limited_view

    return decorate
