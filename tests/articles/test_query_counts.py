"""Query-count ceilings for the busiest pages, which must not grow with the number of stories."""

import factories
import pytest

SECTIONS = 6
# Measured with 6 sections of 10 and of 40 stories (the same for both): home 45 (three of
# them per section block), section 17, article 31. The ceilings leave a little room above.
HOME_CEILING = 50
SECTION_CEILING = 20
ARTICLE_CEILING = 35


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
    pages = [("/en/", HOME_CEILING), (section.url, SECTION_CEILING), (story.url, ARTICLE_CEILING)]
    for url, ceiling in pages:
        assert client.get(url).status_code == 200  # the first view makes the image renditions
        with django_assert_max_num_queries(ceiling):
            response = client.get(url)
        assert response.status_code == 200
        if url == section.url:
            # Every story of the section is on the page: the count covers one card per story.
            assert len(response.context["stories"]) == section.get_children().count()
