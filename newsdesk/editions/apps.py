from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "newsdesk.editions"
    label = "editions"

    def ready(self):
        from newsdesk.editions import signals

        signals.connect()
