"""Readiness: can this app server reach what it needs? `/readyz` answers in JSON.

`/healthz` (editions.views) says only that the process answers; `/readyz` asks the
database, the replica, the cache, the page cache's shared store, the view buffer and the
task queue, and names what it could not reach. Only the primary database is necessary to
serve: without it the answer is 503 (take this server out of rotation); anything else
unreachable is "degraded", a 200, since the site works on (readers read the primary, pages
are rendered uncached, views are written directly) and a load balancer that pulled every
server out because Redis is down would turn a slower site into none.
"""

import time

from django.conf import settings
from django.db import connections
from django.http import JsonResponse
from django.views.decorators.cache import never_cache

from newsdesk.metrics.buffer import view_buffer
from newsdesk.operations.routing import PRIMARY, REPLICA, replica_health
from newsdesk.pagecache.cache import page_cache


def database_status():
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT 1")
    return {"vendor": connections[PRIMARY].vendor}


def replica_status():
    """The replica's state as a fresh check finds it (raises when it cannot be reached)."""
    summary = replica_health.check()
    if summary["problem"] and summary["problem"].startswith("unreachable"):
        raise ConnectionError(summary["problem"])
    return summary


def cache_status():
    """Django's cache: Redis is asked directly (the tolerant cache would hide its absence)."""
    url = settings.CACHE_URL
    if not url.startswith(("redis://", "rediss://")):
        return {"backend": url.split("://", 1)[0]}
    import redis

    redis.Redis.from_url(url, socket_connect_timeout=1, socket_timeout=1).ping()
    return {"backend": "redis"}


def page_cache_status():
    return {"purge_position": page_cache().shared.current_seq()}


def view_buffer_depth():
    return view_buffer().pending_views()


def queue_depth():
    """(tasks waiting, seconds the oldest has waited) of the database queue, or (None, None)
    when tasks run at once (the embedded default)."""
    if settings.TASKS_BACKEND != "database":
        return None, None
    from django.utils import timezone
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.using(PRIMARY).ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = (timezone.now() - oldest).total_seconds() if oldest else 0.0
    return ready.count(), age


def queue_status():
    waiting, oldest = queue_depth()
    if waiting is None:
        return {"backend": "immediate"}
    return {"backend": "database", "waiting": waiting, "oldest_seconds": round(oldest, 1)}


CHECKS = {
    "database": database_status,
    "replica": replica_status,
    "cache": cache_status,
    "page_cache_store": page_cache_status,
    "view_buffer": lambda: {"pending_views": view_buffer_depth()},
    "queue": queue_status,
}
NEEDED = {"database"}


def readiness():
    """(HTTP status, body): every check's outcome, and the names of those that failed."""
    checks, unreachable = {}, []
    for name, check in CHECKS.items():
        if name == "replica" and REPLICA not in settings.DATABASES:
            continue
        started = time.monotonic()
        try:
            result = {"ok": True, **check()}
        except Exception as error:  # noqa: BLE001 - whatever failed is named in the answer
            result = {"ok": False, "error": f"{type(error).__name__}: {error}".strip()}
            unreachable.append(name)
        result["ms"] = round((time.monotonic() - started) * 1000, 1)
        checks[name] = result
    if NEEDED & set(unreachable):
        status, state = 503, "unready"
    else:
        status, state = 200, "degraded" if unreachable else "ready"
    return status, {"status": state, "unreachable": unreachable, "checks": checks}


@never_cache
def readyz(request):
    """Ready, degraded or unready, with every check's result (see the module docstring)."""
    status, body = readiness()
    return JsonResponse(body, status=status, json_dumps_params={"indent": 1})
