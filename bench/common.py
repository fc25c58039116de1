"""Shared helpers for the foundation benchmarks: the machine, fresh databases, child processes.

Each measurement runs in a child process whose DATABASE_URL names the database under test, so
one benchmark can measure SQLite and PostgreSQL without reconfiguring Django in-process.
"""

from __future__ import annotations

import json
import os
import platform
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

REPO = Path(__file__).resolve().parents[1]
BENCH_DIR = REPO / "var" / "bench"
RESULTS = BENCH_DIR / "results"
PYTHON = sys.executable
BENCH_DB_NAME = "vigil_bench"  # the only PostgreSQL database the benchmarks create or drop


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (no interpolation), in the units given."""
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


def machine() -> dict:
    """What the figures were measured on."""
    cpu = ""
    try:
        text = Path("/proc/cpuinfo").read_text()
        found = re.search(r"^model name\s*:\s*(.+)$", text, re.M)
        cpu = found.group(1).strip() if found else ""
    except OSError:
        pass
    import sqlite3

    import django

    def run(cmd):
        try:
            return subprocess.run(cmd, capture_output=True, text=True, check=False).stdout.strip()  # noqa: S603
        except OSError:
            return ""

    return {
        "nproc": run(["nproc"]),
        "memory": run(["free", "-h"]).splitlines()[1].split()[1] if run(["free", "-h"]) else "",
        "cpu": cpu,
        "python": platform.python_version(),
        "django": django.get_version(),
        "sqlite": sqlite3.sqlite_version,
        "load_average": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }


def wait_for_quiet(max_seconds: int = 0) -> None:
    """Wait (up to max_seconds) until the 1-minute load average is below the number of CPUs, so
    figures are not mostly a measure of other people's work on a shared machine."""
    import time

    cpus = os.cpu_count() or 1
    deadline = time.monotonic() + max_seconds
    while os.getloadavg()[0] >= cpus and time.monotonic() < deadline:
        time.sleep(15)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path}"


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def fresh_postgres(url: str) -> str:
    """Drop and create the benchmark database on the server `url` points at; return its URL."""
    import psycopg

    admin = with_database(url, "postgres")
    with psycopg.connect(admin.replace("postgres://", "postgresql://", 1), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB_NAME}"')
        conn.execute(f'CREATE DATABASE "{BENCH_DB_NAME}"')
    return with_database(url, BENCH_DB_NAME)


def child_env(database_url: str) -> dict:
    env = dict(os.environ)
    env.update(DATABASE_URL=database_url, DJANGO_SETTINGS_MODULE="vigil.settings", PYTHONPATH=str(REPO),
               VIGIL_ENV="development", VIGIL_REQUIRE_MFA="false", AXES_ENABLED="false")
    return env


def vigil(args: list[str], database_url: str, quiet: bool = True) -> None:
    """Run a `vigil` management command against `database_url`."""
    out = subprocess.DEVNULL if quiet else None
    subprocess.run([PYTHON, "-m", "vigil.cli", *args], env=child_env(database_url), cwd=REPO, check=True,  # noqa: S603
                   stdout=out)


def up_to_date(database_url: str) -> bool:
    """True when every migration in the code is applied (a reused benchmark database can go stale)."""
    proc = subprocess.run([PYTHON, "-m", "vigil.cli", "migrate", "--check"], env=child_env(database_url),  # noqa: S603
                          cwd=REPO, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc.returncode == 0


def run_child(script: Path, args: list[str], database_url: str) -> dict:
    """Run `script --child ...` and return the JSON it prints on its last line."""
    proc = subprocess.run([PYTHON, str(script), "--child", *args], env=child_env(database_url), cwd=REPO,  # noqa: S603
                          check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(proc.stdout.strip().splitlines()[-1])


def save(name: str, data: dict) -> Path:
    RESULTS.mkdir(parents=True, exist_ok=True)
    path = RESULTS / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, default=str))
    return path


def setup_django() -> None:
    sys.path.insert(0, str(REPO))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    import django

    django.setup()
