"""The production worker: tasks queued in the database run there, and scheduled pages are
published by it while the app servers run no timers (`serve --background none`)."""

import json
import subprocess
import time

import pytest
from stack import MANAGE, ROOT, process_group_stop, send, stack_site

pytestmark = pytest.mark.stack

SCHEDULE = """
from datetime import timedelta
from django.utils import timezone
from newsdesk.articles.models import ArticlePage
article = ArticlePage.objects.get(pk={id})
article.title = "Published by the worker"
article.go_live_at = timezone.now() + timedelta(seconds=2)
article.save_revision().publish()
print("STACK-JSON 1")
"""
QUEUE = """
import json
from django_tasks_db.models import DBTaskResult
print("STACK-JSON", json.dumps(sorted(set(DBTaskResult.objects.values_list("status", flat=True)))))
"""


def test_the_worker_runs_queued_tasks_and_publishes_on_schedule(clusters):
    _primary, _replica, template = clusters
    article = template.articles[2]
    with stack_site(template, background="none", TASKS_BACKEND="database") as site:
        site.shell_json(SCHEDULE.format(id=article["id"]))
        # Nothing runs the queue or the schedule yet: the app servers run no timers.
        time.sleep(3)
        assert "READY" in site.shell_json(QUEUE)
        assert "Published by the worker" not in send(site.base_url, "GET", article["url"])[2]
        ready = json.loads(send(site.base_url, "GET", "/readyz")[2])
        assert ready["checks"]["queue"]["waiting"] >= 1

        worker = subprocess.Popen(MANAGE + ["worker", "--publish-every", "1"], env=site.env,
                                  cwd=ROOT, start_new_session=True, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)  # fmt: skip
        try:
            deadline = time.monotonic() + 30
            while time.monotonic() < deadline:
                html = send(site.base_url, "GET", article["url"])[2]
                if "Published by the worker" in html and site.shell_json(QUEUE) == ["SUCCESSFUL"]:
                    break
                time.sleep(0.5)
        finally:
            process_group_stop(worker)
        assert "Published by the worker" in html
        assert site.shell_json(QUEUE) == ["SUCCESSFUL"]
