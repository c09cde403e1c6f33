"""One cached response or fragment: its headers, its body (compressed once), its lifetimes."""

import gzip
import hashlib
import json
import zlib
from dataclasses import dataclass, field

import brotli

# Compressing once at store time is what lets a hit cost no CPU: level 6 gzip and
# quality 5 brotli each take a millisecond or two for a 60 KB page and save about 80%.
GZIP_LEVEL = 6
BROTLI_QUALITY = 5
# Headers that describe one transfer, not the representation; never stored.
TRANSFER_HEADERS = {
    "age",
    "connection",
    "content-encoding",
    "content-length",
    "date",
    "etag",
    "keep-alive",
    "set-cookie",
    "transfer-encoding",
    "x-cache",
}
ENCODINGS = ("br", "gzip")


def with_vary_on_encoding(headers):
    """`headers` with Accept-Encoding in Vary: the entry is sent in the coding asked for."""
    names = [name.lower() for name, _ in headers]
    if "vary" not in names:
        return [*headers, ("Vary", "Accept-Encoding")]
    vary = headers[names.index("vary")][1]
    if "accept-encoding" in vary.lower():
        return headers
    return [
        (name, f"{value}, Accept-Encoding" if name.lower() == "vary" else value)
        for name, value in headers
    ]


def compress(body, encoding):
    """`body` in one of ENCODINGS."""
    if encoding == "br":
        return brotli.compress(body, quality=BROTLI_QUALITY)
    return gzip.compress(body, GZIP_LEVEL, mtime=0)


@dataclass
class Entry:
    """Bytes ready to send again, fresh until `fresh_until`, then stale for a while."""

    status: int
    headers: list  # [(name, value)], without the transfer headers above
    keys: frozenset
    etag: str
    stored_at: float
    fresh_until: float
    # Until then a stale copy may answer while one request renders the new one.
    stale_until: float
    # Until then a stale copy may answer when rendering fails (stale-if-error).
    error_until: float
    # The body by content coding: "br" and "gzip" for pages, "identity" for fragments.
    bodies: dict = field(default_factory=dict)
    # Set in this process when a purge names one of `keys`; never stored.
    stale: bool = False

    @classmethod
    def page(cls, status, headers, body, keys, now, fresh_for, stale_for, error_for):
        """A response, compressed both ways, with the lifetimes its Cache-Control gave."""
        fresh_until = now + fresh_for
        return cls(
            status=status,
            headers=with_vary_on_encoding(
                [(name, value) for name, value in headers if name.lower() not in TRANSFER_HEADERS]
            ),
            keys=frozenset(keys),
            etag=f'W/"{hashlib.blake2b(body, digest_size=12).hexdigest()}"',
            stored_at=now,
            fresh_until=fresh_until,
            stale_until=fresh_until + stale_for,
            error_until=fresh_until + max(stale_for, error_for),
            bodies={"gzip": compress(body, "gzip"), "br": compress(body, "br"), "identity": body},
        )

    @classmethod
    def fragment(cls, html, keys, now, fresh_for):
        """A piece of a page, kept as text; useless once stale."""
        return cls(
            status=0,
            headers=[],
            keys=frozenset(keys),
            etag="",
            stored_at=now,
            fresh_until=now + fresh_for,
            stale_until=now + fresh_for,
            error_until=now + fresh_for,
            bodies={"identity": html.encode()},
        )

    def body_for(self, encoding):
        """The body in `encoding`; the plain one is inflated from gzip once when needed."""
        if encoding not in self.bodies and encoding == "identity":
            self.bodies["identity"] = zlib.decompress(self.bodies["gzip"], wbits=31)
        return self.bodies[encoding]

    @property
    def size(self):
        """Bytes this entry holds in memory, for the memory tier's budget: its bodies, and
        the objects around them (measured with tracemalloc on story cards: about 1.2 KB,
        and 180 bytes a key with the memory tier's index of keys)."""
        return sum(len(body) for body in self.bodies.values()) + 1200 + 180 * len(self.keys)

    def is_fresh(self, now):
        return not self.stale and now < self.fresh_until

    def may_serve_stale(self, now):
        return now < self.stale_until

    def may_serve_on_error(self, now):
        return now < self.error_until

    def dumps(self):
        """Bytes for the shared store: a JSON header, then the bodies (pages: compressed only)."""
        stored = {
            encoding: body
            for encoding, body in self.bodies.items()
            if not (encoding == "identity" and "gzip" in self.bodies)
        }
        meta = json.dumps(
            {
                "s": self.status,
                "h": self.headers,
                "k": sorted(self.keys),
                "e": self.etag,
                "t": self.stored_at,
                "f": self.fresh_until,
                "w": self.stale_until,
                "x": self.error_until,
                "b": [[encoding, len(body)] for encoding, body in stored.items()],
            },
            separators=(",", ":"),
        ).encode()
        return len(meta).to_bytes(4, "big") + meta + b"".join(stored.values())

    @classmethod
    def loads(cls, data, stale=False):
        meta_length = int.from_bytes(data[:4], "big")
        meta = json.loads(data[4 : 4 + meta_length])
        bodies = {}
        position = 4 + meta_length
        for encoding, length in meta["b"]:
            bodies[encoding] = data[position : position + length]
            position += length
        return cls(
            status=meta["s"],
            headers=[tuple(header) for header in meta["h"]],
            keys=frozenset(meta["k"]),
            etag=meta["e"],
            stored_at=meta["t"],
            fresh_until=meta["f"],
            stale_until=meta["w"],
            error_until=meta["x"],
            bodies=bodies,
            stale=stale,
        )


def preferred_encoding(accept_encoding):
    """The best of br, gzip and identity that an Accept-Encoding header allows."""
    if not accept_encoding:
        return "identity"
    accepted = {}
    for item in accept_encoding.split(","):
        name, _, params = item.strip().partition(";")
        quality = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                quality = float(params[2:])
            except ValueError:
                quality = 0.0
        accepted[name.strip().lower()] = quality
    for encoding in ENCODINGS:
        if accepted.get(encoding, accepted.get("*", 0.0)) > 0:
            return encoding
    return "identity"
