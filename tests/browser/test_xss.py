"""Script payloads written into a story and into addresses never run in a real browser.

The story is written into the shared test server's database through manage.py, with a
payload in every field; Chromium loads its pages with scripts on and records any dialog
the payloads would open and any script the Content-Security-Policy had to refuse.
"""

import json
import subprocess
from urllib.parse import quote

import pytest

pytestmark = pytest.mark.browser

PAYLOADS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(2)>',
    "'><svg onload=alert(3)>",
    '<a href="javascript:alert(4)">click</a>',
    "</title><script>alert(5)</script>",
]

# Run by `manage.py shell -c` on the test server: a story with payloads everywhere.
POISONED_STORY = """
import json
from newsdesk.articles.models import ArticlePage, SectionPage
from newsdesk.people.models import Person
payload = " ".join(json.loads(PAYLOADS))
section = SectionPage.objects.filter(locale__language_code="en").first()
person = Person.objects.filter(locale__language_code="en").first()
person.name = ("Expert " + payload)[:120]
person.save()
story = ArticlePage(
    title="Poisoned " + payload, slug="poisoned-story", subtitle=payload, lead=payload,
    hero_caption=payload, byline_credit=payload[:120],
    body=[
        ("paragraph", "<p>" + payload + "</p>"),
        ("heading", payload),
        ("quote", {"text": payload, "speaker": person, "speaker_name": payload,
                   "speaker_credentials": payload}),
        ("question_answer", {"question": payload, "answer": "<p>" + payload + "</p>"}),
    ],
)
story.tags.add("poison " + payload[:40])
section.add_child(instance=story)
story.save_revision().publish()
print("URL", story.get_url())
"""


@pytest.fixture(scope="module")
def poisoned_url(running_demo_site):
    try:
        output = running_demo_site.manage(
            "shell", "-c", f"PAYLOADS = {json.dumps(json.dumps(PAYLOADS))}\n{POISONED_STORY}"
        )
    except subprocess.CalledProcessError as error:
        pytest.fail(f"writing the story failed:\n{error.stderr[-800:]}")
    path = next(line.split(" ", 1)[1] for line in output.splitlines() if line.startswith("URL"))
    return running_demo_site.base_url + path


def visit(new_page, url):
    """Load `url` with scripts on; (dialogs opened, console errors about refused scripts)."""
    page = new_page()
    dialogs, refused = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on(
        "console",
        lambda message: (
            refused.append(message.text)
            if message.type == "error" and "Content Security Policy" in message.text
            else None
        ),
    )
    page.goto(url)
    page.wait_for_load_state("networkidle")
    # Handlers on images fire when they fail to load; give them a moment.
    page.wait_for_timeout(300)
    return dialogs, refused


def test_a_story_full_of_payloads_runs_none_of_them(new_page, poisoned_url):
    dialogs, refused = visit(new_page, poisoned_url)
    assert dialogs == []
    assert refused == []


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_addresses_run_nothing(new_page, running_site, payload):
    for url in (f"/en/search/?q={quote(payload)}", f"/en/{quote(payload)}/"):
        dialogs, refused = visit(new_page, running_site + url)
        assert dialogs == [], url
        assert refused == [], url
