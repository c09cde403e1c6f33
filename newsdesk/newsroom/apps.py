from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "newsdesk.newsroom"
    label = "newsroom"

    def ready(self):
        from newsdesk.newsroom import signals

        signals.connect()
