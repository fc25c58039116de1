"""Benchmark: offender management over a national-sized data set on PostgreSQL.

    python bench/bench_offenders.py [--url postgres://postgres@127.0.0.1:5432/vigil_bench_rso]
                                    [--registrants 70000] [--forces 43] [--runs 40] [--rebuild]

Builds (once, or with --rebuild) about 70,000 registrants (figures.md 1.1: 70,052 in March 2024)
in 43 forces, the largest force holding 10 %, with five years of home visits (attempts included),
risk assessments, convictions, the open periodic-notification deadline and its task for each,
some breaches, and a year of weekly overdue snapshots; about 70 registrants per offender manager
(figures.md 1.1: 50-100). Rows go in with COPY, not through the services.

Then measures, through the Django test client (whole request: middleware, queries, templates):
the force overdue dashboard as the largest force's senior officer, an offender manager's queue,
and the 30-day forecast for the whole largest force (reports.forecast, and the page). Targets
(issue 5): dashboard and queue p95 <= 200 ms; forecast for a whole force <= 2 s.

Uses its own database, vigil_bench_rso, only (created if missing; never dropped). Prints the figures
and saves them under var/bench/results/offenders.json.
"""

from __future__ import annotations

import argparse
import math
import os
import random
import statistics
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/vigil_bench_rso"
DB_NAME = "vigil_bench_rso"
MIX = (("very_high", 0.02), ("high", 0.18), ("medium", 0.30), ("low", 0.50))
MONTHS = {"very_high": 1, "high": 3, "medium": 6, "low": 12}
PER_MANAGER = 70
HOME_SHARE = 0.10


def ensure_database(url: str) -> None:
    import psycopg

    admin = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DB_NAME]).fetchone():
            conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def setup(url: str) -> None:
    if not url.rstrip("/").endswith("/" + DB_NAME):
        raise SystemExit(f"This benchmark only uses a database named {DB_NAME}.")
    ensure_database(url)
    os.environ.update(DATABASE_URL=url, DJANGO_SETTINGS_MODULE="vigil.settings", VIGIL_ENV="development",
                      VIGIL_REQUIRE_MFA="false", AXES_ENABLED="false", DEBUG="false")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)


class Copier:
    """COPY rows into a model's table; columns from the model's fields."""

    def __init__(self, model, names):
        from django.db import connection

        fields = {f.attname: f for f in model._meta.concrete_fields}
        qn = connection.ops.quote_name
        self.model, self.names = model, names
        self.sql = (f"COPY {qn(model._meta.db_table)} ({', '.join(qn(fields[n].column) for n in names)}) "
                    "FROM STDIN")

    def write(self, rows):
        from django.db import connection

        with connection.cursor() as cursor, cursor.cursor.copy(self.sql) as copy:
            for row in rows:
                copy.write_row(row)
        return len(rows)


def _reset_sequences(models):
    from django.core.management.color import no_style
    from django.db import connection

    with connection.cursor() as cursor:
        for sql in connection.ops.sequence_reset_sql(no_style(), models):
            cursor.execute(sql)


def build(n_registrants: int, n_forces: int, seed: int = 1) -> dict:
    from django.contrib.auth.hashers import make_password
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.utils import timezone

    from vigil.accounts.models import Force, RoleAssignment, Team, TeamMembership, User
    from vigil.core.models import Task
    from vigil.offenders.models import (
        Breach,
        Conviction,
        HomeVisit,
        Obligation,
        OverdueSnapshot,
        Registrant,
        RiskAssessment,
    )
    from vigil.offenders.rules import add_months
    from vigil.people.models import Person

    rng = random.Random(seed)
    today, now = timezone.localdate(), timezone.now()
    started = time.perf_counter()
    counts = {}
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = off")
        password = make_password("bench-password-not-used")
        shares = [HOME_SHARE] + [(1 - HOME_SHARE) / (n_forces - 1)] * (n_forces - 1)
        sizes = [math.floor(n_registrants * s) for s in shares]
        sizes[0] += n_registrants - sum(sizes)
        forces, teams, managers, seniors = [], [], [], []
        for i in range(n_forces):
            force = Force.objects.create(code=f"bench-{i + 1:02d}", name=f"Bench Constabulary {i + 1:02d}")
            team = Team.objects.create(force=force, name="Offender Management Unit")
            senior = User.objects.create(username=f"senior-{i + 1:02d}", force=force, password=password)
            RoleAssignment.objects.create(user=senior, role="senior_officer")
            mine = []
            for m in range(max(1, -(-sizes[i] // PER_MANAGER))):
                user = User(username=f"om-{i + 1:02d}-{m + 1:03d}", first_name="Officer", last_name=f"OM{m + 1:03d}",
                            force=force, password=password)
                mine.append(user)
            User.objects.bulk_create(mine)
            RoleAssignment.objects.bulk_create([RoleAssignment(user=u, role="offender_manager") for u in mine])
            TeamMembership.objects.bulk_create([TeamMembership(user=u, team=team) for u in mine])
            forces.append(force)
            teams.append(team)
            managers.append(mine)
            seniors.append(senior)
        ct = ContentType.objects.get_for_model(Registrant)
        person_rows, reg_rows, conv_rows, visit_rows, risk_rows, task_rows, obl_rows, breach_rows = ([] for _ in range(8))
        pid = (Person.objects.order_by("-pk").values_list("pk", flat=True).first() or 0)
        rid = vid = aid = tid = oid = bid = 0
        levels = [lv for lv, share in MIX for _ in range(round(share * 1000))]
        for fi, (force, size) in enumerate(zip(forces, sizes, strict=True)):
            team, mine = teams[fi], managers[fi]
            for n in range(size):
                pid += 1
                rid += 1
                dob = today - timedelta(days=rng.randint(22 * 365, 75 * 365))
                person_rows.append((pid, force.pk, f"Forename{pid}", f"SURNAME{pid}", dob, "male", "", "", False,
                                    None, now, None, now))
                level = rng.choice(levels)
                manager = mine[n % len(mine)]
                managed_from = today - timedelta(days=rng.randint(200, 12 * 365))
                months = MONTHS[level]
                behind = rng.random() < 0.10
                day = max(managed_from + timedelta(days=rng.randint(5, 30)), today - timedelta(days=5 * 365))
                clock = managed_from
                while day <= today:
                    outcome = rng.choices(("seen", "no_reply", "access_refused", "not_resident"), (0.86, 0.1, 0.03, 0.01))[0]
                    if behind and add_months(day, months) > today - timedelta(days=rng.randint(1, 240)):
                        break
                    vid += 1
                    when = datetime(day.year, day.month, day.day, rng.choice((9, 11, 14, 17, 19)), tzinfo=now.tzinfo)
                    visit_rows.append((vid, rid, rng.choice(("planned", "unannounced")), when, None, manager.pk, None,
                                       outcome, False, "", "Routine visit.", "", "", now, manager.pk))
                    if outcome == "seen":
                        clock = day
                        day = day + timedelta(days=int((add_months(day, months) - day).days * rng.uniform(0.75, 1.0)))
                    else:
                        day += timedelta(days=rng.randint(3, 14))
                review = None
                day = max(managed_from + timedelta(days=20), today - timedelta(days=5 * 365))
                while day <= today:
                    aid += 1
                    review = add_months(day, 12 if level in ("low", "medium") else 6)
                    risk_rows.append((aid, rid, "arms", level, day, manager.pk, review, "", now, manager.pk))
                    day = review + timedelta(days=rng.randint(-10, 10 if rng.random() > 0.08 else 200))
                reg_rows.append((rid, force.pk, pid, manager.pk, team.pk, f"VR{pid}", 1, 1, managed_from, None, "",
                                 False, None, level, review, clock, "active", None, now, None))
                conv_rows.append((rid, rid, "conviction", "Sexual assault", managed_from - timedelta(days=90), 30,
                                  "imprisonment", 6, None, "", now, None))
                tid += 1
                oid += 1
                due = today + timedelta(days=rng.randint(-30, 365)) if rng.random() > 0.03 else today - timedelta(7)
                task_rows.append((tid, force.pk, "rso.periodic", f"Periodic re-notification: SURNAME{pid}", "",
                                  manager.pk, None, None, datetime.combine(due, datetime.max.time(), tzinfo=now.tzinfo),
                                  "open", 2, pid, ct.pk, rid, "SOA 2003 s.85", now, None, None, None, ""))
                obl_rows.append((oid, rid, "periodic", add_months(due, -12), due, "SOA 2003 s.85", "open", None, None,
                                 "", tid, now))
                if due < today and rng.random() < 0.7:
                    tid += 1
                    bid += 1
                    task_rows.append((tid, force.pk, "rso.breach", f"Breach enquiry: SURNAME{pid}", "", manager.pk,
                                      None, None, now + timedelta(days=1), "open", 1, pid, ct.pk, rid, "SOA 2003 s.91",
                                      now, None, None, None, ""))
                    breach_rows.append((bid, rid, oid, "missed", "Periodic re-notification missed.", due + timedelta(1),
                                        now, None, "", "", None, None, tid))
        person_cols = ("id", "force_id", "forenames", "surname", "date_of_birth", "gender", "pnc_id", "nhs_number",
                       "restricted", "merged_into_id", "created_at", "created_by_id", "updated_at")
        counts["people"] = Copier(Person, person_cols).write(person_rows)
        counts["registrants"] = Copier(Registrant, (
            "id", "force_id", "person_id", "manager_id", "team_id", "visor_ref", "mappa_category", "mappa_level",
            "managed_from", "ended_on", "end_reason", "no_fixed_abode", "home_address_id", "risk_level",
            "risk_review_due", "visit_clock_from", "management", "reactive_since", "created_at", "created_by_id",
        )).write(reg_rows)
        counts["convictions"] = Copier(Conviction, (
            "id", "registrant_id", "kind", "offence", "relevant_date", "age_on_relevant_date", "disposal",
            "term_months", "discharge_months", "court", "recorded_at", "recorded_by_id")).write(conv_rows)
        counts["visits"] = Copier(HomeVisit, (
            "id", "registrant_id", "kind", "visited_at", "address_id", "officer_id", "second_officer_id", "outcome",
            "children_seen", "children_details", "observations", "concerns", "actions", "recorded_at",
            "recorded_by_id")).write(visit_rows)
        counts["risk_assessments"] = Copier(RiskAssessment, (
            "id", "registrant_id", "tool", "level", "assessed_on", "assessor_id", "next_review_due", "notes",
            "recorded_at", "recorded_by_id")).write(risk_rows)
        counts["tasks"] = Copier(Task, (
            "id", "force_id", "kind", "title", "detail", "owner_id", "team_id", "organisation_id", "due_at", "status",
            "priority", "person_id", "content_type_id", "object_id", "source", "created_at", "created_by_id",
            "completed_at", "completed_by_id", "outcome")).write(task_rows)
        counts["obligations"] = Copier(Obligation, (
            "id", "registrant_id", "kind", "event_on", "due_on", "source", "status", "met_by_id", "met_on",
            "closed_note", "task_id", "created_at")).write(obl_rows)
        counts["breaches"] = Copier(Breach, (
            "id", "registrant_id", "obligation_id", "kind", "summary", "opened_on", "opened_at", "opened_by_id",
            "outcome", "outcome_notes", "closed_at", "closed_by_id", "task_id")).write(breach_rows)
        snaps = []
        for force, team in zip(forces, teams, strict=True):
            for w in range(52, 0, -1):
                for level, _share in MIX:
                    snaps.append(OverdueSnapshot(force=force, team=team, taken_on=today - timedelta(weeks=w),
                                                 risk_level=level, caseload=100, visits_overdue=rng.randint(0, 20),
                                                 visits_overdue_90=rng.randint(0, 5), assessments_overdue=rng.randint(0, 9)))
        OverdueSnapshot.objects.bulk_create(snaps, batch_size=5000)
        counts["snapshots"] = len(snaps)
        _reset_sequences([Person, Registrant, Conviction, HomeVisit, RiskAssessment, Task, Obligation, Breach])
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    counts["seconds"] = round(time.perf_counter() - started, 1)
    return counts


def timed(fn, runs: int, warmup: int = 3) -> dict:
    """Wall-clock p50/p95 in ms, and the app process's own CPU time (which other processes on a
    busy machine cannot inflate; the database's share is not in it)."""
    for _ in range(warmup):
        fn()
    samples, cpu = [], []
    for _ in range(runs):
        t, c = time.perf_counter(), time.process_time()
        fn()
        samples.append((time.perf_counter() - t) * 1000)
        cpu.append((time.process_time() - c) * 1000)

    def p95(values):
        ordered = sorted(values)
        return round(ordered[max(0, math.ceil(len(ordered) * 0.95) - 1)], 1)

    return {"runs": runs, "p50_ms": round(statistics.median(samples), 1), "p95_ms": p95(samples),
            "max_ms": round(max(samples), 1), "app_cpu_p50_ms": round(statistics.median(cpu), 1),
            "app_cpu_p95_ms": p95(cpu), "load_average": " ".join(f"{x:.1f}" for x in os.getloadavg())}


def measure(runs: int) -> dict:
    from django.conf import settings
    from django.db import connection
    from django.db.models import Count
    from django.test import Client
    from django.utils import timezone

    from vigil.accounts.models import Force, User
    from vigil.offenders import conf, reports
    from vigil.offenders.models import HomeVisit, Registrant
    from vigil.offenders.querysets import overdue_q

    settings.ALLOWED_HOSTS = ["*"]
    force = Force.objects.get(code="bench-01")
    senior = User.objects.get(username="senior-01")
    # The manager with the most registrants in the largest force.
    busiest = (Registrant.objects.filter(force=force).values("manager_id").annotate(n=Count("pk"))
               .order_by("-n", "manager_id").first())
    manager = User.objects.get(pk=busiest["manager_id"])
    client = Client()
    today, policy = timezone.localdate(), conf.visit_policy()

    def get(url, user):
        client.force_login(user)

        def run():
            resp = client.get(url)
            assert resp.status_code == 200, (url, resp.status_code)
        return run

    results = {
        "data": {
            "registrants": Registrant.objects.count(), "largest_force_registrants": Registrant.objects.filter(
                force=force).count(), "home_visits": HomeVisit.objects.count(),
            "forces": Force.objects.count(), "manager_caseload": busiest["n"],
            "largest_force_visits_overdue": Registrant.objects.filter(force=force).filter(
                overdue_q(today, policy)).count(),
        },
    }
    client.force_login(senior)
    results["dashboard_page"] = timed(get("/offenders/dashboard/", senior), runs)
    results["queue_page"] = timed(get("/offenders/", manager), runs)
    results["forecast_page"] = timed(get("/offenders/forecast/", senior), max(5, runs // 4))
    qs = Registrant.objects.filter(force=force)
    results["forecast_force"] = timed(lambda: reports.forecast(qs, today, policy), max(5, runs // 4), warmup=1)
    results["forecast_national_70k"] = timed(lambda: reports.forecast(Registrant.objects.all(), today, policy), 3,
                                             warmup=1)
    results["dashboard_sql_only"] = timed(lambda: reports.overdue_table(qs, today, policy), runs)
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        results["postgres"] = cursor.fetchone()[0]
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=os.environ.get("VIGIL_BENCH_RSO_URL", DEFAULT_URL))
    parser.add_argument("--registrants", type=int, default=70_000)
    parser.add_argument("--forces", type=int, default=43)
    parser.add_argument("--runs", type=int, default=40)
    parser.add_argument("--rebuild", action="store_true", help="Empty the offender tables and build again.")
    args = parser.parse_args()
    setup(args.url)
    from bench.common import machine, save
    from vigil.offenders.models import Registrant

    built = None
    if args.rebuild or not Registrant.objects.exists():
        from django.core.management import call_command

        from vigil.core import audit_guard

        if Registrant.objects.exists():
            from django.db import connection

            audit_guard.remove(connection)
            call_command("flush", interactive=False, verbosity=0)
            audit_guard.install(connection)
        print(f"Building {args.registrants:,} registrants in {args.forces} forces ...", flush=True)
        built = build(args.registrants, args.forces)
        print(f"Built in {built['seconds']} s: {built}", flush=True)
    results = {"machine": machine(), "built": built, **measure(args.runs)}
    for key, value in results.items():
        print(f"{key}: {value}")
    path = save("offenders", results)
    print(f"Saved {path}")
    ok = (results["dashboard_page"]["p95_ms"] <= 200 and results["queue_page"]["p95_ms"] <= 200
          and results["forecast_force"]["p95_ms"] <= 2000)
    print("Targets met." if ok else "TARGETS MISSED.")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
