"""Each entry's filter of adjacent stems (newsdesk.search.pairs; PostgreSQL, unused on SQLite).

Entries written before have none (NULL) until they are written again: the engine then reads
their vectors, as it did for every entry before.
"""

from django.db import migrations, models


def pairs_storage_plain(apps, schema_editor):
    # 512 random bytes do not compress, and a filter moved out of the row to TOAST would cost
    # the read it is there to save.
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("ALTER TABLE search_searchentry ALTER COLUMN pairs SET STORAGE PLAIN")


class Migration(migrations.Migration):
    dependencies = [("search", "0003_head")]

    operations = [
        migrations.AddField(
            model_name="searchentry", name="pairs", field=models.BinaryField(null=True)
        ),
        migrations.RunPython(pairs_storage_plain, migrations.RunPython.noop),
    ]
