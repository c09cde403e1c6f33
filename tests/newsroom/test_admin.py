"""The newsroom admin opens on its main screens for an editor."""

import pytest


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/articles/",
        "/admin/snippets/people/person/",
        "/admin/snippets/ads/adplacement/",
    ],
)
def test_admin_screens_open(admin_client, newsroom, path):
    assert admin_client.get(path, follow=True).status_code == 200


def test_article_editor_opens_with_its_tabs(admin_client, newsroom):
    response = admin_client.get(f"/admin/pages/{newsroom.story.pk}/edit/")
    assert response.status_code == 200
    for tab in ("Content", "Promotion", "Settings"):
        assert tab in response.text


def test_article_preview_renders(admin_client, newsroom):
    response = admin_client.get(f"/admin/pages/{newsroom.story.pk}/edit/preview/", follow=True)
    assert response.status_code == 200


def test_admin_requires_a_login(client, newsroom):
    response = client.get("/admin/articles/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
