"""HTML from editors, importers and providers, cut down to what a page may safely show.

Rich text is kept in Wagtail's own format (links to pages as <a linktype="page" id="3">),
so the allowed tags and attributes are that format's, for the features the editor offers.
The editor itself only produces these; the cleaning is for everything else that writes a
body (an import, a script, an edited revision) and for payloads sent to the admin by hand.
Embeds come from third-party providers: only their iframe is kept, in a sandbox.
"""

import nh3

RICH_TEXT_TAGS = {"p", "br", "b", "i", "strong", "em", "ol", "ul", "li", "a"}
RICH_TEXT_ATTRIBUTES = {"a": {"href", "linktype", "id"}}
LINK_SCHEMES = {"http", "https", "mailto", "tel"}

EMBED_ATTRIBUTES = {
    "iframe": {"src", "width", "height", "title", "allow", "allowfullscreen", "loading"}
}
# An embedded player needs scripts of its own origin; it may not reach the page's.
EMBED_SANDBOX = "allow-scripts allow-same-origin allow-popups allow-presentation"


def rich_text_clean(html):
    """Rich text in Wagtail's storage format with everything else removed."""
    return nh3.clean(
        html,
        tags=RICH_TEXT_TAGS,
        attributes=RICH_TEXT_ATTRIBUTES,
        url_schemes=LINK_SCHEMES,
        link_rel=None,
        strip_comments=True,
    )


def embed_clean(html):
    """A provider's embed HTML as its https iframe alone, sandboxed; "" when it has none."""
    cleaned = nh3.clean(
        html,
        tags={"iframe"},
        attributes=EMBED_ATTRIBUTES,
        url_schemes={"https"},
        link_rel=None,
        set_tag_attribute_values={"iframe": {"sandbox": EMBED_SANDBOX}},
    )
    return cleaned if 'src="https://' in cleaned else ""
