"""'Did you mean …': suggestions from the index's own vocabulary.

The vocabulary is every word of the indexed titles and standfirsts (SpellingWord), each with
its deletion variants (SpellingVariant): a word one edit away from a misspelling shares a
variant with it, so candidates come from one indexed lookup, and the closest, most used
one wins. A Latin word typed in the Russian or Armenian edition is also tried in that
alphabet (`peregovory` → `переговоры`).
"""

from collections import Counter

from django.db import connection, transaction

from newsdesk.search.models import SpellingVariant, SpellingWord

MIN_WORD_LENGTH = 3
MAX_WORD_LENGTH = 40
# A reader's Latin spelling of the edition's alphabet: longest letter groups first.
TRANSLITERATIONS = {
    "ru": [
        ("shch", "щ"), ("sch", "щ"), ("zh", "ж"), ("kh", "х"), ("ts", "ц"), ("ch", "ч"),
        ("sh", "ш"), ("yu", "ю"), ("ya", "я"), ("yo", "е"), ("ye", "е"), ("iy", "ий"),
        ("a", "а"), ("b", "б"), ("v", "в"), ("w", "в"), ("g", "г"), ("d", "д"), ("e", "е"),
        ("z", "з"), ("i", "и"), ("j", "й"), ("k", "к"), ("q", "к"), ("l", "л"), ("m", "м"),
        ("n", "н"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("u", "у"),
        ("f", "ф"), ("h", "х"), ("c", "ц"), ("y", "ы"), ("x", "кс"), ("'", "ь"),
    ],
    "hy": [
        ("dz", "ձ"), ("gh", "ղ"), ("zh", "ժ"), ("kh", "խ"), ("ts", "ց"), ("ch", "չ"),
        ("sh", "շ"), ("ev", "և"), ("vo", "ո"), ("ou", "ու"), ("u", "ու"), ("a", "ա"),
        ("b", "բ"), ("g", "գ"), ("d", "դ"), ("e", "ե"), ("z", "զ"), ("y", "յ"), ("t", "տ"),
        ("i", "ի"), ("l", "լ"), ("k", "կ"), ("h", "հ"), ("m", "մ"), ("n", "ն"), ("o", "օ"),
        ("p", "պ"), ("j", "ջ"), ("r", "ր"), ("s", "ս"), ("v", "վ"), ("f", "ֆ"), ("c", "ց"),
        ("q", "ք"), ("x", "խ"), ("w", "վ"),
    ],
}  # fmt: skip


def is_spelling_word(word):
    return MIN_WORD_LENGTH <= len(word) <= MAX_WORD_LENGTH and not word.isdigit()


def variants_of(word):
    """The word and each form of it with one letter left out."""
    return {word} | {word[:index] + word[index + 1 :] for index in range(len(word))}


def distance(first, second):
    """Edits (insert, delete, substitute, swap two neighbours) from one word to the other."""
    previous_row = None
    row = list(range(len(second) + 1))
    for i, first_char in enumerate(first, 1):
        before, previous_row, row = previous_row, row, [i] + [0] * len(second)
        for j, second_char in enumerate(second, 1):
            cost = first_char != second_char
            row[j] = min(previous_row[j] + 1, row[j - 1] + 1, previous_row[j - 1] + cost)
            if (
                before is not None
                and i > 1
                and j > 1
                and first_char == second[j - 2]
                and first[i - 2] == second_char
            ):
                row[j] = min(row[j], before[j - 2] + 1)
    return row[-1]


def vocabulary_add(documents):
    """Count the spelling words of freshly indexed documents, adding the new ones' variants."""
    by_language = {}
    for document in documents:
        counter = by_language.setdefault(document.language, Counter())
        counter.update({word for word in document.spelling_words if is_spelling_word(word)})
    for language, counter in by_language.items():
        if counter:
            words_count(language, counter)


def vocabulary_recount():
    """Set every word's count to zero, for a rebuild that counts every story again (words
    and variants stay, so suggestions keep working while it runs)."""
    SpellingWord.objects.update(documents=0)


def vocabulary_prune():
    """Forget the words no indexed story uses any more (after a rebuild counted them all)."""
    SpellingWord.objects.filter(documents=0).delete()


def words_count(language, counter):
    known = set(
        SpellingWord.objects.filter(language=language, word__in=list(counter)).values_list(
            "word", flat=True
        )
    )
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.executemany(
            "INSERT INTO search_spellingword (language, word, documents) VALUES (%s, %s, %s) "
            "ON CONFLICT (language, word) DO UPDATE "
            "SET documents = search_spellingword.documents + excluded.documents",
            [(language, word, count) for word, count in counter.items()],
        )
        new = SpellingWord.objects.filter(
            language=language, word__in=[word for word in counter if word not in known]
        ).values_list("pk", "word")
        SpellingVariant.objects.bulk_create(
            (
                SpellingVariant(language=language, variant=variant, word_id=pk)
                for pk, word in new
                for variant in variants_of(word)
            ),
            ignore_conflicts=True,
            batch_size=2000,
        )


def transliterated(word, language):
    """The Latin word written in the edition's alphabet, or None (already in it, no table)."""
    table = TRANSLITERATIONS.get(language)
    if not table or not word.isascii() or not word.isalpha():
        return None
    written, position = [], 0
    while position < len(word):
        for latin, native in table:
            if word.startswith(latin, position):
                written.append(native)
                position += len(latin)
                break
        else:
            return None
    return "".join(written)


def known_words(language, words):
    return set(
        SpellingWord.objects.filter(language=language, word__in=list(words)).values_list(
            "word", flat=True
        )
    )


def closest(language, word):
    """The vocabulary word nearest to `word` (most used among equals), or None."""
    limit = 1 if len(word) <= 4 else 2
    candidates = (
        SpellingWord.objects.filter(
            variants__language=language, variants__variant__in=variants_of(word)
        )
        .values_list("word", "documents")
        .distinct()[:200]
    )
    scored = [
        (distance(word, candidate), -documents, candidate)
        for candidate, documents in candidates
        if candidate != word
    ]
    scored = [item for item in scored if item[0] <= limit]
    return min(scored)[2] if scored else None


def suggestion(words, language):
    """The query with each unknown word replaced by the closest known one, or None."""
    known = known_words(language, words)
    changed = False
    suggested = []
    for word in words:
        replacement = None
        if word not in known and is_spelling_word(word):
            native = transliterated(word, language)
            if native and native in known_words(language, [native]):
                replacement = native
            else:
                replacement = closest(language, native or word)
        suggested.append(replacement or word)
        changed = changed or bool(replacement)
    return " ".join(suggested) if changed else None
