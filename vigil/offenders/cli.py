"""`vigil rso ...`: RSO notification rules from the command line, without Django.

    vigil rso notification-period --relevant-date 2020-01-15 --age 30 --disposal imprisonment \
        --term-months 12
    {"period": "P10Y", "ends_on": "2030-01-14"}

`main` takes the words after "rso". Bad input exits 2 with one line on stderr, never a traceback.
Also runnable as `python -m vigil.offenders.cli notification-period ...`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from typing import NoReturn

from vigil.offenders.rules import Disposal, notification_period

USAGE_ERROR = 2
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class _Exit(Exception):
    def __init__(self, status: int, message: str = "") -> None:
        super().__init__(message)
        self.status = status


class _Parser(argparse.ArgumentParser):
    # Return a status from main instead of raising SystemExit (argparse's default).
    def exit(self, status: int = 0, message: str | None = None) -> NoReturn:
        raise _Exit(status, message or "")

    def error(self, message: str) -> NoReturn:
        # argparse would print the whole usage block; the contract is a single line.
        raise _Exit(USAGE_ERROR, f"{self.prog}: {message}")


def _iso_date(text: str) -> date:
    # date.fromisoformat also takes "20200115" and week dates; accept only YYYY-MM-DD.
    if not _ISO_DATE.fullmatch(text):
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, not {text!r}")
    try:
        return date.fromisoformat(text)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"{text!r} is not a valid date ({exc})")


def _parser() -> _Parser:
    parser = _Parser(prog="vigil rso", description="Registered sex offender notification rules.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    period = commands.add_parser(
        "notification-period",
        help="SOA 2003 s.82 notification period",
        description="Print the SOA 2003 s.82 notification period as JSON.",
    )
    period.add_argument("--relevant-date", required=True, type=_iso_date, metavar="YYYY-MM-DD")
    period.add_argument("--age", required=True, type=int, help="age on the relevant date")
    period.add_argument("--disposal", required=True, choices=[d.value for d in Disposal])
    period.add_argument("--term-months", type=int, help="imprisonment or DTO term")
    period.add_argument("--discharge-months", type=int, help="conditional discharge period")
    period.add_argument(
        "--date-of-birth", type=_iso_date, metavar="YYYY-MM-DD", help="checked against --age"
    )
    return parser


def _notification_period(args: argparse.Namespace) -> dict[str, str | None]:
    return notification_period(
        relevant_date=args.relevant_date,
        age_on_relevant_date=args.age,
        disposal=Disposal(args.disposal),
        term_months=args.term_months,
        discharge_months=args.discharge_months,
        date_of_birth=args.date_of_birth,
    ).as_dict()


_COMMANDS = {"notification-period": _notification_period}


def main(argv: list[str] | None = None) -> int:
    """Run one `rso` subcommand; `argv` starts after "rso" (e.g. ["notification-period", ...])."""
    argv = sys.argv[1:] if argv is None else argv
    try:
        args = _parser().parse_args(argv)
        result = _COMMANDS[args.command](args)
    except _Exit as exc:
        if str(exc):
            print(str(exc).strip().replace("\n", " "), file=sys.stderr)
        return exc.status
    except ValueError as exc:
        print(f"vigil rso {args.command}: {exc}".replace("\n", " "), file=sys.stderr)
        return USAGE_ERROR
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
