"""`vigil rso ...`: offender management jobs (cron-safe, idempotent).

    vigil rso open-breaches      open a s.91 breach for every missed notification deadline
    vigil rso snapshot           store today's overdue figures for the trend chart
    vigil rso scan-links         catch up child links from incidents and addresses (rule I7)
    vigil rso forecast --force midshire   print the 30-day forecast as JSON

`vigil rso notification-period ...` is answered by vigil.offenders.cli without starting Django
(vigil/cli.py); through manage.py it is passed to the same function.
"""

import json
import time
from datetime import datetime

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vigil.accounts.models import Force
from vigil.offenders import cli, conf, links, reports, services
from vigil.offenders.models import Registrant

PERIOD_FLAGS = ("--relevant-date", "--age", "--disposal", "--term-months", "--discharge-months", "--date-of-birth")


class Command(BaseCommand):
    help = "Registered sex offender jobs: open-breaches, snapshot, scan-links, forecast, notification-period."

    def add_arguments(self, parser):
        actions = parser.add_subparsers(dest="action", required=True, metavar="ACTION")
        actions.add_parser("open-breaches", help="Open s.91 breaches for missed deadlines.")
        snap = actions.add_parser("snapshot", help="Store today's overdue figures per team and level.")
        snap.add_argument("--force", help="Force code (default: every force).")
        scan = actions.add_parser("scan-links", help="Find links to children from incidents and addresses.")
        scan.add_argument("--since", help="Only incidents since this date (YYYY-MM-DD).")
        fc = actions.add_parser("forecast", help="Print the 30-day forecast for a force as JSON.")
        fc.add_argument("--force", required=True, help="Force code.")
        period = actions.add_parser("notification-period", help="SOA 2003 s.82 period (see vigil.offenders.cli).")
        for flag in PERIOD_FLAGS:  # checked by vigil.offenders.cli, which does the work
            period.add_argument(flag)

    def handle(self, *args, **options):
        action = options["action"]
        if action == "notification-period":
            argv = ["notification-period"]
            for flag in PERIOD_FLAGS:
                value = options.get(flag.lstrip("-").replace("-", "_"))
                if value is not None:
                    argv += [flag, value]
            status = cli.main(argv)
            if status:
                raise CommandError("invalid arguments", returncode=status)
            return
        if action == "open-breaches":
            self.stdout.write(f"Opened {services.open_missed_breaches()} breach(es).")
        elif action == "snapshot":
            today, policy = timezone.localdate(), conf.visit_policy()
            forces = Force.objects.all()
            if options.get("force"):
                forces = forces.filter(code=options["force"])
            for force in forces:
                rows = reports.take_snapshot(force, today, policy)
                self.stdout.write(f"{force.code}: {rows} row(s) for {today}")
        elif action == "scan-links":
            since = None
            if options.get("since"):
                try:
                    since = timezone.make_aware(datetime.fromisoformat(options["since"]))
                except ValueError:
                    raise CommandError("--since must be a date as YYYY-MM-DD")
            self.stdout.write(f"Raised {links.scan_all(since=since)} new child link(s).")
        elif action == "forecast":
            force = Force.objects.filter(code=options["force"]).first()
            if force is None:
                raise CommandError(f"No force with code {options['force']!r}.")
            started = time.perf_counter()
            plans, _books, _caps = reports.forecast(Registrant.objects.filter(force=force), timezone.localdate(),
                                                    conf.visit_policy())
            elapsed = time.perf_counter() - started
            self.stdout.write(json.dumps({
                "force": force.code, "managers": len([m for m in plans if m]), "seconds": round(elapsed, 3),
                "overdue_now": sum(f.overdue_now for f in plans.values()),
                "will_fall_overdue": sum(f.will_fall_overdue for m, f in plans.items() if m),
            }))
