"""The headline lexemes on their own, with a GIN index (PostgreSQL; unused on SQLite).

Entries written before are given theirs from `document` (`ts_filter` keeps weights A and B).
"""

from django.db import migrations

import newsdesk.search.models


def head_fill(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "UPDATE search_searchentry SET head = ts_filter(document, '{a,b}') WHERE head IS NULL"
    )
    schema_editor.execute("CREATE INDEX search_entry_head ON search_searchentry USING gin (head)")


def head_index_drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS search_entry_head")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_engine_tables")]

    operations = [
        migrations.AddField(
            model_name="searchentry",
            name="head",
            field=newsdesk.search.models.TSVectorField(null=True),
        ),
        migrations.RunPython(head_fill, head_index_drop),
    ]
