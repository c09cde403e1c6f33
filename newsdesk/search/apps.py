from django.apps import AppConfig


class SearchConfig(AppConfig):
    name = "newsdesk.search"
    label = "search"

    def ready(self):
        from newsdesk.search import signals

        signals.connect()
