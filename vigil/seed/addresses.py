"""Fictional addresses: streets per town, unique house numbers, postcodes in unused areas."""

from __future__ import annotations

import math
import random
from decimal import Decimal

from vigil.people.matching import address_match_key
from vigil.people.models import Address
from vigil.seed.reference_data import ForceSpec

_INWARD_LETTERS = "ABDEFGHJLNPQRSTUWXYZ"  # the letters Royal Mail uses in inward codes


class _Street:
    __slots__ = ("name", "top", "postcodes", "lat", "lon")

    def __init__(self, name, top, postcodes, lat, lon):
        self.name, self.top, self.postcodes, self.lat, self.lon = name, top, postcodes, lat, lon


class AddressBook:
    """Hands out new, distinct addresses for one force. Nothing here touches the database."""

    def __init__(self, *, rng: random.Random, spec: ForceSpec, force_id: int, streets: tuple[str, ...],
                 expected: int, ids):
        self.rng = rng
        self.force_id = force_id
        self.spec = spec
        self.ids = ids
        self.used: set[tuple[int, int, int]] = set()
        self.towns: list[tuple[str, str, list[_Street]]] = []  # (area name, town, streets)
        n_towns = sum(len(a.towns) for a in spec.areas)
        per_town = max(25, math.ceil(expected * 2.2 / n_towns / 90))
        district = 0
        for area in spec.areas:
            for t, town in enumerate(area.towns):
                district += 1
                # Town centres sit a few km from the area centre.
                tlat = area.lat + (t - 1) * 0.05 + rng.uniform(-0.01, 0.01)
                tlon = area.lon + ((t % 2) - 0.5) * 0.06
                names = rng.sample(streets, min(per_town, len(streets)))
                made = []
                for name in names:
                    codes = [f"{spec.postcode_area}{district} {rng.randint(1, 9)}"
                             f"{rng.choice(_INWARD_LETTERS)}{rng.choice(_INWARD_LETTERS)}" for _ in range(4)]
                    made.append(_Street(name, rng.randint(20, 160), codes,
                                        tlat + rng.gauss(0, 0.015), tlon + rng.gauss(0, 0.02)))
                self.towns.append((area.name, town, made))

    def new(self, *, town_index: int | None = None, line1: str | None = None) -> tuple:
        """A new address row, as a tuple in vigil.seed.rows.COLUMNS[Address] order."""
        rng = self.rng
        ti = rng.randrange(len(self.towns)) if town_index is None else town_index
        area, town, streets = self.towns[ti]
        for _ in range(30):
            si = rng.randrange(len(streets))
            street = streets[si]
            number = rng.randint(1, street.top)
            flat = rng.randint(1, 6) if rng.random() < 0.08 else 0
            if (ti, si * 1000 + number, flat) not in self.used:
                break
        else:  # a full street: take the next free flat number on the last one tried
            flat = 7
            while (ti, si * 1000 + number, flat) in self.used:
                flat += 1
        self.used.add((ti, si * 1000 + number, flat))
        # Flats are written the British way, "Flat 3, 12 Mill Road"; a named building (a care home)
        # keeps its name in line 1 and the street in line 2.
        street_line = f"{number} {street.name}"
        if line1 is None:
            line1, line2 = (f"Flat {flat}, {street_line}" if flat else street_line), ""
        else:
            line2 = street_line
        postcode = street.postcodes[min(number // 40, 3)]
        return (
            self.ids.next(Address), self.force_id, line1, line2, town, postcode, area, "",
            Decimal(f"{street.lat + rng.uniform(-0.002, 0.002):.6f}"),
            Decimal(f"{street.lon + rng.uniform(-0.003, 0.003):.6f}"),
            address_match_key(line1, postcode),
        )

    def area_of(self, town_index: int) -> str:
        return self.towns[town_index][0]
