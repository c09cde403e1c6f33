"""Language analysis: the same words in, the same terms out, when indexing and when searching.

Neither database can stem every edition's language: PostgreSQL has no Armenian dictionary and
SQLite's FTS5 knows only English (porter). So newsdesk stems in Python with Snowball (PyStemmer,
which has English, Russian and Armenian among its languages) at index time and at query time,
and hands both databases plain, already-stemmed terms: identical matching on either backend.

A text becomes terms in three steps:
1. normalise: Unicode NFKC with case folded (full-width letters, ligatures and the Armenian
   "և" take one form), and Russian "ё" written "е", as most Russian text writes it;
2. split into words: runs of letters and digits (punctuation, quotes, FTS operators and SQL
   never reach a query, they are only separators);
3. stem each word with the Snowball stemmer of the edition's language (none for a language
   Snowball lacks: its words then match only in the form typed).
"""

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache

import Stemmer

# Snowball's algorithm for an edition's language code (the languages PyStemmer ships).
SNOWBALL_LANGUAGES = {
    "ar": "arabic",
    "ca": "catalan",
    "cs": "czech",
    "da": "danish",
    "de": "german",
    "el": "greek",
    "en": "english",
    "es": "spanish",
    "et": "estonian",
    "eu": "basque",
    "fi": "finnish",
    "fa": "persian",
    "fr": "french",
    "ga": "irish",
    "hi": "hindi",
    "hu": "hungarian",
    "hy": "armenian",
    "id": "indonesian",
    "it": "italian",
    "lt": "lithuanian",
    "ne": "nepali",
    "nl": "dutch",
    "no": "norwegian",
    "nb": "norwegian",
    "pl": "polish",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sr": "serbian",
    "sv": "swedish",
    "ta": "tamil",
    "tr": "turkish",
    "yi": "yiddish",
}
# Letters and digits; "_" is a word character to Python's \w but a separator here.
WORD = re.compile(r"[^\W_]+")
# Longer "words" are pasted junk (hashes, URLs without separators): cut, never indexed whole.
MAX_WORD_LENGTH = 40
# Terms a single query is searched with; more words than this add nothing a reader needs.
MAX_QUERY_TERMS = 12
# Stems remembered per language: a million articles repeat the same few hundred thousand
# words, and the Armenian and Russian passes around Snowball cost more than a lookup.
STEM_CACHE_SIZE = 300_000
_stem_cache = {}


def normalize(text):
    """The text in the one form words are compared in (see the module docstring).

    Armenian's "և" is written out first: it is the edition's most common word, and NFKC
    finds a text holding it not normalised and takes its slow path over all of it (6,000
    characters of an Armenian body: 921 µs, against 42 µs with the ligature written out;
    the result is the same, NFKC writes it "եւ" too).
    """
    text = text.replace("և", "եւ")
    return unicodedata.normalize("NFKC", text).casefold().replace("ё", "е")


def words(text):
    """The normalised words of `text`, in order."""
    found = WORD.findall(normalize(text))
    if found and max(map(len, found)) > MAX_WORD_LENGTH:
        return [word[:MAX_WORD_LENGTH] for word in found]
    return found


def stemmer_for(language_code):
    """The Snowball algorithm name for an edition's language, or None when Snowball has none."""
    return SNOWBALL_LANGUAGES.get(language_code.split("-")[0].lower())


@cache
def _stemmer(language_code):
    algorithm = stemmer_for(language_code)
    if algorithm is None:
        return None
    return Stemmer.Stemmer(algorithm)


# Armenian: Snowball's algorithm removes endings only past a word's second syllable, so
# short nouns keep their plural and case endings (հրդեհներ, գյուղերից, բանկի stay as
# typed). Their inflection is stripped first (plural -եր/-ներ, then case or article), at
# most twice and never below MIN_ARMENIAN_STEM letters; -ության/-ությամբ become -ություն.
ARMENIAN_ENDINGS = tuple(
    sorted(
        [plural + case for plural in ("ներ", "եր") for case in ("ից", "ով", "ում", "ին", "ի")]
        + [plural + article for plural in ("ներ", "եր") for article in ("ը", "ն", "ս", "դ")]
        + ["ներ", "եր", "ից", "ով", "ում", "ին", "ի", "ը"],
        key=len,
        reverse=True,
    )
)
ARMENIAN_REWRITES = (("ության", "ություն"), ("ությամբ", "ություն"))
MIN_ARMENIAN_STEM = 3
# Russian: Snowball stems урожай to урожа but урожая to урож (музей/музея alike); a vowel
# left at the end of a stem is dropped so that both meet.
RUSSIAN_VOWELS = set("аеиоуыэюя")


def armenian_inflection_strip(word):
    for _ in range(2):
        for ending, replacement in ARMENIAN_REWRITES:
            if word.endswith(ending):
                word = word[: -len(ending)] + replacement
        for ending in ARMENIAN_ENDINGS:
            if word.endswith(ending) and len(word) - len(ending) >= MIN_ARMENIAN_STEM:
                word = word[: -len(ending)]
                break
        else:
            break
    return word


def russian_stem_end(stem):
    return stem[:-1] if len(stem) > 3 and stem[-1] in RUSSIAN_VOWELS else stem


def stems(word_list, language_code):
    """Each word's stem in the edition's language (the words themselves without a stemmer)."""
    stemmer = _stemmer(language_code)
    if stemmer is None:
        return list(word_list)
    known = _stem_cache.setdefault(language_code, {})
    try:
        # Nearly every word of a million stories is known after the first few hundred.
        return list(map(known.__getitem__, word_list))
    except KeyError:
        pass
    missing = [word for word in dict.fromkeys(word_list) if word not in known]
    if missing:
        if len(known) + len(missing) > STEM_CACHE_SIZE:
            known.clear()
        language = stemmer_for(language_code)
        known.update(zip(missing, _stems_computed(missing, stemmer, language), strict=True))
    return [known[word] for word in word_list]


def _stems_computed(word_list, stemmer, language):
    if language == "armenian":
        word_list = [armenian_inflection_strip(word) for word in word_list]
    found = stemmer.stemWords(word_list)
    if language == "russian":
        found = [russian_stem_end(stem) for stem in found]
    return found


def terms(text, language_code):
    """The index terms of a text: its words normalised and stemmed, in order."""
    return stems(words(text), language_code)


@dataclass
class ParsedQuery:
    """What a reader's query asks for: terms that must all appear, and exact phrases.

    `words` keeps the typed (normalised) words for suggestions and highlighting; `terms` are
    single-word stems; each of `phrases` is a list of stems that must appear one after another.
    """

    words: list = field(default_factory=list)
    terms: list = field(default_factory=list)
    phrases: list = field(default_factory=list)

    def __bool__(self):
        return bool(self.terms or self.phrases)

    @property
    def all_terms(self):
        """Every stem the query names, once each, in order."""
        seen = dict.fromkeys(self.terms)
        for phrase in self.phrases:
            seen.update(dict.fromkeys(phrase))
        return list(seen)


# Russian and Armenian keyboards type «guillemets», and phones and word processors curly
# quotes: each marks a phrase as a straight double quote does. (Single quotes are apostrophes.)
PHRASE_QUOTES = str.maketrans(dict.fromkeys("«»“”„", '"'))


def parse_query(query, language_code):
    """Turn a reader's query into terms and "quoted phrases"; nothing in it is syntax.

    A quote without its pair quotes to the end. A word that splits into several (`COVID-19`,
    `Нагорно-Карабахский`) is searched as a phrase of its parts, as it is written. At most
    MAX_QUERY_TERMS words are searched.
    """
    parsed = ParsedQuery()
    budget = MAX_QUERY_TERMS
    for number, part in enumerate(query.translate(PHRASE_QUOTES).split('"')):
        quoted = number % 2 == 1
        chunks = [part] if quoted else part.split()
        for chunk in chunks:
            chunk_words = words(chunk)[:budget]
            if not chunk_words:
                continue
            budget -= len(chunk_words)
            parsed.words.extend(chunk_words)
            chunk_stems = stems(chunk_words, language_code)
            if len(chunk_stems) == 1:
                if chunk_stems[0] not in parsed.terms:
                    parsed.terms.append(chunk_stems[0])
            elif chunk_stems not in parsed.phrases:
                parsed.phrases.append(chunk_stems)
            if budget <= 0:
                return parsed
    return parsed
