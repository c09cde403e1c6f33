from wagtail.snippets.models import register_snippet

from newsdesk.editions.models import EditionSettings

register_snippet(EditionSettings)
