from django.apps import AppConfig


class AdsConfig(AppConfig):
    name = "newsdesk.ads"
    label = "ads"
