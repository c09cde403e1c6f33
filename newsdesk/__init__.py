"""newsdesk: a multilingual online news outlet built on Django and Wagtail."""
