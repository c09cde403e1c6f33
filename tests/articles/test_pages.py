"""Every page type in every edition answers 200 with its own content, in its own language."""

from datetime import UTC, datetime

import factories
import pytest

from newsdesk.articles.frontpage import FrontPagePin

EDITIONS = ["en", "ru", "hy"]


@pytest.mark.parametrize("language_code", EDITIONS)
def test_edition_home_answers_in_its_language(client, newsroom, language_code):
    response = client.get(f"/{language_code}/")
    assert response.status_code == 200
    assert f'<html lang="{language_code}">' in response.text


def test_home_shows_the_editions_own_stories_only(client, newsroom):
    english = client.get("/en/").text
    armenian = client.get("/hy/").text
    assert newsroom.story.title in english
    assert newsroom.story_hy.title not in english
    assert newsroom.story_hy.title in armenian
    assert newsroom.story.title not in armenian


def test_home_leads_with_the_curated_top_story(client, newsroom):
    other = factories.article(newsroom.politics, title="Newest but not the lead")
    FrontPagePin.objects.create(locale=newsroom.story.locale, slot=1, article=newsroom.story)
    response = client.get("/en/")
    assert response.context["home"].top_story == newsroom.story
    assert other in response.context["home"].latest
    assert newsroom.story not in response.context["home"].latest


def test_home_blocks_list_each_section_with_its_stories(client, newsroom):
    economy = factories.section("en", title="Economy", position=1)
    story = factories.article(economy, title="Prices fall")
    factories.article(newsroom.politics, title="Second politics story")
    response = client.get("/en/")
    blocks = dict(response.context["home"].section_blocks)
    assert [section.title for section, _ in response.context["home"].section_blocks][0] == "Economy"
    assert blocks[economy] == [story]


def story_card_of(html, url):
    """The story card in `html` that links to `url`."""
    link = html.index(f'<a href="{url}">')
    start = html.rindex('<article class="story-card">', 0, link)
    return html[start : html.index("</article>", link)]


def test_story_card_shows_picture_section_title_link_and_time(client, newsroom):
    from newsdesk.editions.templatetags.editions import machine_datetime
    from newsdesk.pagecache.cache import page_cache

    story = newsroom.story
    card = story_card_of(client.get("/en/politics/").text, story.url)
    assert 'class="story-card__section">Politics</p>' in card
    assert f'<a href="{story.url}">Parliament passes budget</a>' in card
    assert 'srcset="/media/' in card and " 480w, /media/" in card and card.count(" 960w") == 1
    assert 'loading="lazy"' in card and 'alt=""' in card
    assert f'<time datetime="{machine_datetime(story.published_at)}">' in card
    # The front page, rendering the same story from what it read itself, shows the same card
    # (below a newer top story).
    factories.article(newsroom.politics, title="A newer story")
    page_cache().clear()
    assert story_card_of(client.get("/en/").text, story.url) == card


def test_listing_and_article_survive_a_picture_whose_file_is_gone(client, newsroom):
    from newsdesk.pagecache.cache import page_cache

    story = factories.article(newsroom.politics, title="Lost picture", hero_image=factories.image())
    story.hero_image.file.storage.delete(story.hero_image.file.name)
    page_cache().clear()
    listing = client.get("/en/politics/")
    assert listing.status_code == 200
    card = story_card_of(listing.text, story.url)
    assert 'height="0"' in card and "not-found 480w" in card
    assert client.get(story.url).status_code == 200


@pytest.mark.parametrize(
    ("language_code", "title"),
    [("en", "Politics"), ("ru", "Политика"), ("hy", "Քաղաքականություն")],
)
def test_section_page_shows_title_and_stories(client, newsroom, language_code, title):
    response = client.get(f"/{language_code}/politics/")
    assert response.status_code == 200
    assert title in response.text
    assert f'<html lang="{language_code}">' in response.text
    assert len(factories.listed(response)) == 1


def test_section_page_shows_its_description_and_newest_first(client, newsroom):
    newer = factories.article(newsroom.politics, title="Newest politics story")
    response = client.get("/en/politics/")
    assert "Power and its uses" in response.text
    assert factories.listed(response) == [newer, newsroom.story]


def test_section_page_leaves_out_drafts(client, newsroom):
    factories.article(newsroom.politics, title="Unfinished draft", live=False)
    response = client.get("/en/politics/")
    assert "Unfinished draft" not in response.text


def test_section_page_load_more_fragment_is_just_the_cards(client, newsroom, settings):
    settings.NEWSDESK_PAGE_SIZE = 1
    factories.article(newsroom.politics, title="Newer story")
    response = client.get("/en/politics/?page=2&partial=1")
    assert response.status_code == 200
    assert newsroom.story.title in response.text
    assert "Newer story" not in response.text
    assert "<html" not in response.text


def test_section_page_links_to_the_next_page_without_javascript(client, newsroom, settings):
    settings.NEWSDESK_PAGE_SIZE = 1
    factories.article(newsroom.politics, title="Newer story")
    first = client.get("/en/politics/")
    assert 'href="/en/politics/?page=2"' in first.text
    second = client.get("/en/politics/?page=2")
    assert second.status_code == 200
    assert factories.listed(second) == [newsroom.story]


@pytest.mark.parametrize("language_code", EDITIONS)
def test_article_page_shows_its_content(client, newsroom, language_code):
    page = {"en": newsroom.story, "ru": newsroom.story_ru, "hy": newsroom.story_hy}[language_code]
    response = client.get(page.url)
    assert response.status_code == 200
    assert f'<html lang="{language_code}">' in response.text
    assert page.title in response.text
    assert f'data-article-id="{page.pk}"' in response.text


def test_article_page_shows_byline_tags_people_and_hero(client, newsroom):
    response = client.get(newsroom.story.url)
    text = response.text
    for expected in (
        "A long night of votes",
        "The budget passed after midnight.",
        "Anna Writer",
        "Ruben Expert",
        "/en/tags/budget/",
        "/en/people/ruben-expert/",
        "srcset=",
        ".webp",
    ):
        assert expected in text


def test_article_page_shows_the_stored_view_count(client, newsroom):
    type(newsroom.story).objects.filter(pk=newsroom.story.pk).update(view_count=473)
    response = client.get(newsroom.story.url)
    assert "473" in response.text


def test_article_byline_falls_back_to_the_credit(client, newsroom):
    story = factories.article(newsroom.politics, byline_credit="Newsdesk staff")
    assert "Newsdesk staff" in client.get(story.url).text


@pytest.mark.parametrize(
    ("language_code", "expected"),
    [("en", "04 June 2025 14:40"), ("ru", "04 июня 2025 14:40")],
)
def test_article_date_is_localized_in_the_outlet_time_zone(
    client, newsroom, language_code, expected
):
    when = datetime(2025, 6, 4, 10, 40, tzinfo=UTC)  # 14:40 in Yerevan
    story = factories.article(newsroom.politics, title="Dated story", published_at=when)
    if language_code != "en":
        story = factories.translation(story, language_code)
    assert expected in client.get(story.url).text


def test_article_body_blocks_render(client, newsroom):
    picture = factories.image()
    story = factories.article(
        newsroom.politics,
        body=[
            ("paragraph", "<p>First paragraph text.</p>"),
            ("heading", "A subheading"),
            (
                "quote",
                {
                    "text": "We will vote again.",
                    "speaker": newsroom.expert,
                    "speaker_name": "",
                    "speaker_credentials": "",
                },
            ),
            ("image", {"image": picture, "caption": "In the hall", "credit": "Photo desk"}),
            ("question_answer", {"question": "Why now?", "answer": "<p>Because.</p>"}),
        ],
    )
    text = client.get(story.url).text
    for expected in (
        '<div class="w-block-paragraph block-paragraph"><p>First paragraph text.</p></div>',
        '<h2 class="body-heading">A subheading</h2>',
        "We will vote again.",
        "Ruben Expert",
        "In the hall",
        ".width-480.format-webp.webp 480w, ",
        ".width-960.format-webp.webp 960w",
        "Why now?",
        "Because.",
    ):
        assert expected in text


@pytest.mark.parametrize("language_code", EDITIONS)
def test_tag_page_lists_the_editions_tagged_stories(client, newsroom, language_code):
    response = client.get(f"/{language_code}/tags/budget/")
    assert response.status_code == 200
    assert f'<html lang="{language_code}">' in response.text
    assert "budget" in response.text
    expected = {"en": [newsroom.story], "ru": [newsroom.story_ru], "hy": []}[language_code]
    assert factories.listed(response) == expected


@pytest.mark.parametrize("language_code", EDITIONS)
def test_search_page_answers_in_every_edition(client, newsroom, language_code):
    response = client.get(f"/{language_code}/search/")
    assert response.status_code == 200
    assert f'<html lang="{language_code}">' in response.text
    assert 'name="q"' in response.text


@pytest.mark.parametrize("language_code", ["ru", "hy"])
def test_person_page_answers_in_every_edition(client, newsroom, language_code):
    factories.person_translation(newsroom.expert, language_code, name="Ruben in translation")
    response = client.get(f"/{language_code}/people/ruben-expert/")
    assert response.status_code == 200
    assert f'<html lang="{language_code}">' in response.text
    assert "Ruben in translation" in response.text


def test_person_page_answers(client, newsroom):
    response = client.get("/en/people/ruben-expert/")
    assert response.status_code == 200
    assert "Ruben Expert" in response.text
    assert "Political scientist" in response.text
    assert newsroom.story.title in response.text


@pytest.mark.parametrize("language_code", EDITIONS)
def test_unknown_address_gets_the_branded_not_found_page(client, newsroom, language_code):
    response = client.get(f"/{language_code}/no-such-page/")
    assert response.status_code == 404
    assert f'<html lang="{language_code}">' in response.text
    # The site's header is there: the reader can search or go home from the error page.
    assert f'href="/{language_code}/search/"' in response.text


def test_tag_typed_in_cyrillic_links_to_its_own_page(client, newsroom):
    section = factories.section_translation(factories.section("en"), "ru")
    story = factories.article(section, title="Бюджетный спор", slug="byudzhet", tags=["Новый тег"])
    article_page = client.get(story.url)
    assert article_page.status_code == 200
    tag_url = "/ru/tags/%D0%BD%D0%BE%D0%B2%D1%8B%D0%B9-%D1%82%D0%B5%D0%B3/"
    assert tag_url in article_page.text
    tag_page = client.get(tag_url)
    assert tag_page.status_code == 200
    assert factories.listed(tag_page) == [story]
