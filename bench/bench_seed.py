"""Benchmark: seeding the `force` scale (250,000 people) into a fresh SQLite file.

    python bench/bench_seed.py [--scale force] [--seed 1] [--postgres-url URL]

Prints wall time, CPU time, rows written per second and the seeding process's peak resident
size. Target (docs/performance.md): force scale in 3 minutes or less on SQLite. The seeded file
(var/bench/force.sqlite3) is kept for bench_people.py. With --postgres-url (or
VIGIL_BENCH_POSTGRES_URL) the same seed is timed into a fresh `vigil_bench` PostgreSQL database.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # run as a script from anywhere

from bench.common import (  # noqa: E402
    BENCH_DIR,
    fresh_postgres,
    machine,
    run_child,
    save,
    sqlite_url,
    vigil,
    wait_for_quiet,
)

TARGET_SECONDS = 180


def child(scale: str, seed: int, core_only: bool) -> None:
    """In the child process: seed, and report what it cost."""
    from bench.common import setup_django

    setup_django()
    from vigil.seed.core import seed as run_seed

    cpu0, wall0 = time.process_time(), time.perf_counter()
    ctx = run_seed(scale=scale, seed=seed, progress=sys.stderr.isatty(), extensions=not core_only)
    wall, cpu = time.perf_counter() - wall0, time.process_time() - cpu0
    rows = sum(ctx.counts.values())
    print(json.dumps({
        "scale": scale, "seed": seed, "seconds": round(wall, 1), "cpu_seconds": round(cpu, 1),
        "people": ctx.counts["people.Person"], "rows": rows, "rows_per_second": round(rows / wall),
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
        "counts": dict(ctx.counts), "phases": {k: round(v, 1) for k, v in ctx.seconds.items()},
    }))


def fresh_sqlite(path: Path) -> str:
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    return sqlite_url(path)


def measure(database_url: str, scale: str, seed: int, core_only: bool) -> dict:
    started = time.perf_counter()
    vigil(["migrate", "--no-input"], database_url)
    migrate_seconds = time.perf_counter() - started
    args = ["--scale", scale, "--seed", str(seed)] + (["--core-only"] if core_only else [])
    result = run_child(Path(__file__), args, database_url)
    result["migrate_seconds"] = round(migrate_seconds, 1)
    return result


def report(label: str, r: dict) -> None:
    verdict = "MET" if r["seconds"] <= TARGET_SECONDS else "MISSED"
    print(f"{label}: {r['people']:,} people, {r['rows']:,} rows in {r['seconds']} s wall "
          f"({r['cpu_seconds']} s CPU), {r['rows_per_second']:,} rows/s, peak RSS {r['peak_rss_mb']} MB; "
          f"target <= {TARGET_SECONDS} s: {verdict}")
    print("  time by phase: " + ", ".join(f"{k} {v} s" for k, v in r["phases"].items()))
    for name, count in sorted(r["counts"].items()):
        print(f"    {name}: {count:,}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scale", default="force")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--postgres-url", default=os.environ.get("VIGIL_BENCH_POSTGRES_URL", ""))
    parser.add_argument("--core-only", action="store_true", help="seed without the modules' extensions")
    parser.add_argument("--wait-quiet", type=int, default=0, metavar="SECONDS",
                        help="first wait up to this long for the load average to drop below the CPU count")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        child(args.scale, args.seed, args.core_only)
        return 0

    wait_for_quiet(args.wait_quiet)
    info = machine()
    print(f"Machine: {info['nproc']} CPUs ({info['cpu']}), {info['memory']} RAM, Python {info['python']}, "
          f"SQLite {info['sqlite']}, load average {info['load_average']}")
    BENCH_DIR.mkdir(parents=True, exist_ok=True)
    path = BENCH_DIR / f"{args.scale}.sqlite3"
    marker = Path(f"{path}.seeded")
    marker.unlink(missing_ok=True)
    results = {"machine": info, "sqlite": measure(fresh_sqlite(path), args.scale, args.seed, args.core_only)}
    # bench_people.py reuses this file when the marker says what it holds.
    marker.write_text(json.dumps({"scale": args.scale, "seed": args.seed, "core_only": args.core_only}))
    results["sqlite"]["file_mb"] = round(path.stat().st_size / 2**20)
    report(f"SQLite ({path.relative_to(BENCH_DIR.parents[1])}, {results['sqlite']['file_mb']} MB)", results["sqlite"])
    if args.postgres_url:
        results["postgresql"] = measure(fresh_postgres(args.postgres_url), args.scale, args.seed, args.core_only)
        report("PostgreSQL (vigil_bench)", results["postgresql"])
    print(f"Saved {save(f'seed-{args.scale}', results)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
