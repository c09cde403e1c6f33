"""The tsvector literal PostgreSQL's entries are written with (engines.PostgresEngine).

The literal is built in Python for speed (a reindex builds a million); PostgreSQL only
parses it, so its positions, weights, limits and quoting are checked here, and that the
server reads it as meant where PostgreSQL runs.
"""

import pytest
from django.db import connection

from newsdesk.search.engines import PG_MAX_POSITION, PG_MAX_POSITIONS, PostgresEngine

from .entries import document


def marks_of(literal):
    """{lexeme: [mark, …]} of a literal whose lexemes hold no spaces."""
    found = {}
    for item in literal.split(" "):
        lexeme, _, marks = item.rpartition(":")
        found[lexeme] = marks.split(",")
    return found


def test_each_zone_has_its_weight_and_a_gap_before_the_next():
    literal = PostgresEngine().document_vector(
        document(["peace", "talk"], ["talk"], ["peace", "talk", "talk"])
    )
    # Title 1-2 (A), a gap, standfirst 4 (B), a gap, body 6-8 (no weight letter: D).
    assert literal == "'peace':1A,6 'talk':2A,4B,7,8"


def test_positions_stop_at_postgres_limits():
    body = ["often"] * (PG_MAX_POSITIONS + 40) + [f"w{number}" for number in range(17_000)]
    marks = marks_of(PostgresEngine().document_vector(document(["title"], [], body)))
    assert len(marks["'often'"]) == PG_MAX_POSITIONS
    # Title 1, a gap, an empty standfirst, a gap: the body starts at 4.
    assert marks["'often'"][:2] == ["4", "5"]
    assert marks["'w16999'"] == [str(PG_MAX_POSITION)]


def test_an_empty_document_has_an_empty_vector():
    assert PostgresEngine().document_vector(document([], [], [])) == ""


def test_a_quote_or_backslash_in_a_term_is_escaped():
    literal = PostgresEngine().document_vector(document(["it's"], [], ["a\\b"]))
    assert literal == "'it''s':1A 'a\\\\b':4"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL reads the literal")
@pytest.mark.django_db
def test_postgres_reads_the_literal_as_written():
    literal = PostgresEngine().document_vector(
        document(["peace", "talk"], ["it's"], ["peace", "talk"])
    )
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CAST(%s AS tsvector)::text, "
            "CAST(%s AS tsvector) @@ CAST('talk <-> peace' AS tsquery), "
            "CAST(%s AS tsvector) @@ CAST('peace <-> talk' AS tsquery)",
            [literal, literal, literal],
        )
        stored, across_zones, within_a_zone = cursor.fetchone()
    assert stored == "'it''s':4B 'peace':1A,6 'talk':2A,7"
    assert not across_zones  # "talk" ends the title, "peace" opens the body: not adjacent
    assert within_a_zone
