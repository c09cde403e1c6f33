"""Demo stories that read like news: the phrase book (phrases.py) filled with a story's facts.

A story's facts (its subject, institution, town, figures and days) are drawn once from a
seed the story's versions share, and its sentences are picked with the same seed, so every
edition's version says the same thing in its own language. The people quoted, reacting or
interviewed are the story's own (those the story plan picked), and the subjects are the
section's. No sentence is used twice in one story.
"""

import random
from dataclasses import dataclass

from newsdesk.demo import phrases

PARAGRAPH_SENTENCES = (2, 3)


def in_language(entries, language_code):
    """The `language_code` column of a list of (en, ru, hy) triples."""
    column = phrases.LANGUAGES.index(language_code)
    return [entry[column] for entry in entries]


def capitalized(text):
    return text[:1].upper() + text[1:]


def number_text(number, language_code):
    """1250 as the edition writes it: 1,250 in English, 1250 elsewhere (and in the demo)."""
    return f"{number:,}" if language_code == "en" else str(number)


@dataclass
class Facts:
    """What one story is about, shared by its versions in every edition."""

    topic: int
    institution: int
    town: int
    day: int
    month: int
    percent: int
    amount: int
    count: int


def facts_draw(rng, section_slug):
    return Facts(
        topic=rng.randrange(len(phrases.TOPICS[section_slug])),
        institution=rng.randrange(len(phrases.INSTITUTIONS[section_slug])),
        town=rng.randrange(len(phrases.TOWNS)),
        day=rng.randrange(len(phrases.DAYS)),
        month=rng.randrange(len(phrases.MONTHS)),
        percent=rng.randint(3, 38),
        amount=rng.randrange(20, 950, 10),
        # Ending in 0, so the Russian noun after it stays in the genitive plural.
        count=rng.randrange(40, 4000, 10),
    )


class StoryText:
    """The sentences of one version of one story; each method draws the next piece."""

    def __init__(self, language_code, section_slug, seed, people=()):
        self.language_code = language_code
        self.section = section_slug
        self.rng = random.Random(seed)
        self.facts = facts_draw(self.rng, section_slug)
        self.people = list(people)
        self.used = set()
        self.person_turn = 0

    def slots(self, person=None):
        code, facts = self.language_code, self.facts
        column = phrases.LANGUAGES.index(code)
        topic = phrases.TOPICS[self.section][facts.topic][column]
        institution = phrases.INSTITUTIONS[self.section][facts.institution][column]
        values = {
            "topic": topic,
            "Topic": capitalized(topic),
            "institution": institution,
            "Institution": capitalized(institution),
            "town": phrases.TOWNS[facts.town][column],
            "day": phrases.DAYS[facts.day][column],
            "month": phrases.MONTHS[facts.month][column],
            "percent": f"{facts.percent}%",
            "amount": phrases.AMOUNT_UNITS[column].format(number_text(facts.amount, code)),
            "count": number_text(facts.count, code),
        }
        if person is not None:
            values["person"] = person.name
            credentials = person.credentials or ""
            values["credentials"] = credentials[:1].lower() + credentials[1:]
        return values

    def fill(self, template, person=None):
        return template.format(**self.slots(person))

    def pick(self, entries, person=None):
        """One entry not used yet in this story (any entry once all are used)."""
        templates = in_language(entries, self.language_code)
        fresh = [index for index in range(len(templates)) if (id(entries), index) not in self.used]
        index = self.rng.choice(fresh or range(len(templates)))
        self.used.add((id(entries), index))
        return self.fill(templates[index], person)

    def next_person(self):
        """The story's people in turn (reactions go round them), or None without any."""
        if not self.people:
            return None
        person = self.people[self.person_turn % len(self.people)]
        self.person_turn += 1
        return person

    def title(self):
        if self.section == "interviews" and self.people:
            short = self.pick(phrases.SHORT_QUOTES)
            template = in_language(phrases.INTERVIEW_TITLES, self.language_code)[0]
            return template.format(person=self.people[0].name, short_quote=short)
        return self.pick(phrases.TITLES)

    def subtitle(self):
        return self.pick(phrases.SUBTITLES)

    def lead(self):
        if self.section == "interviews" and self.people:
            return self.pick(phrases.INTERVIEW_LEADS, self.people[0])
        return self.pick(phrases.LEADS)

    def paragraph(self):
        """Two or three sentences: context or figures, a reaction by one of the story's
        people when it has any, what comes next."""
        sentences = [self.pick(self.rng.choice((phrases.CONTEXT, phrases.FIGURES)))]
        person = self.next_person()
        if person is not None and self.rng.random() < 0.6:
            sentences.append(self.pick(phrases.REACTIONS, person))
        if len(sentences) < self.rng.randint(*PARAGRAPH_SENTENCES):
            sentences.append(self.pick(self.rng.choice((phrases.FIGURES, phrases.NEXT_STEPS))))
        return " ".join(sentences)

    def quote(self):
        """Something one of the story's people says, in the first person."""
        return self.pick(phrases.SPEECH)

    def heading(self):
        return self.pick(phrases.HEADINGS)

    def caption(self):
        return self.pick(phrases.CAPTIONS)

    def question(self):
        return self.pick(phrases.QUESTIONS)

    def answer(self):
        """An interviewee's answer: what they say, and a fact to back it."""
        return f"{self.quote()} {self.pick(self.rng.choice((phrases.CONTEXT, phrases.FIGURES)))}"


@dataclass
class Named:
    """Who a sentence names: a name and credentials (a Person, or one about to be made)."""

    name: str
    credentials: str


def bio(language_code, name, credentials, section_slug, seed):
    """A line about a person of the demo outlet, the same in every edition's language."""
    person = Named(name, credentials)
    return StoryText(language_code, section_slug, seed, [person]).pick(phrases.BIOS, person)
