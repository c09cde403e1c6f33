"""Deleting an article moves it to the trash; it comes back from there; all of it is logged."""

import factories
from admin_forms import article_form
from wagtail.models import PageLogEntry

from newsdesk.articles.models import ArticlePage
from newsdesk.newsroom.models import TrashedArticle


def actions_logged(page_id):
    return list(
        PageLogEntry.objects.filter(page_id=page_id).order_by("pk").values_list("action", flat=True)
    )


def test_deleting_an_article_unpublishes_it_into_the_trash(staff, login, newsroom, client):
    story = factories.article(newsroom.politics, title="Mistaken story")
    editor = login(staff.editor)
    confirm = editor.get(f"/admin/pages/{story.pk}/delete/")
    assert "Move to the trash" in confirm.text
    response = editor.post(f"/admin/pages/{story.pk}/delete/")
    assert response["Location"] == "/admin/newsroom/trash/"
    story = ArticlePage.objects.get(pk=story.pk)
    assert not story.live
    assert TrashedArticle.objects.get(page=story).was_live
    assert client.get(story.url or f"/en/politics/{story.slug}/").status_code == 404
    assert "Mistaken story" in editor.get("/admin/newsroom/trash/").text
    assert "Mistaken story" not in editor.get("/admin/articles/").text
    assert actions_logged(story.pk)[-2:] == ["wagtail.unpublish", "newsroom.trash"]


def test_a_restored_article_is_published_again(staff, login, newsroom, client):
    story = factories.article(newsroom.politics, title="Back again")
    editor = login(staff.editor)
    editor.post(f"/admin/pages/{story.pk}/delete/")
    editor.post(f"/admin/newsroom/trash/{story.pk}/restore/")
    story = ArticlePage.objects.get(pk=story.pk)
    assert story.live
    assert not TrashedArticle.objects.filter(page=story).exists()
    assert client.get(story.url).status_code == 200
    assert actions_logged(story.pk)[-2:] == ["wagtail.publish", "newsroom.restore"]


def test_only_the_chief_editor_empties_the_trash(staff, login, newsroom):
    story = factories.article(newsroom.politics, title="For good")
    login(staff.editor).post(f"/admin/pages/{story.pk}/delete/")
    for user in (staff.analyst, staff.editor):
        login(user).post(f"/admin/newsroom/trash/{story.pk}/delete/")
        assert ArticlePage.objects.filter(pk=story.pk).exists()
    login(staff.chief).post(f"/admin/newsroom/trash/{story.pk}/delete/")
    assert not ArticlePage.objects.filter(pk=story.pk).exists()
    assert PageLogEntry.objects.filter(page_id=story.pk, action="wagtail.delete").exists()


def test_an_author_cannot_trash_a_published_article(staff, login, newsroom):
    login(staff.author).post(f"/admin/pages/{newsroom.story.pk}/delete/")
    assert ArticlePage.objects.get(pk=newsroom.story.pk).live
    assert not TrashedArticle.objects.exists()


def test_publishing_and_unpublishing_are_in_the_audit_log(staff, login, newsroom):
    story = factories.article(newsroom.politics, title="Logged", live=False)
    editor = login(staff.editor)
    editor.post(f"/admin/pages/{story.pk}/edit/", article_form(story, "publish"))
    editor.post(f"/admin/pages/{story.pk}/unpublish/", {"include_descendants": ""})
    logged = PageLogEntry.objects.filter(page_id=story.pk)
    assert {"wagtail.publish", "wagtail.unpublish"} <= set(logged.values_list("action", flat=True))
    users = logged.exclude(action="wagtail.create").values_list("user__username", flat=True)
    assert set(users) == {"editor"}


def test_sections_are_not_trashed_and_only_the_chief_deletes_them(staff, login, newsroom):
    section = factories.section("en", title="Weather")
    login(staff.editor).post(f"/admin/pages/{section.pk}/delete/")
    assert section.__class__.objects.filter(pk=section.pk).exists()
    login(staff.chief).post(f"/admin/pages/{section.pk}/delete/")
    assert not section.__class__.objects.filter(pk=section.pk).exists()
