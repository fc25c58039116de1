"""The data migration that takes the arrested parent's name out of reasons stored before the fix."""

import importlib

import pytest
from django.apps import apps

from tests.factories import PersonFactory
from tests.integration.incidents.conftest import ROLE
from vigil.incidents.models import Incident, IncidentChild
from vigil.people.models import Relationship

pytestmark = pytest.mark.django_db
migration = importlib.import_module("vigil.incidents.migrations.0004_reasons_without_names")


def test_stored_names_are_removed_and_the_parent_kept_by_id(make_incident, child_person, force):
    dad = PersonFactory(force=force, forenames="Reece", surname="Holloway", restricted=True)
    son, neighbour = child_person(1), child_person(4)
    Relationship.objects.create(person=son, other=dad, kind=Relationship.Kind.CHILD)
    incident = make_incident(people=[(dad, ROLE.ARRESTED), (neighbour, ROLE.WITNESS)])
    # As the old code stored them.
    IncidentChild.objects.filter(person=son).update(
        reason="Child of arrested person Reece HOLLOWAY, aged 1 (also in the narrative)", related_person=None)
    Incident.objects.filter(pk=incident.pk).update(screening_reasons=[
        "Linked as witness, aged 4 on the incident date", "Child of arrested person Reece HOLLOWAY, aged 1"])

    migration.forwards(apps, None)

    row = IncidentChild.objects.get(person=son)
    assert (row.reason, row.related_person_id) == ("Child of an arrested person, aged 1 (also in the narrative)",
                                                   dad.pk)
    assert IncidentChild.objects.get(person=neighbour).reason == "Linked as witness, aged 4 on the incident date"
    assert Incident.objects.get(pk=incident.pk).screening_reasons == [
        "Linked as witness, aged 4 on the incident date", "Child of an arrested person, aged 1"]


def test_a_reason_it_cannot_read_loses_the_name_all_the_same():
    assert migration.nameless("Child of arrested person Reece HOLLOWAY") == "Child of an arrested person"
    assert migration.nameless("Lives at the incident address, aged 6") == "Lives at the incident address, aged 6"
