"""The one script every page runs inline, and its hash for the Content-Security-Policy.

It sets the reader's theme and text size before the first paint (a script file would let
the light page flash first) and marks that scripts run, so buttons only scripts can work
are shown. The policy allows exactly this script by its SHA-256, not inline scripts in
general: a nonce would be shared by every reader of a cached page, which defeats it.
"""

import base64
import hashlib
from pathlib import Path

BEFORE_PAINT = (Path(__file__).parent / "before_paint.js").read_text().strip()


def script_hash(source):
    """The CSP source expression allowing an inline script with exactly this text."""
    digest = hashlib.sha256(source.encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


INLINE_SCRIPT_HASHES = (script_hash(BEFORE_PAINT),)
