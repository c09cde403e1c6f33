"""The engine's own tables and indexes, which depend on the database (see search/engines.py).

SQLite: two contentless FTS5 tables keyed by the entry's rowkey, and a trigger that deletes
their rows with the entry, from the text the entry keeps (`search_column`, a function each
connection gets from newsdesk.search.apps). PostgreSQL: GIN indexes on the tsvector columns.
"""

from django.db import migrations

SQLITE = [
    (
        "CREATE VIRTUAL TABLE search_fts USING fts5(title, standfirst, body, filters, "
        "content = '', tokenize = 'unicode61 remove_diacritics 0')",
        "DROP TABLE IF EXISTS search_fts",
    ),
    (
        "CREATE VIRTUAL TABLE search_title_fts USING fts5(words, edition, content = '', "
        "tokenize = 'unicode61 remove_diacritics 0', prefix = '1 2 3')",
        "DROP TABLE IF EXISTS search_title_fts",
    ),
    (
        "CREATE TRIGGER search_entry_deleted AFTER DELETE ON search_searchentry "
        "WHEN OLD.terms IS NOT NULL BEGIN "
        "INSERT INTO search_fts (search_fts, rowid, title, standfirst, body, filters) "
        "VALUES ('delete', OLD.rowkey, search_column(OLD.terms, 0), "
        "search_column(OLD.terms, 1), search_column(OLD.terms, 2), "
        "search_column(OLD.terms, 3)); "
        "INSERT INTO search_title_fts (search_title_fts, rowid, words, edition) "
        "VALUES ('delete', OLD.rowkey, search_column(OLD.terms, 4), "
        "search_column(OLD.terms, 5)); END",
        "DROP TRIGGER IF EXISTS search_entry_deleted",
    ),
]
POSTGRESQL = [
    (
        f"CREATE INDEX search_entry_{column} ON search_searchentry USING gin ({column})",
        f"DROP INDEX IF EXISTS search_entry_{column}",
    )
    for column in ("document", "title_words", "filters")
]


def statements(schema_editor, reverse):
    vendor = schema_editor.connection.vendor
    pairs = {"sqlite": SQLITE, "postgresql": POSTGRESQL}.get(vendor, [])
    return [pair[1] for pair in reversed(pairs)] if reverse else [pair[0] for pair in pairs]


def create(apps, schema_editor):
    for statement in statements(schema_editor, reverse=False):
        schema_editor.execute(statement)


def drop(apps, schema_editor):
    for statement in statements(schema_editor, reverse=True):
        schema_editor.execute(statement)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
