"""Absolute addresses of pages, worked out from stored paths rather than page objects.

Feeds, sitemaps and the API list thousands of articles; asking Wagtail for each one's URL
builds a page object and routes it. A page lives below its edition's home page, so its
address is the home's address followed by the rest of its stored `url_path` (the same rule
the edition switcher uses, `editions.translation_urls`).
"""

import re

from newsdesk.editions.editions import edition_home_urls, language_code_of

# src="/media/…" and href="/en/…" in HTML shown elsewhere (feeds, the API) become absolute.
LINK_ATTRIBUTE = re.compile(r'(\s(?:src|href|srcset)=")([^"]*)"')


class Addresses:
    """Absolute URLs for one request's site: edition homes, pages by path, any site path."""

    def __init__(self, request):
        self.request = request
        self.root = request.build_absolute_uri("/").rstrip("/")
        self.homes = edition_home_urls(request)

    def absolute(self, path_or_url):
        """An absolute URL for a path on this site (a URL already absolute is kept)."""
        if path_or_url.startswith(("http://", "https://")):
            return path_or_url
        return self.root + path_or_url

    def home(self, language_code):
        """The absolute address of an edition's home page, or None without a live one."""
        home = self.homes.get(language_code)
        return self.absolute(home[1]) if home else None

    def page(self, language_code, url_path):
        """The absolute address of the page stored at `url_path` in an edition, or None."""
        home = self.homes.get(language_code)
        if home is None or not url_path.startswith(home[0]):
            return None
        return self.absolute(home[1] + url_path[len(home[0]) :])

    def of(self, page):
        """The absolute address of a page object (an article, a section, a home)."""
        return self.page(language_code_of(page.locale_id), page.url_path)


def absolute_links(html, root):
    """Rewrite site-relative src, href and srcset addresses in `html` to absolute ones."""

    def absolute(address):
        address = address.strip()
        return (
            root + address if address.startswith("/") and not address.startswith("//") else address
        )

    def rewrite(match):
        value = match.group(2)
        if "srcset" in match.group(1):
            value = ", ".join(absolute(entry) for entry in value.split(","))
        else:
            value = absolute(value)
        return f'{match.group(1)}{value}"'

    return LINK_ATTRIBUTE.sub(rewrite, html)
