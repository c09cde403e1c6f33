"""What the outlet keeps for search engines: its archive's size by day."""

from django.db import models


class ArchiveDay(models.Model):
    """How many live stories one edition has on one UTC day: the sitemap index's sizes.

    The index cuts each edition's archive into sitemaps of at most MAX_URLS addresses, so it
    needs every month's size by day. Counted at each request, that was a pass over the whole
    archive's index: 300–370 ms of CPU at a million articles. Kept here instead, and counted
    again a month at a time whenever a story joins or leaves that month (syndication.archive).
    Days without stories have no row.
    """

    language_code = models.CharField(max_length=16)
    day = models.DateField()
    stories = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["language_code", "day"], name="archive_day_unique")
        ]

    def __str__(self):
        return f"{self.language_code} {self.day}: {self.stories}"
