"""Read-side states, derived from stored due times by SQL comparisons with `now` (never stored).

Each method is one indexed filter or one aggregate, so the dashboard and the queues never loop over
episodes in Python (docs/performance.md, "Missing children").
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone

ACTIVE = ("open", "found")


class EpisodeQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status="open")

    def active(self):
        """Not closed: missing, or found and waiting for the prevention interview or waiver."""
        return self.filter(status__in=ACTIVE)

    def review_overdue(self, now=None):
        return self.open().filter(next_review_due__lt=now or timezone.now())

    def supervised_by(self, user):
        return self.active().filter(supervisor=user)

    def escalated_to(self, user, now=None):
        """Level 1: an overdue review shows on the next rank's queue (rules.escalation_level)."""
        return self.review_overdue(now).filter(escalate_to=user)

    def escalated_to_seniors(self, force_id, step_hours: int, now=None):
        """Level 2: overdue by more than the escalation step: every senior officer of the force sees it."""
        now = now or timezone.now()
        return self.open().filter(force_id=force_id, next_review_due__lt=now - timedelta(hours=step_hours))

    def open_by_grade(self):
        return self.open().values("risk_grade").annotate(n=Count("id")).order_by("risk_grade")

    def open_durations(self, bands, now=None):
        """Counts of open episodes by how long the child has been missing: one aggregate."""
        now = now or timezone.now()
        aggregates, lower = {}, None
        for i, (hours, _label) in enumerate(bands):
            cond = Q()
            if hours is not None:
                cond &= Q(reported_at__gt=now - timedelta(hours=hours))
            if lower is not None:
                cond &= Q(reported_at__lte=now - timedelta(hours=lower))
            aggregates[f"b{i}"] = Count("id", filter=cond)
            lower = hours
        row = self.open().aggregate(**aggregates)
        return [(label, row[f"b{i}"]) for i, (_h, label) in enumerate(bands)]

    def reported_since(self, start):
        return self.filter(reported_at__gte=start)

    def repeat_children(self, start, count: int):
        """People with at least `count` episodes reported since `start` (rules.window_start)."""
        return (self.reported_since(start).values("person_id").annotate(n=Count("id"))
                .filter(n__gte=count).order_by("-n", "person_id"))

    def locate_bands(self, bands, start):
        """How many found since `start` were found within each cumulative time (minutes)."""
        found = self.filter(found_at__gte=start, minutes_to_locate__isnull=False)
        aggregates = {"total": Count("id")}
        for i, (minutes, _label) in enumerate(bands):
            aggregates[f"b{i}"] = Count("id", filter=Q(minutes_to_locate__lte=minutes))
        return found.aggregate(**aggregates)


class ReturnInterviewQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(completed_at__isnull=True)

    def overdue(self, now=None):
        return self.pending().filter(due_at__lt=now or timezone.now())

    def timeliness(self, start):
        """Requested since `start`: total, done within the due time, done late, still open."""
        return self.filter(requested_at__gte=start).aggregate(
            total=Count("id"),
            on_time=Count("id", filter=Q(completed_at__isnull=False, completed_at__lte=F("due_at"))),
            late=Count("id", filter=Q(completed_at__gt=F("due_at"))),
            pending=Count("id", filter=Q(completed_at__isnull=True)),
        )
