"""The page cache: whole pages and fragments kept rendered, and purged by what they show.

Every response names the content it shows in surrogate keys (`keys.shows`); a change to that
content announces its keys (`keys.announce_change`), and every cache holding a page that
shows it (this process, the other app processes, Varnish) drops or revalidates that page.
The app knows no other newsdesk app: keys are opaque strings to it.
"""
