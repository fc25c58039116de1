"""The supervisor's "child to notice" view: what was missed (domain.md A3, College of Policing
practice bank; rule I1). Everything here is derived when read from stored times."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Count, Prefetch, Q
from django.utils import timezone

from vigil.incidents import rules
from vigil.incidents.models import EncompassNotification, Incident, Referral
from vigil.incidents.services import assessment_due

RECENT_DAYS = 30  # flagged incidents older than this show only while something is outstanding


@dataclass
class Row:
    incident: Incident
    problems: list[str]
    due_at: datetime
    pending: int

    @property
    def labels(self) -> list[str]:
        return [rules.PROBLEM_LABELS[p] for p in self.problems]

    @property
    def resolved(self) -> bool:
        return rules.is_resolved(self.problems)

    @property
    def needs_attention(self) -> bool:
        return any(p in (rules.ASSESSMENT_OVERDUE, rules.AWAITING_ASSESSMENT, rules.REFERRAL_LATE,
                         rules.ENCOMPASS_OVERDUE, rules.ENCOMPASS_LATE) for p in self.problems)


def candidates(force_id: int, now: datetime, days: int = RECENT_DAYS):
    recent = Q(occurred_at__gte=now - timedelta(days=days)) | Q(override_at__gte=now - timedelta(days=days))
    outstanding = Q(override_at__isnull=True, children__assessment__isnull=True) | Q(
        encompass_notifications__sent_at__isnull=True)
    return (
        Incident.objects.filter(force_id=force_id, child_flag=True)
        .filter(recent | outstanding)
        .distinct()
        .select_related("incident_type", "attending_officer", "override_by")
        .annotate(pending_count=Count("children", filter=Q(children__assessment__isnull=True), distinct=True))
        .prefetch_related(
            Prefetch("referrals", queryset=Referral.objects.only("id", "incident_id", "due_at", "sent_at",
                                                                  "acknowledged_at")),
            Prefetch("encompass_notifications",
                     queryset=EncompassNotification.objects.only("id", "incident_id", "due_at", "sent_at")),
        )
        .order_by("-occurred_at")
    )


def row_for(incident: Incident, now: datetime) -> Row:
    pending = getattr(incident, "pending_count", None)
    if pending is None:
        pending = incident.children.pending().count()
    due = assessment_due(incident)
    problems = rules.incident_state(
        flagged=incident.child_flag, children_pending=pending, overridden=incident.is_overridden,
        assessment_due=due, now=now,
        referrals=[rules.Sent(r.due_at, r.sent_at, r.acknowledged_at is not None) for r in incident.referrals.all()],
        notifications=[rules.Sent(n.due_at, n.sent_at) for n in incident.encompass_notifications.all()],
    )
    return Row(incident, problems, due, pending)


def queue(force_id: int, now: datetime | None = None, days: int = RECENT_DAYS) -> list[Row]:
    now = now or timezone.now()
    return [row_for(incident, now) for incident in candidates(force_id, now, days)]


def counts(rows: list[Row], now: datetime, days: int = 7) -> dict[str, int]:
    since = now - timedelta(days=days)
    return {
        "assessment_overdue": sum(rules.ASSESSMENT_OVERDUE in r.problems for r in rows),
        "awaiting_assessment": sum(rules.AWAITING_ASSESSMENT in r.problems for r in rows),
        "overridden": sum(rules.OVERRIDDEN in r.problems and r.incident.override_at >= since for r in rows),
        "late": sum(any(p in (rules.REFERRAL_LATE, rules.ENCOMPASS_LATE, rules.ENCOMPASS_OVERDUE) for p in r.problems)
                    and r.incident.occurred_at >= since for r in rows),
    }


@dataclass
class Summary:
    window_start: datetime
    window_end: datetime
    without_assessment: list[Row]
    still_overdue: list[Row]
    overrides: list[Incident]
    late_referrals: list[Referral]
    late_notifications: list[EncompassNotification]

    @property
    def total(self) -> int:
        return (len(self.without_assessment) + len(self.still_overdue) + len(self.overrides)
                + len(self.late_referrals) + len(self.late_notifications))


def summary(force_id: int, window_start: datetime, window_end: datetime, now: datetime | None = None) -> Summary:
    """The previous day's misses: child-related incidents in the window with no assessment yet
    (the North Yorkshire "child to notice" list), older ones still overdue, supervisor overrides,
    and referrals and school notifications that were late or are still unsent."""
    now = now or timezone.now()
    rows = [row_for(i, now) for i in candidates(force_id, now, days=(now - window_start).days + 1)]
    pending = [r for r in rows if r.pending and not r.incident.is_overridden]
    in_window = [r for r in pending if window_start <= r.incident.occurred_at < window_end]
    older = [r for r in pending if r.incident.occurred_at < window_start and rules.ASSESSMENT_OVERDUE in r.problems]
    overrides = list(Incident.objects.filter(force_id=force_id, override_at__gte=window_start,
                                             override_at__lt=window_end).select_related("override_by"))
    late_referrals = list(Referral.objects.filter(force_id=force_id, sent_at__gte=window_start,
                                                  sent_at__lt=window_end).late()
                          .select_related("incident", "organisation", "person"))
    late_notes = list(
        EncompassNotification.objects.filter(force_id=force_id)
        .filter(Q(sent_at__gte=window_start, sent_at__lt=window_end) | Q(sent_at__isnull=True, due_at__lt=window_end))
        .missed(now=window_end).select_related("incident", "school", "person")
    )
    return Summary(window_start, window_end, in_window, older, overrides, late_referrals, late_notes)


def render_text(s: Summary, force_name: str) -> str:
    local = timezone.localtime
    lines = [f"Child to notice: {force_name}",
             f"{local(s.window_start):%a %d %b %Y %H:%M} to {local(s.window_end):%a %d %b %Y %H:%M}", ""]

    def section(title, items):
        lines.append(f"{title}: {len(items)}")
        lines.extend(f"  - {item}" for item in items)
        lines.append("")

    section("Child-related incidents with no safeguarding assessment yet",
            [f"{r.incident.reference} ({r.incident.incident_type}, {local(r.incident.occurred_at):%d/%m %H:%M}), "
             f"{r.pending} child(ren), due {local(r.due_at):%d/%m %H:%M}"
             + (" - OVERDUE" if rules.ASSESSMENT_OVERDUE in r.problems else "") for r in s.without_assessment])
    section("Earlier incidents still without an assessment (overdue)",
            [f"{r.incident.reference}, due {local(r.due_at):%d/%m %H:%M}" for r in s.still_overdue])
    section("Flags overridden by a supervisor",
            [f"{i.reference}: {i.override_by} - {i.override_reason}" for i in s.overrides])
    section("Referrals sent late",
            [f"{r.incident.reference} to {r.organisation}: due {local(r.due_at):%d/%m %H:%M}, "
             f"sent {local(r.sent_at):%d/%m %H:%M}" for r in s.late_referrals])
    section("School notifications late or not sent",
            [f"{n.incident.reference} ({n.school or 'school not known'}): due {local(n.due_at):%d/%m %H:%M}, "
             + (f"sent {local(n.sent_at):%d/%m %H:%M}" if n.sent_at else "NOT SENT") for n in s.late_notifications])
    lines.append(f"Total: {s.total}")
    return "\n".join(lines)
