"""Prometheus metrics, with the official client, answered away from the public site.

The granian workers are separate processes, so each counts its requests in
prometheus_client's multiprocess files (PROMETHEUS_MULTIPROC_DIR, set by `manage.py serve`
for its workers only) and the serve process adds them up when scraped. It answers on a
port of its own (NEWSDESK_METRICS_PORT, on NEWSDESK_METRICS_ADDRESS, 127.0.0.1 unless
set): no path of the public site leads there, and the Varnish configuration refuses
/metrics too. `manage.py worker` answers the same way on its own port.

Counted per request (RequestMetrics, outermost in newsdesk/wsgi.py): requests by method,
status and page cache outcome (the hit ratio is HIT over all answered pages), and their
time. Read when scraped: the views waiting in the buffer, the tasks waiting in the queue
(and the oldest one's age), the shared page cache's counters and the replica's lag.
"""

import logging
import os

from django.conf import settings
from prometheus_client import CollectorRegistry, Counter, Histogram, start_http_server
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

logger = logging.getLogger(__name__)

REQUESTS = Counter(
    "newsdesk_http_requests",
    "Requests answered, by method, status and page cache outcome (HIT, MISS, STALE, none).",
    ["method", "status", "cache"],
)
LATENCY = Histogram(
    "newsdesk_http_request_duration_seconds",
    "Time to answer a request, by kind (page, views, admin, files).",
    ["kind"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def request_kind(path):
    """A coarse kind for a path, so the histogram has a handful of series."""
    if path.startswith("/views/"):
        return "views"
    if path.startswith("/admin/"):
        return "admin"
    if path.startswith(("/static/", "/media/", "/documents/")):
        return "files"
    return "page"


def request_observe(method, status, cache, path, seconds):
    REQUESTS.labels(method if method in METHODS else "other", status, cache).inc()
    LATENCY.labels(request_kind(path)).observe(seconds)


def multiprocess_enabled():
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


class StackCollector:
    """Gauges read when scraped: what waits in the buffer and queue, the shared cache."""

    def collect(self):
        from newsdesk.operations.health import queue_depth, replica_status, view_buffer_depth
        from newsdesk.pagecache.cache import page_cache

        readings = [
            ("newsdesk_view_buffer_pending", "Views counted but not yet written.",
             view_buffer_depth),
            ("newsdesk_task_queue_ready", "Tasks waiting for the worker.",
             lambda: queue_depth()[0]),
            ("newsdesk_task_queue_oldest_seconds", "Age of the oldest waiting task.",
             lambda: queue_depth()[1]),
        ]  # fmt: skip
        if "replica" in settings.DATABASES:
            readings.append(
                ("newsdesk_replica_lag_seconds", "Replay lag of the read replica.",
                 lambda: replica_status()["lag_seconds"])
            )  # fmt: skip
        for name, documentation, read in readings:
            try:
                value = read()
            except Exception as error:  # noqa: BLE001 - a gauge that cannot be read is left out
                logger.warning("metric %s not read: %s", name, error)
                continue
            if value is not None:
                yield GaugeMetricFamily(name, documentation, value=value)
        try:
            stats = page_cache().stats()
        except Exception as error:  # noqa: BLE001
            logger.warning("page cache counters not read: %s", error)
            return
        family = GaugeMetricFamily(
            "newsdesk_page_cache_events",
            "Page cache outcomes counted by every process since the store was emptied.",
            labels=["event"],
        )
        for event, value in sorted(stats.items()):
            family.add_metric([event], value)
        yield family


def metrics_registry(multiprocess_dir=None):
    """The registry /metrics answers: the workers' counters (or this process's) and gauges."""
    if multiprocess_dir:
        registry = CollectorRegistry()
        MultiProcessCollector(registry, path=multiprocess_dir)
    else:
        from prometheus_client import REGISTRY as registry
    registry.register(StackCollector())
    return registry


def metrics_serve(port, multiprocess_dir=None):
    """Answer /metrics on NEWSDESK_METRICS_ADDRESS:port from a thread of this process."""
    address = settings.NEWSDESK_METRICS_ADDRESS
    start_http_server(port, addr=address, registry=metrics_registry(multiprocess_dir))
    logger.info("metrics at http://%s:%s/metrics", address, port)
