"""The seed's pure helpers: birth dates, test NHS numbers, spelling variants, force names."""

import random
from datetime import date

import pytest

from vigil.core.clock import age_on
from vigil.seed.context import AGE_BANDS, band_for
from vigil.seed.people import nhs_test_number, years_before
from vigil.seed.reference_data import MAX_FORCES, force_specs
from vigil.seed.variants import misspell, nickname


class _Builder:
    """Just enough of ForceBuilder to call dob_for_age."""

    def __init__(self, today):
        self.today = today
        self.rng = random.Random(1)

    from vigil.seed.people import ForceBuilder as _FB

    dob_for_age = _FB.dob_for_age


@pytest.mark.parametrize("today", [date(2026, 3, 1), date(2028, 2, 29), date(2026, 12, 31), date(2027, 1, 1)])
def test_birth_dates_give_exactly_the_age_asked_for(today):
    builder = _Builder(today)
    for age in range(0, 100):
        for _ in range(20):
            dob = builder.dob_for_age(age)
            assert age_on(dob, today) == age, (age, dob)
            assert dob <= today


def test_years_before_handles_29_february():
    assert years_before(date(2028, 2, 29), 1) == date(2027, 2, 28)
    assert years_before(date(2028, 2, 29), 4) == date(2024, 2, 29)


def test_nhs_numbers_are_from_the_test_range_with_a_valid_check_digit():
    rng = random.Random(4)
    for _ in range(200):
        number = nhs_test_number(rng)
        assert len(number) == 10 and number.startswith("999")
        total = sum(int(d) * w for d, w in zip(number[:9], range(10, 1, -1), strict=True))
        assert (11 - total % 11) % 11 == int(number[9])


def test_spelling_variants_differ_but_stay_close():
    rng = random.Random(2)
    for forenames, surname in [("John", "Thompson"), ("Amelia Rose", "Hartwell"), ("Philippa", "Smith"),
                               ("Ed", "Ng"), ("Anna", "Lee"), ("Mohammed", "Ali")]:
        for _ in range(200):
            new_forenames, new_surname = misspell(rng, forenames, surname)
            assert (new_forenames, new_surname) != (forenames, surname)
            assert len(new_forenames.split(" ")) == len(forenames.split(" "))


def test_nicknames_are_deterministic():
    assert nickname(random.Random(1), "Robert James") == nickname(random.Random(1), "Robert James")
    assert nickname(random.Random(1), "Robert") in {"Rob", "Bob", "Robbie"}
    assert nickname(random.Random(1), "Zzyzx") is None


def test_force_names_codes_and_postcode_areas_are_unique_and_fictional():
    specs = force_specs(MAX_FORCES)
    assert specs[0].code == "midshire" and len(specs) == MAX_FORCES >= 43
    for attr in ("code", "name", "postcode_area"):
        values = [getattr(s, attr) for s in specs]
        assert len(set(values)) == len(values), attr
    assert all(s.postcode_area[0] in "QVX" for s in specs)
    with pytest.raises(ValueError):
        force_specs(0)
    with pytest.raises(ValueError):
        force_specs(MAX_FORCES + 1)


def test_age_bands_cover_every_age_once():
    for age in range(0, 120):
        assert sum(1 for low, high, _ in AGE_BANDS if low <= age <= high) == 1
        assert band_for(age)
    assert band_for(17) == "14-17" and band_for(18) == "18-24"
