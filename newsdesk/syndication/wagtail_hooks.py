from wagtail import hooks

from newsdesk.syndication.social_cards import OPERATION, SocialCardOperation


@hooks.register("register_image_operations")
def register_image_operations():
    """`socialcard-…`, the sharing card drawn on a hero picture (social_cards.py)."""
    return [(OPERATION, SocialCardOperation)]
