"""`python -m bench` (or `make bench`): run every benchmark script in this folder, in turn.

    python -m bench                 # all of them
    python -m bench seed people     # bench_seed.py, then bench_people.py

PostgreSQL figures are included when VIGIL_BENCH_POSTGRES_URL is set. Figures are printed and
saved under var/bench/results/; docs/performance.md records them with the machine.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
# Seeding first: bench_people.py reuses the database bench_seed.py leaves behind.
ORDER = ("seed", "people")


def scripts(names: list[str]) -> list[Path]:
    found = {p.stem.removeprefix("bench_"): p for p in sorted(HERE.glob("bench_*.py"))}
    if names:
        unknown = [n for n in names if n not in found]
        if unknown:
            raise SystemExit(f"No such benchmark: {', '.join(unknown)} (have: {', '.join(found)})")
        return [found[n] for n in names]
    first = [found[n] for n in ORDER if n in found]
    return first + [p for n, p in found.items() if n not in ORDER]


def main(argv: list[str]) -> int:
    failed = []
    for script in scripts(argv):
        print(f"\n=== {script.name}", flush=True)
        if subprocess.run([sys.executable, str(script)], check=False).returncode:  # noqa: S603 (our own scripts)
            failed.append(script.name)
    if failed:
        print(f"\nFailed: {', '.join(failed)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
