"""Person pages list every story a person wrote or is quoted in, across translations."""

import factories
import pytest

from newsdesk.people.models import Person


@pytest.fixture
def translated_expert(newsroom):
    """Ruben Expert written for the Russian edition too, under the same translation key."""
    return factories.person_translation(newsroom.expert, "ru", name="Рубен Эксперт")


def test_person_page_lists_stories_that_quote_them(client, newsroom):
    response = client.get("/en/people/ruben-expert/")
    assert response.context["person"] == newsroom.expert
    assert factories.listed(response) == [newsroom.story]


def test_author_page_lists_stories_they_wrote(client, newsroom):
    response = client.get("/en/people/anna-writer/")
    assert factories.listed(response) == [newsroom.story]
    assert "Anna Writer" in response.text


def test_russian_person_page_finds_stories_linked_to_the_english_profile(
    client, newsroom, translated_expert
):
    # The Russian translation of the story still links the English profile (copied as is).
    response = client.get("/ru/people/ruben-expert/")
    assert response.status_code == 200
    assert "Рубен Эксперт" in response.text
    assert factories.listed(response) == [newsroom.story_ru]


def test_person_page_finds_russian_stories_linking_the_russian_profile(
    client, newsroom, translated_expert
):
    story = factories.article(newsroom.politics_ru, title="Интервью", people=[translated_expert])
    response = client.get("/ru/people/ruben-expert/")
    assert set(factories.listed(response)) == {story, newsroom.story_ru}


def test_person_page_lists_a_story_once_when_they_wrote_it_and_are_quoted(client, newsroom):
    both = factories.article(newsroom.politics, authors=[newsroom.expert], people=[newsroom.expert])
    stories = factories.listed(client.get("/en/people/ruben-expert/"))
    assert stories.count(both) == 1


def test_person_page_leaves_out_drafts(client, newsroom):
    factories.article(newsroom.politics, title="Draft quote", people=[newsroom.expert], live=False)
    assert "Draft quote" not in client.get("/en/people/ruben-expert/").text


def test_person_without_stories_has_an_honest_page(client, newsroom):
    factories.PersonFactory(name="Quiet Person", slug="quiet-person")
    response = client.get("/en/people/quiet-person/")
    assert response.status_code == 200
    assert factories.listed(response) == []


def test_person_photo_is_shown(client, newsroom):
    factories.PersonFactory(name="Pictured", slug="pictured", photo=factories.image())
    assert ".webp" in client.get("/en/people/pictured/").text


def test_person_address_is_in_their_own_edition(newsroom, translated_expert):
    assert newsroom.expert.get_absolute_url() == "/en/people/ruben-expert/"
    assert translated_expert.get_absolute_url() == "/ru/people/ruben-expert/"


def test_authors_are_the_people_who_write(newsroom):
    assert list(Person.objects.authors()) == [newsroom.author]


def test_same_slug_may_exist_once_per_edition(newsroom):
    from django.db import IntegrityError, transaction

    factories.person_translation(newsroom.expert, "hy")
    with pytest.raises(IntegrityError), transaction.atomic():
        factories.PersonFactory(slug="ruben-expert")


def test_quoted_speaker_is_in_the_story_and_on_their_page(client, newsroom):
    speaker = factories.PersonFactory(name="Ada Quoted", slug="ada-quoted")
    quote = {"text": "Budgets are promises.", "speaker": speaker}
    story = factories.article(newsroom.politics, body=[("quote", quote)])
    assert list(story.people.all()) == [speaker]
    response = client.get("/en/people/ada-quoted/")
    assert response.status_code == 200
    assert factories.listed(response) == [story]
