"""Read-side states, derived from stored due times by SQL comparisons with `now` (never stored).

Each method is one indexed filter or one aggregate, so the dashboard and the queues never loop over
episodes in Python (docs/performance.md, "Missing children"). Aggregates count rows (COUNT(*)), not
ids, so PostgreSQL can answer them from the covering indexes without reading the table.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import models
from django.db.models import Count, F, Q
from django.utils import timezone

ACTIVE = ("open", "found")
# Django refuses COUNT(*) with a FILTER clause; force_id is never null and leads every index these
# aggregates use, so COUNT(force_id) counts the same rows and still needs only the index.
ROWS = "force"


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
        return self.open().values("risk_grade").annotate(n=Count("*")).order_by("risk_grade")

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
            aggregates[f"b{i}"] = Count(ROWS, filter=cond)
            lower = hours
        row = self.open().aggregate(**aggregates)
        return [(label, row[f"b{i}"]) for i, (_h, label) in enumerate(bands)]

    def reported_since(self, start):
        return self.filter(reported_at__gte=start)

    def repeat_children(self, start, count: int):
        """People with at least `count` episodes reported since `start` (rules.window_start)."""
        return (self.reported_since(start).values("person_id").annotate(n=Count("*"))
                .filter(n__gte=count).order_by("-n", "person_id"))

    def found_summary(self, start, bands, kinds):
        """One pass over the children found since `start` (an index-only scan of mep_force_found on
        PostgreSQL): how many, how many within each time to locate (minutes), how many by kind of place."""
        aggregates = {"total": Count(ROWS, filter=Q(minutes_to_locate__isnull=False))}
        for i, (minutes, _label) in enumerate(bands):
            aggregates[f"b{i}"] = Count(ROWS, filter=Q(minutes_to_locate__lte=minutes))
        for kind in kinds:
            aggregates[f"k_{kind}"] = Count(ROWS, filter=Q(found_kind=kind))
        return self.filter(found_at__gte=start).aggregate(**aggregates)

    def hotspots(self, start, limit=10):
        """The addresses where most children were found since `start`: (address id, times)."""
        return list(self.filter(found_at__gte=start, found_address__isnull=False).values_list("found_address_id")
                    .annotate(n=Count("*")).order_by("-n", "found_address_id")[:limit])


class ReturnInterviewQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(completed_at__isnull=True)

    def overdue(self, now=None):
        return self.pending().filter(due_at__lt=now or timezone.now())

    def timeliness(self, start):
        """Requested since `start`: total, done within the due time, done late, still open."""
        return self.filter(requested_at__gte=start).aggregate(
            total=Count(ROWS),
            on_time=Count(ROWS, filter=Q(completed_at__isnull=False, completed_at__lte=F("due_at"))),
            late=Count(ROWS, filter=Q(completed_at__gt=F("due_at"))),
            pending=Count(ROWS, filter=Q(completed_at__isnull=True)),
        )
