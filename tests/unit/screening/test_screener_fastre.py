"""The one-pass scan (`fastre.Bundle`) must find what each term list finds on its own."""

import json
from pathlib import Path

import pytest

from vigil.screening import lexicon
from vigil.screening.ages import AGE_LISTS
from vigil.screening.fastre import Bundle, Doc, Terms, lower_same_length, words_before
from vigil.screening.indicators import INDICATOR_LISTS
from vigil.screening.screener import _ALL

HELDOUT = Path(__file__).with_name("heldout.jsonl")
TEXTS = [json.loads(x)["text"] for x in HELDOUT.read_text(encoding="utf-8").splitlines()]
ALL_LISTS = lexicon.CHILD_LISTS + INDICATOR_LISTS + AGE_LISTS


def _word_starts(low: str) -> list[int]:
    return [i for i, c in enumerate(low) if c.isalnum() and (i == 0 or not low[i - 1].isalnum())]


@pytest.mark.parametrize("text", TEXTS)
def test_bundle_matches_each_list_alone(text):
    low = lower_same_length(text)
    got = _ALL.scan(low)
    for name, terms in ALL_LISTS:
        alone = {p: m.end() for p in _word_starts(low) if (m := terms.rx.match(low, p))}
        found = dict(got.get(name, []))
        assert found.keys() == alone.keys(), name
        assert all(found[p] >= alone[p] for p in alone), name


def test_bundle_finds_overlapping_terms_of_different_lists():
    bundle = Bundle([("a", Terms("drunk")), ("b", Terms(r"drunk\s+in\s+charge")),
                     ("c", Terms("charge"))])
    hits = bundle.scan("he was drunk in charge of a child")
    assert hits == {"a": [(7, 12)], "b": [(7, 22)], "c": [(16, 22)]}


def test_lower_case_keeps_offsets():
    text = "İstanbul CHILD"
    assert len(lower_same_length(text)) == len(text)
    assert Doc(text).low.endswith("child")


def test_words_before_stops_at_the_clause():
    low = "the car was empty. no children were"
    assert words_before(low, low.index("children")) == ["no"]
    assert words_before("no cot - baby", 9, phrase=True) == []


def test_every_screener_term_starts_with_a_known_character():
    # A term whose first character cannot be read (e.g. it opens with an optional or nested
    # group) is re-checked at every hit of the one-pass scan and halves the screener's speed.
    from vigil.screening.screener import _ALL

    assert _ALL._anywhere == []
