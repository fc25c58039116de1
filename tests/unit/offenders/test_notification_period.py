"""SOA 2003 s.82 notification period: the table row by row, every boundary, dates and errors."""

from datetime import date, datetime

import pytest

from vigil.offenders.rules import Disposal, add_months, age_on, notification_period
from vigil.offenders.statute import S82_TABLE, Band

REL = date(2020, 1, 15)
ADULT, CHILD = 18, 17


def period(disposal, age=ADULT, relevant_date=REL, **kwargs):
    p = notification_period(
        relevant_date=relevant_date, age_on_relevant_date=age, disposal=disposal, **kwargs
    )
    return p.duration, p.ends_on


# (disposal, kwargs, adult result, under-18 result) for a relevant date of 15 January 2020.
TABLE = [
    ("life", {}, ("indefinite", None), ("indefinite", None)),
    ("ipp", {}, ("indefinite", None), ("indefinite", None)),
    ("hospital-restriction", {}, ("indefinite", None), ("indefinite", None)),
    ("imprisonment", {"term_months": 31}, ("indefinite", None), ("indefinite", None)),
    ("imprisonment", {"term_months": 30}, ("indefinite", None), ("indefinite", None)),
    ("imprisonment", {"term_months": 29}, ("P10Y", date(2030, 1, 14)), ("P5Y", date(2025, 1, 14))),
    ("imprisonment", {"term_months": 7}, ("P10Y", date(2030, 1, 14)), ("P5Y", date(2025, 1, 14))),
    ("imprisonment", {"term_months": 6}, ("P7Y", date(2027, 1, 14)), ("P3Y6M", date(2023, 7, 14))),
    ("imprisonment", {"term_months": 5}, ("P7Y", date(2027, 1, 14)), ("P3Y6M", date(2023, 7, 14))),
    ("imprisonment", {"term_months": 1}, ("P7Y", date(2027, 1, 14)), ("P3Y6M", date(2023, 7, 14))),
    ("hospital", {}, ("P7Y", date(2027, 1, 14)), ("P3Y6M", date(2023, 7, 14))),
    ("caution", {}, ("P2Y", date(2022, 1, 14)), ("P1Y", date(2021, 1, 14))),
    (
        "conditional-discharge",
        {"discharge_months": 18},
        ("P18M", date(2021, 7, 14)),
        ("P18M", date(2021, 7, 14)),  # not halved under 18
    ),
    (
        "conditional-discharge",
        {"discharge_months": 12},
        ("P12M", date(2021, 1, 14)),
        ("P12M", date(2021, 1, 14)),
    ),
    ("other", {}, ("P5Y", date(2025, 1, 14)), ("P2Y6M", date(2022, 7, 14))),
]


@pytest.mark.parametrize(("disposal", "kwargs", "adult", "child"), TABLE)
def test_s82_table_adult_and_under_18(disposal, kwargs, adult, child):
    assert period(disposal, ADULT, **kwargs) == adult
    assert period(disposal, CHILD, **kwargs) == child


def test_worked_example_ten_years_from_15_january_2020_ends_14_january_2030():
    p = notification_period(
        relevant_date=date(2020, 1, 15),
        age_on_relevant_date=40,
        disposal=Disposal.IMPRISONMENT,
        term_months=12,
    )
    assert (p.months, p.duration, p.ends_on) == (120, "P10Y", date(2030, 1, 14))
    assert p.band is Band.MEDIUM_CUSTODY
    assert "s.82" in p.source and not p.indefinite
    assert p.as_dict() == {"period": "P10Y", "ends_on": "2030-01-14"}


def test_indefinite_period():
    p = notification_period(relevant_date=REL, age_on_relevant_date=50, disposal="life")
    assert p.indefinite and p.months is None and p.ends_on is None
    assert p.as_dict() == {"period": "indefinite", "ends_on": None}


@pytest.mark.parametrize(
    ("age", "expected"), [(0, "P1Y"), (17, "P1Y"), (18, "P2Y"), (19, "P2Y"), (90, "P2Y")]
)
def test_age_17_is_under_18_and_18_is_adult(age, expected):
    assert period("caution", age)[0] == expected


@pytest.mark.parametrize(
    ("term", "adult", "child"),
    [
        (4, "P7Y", "P3Y6M"),
        (12, "P7Y", "P3Y6M"),  # counts as 6 months: "6 months or less"
        (13, "P10Y", "P5Y"),  # counts as 6.5 months: more than 6
        (14, "P10Y", "P5Y"),
        (24, "P10Y", "P5Y"),  # the longest DTO counts as 12 months
        (59, "P10Y", "P5Y"),  # 29.5 months: still under 30
        (60, "indefinite", "indefinite"),  # 30 months (hypothetical, beyond the DTO maximum)
    ],
)
def test_dto_counts_half_its_term_as_imprisonment(term, adult, child):
    assert period("dto", ADULT, term_months=term)[0] == adult
    assert period("dto", CHILD, term_months=term)[0] == child


def test_dto_of_24_months_equals_imprisonment_of_12_months():
    assert period("dto", CHILD, term_months=24) == period("imprisonment", CHILD, term_months=12)


@pytest.mark.parametrize(
    ("relevant_date", "disposal", "kwargs", "ends_on"),
    [
        # 29 February start: the period ends the day before 1 March, not before "28 February".
        (date(2020, 2, 29), "caution", {}, date(2022, 2, 28)),
        (date(2020, 2, 29), "imprisonment", {"term_months": 12}, date(2030, 2, 28)),
        (date(2020, 2, 29), "conditional-discharge", {"discharge_months": 48}, date(2024, 2, 28)),
        (date(2020, 3, 1), "caution", {}, date(2022, 2, 28)),
        (date(2020, 2, 28), "caution", {}, date(2022, 2, 27)),
        (date(2019, 8, 31), "hospital", {}, date(2026, 8, 30)),
        (date(2020, 1, 1), "imprisonment", {"term_months": 12}, date(2029, 12, 31)),
        (date(2020, 12, 31), "caution", {}, date(2022, 12, 30)),
    ],
)
def test_period_end_dates_adult(relevant_date, disposal, kwargs, ends_on):
    assert period(disposal, ADULT, relevant_date, **kwargs)[1] == ends_on


@pytest.mark.parametrize(
    ("relevant_date", "ends_on"),
    [
        (date(2019, 8, 31), date(2023, 2, 28)),
        (date(2020, 8, 31), date(2024, 2, 29)),  # into a leap February
        (date(2020, 8, 30), date(2024, 2, 29)),
        (date(2020, 8, 29), date(2024, 2, 28)),
        (date(2000, 3, 1), date(2003, 8, 31)),  # a 1st-of-month start ends at a month end
        (date(2020, 4, 30), date(2023, 10, 29)),
    ],
)
def test_half_year_under_18_periods_clamp_to_february(relevant_date, ends_on):
    # 3.5 years beginning with 31 August runs to the end of February (the day before "31 Feb").
    assert period("hospital", CHILD, relevant_date) == ("P3Y6M", ends_on)


def test_table_can_be_overridden_for_secondary_source_values():
    # The under-18 column is [S]; a deployment may replace it without touching the code.
    rows = tuple(
        row if row.band is not Band.CAUTION else type(row)(row.band, 24, 24, "local override")
        for row in S82_TABLE.rows
    )
    table = type(S82_TABLE)(rows=rows)
    p = notification_period(
        relevant_date=REL, age_on_relevant_date=CHILD, disposal="caution", table=table
    )
    assert (p.duration, p.source) == ("P2Y", "local override")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"disposal": "imprisonment"}, "term in months is required"),
        ({"disposal": "dto"}, "term in months is required"),
        ({"disposal": "imprisonment", "term_months": 0}, "at least 1"),
        ({"disposal": "imprisonment", "term_months": -6}, "at least 1"),
        ({"disposal": "imprisonment", "term_months": 2.5}, "whole number"),
        ({"disposal": "imprisonment", "term_months": True}, "whole number"),
        ({"disposal": "life", "term_months": 12}, "does not apply to life"),
        ({"disposal": "caution", "term_months": 12}, "does not apply to caution"),
        ({"disposal": "other", "term_months": 3}, "does not apply to other"),
        ({"disposal": "conditional-discharge"}, "needs its period"),
        ({"disposal": "conditional-discharge", "discharge_months": 0}, "at least 1"),
        (
            {"disposal": "conditional-discharge", "discharge_months": 12, "term_months": 12},
            "term in months does not apply",
        ),
        ({"disposal": "imprisonment", "term_months": 12, "discharge_months": 12}, "does not"),
        ({"disposal": "fine"}, "unknown disposal 'fine'"),
        ({"disposal": "caution", "age_on_relevant_date": -1}, "at least 0"),
        ({"disposal": "caution", "age_on_relevant_date": True}, "whole number"),
        ({"disposal": "caution", "date_of_birth": date(2020, 1, 16)}, "before the date of birth"),
        ({"disposal": "caution", "date_of_birth": date(2000, 1, 1)}, "does not match"),
        ({"disposal": "caution", "relevant_date": date(9998, 6, 1)}, "after 9999"),
        ({"disposal": "caution", "relevant_date": datetime(2020, 1, 15, 9)}, "must be a date"),
        ({"disposal": "caution", "relevant_date": "2020-01-15"}, "must be a date"),
    ],
)
def test_invalid_input_is_rejected_with_a_clear_message(kwargs, message):
    arguments = {"relevant_date": REL, "age_on_relevant_date": 30, **kwargs}
    with pytest.raises(ValueError, match=message):
        notification_period(**arguments)


def test_date_of_birth_consistent_with_age_is_accepted():
    # Born 15 January 2002: 18 on 15 January 2020, so adult.
    p = notification_period(
        relevant_date=REL,
        age_on_relevant_date=18,
        disposal="caution",
        date_of_birth=date(2002, 1, 15),
    )
    assert p.duration == "P2Y"
    p = notification_period(
        relevant_date=REL,
        age_on_relevant_date=17,
        disposal="caution",
        date_of_birth=date(2002, 1, 16),
    )
    assert p.duration == "P1Y"


@pytest.mark.parametrize(
    ("born", "on", "age"),
    [
        (date(2002, 1, 15), date(2020, 1, 14), 17),
        (date(2002, 1, 15), date(2020, 1, 15), 18),
        (date(2004, 2, 29), date(2022, 2, 28), 17),
        (date(2004, 2, 29), date(2022, 3, 1), 18),
        (date(2004, 2, 29), date(2024, 2, 29), 20),
        (date(2020, 5, 5), date(2020, 5, 5), 0),
    ],
)
def test_age_on(born, on, age):
    assert age_on(born, on) == age


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (date(2020, 1, 31), 1, date(2020, 2, 29)),
        (date(2021, 1, 31), 1, date(2021, 2, 28)),
        (date(2020, 2, 29), 12, date(2021, 2, 28)),
        (date(2020, 2, 29), 48, date(2024, 2, 29)),
        (date(2020, 3, 31), -1, date(2020, 2, 29)),
        (date(2020, 12, 15), 1, date(2021, 1, 15)),
        (date(2020, 1, 15), 0, date(2020, 1, 15)),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(day, months) == expected


def test_add_months_outside_the_calendar():
    with pytest.raises(ValueError, match="outside years 1-9999"):
        add_months(date(9999, 12, 1), 1)
