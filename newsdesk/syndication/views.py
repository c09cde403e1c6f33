"""Syndication's own endpoints: robots.txt and the articles' sharing cards."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation

from newsdesk.articles.keys import page_key
from newsdesk.articles.models import ArticlePage
from newsdesk.editions.editions import edition_names, edition_settings
from newsdesk.editions.keys import edition_key, image_key
from newsdesk.editions.models import OutletSettings
from newsdesk.pagecache.keys import shows
from newsdesk.syndication.addresses import Addresses
from newsdesk.syndication.social_cards import card_path, card_rendition, title_digest


def robots_txt(request):
    """robots.txt from settings: what crawlers may not read, and where the sitemap is.

    Every edition's search results are left out (they are pages of other pages), and so are
    the admin and the API. NEWSDESK_ROBOTS_ALLOW=off closes the whole site (a staging copy).
    """
    lines = ["User-agent: *"]
    if settings.NEWSDESK_ROBOTS_ALLOW:
        disallowed = list(settings.NEWSDESK_ROBOTS_DISALLOW)
        for code in edition_names():
            with translation.override(code):
                disallowed.append(reverse("search"))
        lines += [f"Disallow: {path}" for path in dict.fromkeys(disallowed)]
        lines.append(f"Sitemap: {Addresses(request).absolute(reverse('sitemap_index'))}")
    else:
        lines.append("Disallow: /")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def social_card(request, article_id, digest):
    """An article's 1200×630 sharing card (JPEG), made on the first request for it.

    An address made for an older title leads to the current card.
    """
    article = (
        ArticlePage.objects.published()
        .with_id(article_id)
        .select_related("hero_image", "locale")
        .first()
    )
    if article is None or article.hero_image is None:
        raise Http404("No published article with a hero picture has that id")
    if digest != title_digest(article.title):
        return redirect(card_path(article), permanent=True)
    shows(page_key(article.pk), image_key(article.hero_image_id))
    shows(edition_key(article.locale.language_code))
    outlet_name = edition_settings(article.locale).outlet_name
    rendition = card_rendition(article, outlet_name, OutletSettings.load().logo_id)
    with rendition.file.open("rb") as card:
        return HttpResponse(card.read(), content_type="image/jpeg")
