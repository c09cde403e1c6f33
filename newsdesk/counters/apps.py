from django.apps import AppConfig


class CountersConfig(AppConfig):
    name = "newsdesk.counters"
    label = "counters"
