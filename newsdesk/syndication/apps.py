from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "newsdesk.syndication"
    label = "syndication"

    def ready(self):
        from newsdesk.syndication import signals

        signals.connect()
