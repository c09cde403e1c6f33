from django.apps import AppConfig


class SecurityConfig(AppConfig):
    name = "newsdesk.security"
    label = "security"
    verbose_name = "Security"

    def ready(self):
        from newsdesk.security import two_factor

        two_factor.connect()
