"""`vigil seed --scale demo|force|national --seed N [--if-empty] [--forces K] [--people N]`

Fills the database with fictional, deterministic data (same seed, same data). See vigil.seed.
"""

import time

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from vigil.seed.context import SCALES
from vigil.seed.core import SeedError, home_force_people, near_duplicate_pairs, seed
from vigil.seed.reference_data import HOME_FORCE_CODE


def _whole_number(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        raise CommandError(f"{text!r} is not a whole number.")


class Command(BaseCommand):
    help = "Fill the database with fictional people, households, markers, partner shares and demo logins."

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(SCALES), default="demo",
                            help="demo ≈ 2,000 people; force ≈ 250,000; national ≈ 2,500,000 in 43 forces.")
        parser.add_argument("--seed", type=_whole_number, default=1, help="Same seed, same data (default 1).")
        parser.add_argument("--if-empty", action="store_true",
                            help=f"Do nothing if force {HOME_FORCE_CODE!r} already has people.")
        parser.add_argument("--forces", type=_whole_number, default=None, help="Number of forces (1-44).")
        parser.add_argument("--people", type=_whole_number, default=None,
                            help="Override the number of people (for tests).")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")
        parser.add_argument("--core-only", action="store_true",
                            help="People, households and demo logins only: skip the modules' seed extensions.")

    def handle(self, *args, **options):
        if getattr(settings, "PRODUCTION", False):
            raise CommandError("Refusing to put fictional people into a production database (VIGIL_ENV=production).")
        if options["if_empty"]:
            existing = home_force_people()
            if existing:
                self.stdout.write(f"Force {HOME_FORCE_CODE!r} already has {existing} people: nothing seeded.")
                return
        started = time.monotonic()
        try:
            ctx = seed(scale=options["scale"], seed=options["seed"], forces=options["forces"],
                       people=options["people"], progress=not options["no_progress"],
                       extensions=not options["core_only"])
        except SeedError as exc:
            raise CommandError(str(exc))
        elapsed = time.monotonic() - started
        rows = sum(ctx.counts.values())
        self.stdout.write(self.style.SUCCESS(
            f"Seeded {options['scale']} (seed {options['seed']}): {ctx.counts['people.Person']:,} people, "
            f"{rows:,} rows in {elapsed:.1f} s ({rows / max(elapsed, 0.001):,.0f} rows/s)."
        ))
        for label, count in sorted(ctx.counts.items()):
            self.stdout.write(f"  {label}: {count:,}")
        for phase, seconds in ctx.seconds.items():
            self.stdout.write(f"  {phase}: {seconds:.1f} s")
        pairs = near_duplicate_pairs(ctx, limit=3)
        if pairs:
            self.stdout.write("Near-duplicate records to try the duplicate warning and merge on:")
            for a, b in pairs:
                self.stdout.write(f"  {a}  /  {b}")
