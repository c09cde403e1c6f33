"""What readers read: views per article per hour, and the flushes that brought them in."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ViewTally(models.Model):
    """Views one article had in one hour (UTC), as flushed from the view buffer.

    "Most read" over the last day or week sums these rows, so its cost follows how many
    stories were read lately, not how many the archive holds. The edition is copied in so
    that sum needs no join.
    """

    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    hour = models.DateTimeField(_("hour"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views in an hour")
        constraints = [
            models.UniqueConstraint(fields=["article", "hour"], name="view_tally_article_hour")
        ]
        indexes = [models.Index(fields=["locale", "hour"], name="view_tally_edition_hour")]

    def __str__(self):
        return f"{self.views} views of article {self.article_id} at {self.hour:%Y-%m-%d %H}:00"


class ViewFlush(models.Model):
    """A batch of buffered views written to the database, recorded in the same transaction.

    If the flusher dies after the commit but before the buffer forgets the batch, the next
    run finds this row and only forgets it: no view is counted twice.
    """

    batch = models.CharField(max_length=64, unique=True)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    views = models.PositiveIntegerField()

    def __str__(self):
        return f"batch {self.batch}: {self.views} views"


class DailyViews(models.Model):
    """Views one article had on one day (UTC), summed from its hourly tallies.

    The analytics charts read these: thirty days of an edition are at most thirty rows per
    article read lately, and a million-article archive adds nothing to that. Edition and
    section are copied in so the charts' sums need no join.
    """

    article = models.ForeignKey(
        "articles.ArticlePage", on_delete=models.CASCADE, related_name="+", db_index=False
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        "wagtailcore.Page", null=True, on_delete=models.SET_NULL, related_name="+"
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("views in a day")
        verbose_name_plural = _("views per day")
        permissions = [("view_analytics", _("Can see the analytics dashboard"))]
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="daily_views_article_day")
        ]
        indexes = [
            models.Index(fields=["locale", "day"], name="daily_views_edition_day"),
            models.Index(fields=["section", "day"], name="daily_views_section_day"),
            models.Index(fields=["day", "views"], name="daily_views_day"),
        ]

    def __str__(self):
        return f"{self.views} views of article {self.article_id} on {self.day}"


class DailySectionViews(models.Model):
    """Views a section (or, with no section, an edition's other stories) had on one day.

    Summed from that day's DailyViews by the same roll-up, so the analytics' per-edition and
    per-section charts read a few rows a day instead of one per story read. Views of a
    story deleted since stay in its day's sum.
    """

    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    section = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        db_index=False,  # the (section, day) index serves
    )
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("section views in a day")
        verbose_name_plural = _("section views per day")
        indexes = [
            models.Index(fields=["day"], name="daily_section_views_day"),
            models.Index(fields=["section", "day"], name="daily_section_views_section"),
        ]

    def __str__(self):
        return f"{self.views} views of section {self.section_id} on {self.day}"


class DailyAuthorViews(models.Model):
    """Views on one day of the stories an author signed (a story signed by two counts for
    both), as the bylines stood when the day was rolled up."""

    person = models.ForeignKey("people.Person", on_delete=models.CASCADE, related_name="+")
    day = models.DateField(_("day"))
    views = models.PositiveIntegerField(_("views"), default=0)

    class Meta:
        verbose_name = _("author views in a day")
        verbose_name_plural = _("author views per day")
        constraints = [
            models.UniqueConstraint(fields=["day", "person"], name="daily_author_views_day_person")
        ]

    def __str__(self):
        return f"{self.views} views of {self.person_id}'s stories on {self.day}"
