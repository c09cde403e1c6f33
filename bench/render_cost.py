"""Where an uncached article page's CPU goes, over random articles of a bench dataset.

Renders --articles random published articles in this one process through Django's test
client with the page cache off, and prints the CPU time per render and, per render, the
exclusive CPU time of each template, template tag and {% block %} (time inside nested
ones is charged to them, not to their parent). The rest of the render (routing, the view,
middleware) is the total minus "all templates".

    .venv/bin/python bench/render_cost.py [--stack embedded|services] [--size 1000000]
        [--articles 300] [--seed 11]

Uses the speed bench's dataset (make bench-speed), which must exist; it reads, never writes.
"""

import argparse
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import speed  # noqa: E402 - the dataset's environment comes from the speed bench


class ExclusiveTimer:
    """CPU seconds per label, each call's own time without the timed calls inside it."""

    def __init__(self):
        self.spent = Counter()
        self.inner = []

    def wrap(self, owner, method, label):
        original = getattr(owner, method)
        timer = self

        def timed(node, context):
            started = time.process_time()
            timer.inner.append(0.0)
            try:
                return original(node, context)
            finally:
                inside = timer.inner.pop()
                total = time.process_time() - started
                timer.spent[label(node)] += total - inside
                if timer.inner:
                    timer.inner[-1] += total

        setattr(owner, method, timed)


def timers_install():
    from django.template import base, library, loader_tags

    timer = ExclusiveTimer()
    timer.wrap(base.Template, "_render", lambda t: t.origin.template_name if t.origin else "?")
    timer.wrap(library.SimpleNode, "render", lambda n: f"tag {n.func.__name__}")
    timer.wrap(library.InclusionNode, "render", lambda n: f"inclusion tag {n.func.__name__}")
    timer.wrap(loader_tags.BlockNode, "render", lambda n: f"block {n.name}")
    return timer


def random_article_urls(count, seed):
    from newsdesk.articles.models import ArticlePage

    newest = ArticlePage.objects.order_by("-pk").values_list("pk", flat=True).first()
    if newest is None:
        raise SystemExit("The dataset has no articles: run make bench-speed first.")
    chooser = random.Random(seed)
    urls = []
    for _ in range(count * 50):
        page = ArticlePage.objects.filter(pk=chooser.randint(1, newest), live=True).first()
        if page is not None:
            urls.append(page.url)
            if len(urls) == count:
                return urls
    raise SystemExit(f"Found {len(urls)} live articles in {count * 50} tries; {count} needed.")


def dataset_arguments(description, articles, seed):
    """The parser of a one-process bench over random articles of the speed bench's dataset."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--stack", choices=["embedded", "services"], default="embedded")
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--articles", type=int, default=articles)
    parser.add_argument("--seed", type=int, default=seed)
    return parser


def dataset_django(arguments):
    """Set Django up in this process on the speed bench's dataset, the page cache off."""
    stack = speed.stack_setup(arguments.stack, arguments.size)
    if not speed.dataset_present(stack):
        raise SystemExit(f"No {stack.name} dataset of {stack.size:,} articles: make bench-speed.")
    os.environ.update(stack.env, NEWSDESK_PAGE_CACHE="off")
    import django

    django.setup()
    return stack


def main():
    arguments = dataset_arguments(__doc__.splitlines()[0], articles=300, seed=11).parse_args()
    stack = dataset_django(arguments)
    from django.test import Client

    warm_up = 20
    urls = random_article_urls(arguments.articles + warm_up, arguments.seed)
    client = Client(HTTP_HOST="127.0.0.1")
    for url in urls[:warm_up]:
        client.get(url)
    timer = timers_install()
    measured = urls[warm_up:]
    started = time.process_time()
    for url in measured:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    per_render = (time.process_time() - started) / len(measured) * 1000
    templates = sum(timer.spent.values()) / len(measured) * 1000
    print(f"{stack.name}, {stack.size:,} articles: {len(measured)} random articles, uncached")
    print(f"{per_render:7.2f} ms CPU per render, of which templates {templates:.2f} ms")
    print("exclusive ms per render:")
    for label, seconds in timer.spent.most_common(25):
        print(f"{seconds / len(measured) * 1000:7.2f}  {label}")
    print(f"{per_render - templates:7.2f}  outside templates (routing, view, middleware)")


if __name__ == "__main__":
    main()
