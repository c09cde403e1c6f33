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
