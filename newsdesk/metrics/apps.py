from django.apps import AppConfig


class MetricsConfig(AppConfig):
    name = "newsdesk.metrics"
    label = "metrics"
