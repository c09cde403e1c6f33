# Varnish 7.1 (Debian's varnish + varnish-modules) in front of newsdesk's app servers.
#
# Readers' pages are cached for as long as the app's s-maxage says and purged by surrogate
# key: every response lists the content it shows in an `xkey` header, and newsdesk sends
# `PURGE /` with `xkey-softpurge: page-12 list-section-5 …` when that content changes
# (newsdesk.pagecache.varnish.VarnishXkeyBackend). A soft purge keeps the old copy for
# grace: the next reader gets it while one background fetch brings the new page, so a
# burst after a change costs one render. Editors (session cookie), the admin, and the view
# counter go straight to the app.
#
# Start (see docs/pagecache.md):
#   varnishd -a 127.0.0.1:6081 -f /etc/varnish/newsdesk.vcl -s malloc,1G \
#            -n /var/lib/varnish/newsdesk
# The app's address is the backend below; the tests and the benchmark write their own
# copy with the app's port (tests/servers.py).

vcl 4.1;

import std;
import xkey;

backend app {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    # The probe asks whether the app is alive, not whether it is idle: a busy app (every
    # thread rendering after a purge, a loaded machine) may take seconds to answer it, and
    # a probe that gave up after 1 s marked it sick and turned readers away (make soak).
    .probe = {
        .url = "/healthz";
        .interval = 2s;
        .timeout = 5s;
        .window = 5;
        .threshold = 2;
        .initial = 2;
    }
}

# Who may purge: the app servers. Add their addresses when they run on other machines.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (req.http.xkey-softpurge) {
            set req.http.n-gone = xkey.softpurge(req.http.xkey-softpurge);
            return (synth(200, "Soft-purged " + req.http.n-gone + " objects"));
        }
        if (req.http.xkey-purge) {
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            return (synth(200, "Purged " + req.http.n-gone + " objects"));
        }
        return (purge);
    }
    # Operations endpoints answer on the private network only (docs/deploy.md).
    if (req.url ~ "^/(metrics|readyz)") {
        return (synth(404, "Not Found"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/(admin|views|documents)/" || req.http.Authorization
        || req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Pages never depend on a reader's cookies (theme and text size live in localStorage).
    unset req.http.Cookie;
    # Keep only the query parameters reader pages read, sorted, so tracking tags neither
    # bypass the cache nor multiply its entries. In step with the app's
    # NEWSDESK_PAGE_CACHE_QUERY_PARAMETERS (page, partial, q). The API refuses parameters
    # it does not read (NEWSDESK_PAGE_CACHE_WHOLE_QUERY_PREFIXES): its queries are only sorted.
    if (req.url ~ "^/api/") {
        set req.url = std.querysort(req.url);
    } elsif (req.url ~ "\?" && req.url !~ "^/static/") {
        set req.url = regsuball(req.url, "(?<=[?&])(?!(?:page|partial|q)=)[^&]*(&|$)", "");
        set req.url = regsub(req.url, "[?&]+$", "");
        set req.url = std.querysort(req.url);
    }
    # One cached copy per content coding the app makes: br, gzip, or none.
    if (req.http.Accept-Encoding ~ "br") {
        set req.http.X-Encoding = "br";
    } elsif (req.http.Accept-Encoding ~ "gzip") {
        set req.http.X-Encoding = "gzip";
    } else {
        set req.http.X-Encoding = "identity";
    }
    # While the app answers, a stale copy is served only for the app's
    # stale-while-revalidate; when it does not, for the whole grace (stale-if-error).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 30s;
    }
    return (hash);
}

sub vcl_hash {
    hash_data(req.http.X-Encoding);
}

sub vcl_backend_fetch {
    # Ask the app for the surrogate keys it sends only to caches.
    set bereq.http.Surrogate-Capability = "varnish=xkey";
    # Varnish would otherwise ask for gzip only; the app compresses brotli itself.
    if (bereq.http.X-Encoding == "identity") {
        unset bereq.http.Accept-Encoding;
    } else {
        set bereq.http.Accept-Encoding = bereq.http.X-Encoding;
    }
}

sub vcl_backend_response {
    # Pages arrive compressed by the app; Varnish stores them as they are.
    set beresp.do_gzip = false;
    # Keep every cached page a day past its freshness, for soft purges and for outages.
    if (beresp.ttl > 0s) {
        set beresp.grace = 24h;
    }
    # A failed render never replaces a cached page.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    # What the app does not mark shareable (an old copy it answered with while the page is
    # rendered again, an editor's page) is not kept; the next request asks the app again.
    if (beresp.ttl <= 0s || beresp.http.Cache-Control !~ "public") {
        set beresp.uncacheable = true;
        set beresp.ttl = 1s;
        set beresp.grace = 0s;
        return (deliver);
    }
}

sub vcl_deliver {
    # The keys are for purging here; readers have no use for them.
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
}
