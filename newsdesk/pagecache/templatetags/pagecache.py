"""{% cachedfragment seconds "name" vary… %}…{% endcachedfragment %}: a fragment kept rendered.

Like Django's {% cache %}, but purged by the surrogate keys its content shows (see
newsdesk.pagecache.fragments), and always varying on the active language.
"""

from django import template

from newsdesk.pagecache.fragments import cached_fragment

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, seconds, name, vary_on):
        self.nodelist = nodelist
        self.seconds = seconds
        self.name = name
        self.vary_on = vary_on

    def render(self, context):
        seconds = int(self.seconds.resolve(context))
        name = self.name.resolve(context)
        vary_on = [value.resolve(context) for value in self.vary_on]
        return cached_fragment(name, vary_on, seconds, lambda: self.nodelist.render(context))


@register.tag("cachedfragment")
def do_cachedfragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 3:
        raise template.TemplateSyntaxError(
            f"'{bits[0]}' takes a lifetime in seconds, a name and optional values to vary on"
        )
    nodelist = parser.parse(("endcachedfragment",))
    parser.delete_first_token()
    return CachedFragmentNode(
        nodelist,
        parser.compile_filter(bits[1]),
        parser.compile_filter(bits[2]),
        [parser.compile_filter(bit) for bit in bits[3:]],
    )
