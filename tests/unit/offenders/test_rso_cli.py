"""`vigil rso notification-period`: JSON on stdout; bad input exits 2 with one stderr line."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from vigil.offenders.cli import main

BASE = ["notification-period", "--relevant-date", "2020-01-15"]


def run(capsys, *args):
    code = main([*BASE, *args])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--age", "30", "--disposal", "imprisonment", "--term-months", "12"],
            {"period": "P10Y", "ends_on": "2030-01-14"},
        ),
        (
            ["--age", "17", "--disposal", "imprisonment", "--term-months", "6"],
            {"period": "P3Y6M", "ends_on": "2023-07-14"},
        ),
        (
            ["--age", "17", "--disposal", "conditional-discharge", "--discharge-months", "18"],
            {"period": "P18M", "ends_on": "2021-07-14"},
        ),
        (
            ["--age", "17", "--disposal", "dto", "--term-months", "24"],
            {"period": "P5Y", "ends_on": "2025-01-14"},
        ),
        (
            ["--age", "40", "--disposal", "imprisonment", "--term-months", "30"],
            {"period": "indefinite", "ends_on": None},
        ),
        (
            ["--age", "18", "--disposal", "hospital-restriction"],
            {"period": "indefinite", "ends_on": None},
        ),
        (["--age", "16", "--disposal", "other"], {"period": "P2Y6M", "ends_on": "2022-07-14"}),
        (
            ["--age", "18", "--disposal", "caution", "--date-of-birth", "2002-01-15"],
            {"period": "P2Y", "ends_on": "2022-01-14"},
        ),
    ],
)
def test_prints_one_json_object(capsys, args, expected):
    code, out, err = run(capsys, *args)
    assert (code, err) == (0, "")
    assert out.count("\n") == 1
    assert json.loads(out) == expected
    assert list(json.loads(out)) == ["period", "ends_on"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        ([*BASE, "--age", "30"], "required: --disposal"),
        ([*BASE, "--age", "30", "--disposal", "fine"], "invalid choice: 'fine'"),
        ([*BASE, "--age", "-1", "--disposal", "caution"], "at least 0"),
        ([*BASE, "--age", "x", "--disposal", "caution"], "invalid int value"),
        ([*BASE, "--age", "30", "--disposal", "imprisonment"], "term in months is required"),
        ([*BASE, "--age", "30", "--disposal", "imprisonment", "--term-months", "0"], "at least 1"),
        (
            [*BASE, "--age", "30", "--disposal", "imprisonment", "--term-months", "6.5"],
            "invalid int",
        ),
        ([*BASE, "--age", "30", "--disposal", "caution", "--term-months", "6"], "does not apply"),
        ([*BASE, "--age", "30", "--disposal", "conditional-discharge"], "needs its period"),
        (
            [*BASE, "--age", "30", "--disposal", "caution", "--date-of-birth", "2021-01-01"],
            "before the date of birth",
        ),
        (
            [
                "notification-period",
                "--relevant-date",
                "15/01/2020",
                "--age",
                "3",
                "--disposal",
                "other",
            ],
            "YYYY-MM-DD",
        ),
        (
            [
                "notification-period",
                "--relevant-date",
                "20200115",
                "--age",
                "3",
                "--disposal",
                "other",
            ],
            "YYYY-MM-DD",
        ),
        (
            [
                "notification-period",
                "--relevant-date",
                "2021-02-29",
                "--age",
                "3",
                "--disposal",
                "other",
            ],
            "not a valid date",
        ),
        (
            [
                "notification-period",
                "--relevant-date",
                "9999-01-01",
                "--age",
                "3",
                "--disposal",
                "other",
            ],
            "after 9999",
        ),
        ([], "required"),
        (["no-such-command"], "invalid choice"),
    ],
)
def test_bad_input_exits_2_with_one_line(capsys, argv, message):
    code = main(argv)
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1 and err.endswith("\n")
    assert message in err
    assert "Traceback" not in err


def test_help_returns_zero(capsys):
    assert main(["notification-period", "--help"]) == 0
    assert "--relevant-date" in capsys.readouterr().out


def test_runs_as_a_module():
    root = Path(__file__).resolve().parents[3]
    ok = subprocess.run(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-m",
            "vigil.offenders.cli",
            *BASE,
            "--age",
            "30",
            "--disposal",
            "caution",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert (ok.returncode, json.loads(ok.stdout)) == (0, {"period": "P2Y", "ends_on": "2022-01-14"})
    bad = subprocess.run(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-m",
            "vigil.offenders.cli",
            *BASE,
            "--age",
            "-5",
            "--disposal",
            "caution",
        ],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert bad.returncode == 2 and bad.stdout == ""
    assert bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr
