"""Benchmark: the missing children coordinator dashboard and supervisor queues, national and force scale.

    python bench/bench_missing.py                       # PostgreSQL national, then SQLite force scale
    python bench/bench_missing.py --only pg --runs 60
    python bench/bench_missing.py --only sqlite --rebuild

PostgreSQL (database vigil_bench_missing at 127.0.0.1:5432, user postgres; created if missing, never
dropped): about 400,000 episodes over two years across 43 forces (figures.md 1.2: ~216,000 child
incidents a year in the UK), the largest force holding 10 %. SQLite (var/bench/missing.sqlite3): that
largest force alone (40,000 episodes), as one force's own installation would hold it.

Children go missing repeatedly: about 2.9 episodes per missing child a year, six for looked-after
children (figures.md 1.2), so ~69,000 children nationally. Each episode has its five early-action
tasks (done, cancelled or, for open episodes, open), a return home interview (63 % within 72 hours,
the 2023/24 national average), found place and time to locate. Rows are written with COPY on
PostgreSQL and bulk_create on SQLite, not through the services.

Measured through the Django test client (whole request: middleware, session, queries, templates):
the coordinator's dashboard for the largest force (as deployed, its 12-month figures reused for five
minutes; and with nothing reused); the busiest sergeant's supervision queue; the
queue of the inspector reviews escalate to; a senior officer's queue (second-level escalations).
Targets (issue 4): p95 <= 200 ms per page on PostgreSQL, <= 500 ms on SQLite. Saves
var/bench/results/missing_<db>.json and prints the figures.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import statistics
import subprocess
import sys
import time
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vigil_bench_missing"
DB_NAME = "vigil_bench_missing"
SQLITE_PATH = REPO / "var" / "bench" / "missing.sqlite3"
HOME_SHARE = 0.10
GRADES = (("high", 0.10), ("medium", 0.55), ("low", 0.30), ("very_low", 0.05))
KINDS = (("home", 25), ("friend", 24), ("public", 19), ("relative", 12), ("shops", 11), ("police", 2),
         ("transport", 2), ("entertainment", 1), ("other", 4))
ACTIONS = (("call_phone", 30), ("search_home", 60), ("check_intelligence", 60), ("contact_associates", 120),
           ("check_hospitals", 120))
SUPERVISORS_PER_FORCE = 30


def ensure_database(url: str) -> None:
    import psycopg

    if not url.rstrip("/").endswith("/" + DB_NAME):
        raise SystemExit(f"This benchmark only uses a PostgreSQL database named {DB_NAME}.")
    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def setup(url: str) -> None:
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="vigil.settings", VIGIL_ENV="development",
                      VIGIL_REQUIRE_MFA="false", AXES_ENABLED="false", DEBUG="false")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


# --- writing rows -----------------------------------------------------------------------------------

class Writer:
    """COPY on PostgreSQL (rows from model instances, by column), bulk_create on SQLite."""

    def __init__(self):
        from django.db import connection

        self.pg = connection.vendor == "postgresql"
        self.counts: dict[str, int] = {}

    def write(self, objs) -> None:
        if not objs:
            return
        from django.db import connection

        model = type(objs[0])
        self.counts[model._meta.label] = self.counts.get(model._meta.label, 0) + len(objs)
        if not self.pg:
            model.objects.bulk_create(objs, batch_size=2000)
            return
        fields = model._meta.concrete_fields
        qn = connection.ops.quote_name
        sql = f"COPY {qn(model._meta.db_table)} ({', '.join(qn(f.column) for f in fields)}) FROM STDIN"
        json_cols = {i for i, f in enumerate(fields) if f.get_internal_type() == "JSONField"}
        with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
            for obj in objs:
                row = [getattr(obj, f.attname) for f in fields]
                for i in json_cols:
                    row[i] = json.dumps(row[i])
                copy.write_row(row)


class Ids:
    def __init__(self):
        self.n: dict[type, int] = {}

    def next(self, model) -> int:
        if model not in self.n:
            self.n[model] = (model.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
        self.n[model] += 1
        return self.n[model]


def _pick(rng, table):
    total = sum(w for _k, w in table)
    x = rng.random() * total
    for key, weight in table:
        x -= weight
        if x <= 0:
            return key
    return table[-1][0]


def _locate_minutes(rng) -> int:
    """Time to locate, shaped like the Grampian 12-14 table (median 7 h 30, 80 % within 24 h)."""
    return max(10, int(math.exp(rng.gauss(math.log(450), 1.35))))


def build(total_episodes: int, n_forces: int, home_share: float, seed: int = 4) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from vigil.accounts.models import (
        Force,
        Organisation,
        RoleAssignment,
        Team,
        TeamMembership,
        User,
    )
    from vigil.core.models import Task
    from vigil.missing.models import MissingEpisode, ReturnHomeInterview
    from vigil.people.models import Address, Person

    rng = random.Random(seed)
    now = timezone.now()
    started = time.perf_counter()
    writer, ids = Writer(), Ids()
    ct = ContentType.objects.get_for_model(MissingEpisode)
    password = make_password("bench-password-not-used")
    shares = [home_share] + ([(1 - home_share) / (n_forces - 1)] * (n_forces - 1) if n_forces > 1 else [])
    sizes = [round(total_episodes * s) for s in shares]
    window = timedelta(days=730)
    for fi, size in enumerate(sizes):
        with transaction.atomic():
            if writer.pg:
                with connection.cursor() as cursor:
                    cursor.execute("SET LOCAL synchronous_commit = off")
            force = Force.objects.create(code=f"bench-{fi + 1:02d}", name=f"Bench Constabulary {fi + 1:02d}")
            command = Team.objects.create(force=force, name="Local Policing Command")
            response = Team.objects.create(force=force, name="Response", parent=command)
            csc = Organisation.objects.create(force=force, name=f"Bench Children's Services {fi + 1}", kind="csc",
                                              area=f"Area {fi + 1}")

            def user(name, role, rank, team=None, supervises=False, force=force, fi=fi):
                made = User.objects.create(username=f"{name}-{fi + 1:02d}", force=force, rank=rank, password=password,
                                           first_name=name.title(), last_name=f"F{fi + 1:02d}")
                RoleAssignment.objects.create(user=made, role=role)
                if team is not None:
                    TeamMembership.objects.create(user=made, team=team, is_supervisor=supervises)
                return made

            inspector = user("inspector", "supervisor", 30, command, True)
            user("senior", "senior_officer", 50, command, True)
            user("coordinator", "missing_coordinator", 10, response)
            officer = user("officer", "response_officer", 10, response)
            sergeants = [user(f"sergeant{i:02d}", "supervisor", 20, response, True) for i in range(SUPERVISORS_PER_FORCE)]
            addresses = []
            for a in range(max(200, size // 20)):
                addresses.append(Address(id=ids.next(Address), force=force, line1=f"{a + 1} Bench Street", line2="",
                                         town=f"Town {fi + 1}", postcode=f"QX{fi + 1} {a % 9 + 1}AB",
                                         local_authority=csc.area, uprn="",
                                         latitude=Decimal("52.4") + Decimal(a % 97) / 1000,
                                         longitude=Decimal("-1.6") + Decimal(a % 89) / 1000, match_key=f"{a}|{fi}"))
            writer.write(addresses)
            hotspots = addresses[:40]
            people, episodes, rhis, tasks = [], [], [], []
            made = 0
            while made < size:
                pid = ids.next(Person)
                looked_after = rng.random() < 0.15
                age = rng.choices((11, 12, 13, 14, 15, 16, 17), (4, 8, 12, 16, 20, 22, 18))[0]
                people.append(Person(id=pid, force=force, forenames=f"Child{pid}", surname=f"BENCH{pid}",
                                     date_of_birth=(now - timedelta(days=365 * age + rng.randint(0, 364))).date(),
                                     gender=rng.choice(("female", "male")), created_at=now, updated_at=now))
                rate = 6.0 if looked_after else 2.2  # episodes a year (figures.md 1.2)
                n = max(1, min(size - made, int(rng.expovariate(1 / (rate * 2)))))
                for _ in range(n):
                    made += 1
                    reported = now - window * rng.random() ** 1.0
                    seen = reported - timedelta(minutes=rng.randint(30, 360))
                    minutes = _locate_minutes(rng)
                    found = reported + timedelta(minutes=minutes)
                    grade = _pick(rng, [(g, w * 100) for g, w in GRADES])
                    sup = sergeants[rng.randrange(len(sergeants))]
                    eid = ids.next(MissingEpisode)
                    ep = MissingEpisode(
                        id=eid, force=force, reference=f"MIS-{eid:07d}", person_id=pid, reported_at=reported,
                        reported_by=officer, reporter_name="Carer", reporter_contact="07700 900000",
                        reporter_relationship="Carer", last_seen_at=seen, last_seen_place="Home",
                        circumstances="Did not return.", placement="residential" if looked_after else "home",
                        age_at_report=age, home_area=csc.area, risk_grade=grade, graded_at=reported, supervisor=sup,
                        escalate_to=inspector, created_at=reported, updated_at=reported, exploitation_indicators=[])
                    if found > now:  # still missing: reviews due by grade; some overdue
                        ep.status = "open"
                        hours = {"high": 1, "medium": 4, "low": 8, "very_low": 24}[grade]
                        ep.next_review_due = now + timedelta(minutes=rng.randint(-3 * 60 * hours, 60 * hours))
                    else:
                        ep.found_at, ep.minutes_to_locate = found, minutes
                        ep.found_kind = _pick(rng, KINDS)
                        ep.found_place = "Found"
                        ep.found_by, ep.found_condition, ep.found_recorded_by = "police", "safe", officer
                        if rng.random() < 0.5:
                            ep.found_address = hotspots[int(rng.random() ** 2 * len(hotspots))]
                        if found > now - timedelta(days=2) and rng.random() < 0.5:
                            ep.status = "found"
                        else:
                            ep.status, ep.closed_at, ep.closed_by = "closed", found + timedelta(hours=20), officer
                        due = found + timedelta(hours=72)
                        roll = rng.random()
                        done = (found + timedelta(hours=rng.uniform(2, 72)) if roll < 0.63 else
                                found + timedelta(hours=rng.uniform(72, 240)) if roll < 0.9 else None)
                        if done is not None and done > now:
                            done = None
                        rhis.append(ReturnHomeInterview(
                            id=ids.next(ReturnHomeInterview), episode_id=eid, force=force, organisation=csc,
                            requested_at=found, due_at=due, completed_at=done,
                            completed_by=officer if done else None, outcome="completed" if done else "",
                            indicators=[]))
                    episodes.append(ep)
                    for code, mins in ACTIONS:
                        due_at = reported + timedelta(minutes=mins)
                        status = "open" if ep.status == "open" and (rng.random() < 0.3 or due_at > now) else (
                            "cancelled" if ep.found_at and ep.found_at < due_at else "done")
                        tasks.append(Task(
                            id=ids.next(Task), force=force, kind=f"missing.action.{code}", title=f"{code}: Child{pid}",
                            owner=officer, due_at=due_at, status=status, priority=1, person_id=pid,
                            content_type=ct, object_id=eid, source="bench", created_at=reported,
                            completed_at=None if status == "open" else min(now, due_at),
                            completed_by=None if status == "open" else officer))
            writer.write(people)
            writer.write(episodes)
            writer.write(rhis)
            writer.write(tasks)
        print(f"  force {fi + 1}/{len(sizes)}: {len(episodes):,} episodes", file=sys.stderr, flush=True)
    if writer.pg:
        from django.core.management.color import no_style

        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), list(ids.n)):
                cursor.execute(sql)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {**writer.counts, "seconds": round(time.perf_counter() - started, 1)}


# --- measuring ---------------------------------------------------------------------------------------

def timed(fn, runs: int, warmup: int = 3) -> dict:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
    ordered = sorted(samples)
    p95 = ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)]
    return {"runs": runs, "p50_ms": round(statistics.median(samples), 1), "p95_ms": round(p95, 1),
            "max_ms": round(max(samples), 1)}


def measure(runs: int) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from vigil.accounts.models import Force, User
    from vigil.core.models import Task
    from vigil.missing.models import MissingEpisode

    settings.ALLOWED_HOSTS = ["*"]
    force = Force.objects.get(code="bench-01")
    busiest = (MissingEpisode.objects.filter(force=force, status__in=("open", "found")).values("supervisor_id")
               .annotate(n=Count("pk")).order_by("-n", "supervisor_id").first())
    sergeant = User.objects.get(pk=busiest["supervisor_id"])
    users = {"coordinator": User.objects.get(username="coordinator-01"), "sergeant": sergeant,
             "inspector": User.objects.get(username="inspector-01"), "senior": User.objects.get(username="senior-01")}
    now = timezone.now()
    episodes = MissingEpisode.objects
    results = {"data": {
        "vendor": connection.vendor, "forces": Force.objects.count(), "episodes": episodes.count(),
        "largest_force_episodes": episodes.filter(force=force).count(),
        "children": episodes.values("person_id").distinct().count(),
        "tasks": Task.objects.count(),
        "largest_force_open": episodes.filter(force=force, status="open").count(),
        "largest_force_reviews_overdue": episodes.filter(force=force, status="open", next_review_due__lt=now).count(),
        "sergeant_active_episodes": busiest["n"],
    }}

    def page(url, user):
        client = Client()
        client.force_login(user)

        def run():
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)  # noqa: S101
        return run

    # As deployed: the 12-month figures are reused for 5 minutes (conf.dashboard_cache_seconds); the
    # live counts (missing now, overdue reviews and actions, repeat children) run on every request.
    results["dashboard_page"] = timed(page("/missing/dashboard/", users["coordinator"]), runs)
    # And with nothing reused: every aggregate counted on every request.
    settings.VIGIL_MISSING_DASHBOARD_CACHE_SECONDS = 0
    results["dashboard_page_uncached"] = timed(page("/missing/dashboard/", users["coordinator"]), runs)
    settings.VIGIL_MISSING_DASHBOARD_CACHE_SECONDS = 300
    results["queue_sergeant"] = timed(page("/missing/supervision/", users["sergeant"]), runs)
    results["queue_inspector"] = timed(page("/missing/supervision/", users["inspector"]), runs)
    results["queue_senior"] = timed(page("/missing/supervision/", users["senior"]), runs)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            results["postgres"] = cursor.fetchone()[0]
    return results


def child(db: str, url: str, runs: int, rebuild: bool, episodes: int, forces: int) -> dict:
    setup(url)
    from bench.common import machine
    from vigil.missing.models import MissingEpisode

    built = None
    if rebuild or not MissingEpisode.objects.filter(force__code="bench-01").exists():
        if MissingEpisode.objects.exists():
            raise SystemExit(f"The {db} benchmark database already has episodes: delete it "
                             f"({SQLITE_PATH if db == 'sqlite' else DB_NAME}) to rebuild.")
        print(f"Building {episodes:,} episodes in {forces} force(s) on {db} ...", file=sys.stderr, flush=True)
        built = build(episodes, forces, HOME_SHARE if forces > 1 else 1.0)
        print(f"Built in {built['seconds']} s", file=sys.stderr, flush=True)
    settle()
    return {"machine": machine(), "built": built, **measure(runs)}


def settle() -> None:
    """VACUUM ANALYZE the tables the pages read, as autovacuum would after a bulk load, so PostgreSQL
    can answer the dashboard's aggregates from the covering indexes alone (index-only scans)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")  # statistics for any index added since the build
        return
    with connection.cursor() as cursor:
        for table in ("missing_missingepisode", "missing_returnhomeinterview", "core_task"):
            cursor.execute(f"VACUUM (ANALYZE) {table}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("VIGIL_BENCH_MISSING_URL", DEFAULT_URL))
    parser.add_argument("--only", choices=("pg", "sqlite", "both"), default="both")
    parser.add_argument("--episodes", type=int, default=400_000, help="National episodes (PostgreSQL).")
    parser.add_argument("--forces", type=int, default=43)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--rebuild", action="store_true", help="SQLite only: delete the file and build again.")
    parser.add_argument("--child", nargs=2, metavar=("DB", "URL"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        db, url = args.child
        forces = args.forces if db == "pg" else 1
        episodes = args.episodes if db == "pg" else round(args.episodes * HOME_SHARE)
        print(json.dumps(child(db, url, args.runs, False, episodes, forces), default=str))
        return 0
    from bench.common import save

    targets = {"pg": 200, "sqlite": 500}
    ok = True
    for db in (("pg", "sqlite") if args.only == "both" else (args.only,)):
        if db == "pg":
            ensure_database(args.url)
            url = args.url
        else:
            SQLITE_PATH.parent.mkdir(parents=True, exist_ok=True)
            if args.rebuild and SQLITE_PATH.exists():
                SQLITE_PATH.unlink()
            url = f"sqlite:///{SQLITE_PATH}"
        env = dict(os.environ, DATABASE_URL=url, PYTHONPATH=str(REPO))
        proc = subprocess.run([sys.executable, __file__, "--child", db, url, "--runs", str(args.runs),  # noqa: S603
                               "--episodes", str(args.episodes), "--forces", str(args.forces)],
                              env=env, cwd=REPO, check=True, stdout=subprocess.PIPE, text=True)
        results = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"\n== {db}")
        for key, value in results.items():
            print(f"{key}: {value}")
        path = save(f"missing_{db}", results)
        print(f"Saved {path}")
        pages = ("dashboard_page", "queue_sergeant", "queue_inspector", "queue_senior")
        met = all(results[p]["p95_ms"] <= targets[db] for p in pages)
        print(f"{db}: p95 target {targets[db]} ms {'met' if met else 'MISSED'}.")
        ok = ok and met
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
