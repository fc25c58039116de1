"""`vigil missing policy` prints the configured values and their status (local policy or guidance);
`vigil missing overdue [--force CODE]` lists open episodes whose review is overdue, with who they
have escalated to (for a shift briefing or a cron e-mail). Read only: nothing is stored."""

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from vigil.accounts.models import Force
from vigil.missing import conf, rules
from vigil.missing.models import MissingEpisode


class Command(BaseCommand):
    help = "Missing children: show the local policy values, or the overdue reviews."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("policy", help="Configured values and where each comes from.")
        overdue = sub.add_parser("overdue", help="Open episodes whose review is overdue, oldest first.")
        overdue.add_argument("--force", help="Force code (default: every force).")

    def handle(self, *args, **options):
        if options["action"] == "policy":
            width = max(len(name) for name, _v, _s in conf.policy_rows())
            for name, value, status in conf.policy_rows():
                self.stdout.write(f"{name:<{width}}  {value:<22}  {status}")
            return
        now = timezone.now()
        episodes = MissingEpisode.objects.review_overdue(now).select_related("force", "supervisor", "escalate_to")
        if options.get("force"):
            force = Force.objects.filter(code=options["force"]).first()
            if force is None:
                raise CommandError(f"No force with code {options['force']!r}.")
            episodes = episodes.filter(force=force)
        step = conf.escalation_step_hours()
        count = 0
        for ep in episodes.order_by("next_review_due").iterator(chunk_size=500):
            level = rules.escalation_level(ep.next_review_due, now, step)
            late = int((now - ep.next_review_due).total_seconds() // 60)
            who = ep.escalate_to or "no one above the supervisor"
            extra = " and senior officers" if level == 2 else ""
            self.stdout.write(f"{ep.force.code}  {ep.reference}  {ep.get_risk_grade_display() or 'Not graded':<10}  "
                              f"review {late} min overdue; supervisor {ep.supervisor}; escalated to {who}{extra}")
            count += 1
        self.stdout.write(f"{count} overdue review{'s' if count != 1 else ''}.")
