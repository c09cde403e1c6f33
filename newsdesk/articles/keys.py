"""Surrogate keys of pages and of the story lists they show (see newsdesk.pagecache.keys).

A page shows content (an article's title on a card: `page_key`) and lists (a section's
newest stories: `section_list_key`). Editing an article purges every page showing it;
publishing or withdrawing one purges the lists it joins or leaves, since every later page
of those lists shifts by one.
"""

from datetime import UTC


def page_key(page_id):
    """A page of the tree (article, section, edition home), wherever its title or card shows."""
    return f"page-{page_id}"


def section_list_key(section_id):
    """The newest stories of a section."""
    return f"list-section-{section_id}"


def edition_list_key(language_code):
    """The newest stories of an edition (its home page, its search results)."""
    return f"list-edition-{language_code}"


def month_list_key(language_code, moment):
    """An edition's stories of one (UTC) month: its archive sitemap, its count by day."""
    moment = moment.astimezone(UTC)
    return f"list-month-{language_code}-{moment.year:04d}-{moment.month:02d}"


def tag_key(tag_id):
    """A tag's name, wherever it is shown."""
    return f"tag-{tag_id}"


def tag_list_key(tag_id):
    """The newest stories carrying a tag."""
    return f"list-tag-{tag_id}"


def person_list_key(translation_key):
    """The newest stories by or about a person, in every edition."""
    return f"list-person-{translation_key}"


def front_page_key(language_code):
    """What editors set on an edition's front page: pinned stories, the breaking strip."""
    return f"front-page-{language_code}"
