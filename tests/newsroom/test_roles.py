"""Each newsroom role can do what its job needs and nothing more, through the real admin."""

import factories
import pytest
from admin_forms import article_form
from django.contrib.auth.models import Group
from wagtail.models import Page

from newsdesk.articles.models import ArticlePage
from newsdesk.newsroom.roles import ROLES, translator_group_name


def draft_by(user, section, title="A draft"):
    """An unpublished article owned by `user`, as the admin's create view leaves it."""
    story = factories.article(section, title=title, live=False, owner=user)
    story.save_revision(user=user)
    return story


def edit(client, page, action=None, **changes):
    return client.post(f"/admin/pages/{page.pk}/edit/", article_form(page, action, **changes))


def refreshed(page):
    return ArticlePage.objects.get(pk=page.pk)


def test_every_role_and_each_editions_translators_are_groups(outlet):
    names = set(Group.objects.values_list("name", flat=True))
    assert set(ROLES) <= names
    assert {translator_group_name(code) for code in ("en", "ru", "hy")} <= names
    # Wagtail's own starter groups are gone, so nobody is put in the wrong one.
    assert not names & {"Editors", "Moderators"}


def test_author_edits_own_draft_but_cannot_publish_it(staff, login, newsroom):
    story = draft_by(staff.author, newsroom.politics)
    client = login(staff.author)
    response = edit(client, story, "publish", title="Published by the author?")
    assert response.status_code in (200, 302)
    story = refreshed(story)
    assert not story.live
    # The edit itself was kept as a draft: the author's work is not lost.
    assert story.get_latest_revision_as_object().title == "Published by the author?"
    assert not story.permissions_for_user(staff.author).can_publish()


def test_author_cannot_open_another_authors_or_a_published_article(staff, login, newsroom):
    others = draft_by(staff.other_author, newsroom.politics, title="Not yours")
    client = login(staff.author)
    for page in (others, newsroom.story):
        response = client.get(f"/admin/pages/{page.pk}/edit/")
        assert response.status_code == 302, page
        assert response["Location"] == "/admin/"


def test_author_submits_and_the_editor_approves_and_publishes(staff, login, newsroom):
    story = draft_by(staff.author, newsroom.politics, title="For review")
    edit(login(staff.author), story, "submit")
    state = refreshed(story).current_workflow_state
    assert state is not None and state.status == "in_progress"
    task_state = state.current_task_state
    response = login(staff.editor).post(
        f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert response.status_code in (200, 302)
    story = refreshed(story)
    assert story.live
    assert story.current_workflow_state is None


def test_a_rejection_comment_reaches_the_author(staff, login, newsroom):
    story = draft_by(staff.author, newsroom.politics, title="Needs work")
    edit(login(staff.author), story, "submit")
    task_state = refreshed(story).current_workflow_state.current_task_state
    login(staff.editor).post(
        f"/admin/pages/workflow/action/{story.pk}/reject/{task_state.pk}/",
        {"comment": "Check the figures in the second paragraph."},
    )
    story = refreshed(story)
    assert not story.live
    assert story.current_workflow_state.status == "needs_changes"
    author = login(staff.author)
    # On the editor's status panel when the author opens the draft, and in its history.
    for view in ("edit", "history"):
        shown = author.get(f"/admin/pages/{story.pk}/{view}/")
        assert "Check the figures in the second paragraph." in shown.text, view


def test_translator_works_only_in_the_edition_assigned(staff, login, newsroom):
    client = login(staff.translator)
    assert client.get(f"/admin/pages/{newsroom.story_ru.pk}/edit/").status_code == 200
    for page in (newsroom.story, newsroom.story_hy):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 302, page
    edit(client, newsroom.story_ru, "publish", title="Перевод без редактора")
    assert refreshed(newsroom.story_ru).title != "Перевод без редактора"
    permissions = newsroom.story_ru.permissions_for_user(staff.translator)
    assert permissions.can_edit() and not permissions.can_publish()


def test_editor_publishes_any_article_but_not_sections(staff, login, newsroom):
    client = login(staff.editor)
    edit(client, newsroom.story, "publish", title="Parliament passes the budget at last")
    assert refreshed(newsroom.story).title == "Parliament passes the budget at last"
    section_edit = client.get(f"/admin/pages/{newsroom.politics.pk}/edit/")
    assert section_edit.status_code == 302
    home = newsroom.politics.get_parent()
    add_section = client.get(f"/admin/pages/add/articles/sectionpage/{home.pk}/")
    assert add_section.status_code == 302


def test_chief_editor_edits_sections_settings_and_ads(staff, login, newsroom):
    client = login(staff.chief)
    for path in (
        f"/admin/pages/{newsroom.politics.pk}/edit/",
        "/admin/snippets/ads/adplacement/add/",
        "/admin/settings/editions/outletsettings/",
    ):
        assert client.get(path, follow=True).status_code == 200, path
    assert client.get("/admin/snippets/ads/adplacement/add/").status_code == 200


def test_analyst_reads_no_page_and_edits_nothing(staff, login, newsroom):
    client = login(staff.analyst)
    assert client.get("/admin/").status_code == 200
    assert client.get(f"/admin/pages/{newsroom.story.pk}/edit/").status_code == 302
    assert client.get("/admin/snippets/ads/adplacement/").status_code == 302
    root = Page.objects.get(depth=1)
    assert not root.permissions_for_user(staff.analyst).can_add_subpage()


def test_a_locked_article_cannot_be_saved_by_another_editor(staff, login, newsroom):
    first, second = login(staff.editor), login(staff.second_editor)
    first.post(f"/admin/pages/{newsroom.story.pk}/lock/")
    assert refreshed(newsroom.story).locked
    edit(second, newsroom.story, "publish", title="Overwritten")
    assert refreshed(newsroom.story).title == "Parliament passes budget"
    assert refreshed(newsroom.story).get_lock().for_user(staff.second_editor)
    # Whoever locked it goes on editing.
    edit(first, newsroom.story, "publish", title="Edited by the one who locked it")
    assert refreshed(newsroom.story).title == "Edited by the one who locked it"


@pytest.mark.parametrize("role", ["author", "translator", "analyst"])
def test_roles_without_review_rights_cannot_approve(staff, login, newsroom, role):
    story = draft_by(staff.author, newsroom.politics, title="Awaiting review")
    edit(login(staff.author), story, "submit")
    task_state = refreshed(story).current_workflow_state.current_task_state
    login(getattr(staff, role)).post(
        f"/admin/pages/workflow/action/{story.pk}/approve/{task_state.pk}/", {"comment": ""}
    )
    assert not refreshed(story).live
