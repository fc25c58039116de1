"""Properties of the date arithmetic, checked against independent brute-force oracles."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from vigil.offenders.rules import (
    Disposal,
    add_months,
    initial_notification_due,
    notification_period,
)

DATES = st.dates(min_value=date(1950, 1, 1), max_value=date(2100, 12, 31))
TERMED = {Disposal.IMPRISONMENT, Disposal.DTO}


@st.composite
def disposals(draw):
    disposal = draw(st.sampled_from(list(Disposal)))
    kwargs = {}
    if disposal in TERMED:
        kwargs["term_months"] = draw(st.integers(1, 600))
    if disposal is Disposal.CONDITIONAL_DISCHARGE:
        kwargs["discharge_months"] = draw(st.integers(1, 36))
    return disposal, kwargs


def _day_before_anniversary(start, months):
    # Oracle: the anniversary is the same day-number `months` later; if that month is too short
    # the anniversary is the 1st of the following month.
    year, month = divmod(start.year * 12 + start.month - 1 + months, 12)
    try:
        anniversary = date(year, month + 1, start.day)
    except ValueError:
        anniversary = date(year + (month == 11), (month + 1) % 12 + 1, 1)
    return anniversary - timedelta(days=1)


def _months(p):
    return float("inf") if p.indefinite else p.months


@given(relevant=DATES, case=disposals())
def test_period_ends_after_it_begins_and_under_18_is_never_longer(relevant, case):
    disposal, kwargs = case
    adult = notification_period(
        relevant_date=relevant, age_on_relevant_date=18, disposal=disposal, **kwargs
    )
    child = notification_period(
        relevant_date=relevant, age_on_relevant_date=17, disposal=disposal, **kwargs
    )
    assert _months(child) <= _months(adult)
    for p in (adult, child):
        if not p.indefinite:
            assert p.ends_on >= relevant
            assert p.ends_on == _day_before_anniversary(relevant, p.months)
            if relevant.day <= 28:  # no clamping: exactly "relevant date + period - 1 day"
                assert p.ends_on == add_months(relevant, p.months) - timedelta(days=1)


@given(
    relevant=DATES, age=st.integers(0, 99), shorter=st.integers(1, 400), extra=st.integers(0, 400)
)
def test_a_longer_sentence_never_gives_a_shorter_period(relevant, age, shorter, extra):
    for disposal in TERMED:
        a, b = (
            notification_period(
                relevant_date=relevant, age_on_relevant_date=age, disposal=disposal, term_months=t
            )
            for t in (shorter, shorter + extra)
        )
        assert _months(a) <= _months(b)


SPELLS = st.lists(
    st.tuples(st.integers(-10, 40), st.integers(0, 15)).map(
        lambda p: (
            date(2024, 5, 1) + timedelta(days=p[0]),
            date(2024, 5, 1) + timedelta(days=p[0] + p[1]),
        )
    ),
    max_size=4,
)


@given(spells=SPELLS)
def test_three_day_count_matches_a_day_by_day_oracle(spells):
    start = date(2024, 5, 1)
    away = {
        first + timedelta(days=i)
        for first, released in spells
        for i in range((released - first).days)
    }
    day, counted = start, 0
    while True:
        if day not in away:
            counted += 1
            if counted == 3:
                break
        day += timedelta(days=1)
    assert initial_notification_due(start=start, disregarded=spells) == day
