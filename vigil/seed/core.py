"""`vigil seed`: build the reference data, then people force by force, then the demo links,
then each registered extension.

Bulk data is written with bulk_create, not through the service functions, and therefore writes
no audit events of its own: one ADMIN event records that a seed ran (docs/performance.md).
"""

from __future__ import annotations

import hashlib
import random
import sys
import time
from contextlib import contextmanager
from datetime import date

from django.db import connection, transaction
from django.utils import timezone
from tqdm import tqdm

from vigil import seed as seed_package
from vigil.core import audit
from vigil.people.models import Person
from vigil.seed.context import SCALES, SeedContext, reset_sequences
from vigil.seed.demo_links import make_shares, make_tasks
from vigil.seed.people import ForceBuilder
from vigil.seed.pools import make_pools
from vigil.seed.reference import make_force, make_users
from vigil.seed.reference_data import HOME_FORCE_CODE, MAX_FORCES, PPU, force_specs


class SeedError(ValueError):
    """Bad arguments, or a database that already holds seeded people."""


def home_force_people() -> int:
    return Person.objects.filter(force__code=HOME_FORCE_CODE).count()


def split(total: int, parts: int) -> list[int]:
    """People per force: equal shares, the home force taking the remainder."""
    share = total // parts
    return [total - share * (parts - 1)] + [share] * (parts - 1)


@contextmanager
def big_page_cache(kib: int = 256 * 1024):
    """SQLite keeps 2 MB of pages by default; index inserts in random key order then read and
    write the same pages over and over. A 256 MB cache while seeding cut CPU time by a quarter."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        before = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size=-{int(kib)}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size={before}")


def seed(*, scale: str, seed: int, forces: int | None = None, people: int | None = None,
         today: date | None = None, progress: bool = True, extensions: bool = True) -> SeedContext:
    if scale not in SCALES:
        raise SeedError(f"Unknown scale {scale!r}: use one of {', '.join(SCALES)}.")
    if seed < 0:
        raise SeedError("--seed must be zero or a positive whole number.")
    spec = SCALES[scale]
    n_forces = spec.forces if forces is None else forces
    if not 1 <= n_forces <= MAX_FORCES:
        raise SeedError(f"--forces must be between 1 and {MAX_FORCES}.")
    total = spec.people if people is None else people
    if total < 1:
        raise SeedError("--people must be at least 1.")
    existing = home_force_people()
    if existing:
        raise SeedError(f"Force {HOME_FORCE_CODE!r} already has {existing} people: seed an empty database.")

    started = time.perf_counter()
    now = timezone.now()
    ctx = SeedContext(scale=spec, seed=seed, today=today or timezone.localdate(), now=now,
                      rng=random.Random(seed), pools=make_pools(seed))
    specs = force_specs(n_forces)
    with transaction.atomic():
        for force_spec in specs:
            force, teams, orgs = make_force(force_spec)
            ctx.forces.append(force)
            ctx.teams[force.pk] = teams
            ctx.organisations[force.pk] = orgs
        ctx.home_force = ctx.forces[0]
        home = ctx.home_force
        ctx.users = make_users(ctx, home, ctx.teams[home.pk], ctx.organisations[home.pk])

    bar = tqdm(total=total, unit=" people", file=sys.stderr, disable=not progress, mininterval=0.5,
               desc=f"Seeding {scale}")
    with big_page_cache():
        for force_spec, force, count in zip(specs, ctx.forces, split(total, n_forces), strict=True):
            orgs = ctx.organisations[force.pk]
            providers = [o for o in orgs.values() if o.kind == "care_provider"]
            builder = ForceBuilder(ctx, force=force, spec=force_spec, people=count, progress=bar,
                                   team_for_grants=ctx.teams[force.pk][PPU], care_providers=providers)
            builder.run()
    bar.close()

    with transaction.atomic():
        home = ctx.home_force
        shared = make_shares(ctx, home, ctx.organisations[home.pk])
        make_tasks(ctx, home, ctx.teams[home.pk], ctx.organisations[home.pk], shared)
    reset_sequences(ctx.ids.models())
    ctx.seconds["core"] = time.perf_counter() - started

    for extension in list(seed_package.EXTENSIONS) if extensions else []:
        started = time.perf_counter()
        name = f"{extension.__module__}.{extension.__name__}"
        try:
            with transaction.atomic():
                extension(ctx)
        except Exception as exc:
            raise SeedError(f"Seed extension {name} failed, after the core data was written "
                            f"(run with --traceback for details): {exc}") from exc
        ctx.seconds[name] = time.perf_counter() - started

    started = time.perf_counter()
    with connection.cursor() as cursor:
        # Fresh statistics so the query planner uses the new indexes well.
        cursor.execute("ANALYZE")
    ctx.seconds["analyze"] = time.perf_counter() - started
    audit.record(
        action=audit.AuditEvent.Action.ADMIN, object_type="seed", object_label=f"Seeded synthetic data ({scale})",
        changes={"scale": scale, "seed": seed, "forces": n_forces, "people": ctx.counts["people.Person"],
                 "core_only": not extensions},
    )
    return ctx


def near_duplicate_pairs(ctx: SeedContext, limit: int = 3) -> list[tuple[str, str]]:
    """A few of the deliberate near-duplicates in the home force, as "name (id, born)" pairs."""
    force_id = ctx.home_force.pk
    twins = ctx.notable.get((force_id, "duplicate"), [])[:limit]
    originals = ctx.notable.get((force_id, "duplicate_of"), [])[:limit]
    people = Person.objects.in_bulk(twins + originals)

    def label(pk):
        p = people[pk]
        return f"{p.full_name} (#{p.pk}, born {p.date_of_birth:%d/%m/%Y})"

    return [(label(a), label(b)) for a, b in zip(originals, twins, strict=False) if a in people and b in people]


def digest(force_code: str = HOME_FORCE_CODE) -> str:
    """A fingerprint of a force's people (names, birth dates, gender) in id order."""
    h = hashlib.sha256()
    rows = Person.objects.filter(force__code=force_code).order_by("pk").values_list(
        "forenames", "surname", "date_of_birth", "gender")
    for row in rows.iterator(chunk_size=5000):
        h.update("|".join(str(v) for v in row).encode())
        h.update(b"\n")
    return h.hexdigest()
