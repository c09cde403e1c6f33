from django.apps import AppConfig


class EditionsConfig(AppConfig):
    name = "newsdesk.editions"
    label = "editions"
