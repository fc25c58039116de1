"""What the seed hands to extensions, and the batched writer every seeding step uses."""

from __future__ import annotations

import random
from array import array
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db import connection
from django.db.models import Max

BATCH_SIZE = 2000


@dataclass(frozen=True)
class Scale:
    name: str
    people: int
    forces: int
    # Multiplier on warning-marker rates: the demo shows every kind of marker on few people.
    boost: float


SCALES = {
    "demo": Scale("demo", 2_000, 1, 2.5),
    "force": Scale("force", 250_000, 1, 1.0),
    "national": Scale("national", 2_500_000, 43, 1.0),
}

# Age bands used to index people for extensions (missing children are mostly 10-17, and so on).
AGE_BANDS = ((0, 4, "0-4"), (5, 9, "5-9"), (10, 13, "10-13"), (14, 17, "14-17"), (18, 24, "18-24"),
             (25, 44, "25-44"), (45, 64, "45-64"), (65, 200, "65+"))


def band_for(age: int) -> str:
    for low, high, label in AGE_BANDS:
        if low <= age <= high:
            return label
    raise ValueError(f"no age band for {age}")


class IdAllocator:
    """Explicit primary keys, so related rows can be built before anything is written and a
    seed gives the same ids on an empty database every time."""

    def __init__(self):
        self._next: dict[type, int] = {}

    def next(self, model) -> int:
        value = self._next.get(model)
        if value is None:
            value = (model.objects.aggregate(m=Max("pk"))["m"] or 0) + 1
        self._next[model] = value + 1
        return value

    def models(self) -> list[type]:
        return list(self._next)


@dataclass
class SeedContext:
    """Everything an extension (vigil.seed.EXTENSIONS) needs to add its own records.

    People ids are kept in compact arrays (8 bytes each) so the national scale stays in memory.
    """

    scale: Scale
    seed: int
    today: date
    now: datetime
    rng: random.Random
    pools: object
    forces: list = field(default_factory=list)
    home_force: object = None
    users: dict = field(default_factory=dict)  # username -> User (the demo logins and extra officers)
    teams: dict = field(default_factory=dict)  # force id -> {team name: Team}
    organisations: dict = field(default_factory=dict)  # force id -> {organisation name: Organisation}
    people: dict = field(default_factory=dict)  # force id -> {age band: array of person ids}
    markers: dict = field(default_factory=dict)  # force id -> {marker kind: array of person ids}
    homes: dict = field(default_factory=dict)  # force id -> array of current household address ids
    care_homes: dict = field(default_factory=dict)  # force id -> [(address id, care provider Organisation)]
    notable: dict = field(default_factory=dict)  # (force id, label) -> [person id, ...], capped, for demo links
    counts: Counter = field(default_factory=Counter)
    seconds: dict = field(default_factory=dict)  # wall time per phase: core, each extension, analyze
    ids: IdAllocator = field(default_factory=IdAllocator)

    def rng_for(self, name: str) -> random.Random:
        """A generator of its own for each extension, so adding one never changes another's data."""
        return random.Random(f"{self.seed}:{name}")

    def people_ids(self, force, band: str | None = None) -> array:
        bands = self.people.get(force.pk, {})
        if band is not None:
            return bands.get(band, array("q"))
        out = array("q")
        for label in sorted(bands):
            out.extend(bands[label])
        return out

    def marker_ids(self, force, kind: str) -> array:
        return self.markers.get(force.pk, {}).get(kind, array("q"))

    def bulk_create(self, objs, *, batch_size: int = BATCH_SIZE) -> None:
        """Write rows in batches. Call inside transaction.atomic."""
        if not objs:
            return
        model = type(objs[0])
        model.objects.bulk_create(objs, batch_size=batch_size)
        self.counts[model._meta.label] += len(objs)

    def note(self, force_id: int, label: str, person_id: int, cap: int = 500) -> None:
        found = self.notable.setdefault((force_id, label), [])
        if len(found) < cap:
            found.append(person_id)


def reset_sequences(models) -> None:
    """After writing explicit ids, move PostgreSQL's sequences past them (SQLite tracks this itself)."""
    from django.core.management.color import no_style

    statements = connection.ops.sequence_reset_sql(no_style(), models)
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
