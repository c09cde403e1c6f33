from django.db import migrations, models

# Articles are found by their address (a lookup on Wagtail's url_path) in one query; Wagtail
# leaves that column unindexed because it walks the tree instead, a query per level.
URL_PATH_INDEX = "CREATE INDEX IF NOT EXISTS newsdesk_page_url_path ON wagtailcore_page (url_path)"
DROP_URL_PATH_INDEX = "DROP INDEX IF EXISTS newsdesk_page_url_path"
COPY_PUBLICATION_TIMES = """
    UPDATE articles_articletag SET published_at = (
        SELECT published_at FROM articles_articlepage
        WHERE articles_articlepage.page_ptr_id = articles_articletag.content_object_id)
"""


class Migration(migrations.Migration):
    dependencies = [
        ("articles", "0002_initial"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="articletag",
            name="published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.RunSQL(COPY_PUBLICATION_TIMES, migrations.RunSQL.noop),
        migrations.AddIndex(
            model_name="articletag",
            index=models.Index(
                fields=["tag", "-published_at", "-content_object"], name="article_tag_newest"
            ),
        ),
        migrations.RunSQL(URL_PATH_INDEX, DROP_URL_PATH_INDEX),
    ]
