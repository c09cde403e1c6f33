"""Script written into any field a newsroom edits, or into a URL, never becomes page script.

Each payload goes into every editable field of an article, its section, a person, a tag and
the edition's wording, and into addresses and query strings; every page that shows them is
parsed for anything a browser would run: an inline script other than the site's own, an
event handler attribute, a javascript: address, a frame with its own document, a <base> or
a refresh. tests/browser/test_xss.py loads the same kind of pages in Chromium.
"""

from html.parser import HTMLParser
from urllib.parse import quote

import factories
import pytest

from newsdesk.editions.models import EditionSettings
from newsdesk.security.inline import BEFORE_PAINT

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
    '<a href="javascript:alert(1)">click</a>',
    "</title><script>alert(1)</script>",
    '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
    "<base href=//evil.example/>",
    "{{ 7|add:7 }}{% now 'Y' %}",
    "\u2028<script>alert(1)</script>",
]
URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster"}


class Executable(HTMLParser):
    """Collects whatever in a page a browser would run, or that would redirect its scripts."""

    def __init__(self):
        super().__init__()
        self.problems = []
        self.script = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in URL_ATTRIBUTES and (value or "").strip().lower().startswith(
                ("javascript:", "data:text/html", "vbscript:")
            ):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag in {"base", "object", "embed", "style"}:
            self.problems.append(f"<{tag}>")
        if tag == "meta" and attributes.get("http-equiv", "").lower() == "refresh":
            self.problems.append("<meta http-equiv=refresh>")
        if tag == "iframe" and ("srcdoc" in attributes or "sandbox" not in attributes):
            self.problems.append(f"<iframe {attributes}>")
        if tag == "script":
            self.script = (attributes, [])

    def handle_data(self, data):
        if self.script is not None:
            self.script[1].append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self.script is not None:
            attributes, text = self.script
            self.script = None
            text = "".join(text)
            if "src" in attributes:
                if not attributes["src"].startswith("/static/"):
                    self.problems.append(f"<script src={attributes['src']!r}>")
            elif attributes.get("type") == "application/ld+json":
                if "<" in text:
                    self.problems.append("markup inside JSON-LD")
            elif text != BEFORE_PAINT:
                self.problems.append(f"inline script {text[:60]!r}")


def executable_parts(html):
    parser = Executable()
    parser.feed(html)
    parser.close()
    return parser.problems


@pytest.fixture(params=range(len(PAYLOADS)), ids=lambda index: f"payload-{index}")
def poisoned(request, newsroom):
    """A story, section, person, tag and edition wording with the payload in every field."""
    payload = PAYLOADS[request.param]
    section = factories.section(
        "en", title=f"Desk {payload}", slug=f"desk-{request.param}", description=payload
    )
    person = factories.PersonFactory(
        name=f"Name {payload}", credentials=payload, affiliation=payload, bio=payload
    )
    author = factories.PersonFactory(name=f"Author {payload}", is_author=True)
    story = factories.article(
        section,
        title=f"Title {payload}",
        slug=f"poisoned-{request.param}",
        subtitle=payload,
        lead=payload,
        hero_caption=payload,
        hero_credit=payload,
        hero_image=factories.image(),
        seo_title=payload,
        search_description=payload,
        byline_credit=payload,
        tags=[f"tag {payload}"[:100]],
        authors=[author],
        people=[person],
        body=[
            ("paragraph", f"<p>{payload}</p>{payload}"),
            ("heading", payload),
            (
                "quote",
                {
                    "text": payload,
                    "speaker": person,
                    "speaker_name": payload,
                    "speaker_credentials": payload,
                },
            ),
            (
                "quote",
                {
                    "text": payload,
                    "speaker": None,
                    "speaker_name": payload,
                    "speaker_credentials": "",
                },
            ),
            ("image", {"image": factories.image(), "caption": payload, "credit": payload}),
            ("question_answer", {"question": payload, "answer": f"<p>{payload}</p>"}),
        ],
    )
    EditionSettings.objects.filter(locale__language_code="en").update(
        outlet_name=f"Outlet {payload}", tagline=payload, reuse_notice=payload
    )
    return payload, story, section, person


def test_no_field_an_editor_fills_becomes_script(client, poisoned):
    payload, story, section, person = poisoned
    tag = story.tags.first()
    pages = [
        story.url,
        section.url,
        "/en/",
        f"/en/tags/{quote(tag.slug)}/",
        person.get_absolute_url(),
        f"/en/search/?q={quote(payload)}",
    ]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert executable_parts(response.content.decode()) == [], url


def test_addresses_and_query_strings_never_become_script(client, newsroom):
    for payload in PAYLOADS:
        for url in (
            f"/en/{quote(payload)}/",
            f"/en/search/?q={quote(payload)}&page={quote(payload)}",
            f"{newsroom.politics.url}?page={quote(payload)}",
            f"/en/tags/{quote(payload)}/",
        ):
            response = client.get(url)
            assert response.status_code in (200, 400, 404), (url, response.status_code)
            assert executable_parts(response.content.decode()) == [], url


def test_rich_text_is_stored_cleaned(newsroom):
    story = factories.article(
        newsroom.politics,
        body=[("paragraph", '<p>Fine <b onclick="x()">bold</b><script>alert(1)</script></p>')],
    )
    story.refresh_from_db()
    stored = story.body.raw_data[0]["value"]
    assert stored == "<p>Fine <b>bold</b></p>"


@pytest.mark.parametrize(
    "html",
    [
        "<script>alert(1)</script>",
        '<img src="x" onerror="alert(1)">',
        '<a href=" JavaScript:alert(1)">x</a>',
        '<iframe srcdoc="x"></iframe>',
        '<iframe src="https://video.example/1"></iframe>',
        '<script src="https://evil.example/x.js"></script>',
        '<script type="application/ld+json">{"a": "</script><script>alert(1)"}</script>',
        "<base href='//evil.example/'>",
        '<meta http-equiv="Refresh" content="0">',
        "<style>*{}</style>",
    ],
)
def test_the_checker_sees_what_a_browser_would_run(html):
    assert executable_parts(html)
