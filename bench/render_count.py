"""Instructions one uncached article render costs the app process, counted by callgrind.

The cores of a shared machine give CPU times that move by a third between two runs of
the same code (render_cost.py measured 8.1 and 13.1 ms a render back to back), which
hides a change worth 5%. An instruction count does not move: valgrind's callgrind counts
what this process executes while it renders --articles random articles, after a warm-up,
with the page cache emptied first, so two runs of the same code on the same dataset agree
to 0.1%. It counts this process alone: the database server's work is not in it.

Every story card starts unrendered (as right after a build, or on a story nobody has
listed for hours); with --warm-cards the measured articles are rendered once beforehand,
so their cards come from the fragment cache, as on a busy site.

    .venv/bin/python bench/render_count.py [--stack embedded|services] [--size 1000000]
        [--articles 30] [--seed 5] [--warm-cards]

Uses the speed bench's dataset (make bench-speed), which must exist; it reads, never
writes (but empties the dataset's page cache). Needs valgrind (Debian's package).
"""

import gc
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import render_cost  # noqa: E402 - the dataset's set-up and its random articles

WARM_UP = 10
INSIDE = "NEWSDESK_RENDER_COUNT_INSIDE"


def callgrind_switch(state):
    """Start or stop callgrind's counting in this process (it runs under valgrind)."""
    subprocess.run(
        ["callgrind_control", "--instr", state, str(os.getpid())],
        check=True,
        capture_output=True,
    )


def renders_counted(arguments):
    """Inside valgrind: warm up, then render the measured articles with counting on."""
    render_cost.dataset_django(arguments)
    from django.test import Client

    from newsdesk.pagecache.cache import page_cache

    page_cache().clear()
    urls = render_cost.random_article_urls(arguments.articles + WARM_UP, arguments.seed)
    client = Client(HTTP_HOST="127.0.0.1")
    warm = urls if arguments.warm_cards else urls[:WARM_UP]
    for url in warm:
        client.get(url)
    # As the app's workers do after their first requests (newsdesk/wsgi.py): otherwise a
    # full collection walking every object the warm-up left falls inside one run and not
    # another, which moved the count by 13% between two versions of the same render.
    gc.collect()
    gc.freeze()
    callgrind_switch("on")
    for url in urls[WARM_UP:]:
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    callgrind_switch("off")


def callgrind_total(path):
    for line in path.read_text().splitlines():
        if line.startswith("totals:"):
            return int(line.split()[1])
    raise SystemExit(f"callgrind wrote no totals to {path}")


def main():
    parser = render_cost.dataset_arguments(__doc__.splitlines()[0], articles=30, seed=5)
    parser.add_argument("--warm-cards", action="store_true", help="cards rendered beforehand")
    arguments = parser.parse_args()
    if os.environ.get(INSIDE):
        renders_counted(arguments)
        return
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is missing: apt-get install valgrind")
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "callgrind.out"
        command = [
            "valgrind",
            "--tool=callgrind",
            "--instr-atstart=no",
            f"--callgrind-out-file={output}",
            sys.executable,
            __file__,
            *sys.argv[1:],
        ]
        finished = subprocess.run(
            command, env={**os.environ, INSIDE: "1"}, capture_output=True, text=True
        )
        if finished.returncode != 0:
            raise SystemExit(f"the counted run failed:\n{finished.stderr[-3000:]}")
        total = callgrind_total(output)
    per_render = total / arguments.articles / 1e6
    cards = "warm" if arguments.warm_cards else "cold"
    print(
        f"{arguments.stack}, {arguments.size:,} articles, seed {arguments.seed}, {cards} cards: "
        f"{per_render:.2f} M instructions per uncached render ({arguments.articles} articles)"
    )


if __name__ == "__main__":
    main()
