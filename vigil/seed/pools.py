"""Name and street pools, drawn from Faker("en_GB") once and then sampled with random.Random.

Calling Faker per row is the slow part of synthetic data; drawing pools up front keeps Faker's
name frequencies (its weighted choice) while each row costs one `rng.choice`.
"""

from __future__ import annotations

from dataclasses import dataclass

from faker import Faker

from vigil.seed.reference_data import (
    CHILD_NAMES_FEMALE,
    CHILD_NAMES_MALE,
    STREET_STEMS,
    STREET_SUFFIXES,
)

POOL_SIZE = 4000


@dataclass(frozen=True)
class Pools:
    female: tuple[str, ...]
    male: tuple[str, ...]
    child_female: tuple[str, ...]
    child_male: tuple[str, ...]
    surnames: tuple[str, ...]
    streets: tuple[str, ...]


def make_pools(seed: int) -> Pools:
    fake = Faker("en_GB")
    fake.seed_instance(seed)
    female = tuple(fake.first_name_female() for _ in range(POOL_SIZE))
    male = tuple(fake.first_name_male() for _ in range(POOL_SIZE))
    surnames = tuple(fake.last_name() for _ in range(POOL_SIZE * 2))
    # Faker's en_GB street suffixes include American ones ("Vista", "Mountains"): use British ones.
    streets: list[str] = []
    seen: set[str] = set()
    while len(streets) < POOL_SIZE:
        stem = fake.last_name() if fake.random.random() < 0.6 else fake.random.choice(STREET_STEMS)
        street = f"{stem} {fake.random.choice(STREET_SUFFIXES)}"
        if street not in seen:
            seen.add(street)
            streets.append(street)
    # Children: half modern names, half Faker's (which lean towards older generations).
    child_female = female[: POOL_SIZE // 2] + CHILD_NAMES_FEMALE * (POOL_SIZE // 2 // len(CHILD_NAMES_FEMALE))
    child_male = male[: POOL_SIZE // 2] + CHILD_NAMES_MALE * (POOL_SIZE // 2 // len(CHILD_NAMES_MALE))
    return Pools(female, male, child_female, child_male, surnames, tuple(streets))
