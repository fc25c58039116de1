"""django-filter FilterSets for the API lists. Every filter is an indexed lookup (figures.md §5.2)."""

from __future__ import annotations

import datetime as dt

import django_filters.rest_framework as filters
from django import forms
from django.db.models import Q
from django.utils import timezone

from vigil.core.models import AuditEvent, Task
from vigil.people.matching import normalise
from vigil.people.models import Person, PersonName


class IntegerFilter(filters.NumberFilter):
    field_class = forms.IntegerField


def _names(**lookups):
    return PersonName.objects.filter(**lookups).values("person_id")


class PersonFilter(filters.FilterSet):
    q = filters.CharFilter(method="filter_q", max_length=200, label=(
        "Name search, ranked: \"Forenames Surname\", \"Surname, Forenames\" or a surname. "
        "Finds aliases, nicknames, sound-alikes and typos."))
    surname = filters.CharFilter(method="filter_surname", max_length=100,
                                 label="Surname, ignoring case, accents and punctuation.")
    forenames = filters.CharFilter(method="filter_forenames", max_length=100,
                                   label="Forenames (start of), ignoring case, accents and punctuation.")
    date_of_birth = filters.DateFilter(method="filter_date_of_birth")
    pnc_id = filters.CharFilter(method="filter_pnc_id", max_length=20)

    class Meta:
        model = Person
        fields = ["q", "surname", "forenames", "date_of_birth", "pnc_id"]

    def filter_surname(self, queryset, name, value):
        return queryset.filter(pk__in=_names(kind=PersonName.Kind.PRIMARY, surname_norm=normalise(value)))

    def filter_forenames(self, queryset, name, value):
        return queryset.filter(
            pk__in=_names(kind=PersonName.Kind.PRIMARY, forename_norm__startswith=normalise(value)))

    def filter_date_of_birth(self, queryset, name, value):
        return queryset.filter(date_of_birth=value)

    def filter_pnc_id(self, queryset, name, value):
        return queryset.filter(pnc_id=value.strip().upper())

    def filter_q(self, queryset, name, value):
        # Users who may not search (partners) get a plain prefix match over what was shared.
        words = normalise(value).split()
        if not words:
            return queryset
        # Surname prefix on any name the person is known by; with two or more words, the first is a
        # forename prefix and the last a surname prefix.
        match = Q(surname_norm__startswith=" ".join(words))
        if len(words) > 1:
            match |= Q(forename_norm__startswith=words[0], surname_norm__startswith=words[-1])
        return queryset.filter(pk__in=PersonName.objects.filter(match).values("person_id"))


class RankedPersonFilter(PersonFilter):
    """With ?q= the people search ranks names and weighs the date of birth itself (near dates
    too), so neither is filtered exactly here."""

    def filter_q(self, queryset, name, value):
        return queryset

    def filter_date_of_birth(self, queryset, name, value):
        return queryset


class TaskFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=Task.Status.choices)
    overdue = filters.BooleanFilter(method="filter_overdue",
                                    label="true: open and past due now; false: everything else.")
    kind = filters.CharFilter(max_length=60)

    class Meta:
        model = Task
        fields = ["status", "overdue", "kind"]

    def filter_overdue(self, queryset, name, value):
        now = timezone.now()
        overdue = Q(status=Task.Status.OPEN, due_at__lt=now)
        return queryset.filter(overdue) if value else queryset.exclude(overdue)


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


class AuditEventFilterForm(forms.Form):
    def clean(self):
        data = super().clean()
        if data.get("from") and data.get("to") and data["to"] < data["from"]:
            self.add_error("to", "The end date must be on or after the start date.")
        return data


class AuditEventFilter(filters.FilterSet):
    person_id = IntegerFilter(min_value=1, max_value=2**63 - 1)
    actor_id = IntegerFilter(min_value=1, max_value=2**63 - 1)
    action = filters.ChoiceFilter(choices=AuditEvent.Action.choices)

    class Meta:
        model = AuditEvent
        fields = ["person_id", "actor_id", "action"]
        form = AuditEventFilterForm

    def filter_from(self, queryset, name, value):
        return queryset.filter(at__gte=_start_of(value))

    def filter_to(self, queryset, name, value):
        # Inclusive: everything before the start of the next day, London time.
        return queryset.filter(at__lt=_start_of(value + dt.timedelta(days=1)))


# "from" is a Python keyword, so these two are added by name.
AuditEventFilter.base_filters["from"] = filters.DateFilter(
    method="filter_from", label="On or after this date (Europe/London).")
AuditEventFilter.base_filters["to"] = filters.DateFilter(
    method="filter_to", label="On or before this date (Europe/London).")
