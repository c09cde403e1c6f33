"""Surrogate keys of search results (see newsdesk.pagecache.keys).

A results page or an autocomplete answer shows what the edition's index held when it was
rendered; every change to that index (an article indexed, re-indexed or removed) announces
the edition's key, so cached results never outlive the index they came from.
"""


def search_index_key(language_code):
    """The reader search index of one edition."""
    return f"search-{language_code}"
