"""The `vigil screen` command-line contract (used for evaluation; keep it stable)."""

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from vigil.screening.cli import main

REPO = Path(__file__).resolve().parents[3]
GOOD = {"id": "r1", "incident_date": "2025-03-01",
        "text": "DA. Two children (4 and 7) asleep upstairs. Partner arrested."}
ADULT = {"id": "r2", "incident_date": "2025-03-01", "text": "Adult male, lives alone. NFA."}


def write(tmp_path: Path, lines: list[str]) -> str:
    path = tmp_path / "in.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return str(path)


def test_screen_writes_one_json_line_per_input(tmp_path, capsys):
    path = write(tmp_path, [json.dumps(GOOD), json.dumps(ADULT)])
    assert main([path]) == 0
    out = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert [o["id"] for o in out] == ["r1", "r2"]
    assert list(out[0]) == ["id", "safeguarding_check_required", "ages", "indicators",
                            "evidence"]
    assert out[0]["safeguarding_check_required"] is True
    assert out[0]["ages"] == [4, 7]
    assert all(e in GOOD["text"] for e in out[0]["evidence"])
    assert out[1] == {"id": "r2", "safeguarding_check_required": False, "ages": [],
                      "indicators": [], "evidence": []}


@pytest.mark.parametrize(("line", "message"), [
    ("{not json", "not valid JSON"),
    (json.dumps({"id": "x", "incident_date": "2025-01-01"}), "missing 'text'"),
    (json.dumps({"id": "x", "incident_date": "2025-01-01", "text": "  "}), "'text' is empty"),
    (json.dumps({"id": "x", "incident_date": "2025-01-01", "text": "a" * 50_001}),
     "'text' is longer than 50000"),
    (json.dumps({"id": "x", "incident_date": "2025-02-30", "text": "child"}), "bad incident_date"),
    (json.dumps([1, 2]), "expected a JSON object"),
])
def test_bad_lines_are_reported_and_the_rest_screened(tmp_path, capsys, line, message):
    path = write(tmp_path, [json.dumps(GOOD), line, json.dumps(ADULT)])
    assert main([path]) == 1
    captured = capsys.readouterr()
    assert [json.loads(x)["id"] for x in captured.out.splitlines()] == ["r1", "r2"]
    assert f"line 2: {message}" in captured.err
    assert "Traceback" not in captured.err


def test_missing_file(capsys):
    assert main(["/nonexistent/narratives.jsonl"]) == 2
    err = capsys.readouterr().err
    assert "cannot read" in err and "Traceback" not in err


def test_usage_errors(capsys):
    assert main([]) == 2
    assert main(["a", "b"]) == 2
    assert "usage" in capsys.readouterr().err


def test_stdin(monkeypatch, capsys):
    monkeypatch.setattr(sys, "stdin", io.StringIO(json.dumps(GOOD) + "\n"))
    assert main(["-"]) == 0
    assert json.loads(capsys.readouterr().out)["id"] == "r1"


def test_evaluate_prints_scores_and_errors(tmp_path, capsys):
    wrong = dict(ADULT, safeguarding_check_required=True, indicators=["weapons"])
    right = dict(GOOD, safeguarding_check_required=True, indicators=["domestic_abuse"])
    path = write(tmp_path, [json.dumps(right), json.dumps(wrong)])
    assert main(["evaluate", path]) == 0
    out = capsys.readouterr().out
    assert "precision 1.000  recall 0.500" in out
    assert "macro-F1" in out and "weapons" in out
    assert "r2: expected true, got false" in out


def test_evaluate_reports_unlabelled_lines(tmp_path, capsys):
    path = write(tmp_path, [json.dumps(GOOD)])
    assert main(["evaluate", path]) == 1
    assert "line 1: missing 'safeguarding_check_required'" in capsys.readouterr().err


def test_module_entry_point(tmp_path):
    path = write(tmp_path, [json.dumps(GOOD), "oops"])
    run = subprocess.run(  # noqa: S603 - fixed arguments: this interpreter and a temp file
        [sys.executable, "-m", "vigil.screening.cli", path], cwd=REPO, capture_output=True,
        text=True, timeout=60)
    assert run.returncode == 1
    assert json.loads(run.stdout)["id"] == "r1"
    assert "line 2" in run.stderr and "Traceback" not in run.stderr
