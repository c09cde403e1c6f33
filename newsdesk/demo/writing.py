"""Filler text in one language from Faker's word lists: the benchmark dataset's pools.

The demo's stories are written from the phrase book instead (news.py, phrases.py); the
million-article loader (bulk.py) keeps this cheaper text, whose titles it can make unique
by construction.
"""

from faker import Faker

from newsdesk.demo.vocabulary import AVOIDED_WORDS, FAKER_LOCALES

ARMENIAN_FULL_STOP = "։"
ARMENIAN_QUESTION_MARK = "՞"
ARMENIAN_VOWELS = set("աեէըիոօ")


class Writer:
    """Writes titles, paragraphs and questions in one edition's language.

    Seeded from the run's seed, so the same command writes the same words.
    """

    def __init__(self, language_code, seed):
        self.language_code = language_code
        self.faker = Faker(FAKER_LOCALES[language_code])
        self.faker.seed_instance(seed)
        avoided = AVOIDED_WORDS[language_code]
        self.words = [word for word in self.faker.get_words_list() if word not in avoided]

    def punctuate(self, sentence):
        """Armenian ends a sentence with its own full stop, not with a Latin one."""
        if self.language_code == "hy" and sentence.endswith("."):
            return sentence[:-1] + ARMENIAN_FULL_STOP
        return sentence

    def sentence(self, words):
        return self.punctuate(self.faker.sentence(words, ext_word_list=self.words))

    def phrase(self, words):
        """A sentence without its full stop, as titles and headings are written."""
        return self.faker.sentence(words, ext_word_list=self.words).rstrip(".")

    def title(self):
        return self.phrase(8)

    def subtitle(self):
        return self.sentence(12)

    def lead(self):
        return " ".join(self.sentence(14) for _ in range(2))

    def heading(self):
        return self.phrase(5)

    def paragraph(self):
        return " ".join(self.sentence(12) for _ in range(self.faker.random_int(3, 6)))

    def caption(self):
        return self.sentence(9)

    def question(self):
        """An interviewer's question, with the language's own question mark."""
        words = self.phrase(10)
        if self.language_code != "hy":
            return words + "?"
        # Armenian marks the question on a vowel of the word asked about, here the first one.
        first, _, rest = words.partition(" ")
        last_vowel = max((i for i, ch in enumerate(first) if ch in ARMENIAN_VOWELS), default=-1)
        first = first[: last_vowel + 1] + ARMENIAN_QUESTION_MARK + first[last_vowel + 1 :]
        return f"{first} {rest}{ARMENIAN_FULL_STOP}"
