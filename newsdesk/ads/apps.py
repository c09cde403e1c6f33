from django.apps import AppConfig


class AdsConfig(AppConfig):
    name = "newsdesk.ads"
    label = "ads"

    def ready(self):
        from newsdesk.ads import signals

        signals.connect()
