"""Benchmark: the narrative screener against a naive keyword baseline, on one core.

    python bench/bench_screener.py [DEV.jsonl] [--n 100000]

Throughput is over at least 100,000 narratives (the dev file repeated), single-threaded, timed
as CPU time of this process (so other work on the machine inflates it less) and as wall time.
Memory is the peak of Python allocations (tracemalloc) over one pass of the dev file, and the
process's peak resident size. Accuracy is precision/recall/F1 of `safeguarding_check_required`
on the dev file (/work/shared/data/narratives/README.md describes it).
"""

import argparse
import json
import re
import resource
import sys
import time
import tracemalloc
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))  # run as a script from anywhere

from vigil.screening import screen  # noqa: E402
from vigil.screening.metrics import Counts  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "narratives" / "dev.jsonl"
BASELINE = re.compile(
    r"\b(?:child|children|baby|babies|kid|kids|son|sons|daughter|daughters|boy|boys|girl|"
    r"girls|toddler|toddlers|infant|infants|teen|teens|teenager|teenagers|youth|youths|"
    r"juvenile|juveniles|pupil|pupils|minor|minors)\b", re.I)


def baseline(text: str, incident_date: str) -> bool:
    return BASELINE.search(text) is not None


def screener(text: str, incident_date: str) -> bool:
    return screen(text, incident_date).safeguarding_check_required


def _calibration() -> float:
    """Seconds for a fixed pure-Python loop, to compare machines and load."""
    start = time.process_time()
    sum(i * i for i in range(1_000_000))
    return time.process_time() - start


def measure(fn, rows: list[dict], n: int) -> dict:
    counts = Counts()
    for r in rows:
        counts.add(r["safeguarding_check_required"], fn(r["text"], r["incident_date"]))
    tracemalloc.start()
    for r in rows:
        fn(r["text"], r["incident_date"])
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    batch = [(r["text"], r["incident_date"]) for r in rows]
    reps = -(-n // len(batch))
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for _ in range(reps):
        for text, date in batch:
            fn(text, date)
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    done = reps * len(batch)
    return {"n": done, "cpu_rate": done / cpu, "wall_rate": done / wall, "peak_kib": peak / 1024,
            "p": counts.precision, "r": counts.recall, "f1": counts.f1}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dev", nargs="?", default=str(DEV), help=f"dev file (default {DEV})")
    parser.add_argument("--n", type=int, default=100_000, help="narratives to time (>= 100000)")
    args = parser.parse_args(argv)
    path = Path(args.dev)
    if not path.exists():
        print(f"dev file not found: {path}", file=sys.stderr)
        return 2
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    n = max(args.n, 100_000)
    print(f"dev file: {path} ({len(rows)} narratives); timing {n:,}+ narratives per method, "
          f"one thread; calibration loop {_calibration():.3f}s")
    results = {"baseline keyword regex": measure(baseline, rows, n),
               "vigil screener": measure(screener, rows, n)}
    print(f"\n{'method':<24}{'narr/s (cpu)':>14}{'narr/s (wall)':>15}{'peak KiB':>10}"
          f"{'precision':>11}{'recall':>8}{'F1':>7}")
    for name, m in results.items():
        print(f"{name:<24}{m['cpu_rate']:>14,.0f}{m['wall_rate']:>15,.0f}{m['peak_kib']:>10,.0f}"
              f"{m['p']:>11.3f}{m['r']:>8.3f}{m['f1']:>7.3f}")
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"\nprocess peak RSS (ru_maxrss): {rss / 1024:,.1f} MiB; narratives timed per method: "
          f"{results['vigil screener']['n']:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
