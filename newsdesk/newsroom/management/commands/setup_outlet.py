from django.core.management.base import BaseCommand

from newsdesk.newsroom.setup import outlet_setup


class Command(BaseCommand):
    help = "Create the locales, home pages and edition settings the configured editions need."

    def handle(self, *args, **options):
        outlet_setup(self.stdout)
