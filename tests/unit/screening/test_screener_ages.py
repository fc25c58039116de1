"""Ages: DOB against the incident date at the 17/18 boundary, school years, words, evidence
offsets (narratives README "Conventions")."""

import datetime as dt

import pytest

from vigil.screening import screen


@pytest.mark.parametrize(("dob", "date", "expected"), [
    ("DOB 11/06/2007", "2025-06-10", True),   # 17, birthday tomorrow
    ("DOB 11/06/2007", "2025-06-11", False),  # 18 today
    ("D.O.B. 1st March 2008", "2026-02-28", True),
    ("D.O.B. 1st March 2008", "2026-03-01", False),
    ("born 2008-03-01", "2026-02-28", True),
    ("DOB 3.4.12", "2024-02-14", True),
    ("DOB 30/11/1979", "2024-01-01", False),
])
def test_dob_relative_to_incident_date(dob, date, expected):
    text = f"Assault at the bus station. Victim: Kane MURPHY, {dob}. Punched once; cut to cheek."
    result = screen(text, date)
    assert result.safeguarding_check_required is expected
    if expected:
        assert result.ages == [17] if "2007" in dob or "2008" in dob else result.ages


def test_dob_gives_the_age_on_the_incident_date():
    result = screen("Household: Leo WARD (born 2019-05-02). Dean arrested.", dt.date(2025, 11, 21))
    assert result.ages == [6]


@pytest.mark.parametrize(("phrase", "age"), [
    ("a Year 5 pupil", 9),
    ("Yr 9 lad", 13),
    ("year 11 student", 15),
    ("Reception class child", 4),
    ("Year 12 student", 16),
])
def test_school_years(phrase, age):
    result = screen(f"Referral: {phrase} disclosed being hit at home.", "2025-05-20")
    assert result.safeguarding_check_required
    assert age in result.ages


def test_year_as_a_place_is_not_a_pupil():
    text = "Window of the Year 3 classroom cracked overnight. No pupils on site."
    assert not screen(text, "2025-03-03").safeguarding_check_required


@pytest.mark.parametrize(("text", "ages"), [
    ("His one-year-old son was in a car seat in the rear.", [1]),
    ("3 kids, youngest 18 months, hiding upstairs.", [1, None, None]),
    ("Baby Jacob (6 weeks) found in a Moses basket.", [0]),
    ("A toddler found wandering on the verge.", [2]),
    ("Group of youths throwing eggs.", [None]),
    ("Two children, aged 4 and 7, asleep upstairs.", [4, 7]),
    ("CALLER IS 9YO FEMALE.", [9]),
    ("Victim 8 yrs old, bruising to arm.", [8]),
    ("CHILD 9 YRS FOUND ALONE.", [9]),
    ("IP F/15 REPORTS BEING FOLLOWED.", [15]),
    ("2 X JUVS DETAINED, BOTH 14 YOA.", [14]),
    ("Victim is 15 years of age.", [15]),
    ("Baby (6/12) in a cot.", [0]),
    ("A Year Six pupil was hit.", [10]),
    ("Boy approx 12ish ran off.", [12]),
])
def test_age_words_and_conventions(text, ages):
    assert screen(text, "2025-01-01").ages == ages


@pytest.mark.parametrize("text", [
    "Sentenced to 18 months in prison for burglary. He lives alone.",
    "He has lived there 9 years and lives alone.",
    "Married 12 years; the couple have no children.",
    "Female, she is 7 months pregnant; lives with her partner. No other children.",
    "The couple separated 6 weeks ago; both adults.",
    "IP, 34 weeks pregnant, was pushed. No other children.",
])
def test_durations_are_not_ages(text):
    assert not screen(text, "2025-01-01").safeguarding_check_required


def test_ages_at_the_boundary():
    assert screen("IP Amelia STONE, aged 17, left home.", "2025-01-01").ages == [17]
    assert not screen("IP Kieran WALSH, aged 18, left home.", "2025-01-01").ages


def test_evidence_offsets_are_exact():
    text = ("0215 call from a female; baby heard crying. 5-MONTH-OLD in a Moses basket. "
            "Her son, Leo (5), and a cot in the bedroom.")
    result = screen(text, "2025-01-01")
    assert result.evidence
    for ev in result.evidence:
        assert text[ev.start:ev.end] == ev.text
        assert ev.reason
    assert {ev.text for ev in result.evidence} >= {"5-MONTH-OLD", "Leo (5)"}


def test_evidence_in_capitals_is_not_widened_to_other_words():
    result = screen("MALE (19) STATES HIS GIRLFRIEND (17) HIT HIM.", "2025-01-01")
    assert [e.text for e in result.evidence] == ["(17)"]


def test_false_result_has_no_ages_or_evidence():
    result = screen("Two adults argued in the street; both sober. Words of advice.", "2025-01-01")
    assert (result.ages, result.evidence) == ([], [])


def test_result_is_frozen_and_serialisable():
    result = screen("Child (4) found alone.", "2025-01-01")
    with pytest.raises(AttributeError):
        result.safeguarding_check_required = False
    assert result.to_json("x") == {
        "id": "x", "safeguarding_check_required": True, "ages": [4],
        "indicators": result.indicators, "evidence": [e.text for e in result.evidence]}


@pytest.mark.parametrize("date", ["2025-13-01", "yesterday", "01/02/2025"])
def test_bad_date_raises_value_error(date):
    with pytest.raises(ValueError):
        screen("Child present.", date)


def test_too_long_text_raises_value_error():
    with pytest.raises(ValueError):
        screen("x " * 25_001, "2025-01-01")
