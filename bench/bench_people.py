"""Benchmark: person search and the person page over the `force` data set (250,000 people).

    python bench/bench_people.py [--postgres-url URL] [--fresh] [--queries 100] [--pages 200]

Search: `vigil.people.search.search_people` as the demo supervisor, with a fixed, seeded mix of
queries built from real records: exact names, misspellings, nicknames, swapped names, name with
date of birth, name with an age range (--queries of each). Person page: GET /people/<id>/ through
the Django test client, logged in as the supervisor, for random people. Each reports p50/p95/p99
in milliseconds after a warm-up. Targets (docs/performance.md): search p95 <= 100 ms on SQLite
and PostgreSQL; person page p95 <= 100 ms.

SQLite uses var/bench/force.sqlite3 (made by bench_seed.py, or seeded here if missing).
PostgreSQL (--postgres-url or VIGIL_BENCH_POSTGRES_URL, e.g. postgres://postgres@127.0.0.1:5432/postgres)
uses a database named vigil_bench on that server, created, migrated and seeded when it does not
already hold the same seed (or with --fresh).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from bench.common import (  # noqa: E402
    BENCH_DB_NAME,
    BENCH_DIR,
    fresh_postgres,
    machine,
    percentile,
    run_child,
    save,
    sqlite_url,
    up_to_date,
    vigil,
    wait_for_quiet,
    with_database,
)

TARGET_MS = 100
KINDS = ("exact", "misspelt", "nickname", "swapped", "with_dob", "age_range")


# -- in the child process ----------------------------------------------------------------------


def build_queries(rng: random.Random, people: list[tuple], per_kind: int) -> list[tuple[str, dict, int]]:
    """(kind, search_people kwargs, the person the query was made from)."""
    from django.utils import timezone

    from vigil.core.clock import age_on
    from vigil.seed.variants import misspell, nickname

    today = timezone.localdate()
    queries = []
    for kind in KINDS:
        made = 0
        while made < per_kind:
            pk, forenames, surname, dob = people[rng.randrange(len(people))]
            first = forenames.split(" ")[0]
            if kind == "exact":
                q = {"forenames": first, "surname": surname}
            elif kind == "misspelt":
                wrong_first, wrong_surname = misspell(rng, first, surname)
                q = {"forenames": wrong_first, "surname": wrong_surname}
            elif kind == "nickname":
                nick = nickname(rng, first)
                if not nick:
                    continue
                q = {"forenames": nick, "surname": surname}
            elif kind == "swapped":
                q = {"forenames": surname, "surname": first}
            elif kind == "with_dob":
                q = {"forenames": first, "surname": surname, "date_of_birth": dob}
            else:
                age = age_on(dob, today)
                q = {"forenames": first, "surname": surname, "age_min": max(0, age - 3), "age_max": age + 3}
            queries.append((kind, q, pk))
            made += 1
    rng.shuffle(queries)
    return queries


def stats(ms: list[float]) -> dict:
    return {"n": len(ms), "p50": round(percentile(ms, 50), 1), "p95": round(percentile(ms, 95), 1),
            "p99": round(percentile(ms, 99), 1), "max": round(max(ms), 1)}


def child(per_kind: int, pages: int, query_seed: int) -> None:
    from bench.common import setup_django

    setup_django()
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from vigil.accounts.models import User
    from vigil.people.models import Person
    from vigil.people.search import search_people

    supervisor = User.objects.get(username="supervisor")
    rng = random.Random(query_seed)
    people = list(Person.objects.filter(force__code="midshire", restricted=False, merged_into__isnull=True)
                  .order_by("pk").values_list("pk", "forenames", "surname", "date_of_birth"))
    queries = build_queries(rng, people, per_kind)

    for _kind, q, _pk in queries[:20]:  # warm caches (database pages, nickname tables)
        search_people(supervisor, **q)
    timings: dict[str, list[float]] = {k: [] for k in KINDS}
    cpu: list[float] = []
    found = {k: 0 for k in KINDS}
    top10 = {k: 0 for k in KINDS}
    for kind, q, pk in queries:
        start, cpu_start = time.perf_counter(), time.process_time()
        results = search_people(supervisor, **q)
        timings[kind].append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - cpu_start) * 1000)
        ids = [m.person.pk for m in results]
        found[kind] += pk in ids
        top10[kind] += pk in ids[:10]
    query_counts = {}
    for kind in KINDS:
        sample = [q for k, q, _ in queries if k == kind][:10]
        with CaptureQueriesContext(connection) as captured:
            for q in sample:
                search_people(supervisor, **q)
        query_counts[kind] = round(len(captured.captured_queries) / max(1, len(sample)), 1)
    everything = [t for ts in timings.values() for t in ts]
    # CPU time of this process: for SQLite that includes the database's own work; it is what
    # a query costs when the machine is shared (wall time also counts waiting for a CPU).
    search = {"all": stats(everything), "all_cpu": stats(cpu)}
    for kind in KINDS:
        search[kind] = {**stats(timings[kind]), "found_pct": round(100 * found[kind] / per_kind),
                        "top10_pct": round(100 * top10[kind] / per_kind), "sql_queries": query_counts[kind]}

    client = Client()
    client.force_login(supervisor)
    ids = [p[0] for p in rng.sample(people, pages + 10)]
    for pk in ids[:10]:
        client.get(f"/people/{pk}/")
    page_ms, page_cpu, statuses = [], [], {}
    for pk in ids[10:]:
        start, cpu_start = time.perf_counter(), time.process_time()
        response = client.get(f"/people/{pk}/")
        page_ms.append((time.perf_counter() - start) * 1000)
        page_cpu.append((time.process_time() - cpu_start) * 1000)
        statuses[response.status_code] = statuses.get(response.status_code, 0) + 1
    with CaptureQueriesContext(connection) as captured:
        client.get(f"/people/{ids[10]}/")
    page = {**stats(page_ms), "cpu": stats(page_cpu), "statuses": statuses,
            "sql_queries": len(captured.captured_queries)}
    version = ""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0]
    print(json.dumps({"vendor": connection.vendor, "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()), "server_version": version, "people": len(people),
                      "search": search, "person_page": page}))


# -- in the parent process ---------------------------------------------------------------------


def sqlite_database(scale: str, seed: int, fresh: bool, core_only: bool) -> str:
    path = BENCH_DIR / f"{scale}.sqlite3"
    marker = Path(f"{path}.seeded")
    wanted = {"scale": scale, "seed": seed, "core_only": core_only}
    if (not fresh and path.exists() and marker.exists() and json.loads(marker.read_text()) == wanted
            and up_to_date(sqlite_url(path))):
        return sqlite_url(path)
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    marker.unlink(missing_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = sqlite_url(path)
    print(f"Seeding {scale} into {path} ...", flush=True)
    vigil(["migrate", "--no-input"], url)
    vigil(seed_args(scale, seed, core_only), url)
    marker.write_text(json.dumps(wanted))
    return url


def seed_args(scale: str, seed: int, core_only: bool) -> list[str]:
    return ["seed", "--scale", scale, "--seed", str(seed), "--no-progress"] + (["--core-only"] if core_only else [])


def postgres_seeded(url: str, scale: str, seed: int, core_only: bool) -> bool:
    import psycopg

    try:
        with psycopg.connect(url.replace("postgres://", "postgresql://", 1)) as conn:
            row = conn.execute("SELECT changes FROM core_auditevent WHERE object_type = 'seed' "
                               "ORDER BY seq DESC LIMIT 1").fetchone()
    except psycopg.Error:
        return False
    return bool(row) and (row[0].get("scale"), row[0].get("seed"), row[0].get("core_only", False)) == (
        scale, seed, core_only)


def postgres_database(server_url: str, scale: str, seed: int, fresh: bool, core_only: bool) -> str:
    url = with_database(server_url, BENCH_DB_NAME)
    if not fresh and postgres_seeded(url, scale, seed, core_only) and up_to_date(url):
        return url
    print(f"Creating {BENCH_DB_NAME} and seeding {scale} ...", flush=True)
    url = fresh_postgres(server_url)
    vigil(["migrate", "--no-input"], url)
    vigil(seed_args(scale, seed, core_only), url)
    return url


def report(label: str, r: dict) -> None:
    s, p = r["search"], r["person_page"]
    verdict = "MET" if s["all"]["p95"] <= TARGET_MS else "MISSED"
    print(f"\n{label} ({r['people']:,} searchable people; load average at the end {r['load_average']})")
    print(f"  search, all {s['all']['n']} queries: p50 {s['all']['p50']} ms, p95 {s['all']['p95']} ms, "
          f"p99 {s['all']['p99']} ms, max {s['all']['max']} ms; target p95 <= {TARGET_MS} ms: {verdict}")
    print(f"    CPU time of the Django process: p50 {s['all_cpu']['p50']} ms, p95 {s['all_cpu']['p95']} ms, "
          f"p99 {s['all_cpu']['p99']} ms")
    for kind in KINDS:
        k = s[kind]
        print(f"    {kind:<10} p50 {k['p50']:>6} p95 {k['p95']:>6} p99 {k['p99']:>6} ms; "
              f"found {k['found_pct']}% (top 10: {k['top10_pct']}%); {k['sql_queries']} SQL queries")
    verdict = "MET" if p["p95"] <= TARGET_MS else "MISSED"
    print(f"  person page, {p['n']} requests: p50 {p['p50']} ms, p95 {p['p95']} ms, p99 {p['p99']} ms; "
          f"statuses {p['statuses']}; {p['sql_queries']} SQL queries; target p95 <= {TARGET_MS} ms: {verdict}")
    print(f"    CPU time of the Django process: p50 {p['cpu']['p50']} ms, p95 {p['cpu']['p95']} ms, "
          f"p99 {p['cpu']['p99']} ms")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--postgres-url", default=os.environ.get("VIGIL_BENCH_POSTGRES_URL", ""))
    parser.add_argument("--scale", default="force")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--queries", type=int, default=100, help="queries of each kind")
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--query-seed", type=int, default=42)
    parser.add_argument("--fresh", action="store_true", help="re-create and re-seed the databases")
    parser.add_argument("--core-only", action="store_true", help="seed without the modules' extensions")
    parser.add_argument("--wait-quiet", type=int, default=0, metavar="SECONDS",
                        help="first wait up to this long for the load average to drop below the CPU count")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    child_args = ["--queries", str(args.queries), "--pages", str(args.pages), "--query-seed", str(args.query_seed)]
    if args.child:
        child(args.queries, args.pages, args.query_seed)
        return 0

    wait_for_quiet(args.wait_quiet)
    info = machine()
    print(f"Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, Python {info['python']}, "
          f"Django {info['django']}, SQLite {info['sqlite']}, load average {info['load_average']}")
    results = {"machine": info}
    url = sqlite_database(args.scale, args.seed, args.fresh, args.core_only)
    results["sqlite"] = run_child(Path(__file__), child_args, url)
    report(f"SQLite {info['sqlite']}", results["sqlite"])
    if args.postgres_url:
        url = postgres_database(args.postgres_url, args.scale, args.seed, args.fresh, args.core_only)
        results["postgresql"] = run_child(Path(__file__), child_args, url)
        report(f"PostgreSQL {results['postgresql']['server_version']}", results["postgresql"])
    else:
        print("\nPostgreSQL: skipped (give --postgres-url or set VIGIL_BENCH_POSTGRES_URL)")
    print(f"\nSaved {save(f'people-{args.scale}', results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
