"""The newsroom's groups (Author, Editor, Chief editor, Analyst) and the review workflow.

Translator groups are per edition and need the editions' home pages, which setup_outlet
creates after the migrations: it makes those groups (and runs this again on live models).
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

from newsdesk.newsroom.roles import roles_setup


def roles_create(apps, schema_editor):
    # Django creates permissions after every migration has run; the roles need them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    roles_setup(apps, strict=False)


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0001_initial"),
        ("metrics", "0002_dailyviews"),
        ("ads", "0001_initial"),
        ("editions", "0002_page_children_index"),
        ("people", "0001_initial"),
        ("articles", "0008_front_page"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailredirects", "0008_add_verbose_name_plural"),
        ("simple_translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(roles_create, migrations.RunPython.noop)]
