"""JSON-LD and sharing tags: NewsArticle on articles, Organization and WebSite on homes,
breadcrumbs on sections; a 1200x630 card per article, drawn in a font that has every letter."""

import io
import json

import factories
import pytest
from bs4 import BeautifulSoup
from django.conf import settings
from fontTools.ttLib import TTFont
from PIL import Image
from wagtail.images import get_image_model

from newsdesk.editions.models import OutletSettings
from newsdesk.syndication.social_cards import card_path

pytestmark = pytest.mark.django_db


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return BeautifulSoup(response.content, "html.parser")


def json_ld(soup):
    """Every schema.org object the page declares, by @type."""
    found = {}
    for script in soup.select('script[type="application/ld+json"]'):
        data = json.loads(script.string)
        assert data["@context"] == "https://schema.org"
        for thing in data.get("@graph", [data]):
            found[thing["@type"]] = thing
    return found


def test_an_article_declares_itself_a_news_article(client, newsroom):
    soup = page(client, "/en/politics/parliament-passes-budget/")
    article = json_ld(soup)["NewsArticle"]
    assert article["headline"] == "Parliament passes budget"
    assert article["url"] == "http://testserver/en/politics/parliament-passes-budget/"
    assert article["inLanguage"] == "en"
    assert article["articleSection"] == "Politics"
    assert article["isAccessibleForFree"] is True
    assert article["author"] == [
        {
            "@type": "Person",
            "name": "Anna Writer",
            "url": "http://testserver/en/people/anna-writer/",
        }
    ]
    assert article["datePublished"].startswith(newsroom.story.published_at.date().isoformat()[:4])
    assert article["publisher"]["name"] == soup.select_one(".brand").get_text(strip=True)
    card, hero = article["image"]
    assert (card["width"], card["height"]) == (1200, 630)
    assert card["url"] == soup.select_one('meta[property="og:image"]')["content"]
    assert hero["url"].startswith("http://testserver/media/")
    crumbs = json_ld(soup)["BreadcrumbList"]["itemListElement"]
    assert [crumb["item"] for crumb in crumbs] == [
        "http://testserver/en/",
        "http://testserver/en/politics/",
        "http://testserver/en/politics/parliament-passes-budget/",
    ]


def test_the_publisher_logo_is_the_outlets_one_logo(client, newsroom):
    article_url = "/en/politics/parliament-passes-budget/"
    assert "logo" not in json_ld(page(client, article_url))["NewsArticle"]["publisher"]
    settings = OutletSettings.load()
    settings.logo = factories.image(width=300, height=60)
    settings.save()  # announces a change to everything: the cached page goes
    article = json_ld(page(client, article_url))["NewsArticle"]
    assert article["publisher"]["logo"]["url"].startswith("http://testserver/media/")
    assert article["publisher"]["logo"]["height"] <= 60


def test_a_home_page_declares_the_outlet_and_its_search(client, newsroom):
    things = json_ld(page(client, "/ru/"))
    assert things["NewsMediaOrganization"]["url"] == "http://testserver/ru/"
    action = things["WebSite"]["potentialAction"]
    assert action["target"]["urlTemplate"] == "http://testserver/ru/search/?q={search_term_string}"
    assert things["WebSite"]["inLanguage"] == "ru"


def test_a_section_declares_its_breadcrumbs(client, newsroom):
    crumbs = json_ld(page(client, "/hy/politics/"))["BreadcrumbList"]["itemListElement"]
    assert [crumb["name"] for crumb in crumbs][1] == "Քաղաքականություն"


def test_json_ld_cannot_close_its_script_early(client, newsroom):
    factories.article(newsroom.politics, title="A </script><b>trap</b>", slug="trap")
    html = client.get("/en/politics/trap/").content.decode()
    assert "</script><b>" not in html
    assert json_ld(BeautifulSoup(html, "html.parser"))["NewsArticle"]["headline"].startswith("A </")


def test_an_article_without_a_picture_has_no_card(client, newsroom):
    story = factories.article(newsroom.politics, title="No picture")
    soup = page(client, story.url)
    assert soup.select_one('meta[property="og:image"]') is None
    assert soup.select_one('meta[name="twitter:card"]')["content"] == "summary"
    assert client.get(f"/cards/{story.pk}-00000000.jpg").status_code == 404


def test_the_card_is_a_1200x630_rendition_made_once(client, newsroom):
    url = card_path(newsroom.story)
    response = client.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "image/jpeg"
    card = Image.open(io.BytesIO(response.content))
    assert card.size == (1200, 630)
    renditions = newsroom.story.hero_image.renditions.filter(filter_spec__contains="socialcard")
    assert renditions.count() == 1
    client.get(url)
    assert renditions.count() == 1
    # A new title makes a new card at a new address; the old address leads to it.
    newsroom.story.title = "Parliament passes budget after all"
    factories.publish(newsroom.story)
    new_url = card_path(newsroom.story)
    assert new_url != url
    assert client.get(url).headers["Location"] == new_url
    assert client.get(new_url).status_code == 200
    assert renditions.count() == 1


@pytest.mark.parametrize("language", ["ru", "hy"])
def test_the_card_font_has_every_letter_of_cyrillic_and_armenian_titles(client, newsroom, language):
    titles = {
        "ru": "Парламент принял бюджет: ёжик, щука и Ъ",
        "hy": "Խորհրդարանը ընդունեց բյուջեն՝ Ա-ից Ֆ, ա-ից և",
    }
    covered = set(TTFont(settings.NEWSDESK_CARD_FONT).getBestCmap())
    assert {char for char in titles[language] if ord(char) not in covered} == set()
    section = newsroom.politics_ru if language == "ru" else newsroom.politics_hy
    story = factories.article(
        section, title=titles[language], slug=f"card-{language}", hero_image=factories.image()
    )
    card = Image.open(io.BytesIO(client.get(card_path(story)).content))
    # The title is drawn: the lower part of the card has white text on the shade.
    lower = card.crop((0, 400, 1200, 630)).convert("L")
    assert lower.getextrema()[1] > 200


def test_an_unpublished_article_has_no_card(client, newsroom):
    story = factories.article(newsroom.politics, hero_image=get_image_model().objects.first())
    url = card_path(story)
    story.unpublish()
    assert client.get(url).status_code == 404
