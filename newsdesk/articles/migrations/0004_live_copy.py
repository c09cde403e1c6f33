from django.conf import settings
from django.db import migrations, models

COPY_LIVE = """
    UPDATE articles_articlepage SET live_copy = (
        SELECT live FROM wagtailcore_page WHERE wagtailcore_page.id = articles_articlepage.page_ptr_id)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0003_tag_publication_time"),
        migrations.swappable_dependency(settings.WAGTAIL_PAGE_MODEL),
    ]

    operations = [
        migrations.RemoveIndex(model_name="articlepage", name="article_section_newest"),
        migrations.AddField(
            model_name="articlepage",
            name="live_copy",
            field=models.BooleanField(default=False, editable=False),
        ),
        migrations.RunSQL(COPY_LIVE, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="articlepage",
            index=models.Index(
                condition=models.Q(("live_copy", True)),
                fields=["section", "-published_at", "-page_ptr"],
                name="article_section_newest",
            ),
        ),
    ]
