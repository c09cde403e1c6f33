"""Admin pages of the security app: two-step sign-in, reached from the account page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks

from newsdesk.security import views


@hooks.register("register_admin_urls")
def two_step_urls():
    return [path("two-step/", views.two_step, name="newsdesk_two_step")]


@hooks.register("register_account_menu_item")
def two_step_menu_item(request):
    return {
        "url": reverse("newsdesk_two_step"),
        "label": _("Two-step sign-in"),
        "help_text": _("Ask for a code from an authenticator app when you sign in."),
    }
