"""manage.py import_wordpress FILE.xml --edition en: a WordPress export into one edition."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm
from wagtail.models import Locale

from newsdesk.newsroom.wordpress import WordPressImport


class Command(BaseCommand):
    help = (
        "Import the posts of a WordPress export (WXR, Tools → Export in WordPress): "
        "categories become sections, tags tags, authors people; featured and inline images "
        "are read from --media (the export's wp-content/uploads folder); old addresses "
        "redirect to the new pages. Safe to run again: what was imported is skipped."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The WXR file (.xml).")
        parser.add_argument("--edition", required=True, help="Language code, e.g. en.")
        parser.add_argument(
            "--media", help="Folder of the site's uploads (wp-content/uploads), if any."
        )
        parser.add_argument(
            "--section",
            default="general",
            help="Slug of the section for posts without a category (made if missing).",
        )
        parser.add_argument("--no-progress", action="store_true", help="Hide the progress bar.")

    def handle(self, *args, file, edition, media, section, no_progress, **options):
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file}: no such file")
        if not Locale.objects.filter(language_code=edition).exists():
            codes = ", ".join(Locale.objects.values_list("language_code", flat=True))
            raise CommandError(f"--edition {edition!r} is not an edition here (there are: {codes})")
        if media and not Path(media).is_dir():
            raise CommandError(f"--media {media}: no such folder")
        importer = WordPressImport(path, edition, media_dir=media, default_section=section)
        with tqdm(
            total=importer.export.posts, desc="Posts", unit=" posts", disable=no_progress
        ) as progress:
            result = importer.run(progress=progress.update)
        for message in result.messages:
            self.stderr.write(self.style.WARNING(message))
        self.stdout.write(
            f"Imported {result.created} post{'s' if result.created != 1 else ''} into "
            f"{edition}; {result.already_imported} imported before, {result.skipped} skipped, "
            f"{result.not_posts} pages and other items left out. Made {result.sections} "
            f"sections, {result.people} people, {result.images} pictures, "
            f"{result.redirects} redirects; {len(result.messages)} warnings."
        )
        if result.error:
            raise CommandError(
                f"{file} is malformed at {result.error}. The posts before that point were "
                "imported; fix the file and run the command again to import the rest."
            )
