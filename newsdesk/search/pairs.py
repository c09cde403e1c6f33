"""Which words of a story follow one another: a small Bloom filter of its adjacent stems.

PostgreSQL's GIN index keeps no positions, so checking an exact phrase ("certain series")
means reading the whole vector of every story holding its words: a body's vector is about
7 kB, read from TOAST and decompressed, about 8 µs a story, and two common words sit in most
stories of the archive, so a phrase of them read 3,000 bodies (30 of the query's 47 ms at a
million). Each entry also keeps this filter (512 bytes, in the row itself): every adjacent
pair of stems in the title, the standfirst or the body sets two of its 4,096 bits. A story
whose filter lacks one bit of a phrase's pairs cannot hold the phrase; the others (those
holding it, and about one in ten of the rest for an 800-word story) have their vector read.

A filter never says no to a story that holds the phrase: the pairs are those the document
vector has at adjacent positions (engines.PostgresEngine.document_vector), and a story too
long for PostgreSQL's positions, whose last words share one position, gets no filter (NULL),
so its vector is always read.
"""

import zlib
from itertools import pairwise

FILTER_BITS = 4_096
FILTER_BYTES = FILTER_BITS // 8
BIT_MASK = FILTER_BITS - 1
SECOND_BIT_SHIFT = 12  # the second bit comes from the next 12 bits of the pair's hash
# Stems met by this process and their hashes: cleared when there are more, so neither a
# reindex worker's vocabulary nor the phrases readers type grow a process without bound.
HASHES_KEPT = 200_000
BIT_CHARACTERS = bytes.maketrans(b"\x00\x01", b"01")


class StemHashes(dict):
    """{stem: its CRC-32}, filled as stems are met: a stem is hashed once per process."""

    def __missing__(self, stem):
        if len(self) >= HASHES_KEPT:
            self.clear()
        value = self[stem] = zlib.crc32(stem.encode())
        return value


stem_hashes = StemHashes()


def pair_hashes(stems):
    """One number per adjacent pair of `stems`, different for (a, b) and (b, a)."""
    return [3 * first + second for first, second in pairwise(map(stem_hashes.__getitem__, stems))]


def bits_of(pair_hash):
    return pair_hash & BIT_MASK, (pair_hash >> SECOND_BIT_SHIFT) & BIT_MASK


def pair_filter(zones):
    """The filter of a story's zones (lists of stems), as bytes: bit n is bit n % 8 of byte
    n // 8, as PostgreSQL's get_bit() reads a bytea."""
    bits = bytearray(FILTER_BITS)  # one byte per bit while filling: the cheapest to set
    for stems in zones:
        # bits_of(), written out: calling it cost 215 against 157 µs for an 800-word story.
        for pair_hash in pair_hashes(stems):
            bits[pair_hash & BIT_MASK] = 1
            bits[(pair_hash >> SECOND_BIT_SHIFT) & BIT_MASK] = 1
    # Bit n of the filter is character n of the string read backwards as a binary number.
    packed = int(bits.translate(BIT_CHARACTERS)[::-1], 2)
    return packed.to_bytes(FILTER_BYTES, "little")


def phrase_bits(phrases):
    """The filter bits every story holding all these phrases (lists of stems) has set."""
    found = set()
    for phrase in phrases:
        for pair_hash in pair_hashes(phrase):
            found.update(bits_of(pair_hash))
    return sorted(found)
