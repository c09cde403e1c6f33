"""manage.py pagecache: read the page cache's counters, or purge it by key."""

import json

from django.core.management.base import BaseCommand, CommandError

from newsdesk.pagecache.cache import page_cache
from newsdesk.pagecache.keys import EVERYTHING, announce_change


class Command(BaseCommand):
    help = (
        "Show the page cache's counters (hits, renders, stale answers, entries) shared by "
        "every app process, or purge pages by surrogate key here and in Varnish."
    )

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True)
        stats = actions.add_parser("stats", help="Counters since the store was created.")
        stats.add_argument("--json", action="store_true", help="One JSON object.")
        purge = actions.add_parser("purge", help="Purge the pages showing these keys.")
        purge.add_argument("keys", nargs="*", help='Surrogate keys, e.g. "page-12 tag-3".')
        purge.add_argument("--all", action="store_true", help="Purge every page.")

    def handle(self, *args, action, **options):
        if action == "stats":
            stats = page_cache().stats()
            if options["json"]:
                self.stdout.write(json.dumps(stats, sort_keys=True))
            else:
                for name, value in sorted(stats.items()):
                    self.stdout.write(f"{name:>16}  {value:,}")
            return
        keys = set(options["keys"])
        if options["all"]:
            keys.add(EVERYTHING)
        if not keys:
            raise CommandError("name the keys to purge, or --all")
        if any(not key or any(char.isspace() for char in key) for key in keys):
            raise CommandError("a surrogate key has no spaces in it")
        announce_change(*keys)
        self.stdout.write(f"Purged {', '.join(sorted(keys))}")
