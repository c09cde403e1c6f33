from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "newsdesk.people"
    label = "people"

    def ready(self):
        from newsdesk.people import signals

        signals.connect()
