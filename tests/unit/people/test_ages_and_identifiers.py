"""Age-range bounds, identifier checks and the date-of-birth rule: pure functions."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from vigil.core.clock import age_on
from vigil.people.search import dob_bounds
from vigil.people.services import (
    clean_date_of_birth,
    clean_nhs_number,
    clean_pnc_id,
    nhs_number_is_valid,
)


@given(
    dob=st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
    today=st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31)),
    age_min=st.integers(min_value=0, max_value=100),
    span=st.integers(min_value=0, max_value=30),
)
def test_dob_bounds_agree_with_age_on(dob, today, age_min, span):
    age_max = age_min + span
    earliest, latest = dob_bounds(age_min, age_max, today)
    in_range = earliest <= dob <= latest
    assert in_range == (age_min <= age_on(dob, today) <= age_max)


def test_dob_bounds_leap_day():
    # On 29 February 2024, someone born 28 February 2006 is 18, someone born 1 March 2006 is 17.
    earliest, latest = dob_bounds(18, 18, date(2024, 2, 29))
    assert latest == date(2006, 2, 28)
    assert earliest == date(2005, 3, 1)


def test_open_ended_age_range():
    assert dob_bounds(None, None, date(2024, 1, 1)) == (None, None)
    earliest, latest = dob_bounds(None, 17, date(2024, 1, 1))
    assert latest is None and earliest == date(2006, 1, 2)


@pytest.mark.parametrize("number", ["9434765919", "9990000018", "943 476 5919", "943-476-5919"])
def test_valid_nhs_numbers(number):
    assert clean_nhs_number(number) == number.replace(" ", "").replace("-", "")


@pytest.mark.parametrize("number", ["9434765918", "123456789", "12345678901", "94347659AB", "9990000010"])
def test_invalid_nhs_numbers(number):
    with pytest.raises(ValidationError):
        clean_nhs_number(number)


def test_nhs_check_digit_of_ten_is_never_valid():
    # 1000000010: weights give a check digit of 10, so no tenth digit can make it valid.
    assert not any(nhs_number_is_valid(f"100000001{d}") for d in range(10))


@pytest.mark.parametrize("value", ["09/123456X", "2009/1234567Z", "12/1A", "09/123456x"])
def test_pnc_id_shape_accepted(value):
    assert clean_pnc_id(value) == value.upper()


@pytest.mark.parametrize("value", ["123456X", "09-123456X", "09/12345678X", "09/123456", "9/123456X", "AB/123456X"])
def test_pnc_id_shape_rejected(value):
    with pytest.raises(ValidationError):
        clean_pnc_id(value)


def test_blank_identifiers_are_allowed():
    assert clean_pnc_id("") == "" and clean_nhs_number("") == ""


def test_date_of_birth_in_the_future_is_refused():
    today = date(2025, 6, 1)
    assert clean_date_of_birth(today, today) == today
    with pytest.raises(ValidationError, match="today or in the past"):
        clean_date_of_birth(today + timedelta(days=1), today)
