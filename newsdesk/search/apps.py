from django.apps import AppConfig
from django.db.backends.signals import connection_created


def sqlite_functions_add(sender, connection, **kwargs):
    """The function the FTS5 delete trigger calls (newsdesk.search.engines.search_column)."""
    if connection.vendor == "sqlite":
        from newsdesk.search.engines import search_column

        connection.connection.create_function("search_column", 2, search_column, deterministic=True)


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "search"

    def ready(self):
        from newsdesk.search import signals

        connection_created.connect(sqlite_functions_add)
        signals.connect()
