"""The `vigil` command. Pure-Python tools (the narrative screener, the RSO notification rules)
run without starting Django, so they stay fast and usable on any machine; everything else is a
Django management command (`vigil migrate`, `vigil seed`, `vigil audit verify`, ...)."""

from __future__ import annotations

import os
import sys


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv if argv is None else argv)
    args = argv[1:]
    if args[:1] == ["screen"]:
        from vigil.screening.cli import main as screen_main

        return screen_main(args[1:])
    if args[:2] == ["rso", "notification-period"]:
        from vigil.offenders.cli import main as rso_main

        return rso_main(args[1:])
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "vigil.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["vigil", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
