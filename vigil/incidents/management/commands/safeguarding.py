"""`vigil safeguarding daily-summary [--email] [--date YYYY-MM-DD] [--force CODE]`

The "child to notice" summary of the previous day's misses (domain.md A3, rule I1): child-related
incidents with no safeguarding assessment, older ones still overdue, supervisor overrides, and late
referrals and school notifications. The window is one London calendar day (yesterday by default).

Safe to run from cron more than once: with --email the day is claimed in a DailySummary row under
a lock before anything is sent, and a day already emailed is never emailed again.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from vigil.accounts.models import Force, User
from vigil.accounts.roles import Role
from vigil.core import audit
from vigil.core.clock import LONDON
from vigil.incidents import notice
from vigil.incidents.models import DailySummary


def window(day: date) -> tuple[datetime, datetime]:
    return (datetime.combine(day, time.min, tzinfo=LONDON),
            datetime.combine(day + timedelta(days=1), time.min, tzinfo=LONDON))


def supervisors(force) -> list[str]:
    users = User.objects.filter(force=force, is_active=True, role_assignments__role__in=[
        Role.SUPERVISOR, Role.SENIOR_OFFICER]).exclude(email="").distinct().order_by("email")
    return list(users.values_list("email", flat=True))


class Command(BaseCommand):
    help = "Safeguarding jobs. daily-summary: the previous day's missed child safeguarding, printed or emailed."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="job", required=True)
        daily = sub.add_parser("daily-summary", help="Print or email the previous day's child to notice summary.")
        daily.add_argument("--email", action="store_true", help="Email supervisors (once per force per day).")
        daily.add_argument("--date", help="The London day to report (YYYY-MM-DD); default yesterday.")
        daily.add_argument("--force", dest="force_code", help="Only this force (its code).")

    def handle(self, *args, job, **options):
        if job == "daily-summary":
            self.daily_summary(**options)

    def daily_summary(self, *, email=False, date=None, force_code=None, **_):
        try:
            day = datetime.strptime(date, "%Y-%m-%d").date() if date else timezone.localdate() - timedelta(days=1)
        except ValueError:
            raise CommandError(f"--date must be YYYY-MM-DD, not {date!r}") from None
        forces = Force.objects.all()
        if force_code:
            forces = forces.filter(code=force_code)
            if not forces.exists():
                raise CommandError(f"No force with code {force_code!r}.")
        start, end = window(day)
        for force in forces:
            text = notice.render_text(notice.summary(force.pk, start, end), force.name)
            if not email:
                self.stdout.write(text + "\n")
                continue
            self._email(force, day, start, end, text)

    def _email(self, force, day, start, end, text):
        recipients = supervisors(force)
        if not recipients:
            self.stderr.write(f"{force.name}: no supervisor has an email address; nothing sent.")
            return
        with transaction.atomic():
            row, _ = DailySummary.objects.get_or_create(force=force, day=day,
                                                        defaults={"window_start": start, "window_end": end})
            row = DailySummary.objects.select_for_update().get(pk=row.pk)
            if row.emailed_at is not None:
                self.stdout.write(f"{force.name}: the summary for {day:%d %b %Y} was already emailed at "
                                  f"{timezone.localtime(row.emailed_at):%H:%M}; not sent again.")
                return
            send_mail(subject=f"Child to notice: {day:%a %d %b %Y}", message=text,
                      from_email=settings.DEFAULT_FROM_EMAIL, recipient_list=recipients)
            row.emailed_at, row.recipients, row.body = timezone.now(), recipients, text
            row.save(update_fields=["emailed_at", "recipients", "body"])
            audit.record(action=audit.AuditEvent.Action.SHARE, obj=row, force_id=force.pk,
                         reason="Child to notice daily summary", changes={"recipients": [None, len(recipients)]})
        self.stdout.write(f"{force.name}: summary for {day:%d %b %Y} emailed to {len(recipients)} supervisors.")
