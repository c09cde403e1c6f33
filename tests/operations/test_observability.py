"""What an operator sees of a running app server: Prometheus metrics summed over granian's
worker processes on a port of their own, and JSON log lines carrying request ids."""

import json
import urllib.error
import urllib.request

import pytest
from demo_site import free_port
from stack import send, stack_site

pytestmark = pytest.mark.stack


def metric_values(text, name):
    """{labels text: value} of one metric in Prometheus's text format."""
    values = {}
    for line in text.splitlines():
        if line.startswith(name + "{") or line.startswith(name + " "):
            labels, _, value = line.rpartition(" ")
            values[labels[len(name) :]] = float(value)
    return values


def test_metrics_add_up_the_workers_and_stay_off_the_public_site(clusters, redis):
    _primary, _replica, template = clusters
    metrics_port = free_port()
    article = template.articles[0]
    with stack_site(template, redis=redis, NEWSDESK_METRICS_PORT=metrics_port,
                    NEWSDESK_ACCESS_LOG="true", LOG_LEVEL="INFO") as site:  # fmt: skip
        for _ in range(40):
            assert send(site.base_url, "GET", article["url"])[0] == 200
        assert send(site.base_url, "POST", f"/views/{article['id']}/")[0] == 200
        status, headers, _ = send(site.base_url, "GET", "/en/",
                                  headers={"X-Request-ID": "probe-request-0001"})  # fmt: skip
        assert headers["x-request-id"] == "probe-request-0001"
        # The public port has no such page (the edition's prefix is added, then: not found).
        status, headers, body = send(site.base_url, "GET", "/metrics")
        if status in (301, 302):
            status, headers, body = send(site.base_url, "GET", headers["location"])
        assert status == 404 and "newsdesk_http_requests" not in body
        with urllib.request.urlopen(f"http://127.0.0.1:{metrics_port}/metrics", timeout=10) as r:
            text = r.read().decode()
        log_lines = site.log_lines()
    requests = metric_values(text, "newsdesk_http_requests_total")
    page_hits = sum(v for k, v in requests.items() if 'cache="HIT"' in k)
    page_misses = sum(v for k, v in requests.items() if 'cache="MISS"' in k)
    # Both workers answered; /metrics counts all 42 requests and more (healthz, readiness).
    assert page_hits + page_misses >= 40 and page_hits >= 30
    assert requests['{cache="none",method="POST",status="200"}'] == 1
    histogram = metric_values(text, "newsdesk_http_request_duration_seconds_count")
    assert histogram['{kind="page"}'] >= 41
    assert "newsdesk_view_buffer_pending" in text
    assert "newsdesk_page_cache_events" in text

    records = [json.loads(line) for line in log_lines if line.strip()]
    assert records, "the server logged nothing"
    assert all({"time", "level", "logger", "message", "request_id"} <= set(r) for r in records)
    access = [r for r in records if r["logger"] == "newsdesk.requests"]
    probe = [r for r in access if r["request_id"] == "probe-request-0001"]
    assert len(probe) == 1 and probe[0]["status"] == 200 and probe[0]["message"].startswith("GET")
    assert len({r["request_id"] for r in access}) == len(access)


def test_varnish_does_not_pass_metrics_or_readiness(clusters):
    from servers import varnish

    _primary, _replica, template = clusters
    with stack_site(template) as site, varnish(site.port) as front:
        for path in ("/metrics", "/readyz"):
            try:
                urllib.request.urlopen(front + path, timeout=10)
                raise AssertionError(f"{path} answered through Varnish")
            except urllib.error.HTTPError as error:
                assert error.code == 404
        assert send(front, "GET", template.articles[0]["url"])[0] == 200
