"""Make sure the newsroom has an administrator, and show how to log in."""

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = (
        "Create the 'admin' account with a random password on first run (kept in "
        "var/admin-login.txt, readable only by you) and print the admin URL and login."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--new-password", action="store_true", help="Give the admin account a new password."
        )

    def handle(self, *args, **options):
        users = get_user_model()
        login_file = settings.VAR_DIR / "admin-login.txt"
        user = users.objects.filter(username="admin").first()
        if user is None or options["new_password"] or not login_file.exists():
            password = secrets.token_urlsafe(12)
            if user is None:
                user = users.objects.create_superuser("admin", "admin@example.com", password)
            else:
                user.set_password(password)
                user.save(update_fields=["password"])
            login_file.write_text(f"admin\n{password}\n")
            login_file.chmod(0o600)
        username, password = login_file.read_text().split()[:2]
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        self.stdout.write(
            self.style.SUCCESS(f"Newsroom: {admin_url}  login: {username}  password: {password}")
        )
