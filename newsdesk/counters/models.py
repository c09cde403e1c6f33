"""The record that a batch of buffered counts reached the database (see buffer.py)."""

from django.db import models


class CounterFlush(models.Model):
    """A batch of counts written to the database, recorded in the same transaction.

    A flush that dies after its commit but before the buffer forgets the batch finds this
    row next time and only forgets it: nothing is counted twice.
    """

    batch = models.CharField(max_length=64, unique=True)
    counter = models.CharField(max_length=40)
    flushed_at = models.DateTimeField(auto_now_add=True, db_index=True)
    total = models.PositiveBigIntegerField(default=0)

    def __str__(self):
        return f"{self.counter} batch {self.batch}: {self.total}"
