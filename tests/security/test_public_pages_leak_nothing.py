"""Readers' pages name no admin address and no editor's account."""

import factories
import pytest
from django.contrib.auth import get_user_model


@pytest.fixture
def story_by_editor(newsroom):
    editor = get_user_model().objects.create_superuser(
        "hidden-editor-login", "hidden.editor@newsroom.example", "pw-hidden-42"
    )
    story = factories.article(newsroom.politics, title="Edited story", owner=editor)
    story.save_revision(user=editor).publish(user=editor)
    return story


def test_public_pages_show_no_admin_address_or_editor_account(client, newsroom, story_by_editor):
    for url in (
        story_by_editor.url,
        newsroom.politics.url,
        "/en/",
        "/en/tags/budget/",
        "/en/search/?q=budget",
        "/en/no-such-page/",
        newsroom.author.get_absolute_url(),
    ):
        html = client.get(url).content.decode()
        assert "/admin" not in html, url
        assert "hidden-editor-login" not in html and "hidden.editor@" not in html, url
