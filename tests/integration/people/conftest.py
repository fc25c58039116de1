"""Helpers for the people pages: people with names, grants and shares."""

from datetime import date

import pytest
from django.contrib.contenttypes.models import ContentType

from tests.factories import PersonFactory
from vigil.core.models import AccessGrant, AuditEvent
from vigil.people.models import Person, PersonName


def make_person(force, forenames, surname, dob=date(2012, 3, 4), **kw):
    return PersonFactory(force=force, forenames=forenames, surname=surname, date_of_birth=dob, **kw)


def grant(person, user):
    ct = ContentType.objects.get_for_model(Person)
    return AccessGrant.objects.create(content_type=ct, object_id=person.pk, user=user)


def audit_count(**filters) -> int:
    return AuditEvent.objects.filter(**filters).count()


def row_counts() -> dict:
    """Rows in every people table, to show that bad input writes nothing."""
    from django.apps import apps

    return {m._meta.label: m.objects.count() for m in apps.get_app_config("people").get_models()} | {
        "names": PersonName.objects.count()}


@pytest.fixture
def officer(users):
    return users["pp_investigator"]


@pytest.fixture
def supervisor(users):
    return users["supervisor"]
