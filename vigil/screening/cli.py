"""Command line for the narrative screener (contract kept stable: it is used for evaluation).

    vigil screen FILE.jsonl            one JSON line per input line on stdout
    vigil screen evaluate FILE.jsonl   precision/recall/F1 against the labels in the file

FILE is JSON lines with `id`, `incident_date` and `text` (schema: narratives README); `-` means
stdin. A line without `incident_date` is screened against today's date. Bad input gets a message on stderr naming the line, never a traceback; `screen` goes on
with the other lines and exits 1 at the end if any line failed. Exit 2 means unusable arguments
or an unreadable file.
"""

import json
import sys
from collections.abc import Iterator
from contextlib import nullcontext
from typing import TextIO

from vigil.screening.metrics import Report
from vigil.screening.screener import MAX_TEXT, parse_date, screen

USAGE = "usage: vigil screen [evaluate] FILE.jsonl   (FILE may be - for stdin)"


class LineError(ValueError):
    pass


def _records(stream: TextIO) -> Iterator[tuple[int, dict | LineError]]:
    """(line number, record or the error for that line); blank lines are skipped."""
    for number, line in enumerate(stream, start=1):
        if not line.strip():
            continue
        try:
            yield number, _check(json.loads(line))
        except json.JSONDecodeError as exc:
            yield number, LineError(f"not valid JSON ({exc.msg})")
        except LineError as exc:
            yield number, exc


def _check(record: object) -> dict:
    if not isinstance(record, dict):
        raise LineError("expected a JSON object")
    text = record.get("text")
    if "text" not in record:
        raise LineError("missing 'text'")
    if not isinstance(text, str):
        raise LineError("'text' must be a string")
    if not text.strip():
        raise LineError("'text' is empty")
    if len(text) > MAX_TEXT:
        raise LineError(f"'text' is longer than {MAX_TEXT} characters ({len(text)})")
    date = record.get("incident_date")
    try:
        parse_date(date)
    except (TypeError, ValueError):
        raise LineError(f"bad incident_date {date!r} (expected YYYY-MM-DD)") from None
    return record


def _run_screen(stream: TextIO, name: str) -> int:
    failed = 0
    out = sys.stdout
    for number, item in _records(stream):
        if isinstance(item, LineError):
            failed += 1
            print(f"{name}: line {number}: {item}", file=sys.stderr)
            continue
        try:
            result = screen(item["text"], item.get("incident_date"))
        except Exception as exc:  # a bug must not stop the other lines
            failed += 1
            print(f"{name}: line {number}: could not screen ({type(exc).__name__}: {exc})",
                  file=sys.stderr)
            continue
        out.write(json.dumps(result.to_json(item.get("id")), ensure_ascii=False) + "\n")
    if failed:
        print(f"{name}: {failed} line(s) failed", file=sys.stderr)
    return 1 if failed else 0


def _run_evaluate(stream: TextIO, name: str) -> int:
    report, failed = Report(), 0
    for number, item in _records(stream):
        if isinstance(item, LineError) or "safeguarding_check_required" not in item:
            failed += 1
            why = item if isinstance(item, LineError) else "missing 'safeguarding_check_required'"
            print(f"{name}: line {number}: {why}", file=sys.stderr)
            continue
        got = screen(item["text"], item.get("incident_date")).to_json(item.get("id"))
        report.add(str(item.get("id", f"line {number}")), item["text"], item, got)
    print("\n".join(report.lines()))
    if failed:
        print(f"{name}: {failed} line(s) skipped", file=sys.stderr)
    return 1 if failed else 0


def main(argv: list[str]) -> int:
    """`argv` excludes the program name and the word "screen"."""
    args = list(argv)
    if args in (["-h"], ["--help"]):
        print(USAGE)
        return 0
    evaluate = bool(args) and args[0] == "evaluate"
    if evaluate:
        args = args[1:]
    if len(args) != 1:
        print(USAGE, file=sys.stderr)
        return 2
    path = args[0]
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8-sig")  # noqa: SIM115
    except OSError as exc:
        print(f"vigil screen: cannot read {path}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    run = _run_evaluate if evaluate else _run_screen
    try:
        with nullcontext(stream) if path == "-" else stream:
            return run(stream, "stdin" if path == "-" else path)
    except UnicodeDecodeError as exc:
        print(f"vigil screen: {path} is not UTF-8 text ({exc.reason})", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
