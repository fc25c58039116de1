from datetime import datetime, time, timedelta

from django.db import models
from django.utils import timezone


def london_day_bounds(now: datetime) -> tuple[datetime, datetime]:
    """Start of today and of tomorrow in Europe/London, as aware datetimes."""
    local = timezone.localtime(now)
    start = timezone.make_aware(datetime.combine(local.date(), time.min))
    end = timezone.make_aware(datetime.combine(local.date() + timedelta(days=1), time.min))
    return start, end


class TaskQuerySet(models.QuerySet):
    """Overdue / due today / upcoming are derived from due_at at read time, never stored."""

    def open(self):
        return self.filter(status="open")

    def overdue(self, now=None):
        return self.open().filter(due_at__lt=now or timezone.now())

    def due_today(self, now=None):
        now = now or timezone.now()
        _, end = london_day_bounds(now)
        return self.open().filter(due_at__gte=now, due_at__lt=end)

    def upcoming(self, now=None):
        now = now or timezone.now()
        _, end = london_day_bounds(now)
        return self.open().filter(due_at__gte=end)

    def for_user(self, user):
        return self.filter(owner=user)

    def for_teams(self, teams):
        return self.filter(models.Q(team__in=teams) | models.Q(owner__memberships__team__in=teams)).distinct()
