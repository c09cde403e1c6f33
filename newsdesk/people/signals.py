"""Announcing changes to people: their pages and every byline or quote that names them."""

from django.db.models.signals import post_delete, post_save

from newsdesk.pagecache.keys import announce_change
from newsdesk.people.models import Person


def person_changed(sender, instance, **kwargs):
    announce_change(instance.surrogate_key)


def connect():
    post_save.connect(person_changed, sender=Person)
    post_delete.connect(person_changed, sender=Person)
