"""Translate to …: a linked draft in an edition the translator writes for; the desk's lists."""

from datetime import timedelta

import factories
from django.utils import timezone

from newsdesk.articles.models import ArticleAuthor, ArticlePage


def translation_of(story, language_code):
    return ArticlePage.objects.get(
        translation_key=story.translation_key, locale__language_code=language_code
    )


def test_a_translator_makes_a_linked_draft_in_their_edition(staff, login, newsroom):
    story = factories.article(newsroom.politics, title="Water tariffs rise")
    client = login(staff.translator)
    form = client.get(f"/admin/newsroom/translate/{story.pk}/")
    assert form.status_code == 200
    assert 'value="ru"' in form.text and 'value="hy"' not in form.text
    response = client.post(f"/admin/newsroom/translate/{story.pk}/", {"locale": "ru"})
    draft = ArticlePage.objects.get(
        translation_key=story.translation_key, locale__language_code="ru"
    )
    assert response["Location"] == f"/admin/pages/{draft.pk}/edit/"
    assert not draft.live
    assert draft.get_parent().pk == newsroom.politics_ru.pk
    assert draft.owner == staff.translator
    assert [block.block_type for block in draft.body] == [block.block_type for block in story.body]
    # The translator can go on with it, and cannot publish it.
    permissions = draft.permissions_for_user(staff.translator)
    assert permissions.can_edit() and not permissions.can_publish()


def test_a_translator_cannot_translate_into_another_edition(staff, login, newsroom):
    story = factories.article(newsroom.politics, title="Not for Armenian desk")
    response = login(staff.translator).post(
        f"/admin/newsroom/translate/{story.pk}/", {"locale": "hy"}
    )
    assert response.status_code == 400
    assert not ArticlePage.objects.filter(
        translation_key=story.translation_key, locale__language_code="hy"
    ).exists()


def test_simple_translations_button_leads_to_the_desk(staff, login, newsroom):
    story = factories.article(newsroom.politics, title="Through the old button")
    client = login(staff.translator)
    assert "Make the draft" in client.get(f"/admin/translation/submit/page/{story.pk}/").text
    edit_page = login(staff.editor).get(f"/admin/pages/{story.pk}/edit/").text
    assert f"/admin/newsroom/translate/{story.pk}/" in edit_page


def test_the_draft_names_the_people_as_its_edition_writes_them(staff, login, newsroom):
    author_ru = factories.person_translation(newsroom.author, "ru", name="Анна Райтер")
    story = factories.article(
        newsroom.politics,
        title="Bylined story",
        authors=[newsroom.author],
        people=[newsroom.expert],
    )
    login(staff.editor).post(f"/admin/newsroom/translate/{story.pk}/", {"locale": "ru"})
    draft = ArticlePage.objects.get(
        translation_key=story.translation_key, locale__language_code="ru"
    )
    assert [link.person for link in ArticleAuthor.objects.filter(article=draft)] == [author_ru]
    # Nobody wrote the expert in Russian yet: the original stays linked.
    assert list(draft.people.all()) == [newsroom.expert]


def test_a_story_whose_section_is_not_translated_offers_no_edition(staff, login, newsroom):
    local = factories.section("en", title="Local news")
    story = factories.article(local, title="Town fair")
    page = login(staff.editor).get(f"/admin/newsroom/translate/{story.pk}/").text
    assert "There is no edition left" in page


def test_the_desk_lists_stories_missing_in_an_edition(staff, login, newsroom):
    lonely = factories.article(newsroom.politics, title="Only in English")
    page = login(staff.translator).get("/admin/newsroom/translations/?source=en&target=ru").text
    missing = page[page.index("missing-translations") :]
    assert "Only in English" in missing
    assert "Parliament passes budget" not in missing  # it has its Russian version
    assert f"/admin/newsroom/translate/{lonely.pk}/" in missing


def test_the_desk_lists_the_newest_missing_stories_first_across_sections(staff, login, newsroom):
    economy = factories.section("en", title="Economy")
    now = timezone.now()
    factories.article(newsroom.politics, title="Older vote", published_at=now - timedelta(hours=3))
    factories.article(economy, title="Market report", published_at=now - timedelta(hours=2))
    factories.article(newsroom.politics, title="Newest vote", published_at=now - timedelta(hours=1))
    page = login(staff.translator).get("/admin/newsroom/translations/?source=en&target=ru").text
    missing = page[page.index("missing-translations") :]
    shown = [missing.index(title) for title in ("Newest vote", "Market report", "Older vote")]
    assert shown == sorted(shown)


def test_the_desk_costs_the_same_with_more_missing_stories(
    staff, login, newsroom, queries_stay_the_same
):
    factories.article(newsroom.politics, title="Only in English")
    desk = "/admin/newsroom/translations/?source=en&target=ru"
    queries_stay_the_same(login(staff.translator), desk)


def test_a_translation_is_out_of_date_once_its_original_changes(staff, login, newsroom):
    client = login(staff.editor)

    def outdated():
        page = client.get("/admin/newsroom/translations/").text
        return "Парламент принял бюджет" in page[page.index("Out of date") :]

    assert not outdated()
    story = ArticlePage.objects.get(pk=newsroom.story.pk)
    story.lead = "The budget passed after midnight, with amendments."
    story.save_revision(user=staff.editor).publish(user=staff.editor)
    assert outdated()
    translation = ArticlePage.objects.get(pk=newsroom.story_ru.pk)
    translation.save_revision(user=staff.editor).publish(user=staff.editor)
    assert not outdated()


def test_the_desk_is_for_translators_and_editors(staff, login, newsroom):
    for user in (staff.analyst, staff.author):
        assert login(user).get("/admin/newsroom/translations/").status_code == 302
        assert login(user).get(f"/admin/newsroom/translate/{newsroom.story.pk}/").status_code == 302
