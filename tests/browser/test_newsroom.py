"""The admin flows a newsroom lives by, in a real browser: review, schedule, translate, pin.

They run against the shared demo server as members of the newsroom's groups, and take the
screenshots of docs/newsroom.md (written there only with UPDATE_SCREENSHOTS=1, as in
test_screenshots.py). What they create is removed afterwards, so the other browser tests
see the demo as it was.
"""

import os
from datetime import timedelta

import pytest
from demo_site import ROOT
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

SCREENSHOTS = ROOT / "docs" / "screenshots"
DESKTOP = {"viewport": {"width": 1280, "height": 860}}
PREFIX = "Browser desk:"
STAFF = {"author": "Author", "editor": "Editor", "translator": "Translator (ru)"}
SETUP = """
import json
from django.contrib.auth.models import Group, User
from wagtail.models import Locale
from newsdesk.articles.models import ArticlePage, SectionPage
for name, group in {staff!r}.items():
    user = User.objects.create_user(name, name + "@newsroom.example", "pw-" + name)
    user.groups.set([Group.objects.filter(name=group).first()])
section = SectionPage.objects.get(locale__language_code="en", slug="economy")
russian = Locale.objects.get(language_code="ru")
lonely = next(
    story for story in ArticlePage.objects.filter(locale__language_code="en", live=True)
    .exclude(section__slug="interviews").order_by("-published_at")
    if not story.has_translation(russian)
)
print(json.dumps({{"section": section.pk, "untranslated": lonely.pk, "title": lonely.title}}))
"""
CLEANUP = """
from django.contrib.auth.models import User
from newsdesk.articles.frontpage import FrontPagePin
from newsdesk.articles.models import ArticlePage
FrontPagePin.objects.all().delete()
for page in ArticlePage.objects.filter(title__startswith={prefix!r}):
    page.delete()
for page in ArticlePage.objects.filter(owner__username="translator"):
    page.delete()
User.objects.filter(username__in={names!r}).delete()
"""


@pytest.fixture(scope="module")
def screenshot_dir(tmp_path_factory):
    if os.environ.get("UPDATE_SCREENSHOTS") == "1":
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        return SCREENSHOTS
    return tmp_path_factory.mktemp("newsroom-screenshots")


@pytest.fixture(scope="module")
def desk(running_demo_site):
    """Staff of each role on the demo server, and a few of its pages; removed afterwards."""
    import json

    output = running_demo_site.manage("shell", "--no-imports", "-c", SETUP.format(staff=STAFF))
    pages = json.loads(output.strip().splitlines()[-1])
    yield pages
    running_demo_site.manage(
        "shell",
        "--no-imports",
        "-c",
        CLEANUP.format(prefix=PREFIX, names=list(STAFF)),
    )


@pytest.fixture
def staff_page(new_page, running_site):
    """A browser page logged in to the admin as `username`."""

    def logged_in(username):
        page = new_page(**DESKTOP)
        page.goto(f"{running_site}/admin/login/")
        page.fill("#id_username", username)
        page.fill("#id_password", f"pw-{username}")
        page.click("button[type=submit]")
        page.wait_for_url(f"{running_site}/admin/")
        return page

    return logged_in


def article_draft(page, running_site, section_id, title):
    """Open the new-article form under a section and type a title (the slug follows)."""
    page.goto(f"{running_site}/admin/pages/add/articles/articlepage/{section_id}/")
    page.fill("#id_title", title)
    page.press("#id_title", "Tab")
    # The slug follows the title; expect() polls without evaluating script, which the
    # admin's Content-Security-Policy would refuse.
    expect(page.locator("#id_slug")).not_to_have_value("")
    page.fill("#id_lead", "The council votes on the new tariffs next week.")


def footer_action(page, name):
    """Press one of the editor's footer actions hidden under "More actions"."""
    page.get_by_role("button", name="More actions").click()
    page.get_by_role("button", name=name, exact=True).click()


def test_author_submits_and_an_editor_approves_and_publishes(
    staff_page, new_page, running_site, desk, screenshot_dir
):
    title = f"{PREFIX} water tariffs to rise in spring"
    author = staff_page("author")
    article_draft(author, running_site, desk["section"], title)
    footer_action(author, "Submit to Editorial review")
    message = author.locator(".messages .success")
    message.wait_for()
    assert "submitted for moderation" in message.inner_text()
    edit_link = author.locator(".messages a", has_text="Edit").get_attribute("href")

    editor = staff_page("editor")
    review = editor.locator("#newsroom-review-content")
    assert title in review.inner_text()
    assert "Editor's approval (Editor, Chief editor)" in review.inner_text()
    editor.screenshot(path=screenshot_dir / "newsroom-dashboard.png", full_page=True)

    editor.goto(f"{running_site}{edit_link}")
    editor.get_by_role("button", name="Toggle status").click()
    editor.screenshot(path=screenshot_dir / "newsroom-review.png")
    footer_action(editor, "Approve and Publish")
    editor.locator(".messages .success").wait_for()
    reader = new_page(**DESKTOP)
    reader.goto(f"{running_site}/en/economy/")
    assert title in reader.locator("main").inner_text()


def test_editor_schedules_a_story_for_the_morning(staff_page, running_site, desk, screenshot_dir):
    from django.utils import timezone

    title = f"{PREFIX} bridge tolls end at dawn"
    editor = staff_page("editor")
    article_draft(editor, running_site, desk["section"], title)
    editor.get_by_role("button", name="Save draft").click()
    editor.locator(".messages .success").wait_for()
    editor.get_by_role("button", name="Toggle status").click()
    editor.get_by_role("button", name="Set schedule").click()
    go_live = timezone.localtime(timezone.now() + timedelta(hours=3)).strftime("%Y-%m-%d %H:%M")
    dialog = editor.locator("#schedule-publishing-dialog")
    dialog.locator("input[name=go_live_at]").fill(go_live)
    editor.screenshot(path=screenshot_dir / "newsroom-schedule.png")
    # The date picker stays open over the button; the click is the button's own.
    dialog.get_by_role("button", name="Save schedule").dispatch_event("click")
    editor.locator(".messages .success").wait_for()
    footer_action(editor, "Schedule to publish")
    editor.locator(".messages .success").wait_for()
    editor.goto(f"{running_site}/admin/")
    scheduled = editor.locator("#newsroom-scheduled-content").inner_text()
    assert title in scheduled and "go-live time" in scheduled


def test_translator_turns_a_story_into_a_russian_draft(
    staff_page, running_site, desk, screenshot_dir
):
    translator = staff_page("translator")
    translator.goto(f"{running_site}/admin/newsroom/translations/?source=en&target=ru")
    row = translator.locator("#missing-translations tr", has_text=desk["title"])
    row.get_by_role("link", name="Translate to Русский").click()
    assert translator.get_by_label("Русский").is_checked()
    assert translator.get_by_label("Հայերեն").count() == 0  # not this translator's edition
    translator.screenshot(path=screenshot_dir / "newsroom-translate.png")
    translator.get_by_role("button", name="Make the draft").click()
    translator.wait_for_url("**/edit/")
    assert "is ready in Русский" in translator.locator(".messages").inner_text()
    assert translator.locator("#id_title").input_value() == desk["title"]


def test_editor_pins_a_story_to_the_top_of_the_front_page(
    staff_page, new_page, running_site, desk, screenshot_dir
):
    editor = staff_page("editor")
    editor.goto(f"{running_site}/admin/pages/{desk['untranslated']}/edit/")
    editor.get_by_role("button", name="Actions").first.click()
    editor.get_by_role("link", name="Pin to the front page").click()
    editor.locator("#id_slot").fill("1")
    editor.screenshot(path=screenshot_dir / "newsroom-pin.png")
    editor.get_by_role("button", name="Save").click()
    editor.locator(".messages .success").wait_for()

    reader = new_page(**DESKTOP)
    reader.goto(f"{running_site}/en/")
    assert reader.locator(".top-story__title").inner_text() == desk["title"]
    reader.screenshot(path=screenshot_dir / "newsroom-front-page.png")
