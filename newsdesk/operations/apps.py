from django.apps import AppConfig


class OperationsConfig(AppConfig):
    name = "newsdesk.operations"
    label = "operations"
    verbose_name = "Operations"
