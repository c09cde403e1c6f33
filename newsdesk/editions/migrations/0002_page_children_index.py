from django.db import migrations

# A page's children are one range of (depth, path). Wagtail indexes path alone, where the
# range of a home page's children also holds every article below it: the header's section
# menu read 333,000 index entries per edition at a million articles (320 ms on SQLite).
CHILDREN_INDEX = (
    "CREATE INDEX IF NOT EXISTS newsdesk_page_depth_path ON wagtailcore_page (depth, path)"
)
DROP_CHILDREN_INDEX = "DROP INDEX IF EXISTS newsdesk_page_depth_path"


class Migration(migrations.Migration):
    dependencies = [
        ("editions", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunSQL(CHILDREN_INDEX, DROP_CHILDREN_INDEX)]
