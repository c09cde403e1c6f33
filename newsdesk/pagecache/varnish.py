"""A Wagtail frontend-cache backend for Varnish with the xkey module: purge by surrogate key.

Configured like Wagtail's HTTPBackend, with one or more Varnish nodes:

    WAGTAILFRONTENDCACHE = {"varnish": {
        "BACKEND": "newsdesk.pagecache.varnish.VarnishXkeyBackend",
        "LOCATIONS": ["http://10.0.0.5:6081", "http://10.0.0.6:6081"],
    }}

Each purge is one request per node: `PURGE /` with the keys in an `xkey-softpurge` header,
which deploy/varnish/newsdesk.vcl answers with xkey.softpurge(): matching objects become
stale, and Varnish refreshes each with one backend fetch while serving the old copy.
Plain URL purges (Wagtail's own signal handlers) are answered too.
"""

import logging
import urllib.error
import urllib.request

from wagtail.contrib.frontend_cache.backends.base import BaseBackend

logger = logging.getLogger("wagtail.frontendcache")

# Keys per request: one header line stays well under Varnish's 8 KB header limit.
KEYS_PER_REQUEST = 200


class VarnishXkeyBackend(BaseBackend):
    """Purges Varnish nodes by URL (PURGE <url>) and by surrogate key (xkey-softpurge)."""

    def __init__(self, params):
        super().__init__(params)
        locations = params.get("LOCATIONS") or [params["LOCATION"]]
        self.locations = [location.rstrip("/") for location in locations]
        self.timeout = params.get("TIMEOUT", 2)

    def send(self, location, path, headers):
        request = urllib.request.Request(location + path, method="PURGE", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as response:
                response.read()
        except (urllib.error.URLError, OSError) as error:
            # A node that is down has nothing cached to purge once it is back: log and go on.
            logger.error("Varnish purge at %s failed: %s", location, error)

    def purge(self, url):
        scheme, _, rest = url.partition("://")
        host, _, path = rest.partition("/")
        for location in self.locations:
            self.send(location, "/" + path, {"Host": host})

    def purge_keys(self, keys):
        keys = sorted(keys)
        for start in range(0, len(keys), KEYS_PER_REQUEST):
            header = " ".join(keys[start : start + KEYS_PER_REQUEST])
            for location in self.locations:
                self.send(location, "/", {"xkey-softpurge": header})
