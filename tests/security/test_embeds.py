"""Embedded players keep only the provider's iframe, sandboxed; anything else is a link."""

import factories
import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed

from newsdesk.articles.blocks import SafeEmbedBlock

VIDEO = "https://video.example/watch/1"


def provider_said(url, html):
    """What the provider answered earlier, kept in Wagtail's embed cache (no network here)."""
    Embed.objects.create(url=url, hash=get_embed_hash(url), type="video", html=html)


@pytest.mark.django_db
def test_the_players_iframe_is_kept_in_a_sandbox():
    provider_said(
        VIDEO,
        '<iframe src="https://video.example/embed/1" width="560" height="315" '
        'onload="steal()" allowfullscreen></iframe><script src="https://video.example/a.js"></script>',
    )
    html = str(SafeEmbedBlock().render(SafeEmbedBlock().to_python(VIDEO)))
    assert html.startswith('<div class="body-embed"><iframe src="https://video.example/embed/1"')
    assert 'sandbox="allow-scripts allow-same-origin allow-popups allow-presentation"' in html
    assert "onload" not in html and "<script" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(
    "html",
    [
        '<blockquote>A post</blockquote><script src="https://social.example/w.js"></script>',
        '<iframe src="javascript:alert(1)"></iframe>',
        '<iframe src="http://video.example/embed/1"></iframe>',
    ],
)
def test_without_a_safe_iframe_the_reader_gets_a_link(html):
    provider_said(VIDEO, html)
    rendered = str(SafeEmbedBlock().render(SafeEmbedBlock().to_python(VIDEO)))
    assert rendered == f'<p class="body-embed"><a href="{VIDEO}">{VIDEO}</a></p>'


def test_a_provider_out_of_reach_gives_a_link_and_the_page_still_renders(client, newsroom):
    # No finder knows this address, and the machine reaches no provider anyway.
    url = "https://unknown-provider.example/v/1"
    story = factories.article(newsroom.politics, body=[("embed", url)])
    response = client.get(story.url)
    assert response.status_code == 200
    assert f'<a href="{url}">{url}</a>' in response.text
