from django.db import models
from django.db.models import Q
from django.utils import timezone


class PersonQuerySet(models.QuerySet):
    def live(self):
        """Records not merged into another."""
        return self.filter(merged_into__isnull=True)


class MarkerQuerySet(models.QuerySet):
    def active(self, on=None):
        on = on or timezone.localdate()
        return self.filter(Q(start_date__lte=on) & (Q(end_date__isnull=True) | Q(end_date__gte=on)))

    def due_for_review(self, on=None):
        on = on or timezone.localdate()
        return self.active(on).filter(review_date__lte=on)
