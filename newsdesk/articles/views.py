"""Article listings that are not pages of the tree: tags, people, and old article addresses."""

from django.shortcuts import get_object_or_404, redirect
from taggit.models import Tag

from newsdesk.articles.keys import person_list_key, tag_key, tag_list_key
from newsdesk.articles.listing import listing_response
from newsdesk.articles.models import ArticlePage
from newsdesk.editions.editions import active_locale
from newsdesk.editions.keys import image_key
from newsdesk.pagecache.keys import shows
from newsdesk.people.models import Person


def tag_page(request, slug):
    """Every published story in this edition carrying the tag, newest first."""
    tag = get_object_or_404(Tag, slug=slug)
    shows(tag_key(tag.pk), tag_list_key(tag.pk))
    stories = ArticlePage.objects.tagged(tag).in_edition(active_locale())
    return listing_response(request, stories, "articles/tag_page.html", {"tag": tag})


def person_page(request, slug):
    """A person's page: who they are, then every story they wrote or are quoted in."""
    locale = active_locale()
    person = get_object_or_404(Person.objects.select_related("photo"), locale=locale, slug=slug)
    shows(person.surrogate_key, person_list_key(person.translation_key))
    if person.photo_id:
        shows(image_key(person.photo_id))
    # Stories link to a person in any edition; the translation key finds them all.
    stories = (
        ArticlePage.objects.published()
        .in_edition(locale)
        .with_person(person.translation_key)
        .newest_first()
    )
    return listing_response(request, stories, "people/person_page.html", {"person": person})


def article_by_id(request, article_id):
    """Old numeric addresses (/news/123/) move permanently to the article's current URL."""
    article = get_object_or_404(ArticlePage.objects.published().with_id(article_id))
    return redirect(article.get_url(request), permanent=True)
