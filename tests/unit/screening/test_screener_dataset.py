"""Scores on the shared dev set (targets from the issue) and on our own held-out set.

The dev file lives outside the repo (README: /work/shared/data/narratives/); the test is
skipped with a reason when it is absent. heldout.jsonl (next to this file) holds fictional
narratives written for this project in other styles: CAD logs in capitals, terse notes,
typos, DOB-only and school-year-only ages, negations. Each batch (ho-, hb-, p3- to p12-) was
written blind by someone who had not seen the rules, scored, and only then used to improve them;
p3 to p12 scored precision 0.851, 0.750, 0.843, 0.796, 0.855, 0.833, 0.921, 0.817, 0.806 and 0.930
(recall 0.955, 1.000, 0.946, 1.000, 0.983, 1.000, 0.967, 0.980, 1.000 and 1.000) before that.
"""

import json
from pathlib import Path

import pytest

from vigil.screening import screen
from vigil.screening.metrics import Report

DEV = Path(__file__).resolve().parents[4] / "shared" / "data" / "narratives" / "dev.jsonl"
HELDOUT = Path(__file__).with_name("heldout.jsonl")
KEYS = ["id", "incident_date", "text", "safeguarding_check_required", "ages", "indicators",
        "evidence"]


def _report(path: Path) -> Report:
    report = Report()
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        got = screen(record["text"], record["incident_date"]).to_json(record["id"])
        report.add(record["id"], record["text"], record, got)
    return report


@pytest.mark.skipif(not DEV.exists(), reason=f"shared dev set not found at {DEV}")
def test_dev_set_targets():
    report = _report(DEV)
    assert report.label.recall >= 0.98, report.lines()
    assert report.label.precision >= 0.92, report.lines()
    assert report.macro_f1 >= 0.85, report.lines()


def test_heldout_set_is_well_formed():
    lines = HELDOUT.read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 60
    for line in lines:
        record = json.loads(line)
        assert list(record) == KEYS
        assert all(e in record["text"] for e in record["evidence"])
        assert bool(record["ages"]) == record["safeguarding_check_required"]


def test_heldout_set_scores():
    report = _report(HELDOUT)
    assert report.label.recall >= 0.95, report.lines()
    assert report.label.precision >= 0.85, report.lines()
    assert report.macro_f1 >= 0.80, report.lines()
