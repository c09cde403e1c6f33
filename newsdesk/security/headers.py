"""Security headers on every response: the Content-Security-Policy and its companions.

Readers' pages get a policy with no inline script but the one allowed by its hash (see
inline.py), so an injected <script> or onclick does not run. Wagtail's admin still writes
a few inline scripts (inline panels, date pickers) and styles; it gets a policy of its own
that allows them, behind its login. Django's SecurityMiddleware and XFrameOptionsMiddleware
add nosniff, the referrer policy, HSTS (when configured) and frame protection.
"""

from urllib.parse import urlsplit

from django.conf import settings

from newsdesk.security.inline import INLINE_SCRIPT_HASHES


def policy(directives):
    return "; ".join(f"{name} {' '.join(values)}".strip() for name, values in directives.items())


def reader_policy(media_origins=(), tls=False):
    """The policy of the public site."""
    directives = {
        "default-src": ["'self'"],
        "script-src": ["'self'", *INLINE_SCRIPT_HASHES],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *media_origins],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        # Embedded videos and posts, and ads, live in frames of their own origin (an HTML ad
        # is served by the site, /ads/<id>/frame/, into a sandbox: an origin of its own).
        "frame-src": ["'self'", "https:"],
        "frame-ancestors": ["'self'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
    if tls:
        directives["upgrade-insecure-requests"] = []
    return policy(directives)


def admin_policy(media_origins=()):
    """The admin's: its own inline scripts and styles allowed, nothing from elsewhere."""
    return policy(
        {
            "default-src": ["'self'"],
            "script-src": ["'self'", "'unsafe-inline'"],
            "style-src": ["'self'", "'unsafe-inline'"],
            "img-src": ["'self'", "data:", "blob:", *media_origins],
            "frame-src": ["'self'", "https:"],
            "frame-ancestors": ["'self'"],
            "form-action": ["'self'"],
            "base-uri": ["'self'"],
            "object-src": ["'none'"],
        }
    )


def media_origins():
    """Where pictures come from besides the site: NEWSDESK_CSP_MEDIA_ORIGINS, and the origin
    of MEDIA_URL when media live elsewhere (an S3 bucket, a CDN)."""
    origins = list(settings.NEWSDESK_CSP_MEDIA_ORIGINS)
    media = urlsplit(settings.MEDIA_URL)
    if media.scheme in ("http", "https") and media.netloc:
        origins.append(f"{media.scheme}://{media.netloc}")
    return origins


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and the cross-origin and permissions policies."""

    def __init__(self, get_response):
        self.get_response = get_response
        origins = media_origins()
        tls = settings.SECURE_PROXY_SSL_HEADER is not None or settings.SECURE_SSL_REDIRECT
        self.reader = reader_policy(origins, tls=tls)
        self.admin = admin_policy(origins)
        self.admin_prefix = "/admin/"

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path.startswith(self.admin_prefix)
        response.headers.setdefault(
            "Content-Security-Policy", self.admin if is_admin else self.reader
        )
        response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response
