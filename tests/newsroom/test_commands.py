"""The commands a person runs: admin_login and seed_demo's refusals."""

import stat
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command


@pytest.fixture
def var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path
    return tmp_path


def admin_login(*args):
    output = StringIO()
    call_command("admin_login", *args, stdout=output)
    return output.getvalue()


def test_admin_login_creates_one_admin_and_prints_the_login(db, var_dir):
    output = admin_login()
    password = (var_dir / "admin-login.txt").read_text().split()[1]
    assert "/admin/" in output
    assert "login: admin" in output
    assert f"password: {password}" in output
    admin = get_user_model().objects.get(username="admin")
    assert admin.is_superuser
    assert admin.check_password(password)


def test_admin_login_keeps_the_password_on_a_second_run(db, var_dir):
    first = admin_login()
    second = admin_login()
    assert first == second
    assert get_user_model().objects.filter(username="admin").count() == 1


def test_admin_login_file_is_readable_only_by_its_owner(db, var_dir):
    admin_login()
    mode = (var_dir / "admin-login.txt").stat().st_mode
    assert stat.S_IMODE(mode) == 0o600


def test_admin_login_new_password_replaces_the_old_one(db, var_dir):
    admin_login()
    old = (var_dir / "admin-login.txt").read_text().split()[1]
    admin_login("--new-password")
    new = (var_dir / "admin-login.txt").read_text().split()[1]
    assert new != old
    assert get_user_model().objects.get(username="admin").check_password(new)


@pytest.mark.parametrize("articles", ["0", "-5"])
def test_seed_demo_refuses_a_bad_article_count(outlet, articles):
    with pytest.raises(CommandError, match="--articles"):
        call_command("seed_demo", "--articles", articles, "--no-progress")


def test_seed_demo_with_if_empty_leaves_a_filled_database_alone(newsroom):
    from newsdesk.articles.models import ArticlePage

    before = ArticlePage.objects.count()
    output = StringIO()
    call_command("seed_demo", "--articles", "20", "--if-empty", "--no-progress", stdout=output)
    assert "skipped" in output.getvalue()
    assert ArticlePage.objects.count() == before


def test_seed_demo_fills_every_edition_and_is_idempotent(outlet):
    from newsdesk.articles.models import ArticlePage

    # --articles is the total the database should hold; the shared test content counts too.
    wanted = str(ArticlePage.objects.count() + 6)
    before = set(ArticlePage.objects.values_list("pk", flat=True))
    call_command("seed_demo", "--articles", wanted, "--no-progress", stdout=StringIO())
    seeded = ArticlePage.objects.exclude(pk__in=before)
    editions = set(seeded.values_list("locale__language_code", flat=True))
    output = StringIO()
    call_command("seed_demo", "--articles", wanted, "--no-progress", stdout=output)
    assert ArticlePage.objects.count() == int(wanted)
    assert editions == {"en", "ru", "hy"}
    assert "Nothing to do" in output.getvalue()


def test_seeded_stories_are_listed_on_their_tag_pages(outlet, client):
    from newsdesk.articles.models import ArticlePage, ArticleTag

    before = set(ArticlePage.objects.values_list("pk", flat=True))
    wanted = str(ArticlePage.objects.count() + 12)
    call_command("seed_demo", "--articles", wanted, "--no-progress", stdout=StringIO())
    seeded = ArticlePage.objects.exclude(pk__in=before).filter(locale__language_code="en")
    for story in seeded:
        rows = ArticleTag.objects.filter(content_object=story)
        assert rows.exists()
        assert set(rows.values_list("published_at", flat=True)) == {story.published_at}
    story = seeded.first()
    tag = story.tags.first()
    assert story.title in client.get(f"/en/tags/{tag.slug}/").text
