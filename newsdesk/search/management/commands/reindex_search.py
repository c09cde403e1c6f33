"""manage.py reindex_search: rebuild the reader search index, resumably, while search runs."""

import multiprocessing
import os
import time
from collections import deque
from contextlib import nullcontext

from django.core.management.base import BaseCommand, CommandError
from django.db import DatabaseError, connections, transaction
from django.utils import timezone
from tqdm import tqdm
from wagtail.models import Locale

from newsdesk.articles.models import ArticlePage
from newsdesk.pagecache.keys import announce_change
from newsdesk.search.documents import INDEXED_COLUMNS, documents_prepared, texts_of
from newsdesk.search.engines import engine
from newsdesk.search.indexing import documents_write
from newsdesk.search.keys import search_index_key
from newsdesk.search.models import ReindexRun, SearchEntry
from newsdesk.search.spelling import vocabulary_prune, vocabulary_recount

DEFAULT_BATCH_SIZE = 1_000
# Stemming runs in this many processes beside the one reading and writing the database:
# the language work is most of the CPU time, and a second core halves the rebuild.
DEFAULT_WORKERS = min(2, os.cpu_count() or 1)


class Command(BaseCommand):
    help = (
        "Rebuild the reader search index from every article, in article id order, a batch per "
        "transaction. Entries are replaced in place, so search keeps answering (from the old "
        "entry until the new one is written). An empty index is filled first and indexed at "
        "the end. An interrupted run resumes where it stopped; --restart starts from the first "
        "article."
    )

    def add_arguments(self, parser):
        parser.add_argument("--restart", action="store_true", help="Start over, not resume.")
        parser.add_argument(
            "--batch-size",
            type=int,
            default=DEFAULT_BATCH_SIZE,
            help=f"Articles per transaction (default {DEFAULT_BATCH_SIZE:,}).",
        )
        parser.add_argument(
            "--workers",
            type=int,
            default=DEFAULT_WORKERS,
            help=f"Processes that stem the text (0: this one; default {DEFAULT_WORKERS}).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, restart, batch_size, workers, no_progress, **options):
        if not 1 <= batch_size <= 20_000:
            raise CommandError("--batch-size must be between 1 and 20,000")
        if not 0 <= workers <= 32:
            raise CommandError("--workers must be between 0 and 32")
        run = self.run_to_continue(restart)
        if not SearchEntry.objects.exists():
            engine().bulk_load_start()
        articles = ArticlePage.objects.order_by("pk")
        total = articles.count()
        done = articles.filter(pk__lte=run.last_article_id).count()
        if done:
            self.stdout.write(f"Resuming after article {run.last_article_id:,} ({done:,} done).")
        started = time.monotonic()
        written_before = run.written
        with (
            tqdm(
                total=total, initial=done, unit=" articles", desc="Reindex", disable=no_progress
            ) as progress,
            self.stemmers(workers) as pool,
        ):
            # Batches being stemmed while the previous one is written: (articles, gone, result).
            pending = deque()
            after = run.last_article_id
            while True:
                batch = list(articles.filter(pk__gt=after).only(*INDEXED_COLUMNS)[:batch_size])
                if batch:
                    after = batch[-1].pk
                    live = [article for article in batch if article.live_copy]
                    gone = [article.pk for article in batch if not article.live_copy]
                    texts = texts_of(live)
                    stemmed = (
                        pool.apply_async(documents_prepared, (texts,))
                        if pool
                        else documents_prepared(texts)
                    )
                    pending.append((batch, gone, stemmed))
                if pending and (not batch or len(pending) > workers):
                    done_batch, gone, stemmed = pending.popleft()
                    documents = stemmed if isinstance(stemmed, list) else stemmed.get()
                    self.batch_write(run, done_batch, documents, gone)
                    progress.update(len(done_batch))
                if not batch and not pending:
                    break
        engine().optimize()
        vocabulary_prune()
        run.finished_at = timezone.now()
        run.save(update_fields=["finished_at"])
        languages = Locale.objects.values_list("language_code", flat=True)
        announce_change(*(search_index_key(language) for language in languages))
        seconds = time.monotonic() - started
        written = run.written - written_before
        self.stdout.write(
            self.style.SUCCESS(
                f"Indexed {written:,} live articles of {total:,} in {seconds:.0f} s "
                f"({written / max(seconds, 0.001):,.0f}/s)."
            )
        )

    @staticmethod
    def stemmers(workers):
        """A pool of `workers` processes forked from this one (no database connection open)."""
        if not workers:
            return nullcontext()
        connections.close_all()
        return multiprocessing.get_context("fork").Pool(workers)

    @staticmethod
    def batch_write(run, batch, documents, gone):
        """Write one batch and move the run's mark past it, in one transaction."""
        try:
            with transaction.atomic():
                documents_write(documents, gone, bulk=True)
                run.written += len(documents)
                run.last_article_id = batch[-1].pk
                run.save(update_fields=["written", "last_article_id"])
        except DatabaseError as error:
            raise CommandError(
                f"Writing the batch after article {run.last_article_id:,} failed: {error}. "
                "Run the command again to resume there."
            ) from error

    @staticmethod
    @transaction.atomic
    def run_to_continue(restart):
        """The unfinished run to resume, or a new one. A new run counts the vocabulary's
        words afresh: each batch adds its stories' words in the transaction that moves the
        run's mark, so a resumed run counts no story twice."""
        unfinished = ReindexRun.objects.filter(finished_at__isnull=True).order_by("-pk").first()
        if unfinished and not restart:
            return unfinished
        if unfinished:
            unfinished.finished_at = timezone.now()
            unfinished.save(update_fields=["finished_at"])
        vocabulary_recount()
        return ReindexRun.objects.create()
