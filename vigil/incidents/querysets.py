"""Read-side states, derived from stored times when the query runs (never stored)."""

from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone


class IncidentQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status="open")

    def flagged(self):
        return self.filter(child_flag=True)

    def overridden(self):
        return self.filter(override_at__isnull=False)

    def with_pending_children(self):
        from vigil.incidents.models import IncidentChild

        pending = IncidentChild.objects.filter(incident=OuterRef("pk"), assessment__isnull=True)
        return self.annotate(has_pending=Exists(pending))

    def needing_assessment(self):
        """Flagged, not overridden, and a child still without a completed assessment (rule I1)."""
        return self.flagged().filter(override_at__isnull=True).with_pending_children().filter(has_pending=True)


class IncidentChildQuerySet(models.QuerySet):
    def pending(self):
        return self.filter(assessment__isnull=True)

    def assessed(self):
        return self.filter(assessment__isnull=False)


class ReferralQuerySet(models.QuerySet):
    def late(self):
        return self.filter(sent_at__gt=F("due_at"))

    def on_time(self):
        return self.filter(sent_at__lte=F("due_at"))

    def unacknowledged(self):
        return self.filter(acknowledged_at__isnull=True)

    def awaiting_decision(self):
        return self.filter(decided_at__isnull=True)


class EncompassQuerySet(models.QuerySet):
    def unsent(self):
        return self.filter(sent_at__isnull=True)

    def overdue(self, now=None):
        return self.filter(sent_at__isnull=True, due_at__lt=now or timezone.now())

    def late(self):
        return self.filter(sent_at__gt=F("due_at"))

    def missed(self, now=None):
        """Sent late, or still unsent after the school day started."""
        return self.filter(Q(sent_at__gt=F("due_at")) | Q(sent_at__isnull=True, due_at__lt=now or timezone.now()))
