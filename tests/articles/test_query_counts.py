"""Query-count ceilings for the busiest pages, which must not grow with the number of stories.

Two situations count: the usual one, where the header, footer, story cards and home blocks
are kept rendered (the page itself is rendered again after a purge or for a page nobody has
asked for yet), and the first render after everything was purged.
"""

import factories
import pytest

from newsdesk.pagecache.cache import page_cache

SECTIONS = 6
# Measured with 6 sections of 10 and of 40 stories (the same for both). Kept fragments:
# home 0, section 3, article 4, tag 2 (before the page cache: home 45, section 17, article
# 31). Everything purged: home 49 (two of them the front page's pins and breaking strip,
# remembered per process after), section 20, article 29, tag 18 (home and article read the
# outlet's logo for their JSON-LD, syndication's one query, remembered until a purge; the
# tag page's cards read their stories, sections and pictures apart, where the ORM's join
# made it 16). One query of room each.
CEILINGS = {"home": (1, 50), "section": (4, 21), "article": (5, 30), "tag": (3, 19)}


@pytest.fixture(params=[10, 40], ids=["10-per-section", "40-per-section"])
def full_edition(request, outlet, settings):
    """Six sections of N stories each, with pictures, tags, authors and people quoted."""
    per_section = request.param
    # Listings show every story of a section on one page, so an N+1 would show at once.
    settings.NEWSDESK_PAGE_SIZE = per_section
    pictures = [factories.image() for _ in range(3)]
    authors = [factories.PersonFactory(is_author=True) for _ in range(3)]
    experts = [factories.PersonFactory() for _ in range(3)]
    sections = []
    for number in range(SECTIONS):
        section = factories.section("en", title=f"Desk {number}", position=number)
        for index in range(per_section):
            factories.article(
                section,
                revision=False,
                hero_image=pictures[index % 3],
                tags=[f"topic-{index % 4}", f"desk-{number}"],
                authors=[authors[index % 3]],
                people=experts[: index % 3],
                is_featured=index == 0,
            )
        sections.append(section)
    return sections


def test_page_query_counts_stay_under_their_ceilings(
    client, full_edition, django_assert_max_num_queries
):
    section = full_edition[0]
    story = section.get_children().last().specific
    pages = {
        "home": "/en/",
        "section": section.url,
        "article": story.url,
        "tag": "/en/tags/desk-0/",
    }
    for kind, url in pages.items():
        kept_ceiling, purged_ceiling = CEILINGS[kind]
        assert client.get(url).status_code == 200  # the first view makes the image renditions
        with django_assert_max_num_queries(kept_ceiling):
            assert client.get(url).status_code == 200
        page_cache().clear()
        with django_assert_max_num_queries(purged_ceiling):
            response = client.get(url)
        assert response.status_code == 200
        if kind == "section":
            # Every story of the section is on the page: the count covers one card per story.
            assert len(response.context["story_ids"]) == section.get_children().count()
