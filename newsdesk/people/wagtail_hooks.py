from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from newsdesk.people.models import Person


class PersonViewSet(SnippetViewSet):
    """People in the admin: searchable, filterable by edition and role."""

    model = Person
    icon = "user"
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "credentials", "is_author", "locale"]
    list_filter = ["is_author", "locale"]
    search_fields = ["name"]


register_snippet(PersonViewSet)
