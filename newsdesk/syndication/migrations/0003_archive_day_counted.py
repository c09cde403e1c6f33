"""The archive's stories per edition and day, counted once for a site that already has some."""

from collections import Counter
from datetime import UTC

from django.db import migrations


def archive_count(apps, schema_editor):
    ArticlePage = apps.get_model("articles", "ArticlePage")
    ArchiveDay = apps.get_model("syndication", "ArchiveDay")
    stories = ArticlePage.objects.filter(live_copy=True, section__isnull=False).order_by()
    counts = Counter(
        (language_code, moment.astimezone(UTC).date())
        for language_code, moment in stories.values_list(
            "section__locale__language_code", "published_at"
        ).iterator(chunk_size=10_000)
    )
    ArchiveDay.objects.bulk_create(
        [
            ArchiveDay(language_code=language_code, day=day, stories=count)
            for (language_code, day), count in counts.items()
        ],
        batch_size=1_000,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("syndication", "0002_archive_day"),
        ("articles", "0008_front_page"),
    ]

    operations = [migrations.RunPython(archive_count, migrations.RunPython.noop)]
