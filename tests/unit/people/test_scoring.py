"""Person search ranking: pure functions, no database."""

from datetime import date

import pytest

from vigil.people.search import (
    dob_relation,
    forename_similarity,
    forename_variants,
    name_similarity,
    score_candidate,
    surname_similarity,
    transposed,
)


def test_exact_names_score_full_marks():
    score, reasons = name_similarity("john", "smith", "john", "smith")
    assert score == pytest.approx(1.0)
    assert reasons == ["surname matches", "forename matches"]


@pytest.mark.parametrize(
    ("query", "candidate", "expected"),
    [
        ("bill", "william", "forename Bill is a nickname of William"),
        ("william", "bill", "forename Bill is a nickname of William"),
        ("peggy", "margaret", "forename Peggy is a nickname of Margaret"),
        ("jon", "john", "forename Jon is a nickname of John"),
    ],
)
def test_nicknames_are_recognised_in_both_directions(query, candidate, expected):
    sim, reason = forename_similarity(query, candidate)
    assert reason == expected
    assert 0.85 <= sim < 1.0


def test_two_nicknames_of_one_name_are_linked():
    sim, reason = forename_similarity("billy", "will")
    assert reason == "forenames Billy and Will are short forms of the same name"
    assert sim >= 0.8


def test_nickname_variants_include_the_full_name_and_its_other_short_forms():
    variants = forename_variants("Bill")
    assert {"bill", "william", "will", "billy"} <= variants


@pytest.mark.parametrize(
    ("query", "candidate", "word"),
    [
        ("smyth", "smith", "sounds like"),
        ("mcdonald", "macdonald", "sounds like"),
        ("smiht", "smith", "possible typo"),  # two letters swapped
        ("hartwel", "hartwell", "sounds like"),
        ("thompson", "thomson", "possible typo"),  # metaphone splits these: spelling catches them
        ("smith", "smithson", "begins like"),
    ],
)
def test_surname_variants(query, candidate, word):
    sim, reason = surname_similarity(query, candidate)
    assert reason is not None and word in reason
    assert sim >= 0.8


def test_forename_typo_is_recognised():
    sim, reason = forename_similarity("jhon", "john")
    assert reason is not None and sim >= 0.85


def test_soundex_alone_does_not_make_john_and_jane_alike():
    sim, reason = forename_similarity("john", "jane")
    assert reason is None
    assert sim < 0.6


def test_different_names_are_not_a_match():
    assert name_similarity("amelia", "hartwell", "john", "smith") == (0.0, [])
    # Same surname, unrelated forename: every name searched for must match in some way.
    assert name_similarity("john", "smith", "amelia", "smith") == (0.0, [])


def test_swapped_names_are_found_and_said_so():
    score, reasons = name_similarity("smith", "john", "john", "smith")
    assert reasons[0] == "forename and surname swapped"
    assert 0.9 <= score < 1.0  # a little below the same names the right way round


def test_straight_match_beats_swapped_reading():
    # "Thomas James" is Thomas JAMES, not James THOMAS, when both readings work.
    straight, reasons = name_similarity("thomas", "james", "thomas", "james")
    assert "forename and surname swapped" not in reasons
    swapped, swapped_reasons = name_similarity("thomas", "james", "james", "thomas")
    assert swapped_reasons[0] == "forename and surname swapped"
    assert straight > swapped


def test_middle_name_match_scores_below_first_name_match():
    first, _ = name_similarity("jane", "smith", "jane mary", "smith")
    middle, reasons = name_similarity("jane", "smith", "mary jane", "smith")
    assert "(a middle name)" in reasons[1]
    assert middle < first


def test_initial_only():
    sim, reason = forename_similarity("j", "john")
    assert reason == "initial matches" and sim == pytest.approx(0.8)


def test_surname_only_search():
    score, reasons = name_similarity("", "smith", "john", "smith")
    assert score == pytest.approx(1.0) and reasons == ["surname matches"]


@pytest.mark.parametrize(
    ("query", "candidate", "relation"),
    [
        (date(2012, 3, 4), date(2012, 3, 4), "exact"),
        (date(2012, 3, 4), date(2012, 4, 3), "transposed"),
        (date(2012, 3, 4), date(2013, 3, 4), "close"),  # year wrong
        (date(2012, 3, 4), date(2012, 3, 14), "close"),  # day wrong
        (date(2012, 3, 4), date(2001, 7, 9), "different"),
        (date(2012, 3, 4), None, "unknown"),
    ],
)
def test_dob_relation(query, candidate, relation):
    assert dob_relation(query, candidate) == relation


def test_transposed_only_when_a_real_other_date():
    assert transposed(date(2012, 3, 4)) == date(2012, 4, 3)
    assert transposed(date(2012, 3, 13)) is None  # no 13th month
    assert transposed(date(2012, 5, 5)) is None  # the same date


def test_score_ranks_dob_match_above_transposed_above_unknown():
    def score(dob):
        return score_candidate(forenames="john", surname="smith", date_of_birth=date(2012, 3, 4),
                               cand_forenames="john", cand_surname="smith", cand_dob=dob)

    exact, transposed_, close, unknown = (score(d)[0] for d in (
        date(2012, 3, 4), date(2012, 4, 3), date(2013, 3, 4), None))
    assert exact == 100
    assert exact > transposed_ > close > unknown
    assert "day and month transposed" in score(date(2012, 4, 3))[1][-1]
    assert score(date(1990, 1, 1)) is None  # a different date of birth narrows it out


def test_alias_scores_a_little_below_the_primary_name():
    primary = score_candidate(forenames="john", surname="smith", date_of_birth=None,
                              cand_forenames="john", cand_surname="smith", cand_dob=None)
    alias = score_candidate(forenames="john", surname="smith", date_of_birth=None,
                            cand_forenames="john", cand_surname="smith", cand_dob=None, alias=True)
    assert alias[0] < primary[0] == 100


def test_spec_examples_rank_in_order():
    """The variants a searcher types for John SMITH all find him, the exact name first."""
    def score(f, s):
        result = score_candidate(forenames=f, surname=s, date_of_birth=None, cand_forenames="john",
                                 cand_surname="smith", cand_dob=None)
        return result[0] if result else 0

    assert score("john", "smith") > score("jon", "smyth") >= 80
    assert score("smith", "john") >= 80
    assert score("jhon", "smiht") >= 80
    assert score("amelia", "hartwell") == 0


def test_same_initial_is_enough_only_with_the_same_date_of_birth():
    dob = date(2015, 9, 12)
    with_dob = score_candidate(forenames="oliver", surname="pemberton", date_of_birth=dob,
                               cand_forenames="olly", cand_surname="pemberton", cand_dob=dob)
    assert with_dob is not None and "forename has the same initial" in with_dob[1]
    assert with_dob[0] < 100
    assert score_candidate(forenames="oliver", surname="pemberton", date_of_birth=None,
                           cand_forenames="olly", cand_surname="pemberton", cand_dob=dob) is None
    assert score_candidate(forenames="oliver", surname="pemberton", date_of_birth=dob,
                           cand_forenames="mark", cand_surname="pemberton", cand_dob=dob) is None
