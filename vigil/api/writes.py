"""Thin stand-ins for people writes that vigil.people.services does not offer yet.

Same shape as a service: keyword-only, one transaction, audit entry in the same transaction.
TODO(api): replace each with the people service of the same name once it exists.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from vigil.core import audit
from vigil.people.matching import address_match_key
from vigil.people.models import Address, Marker, Person, PersonAddress, Relationship
from vigil.people.services import sync_primary_name

PERSON_FIELDS = ("forenames", "surname", "date_of_birth", "gender", "pnc_id", "nhs_number")


def create_person(*, force, by, request=None, **fields) -> Person:
    with transaction.atomic():
        person = Person.objects.create(force=force, created_by=by, **fields)
        sync_primary_name(person)
        audit.record(action=audit.AuditEvent.Action.CREATE, actor=by, obj=person, request=request,
                     changes=audit.diff({}, audit.snapshot(person, PERSON_FIELDS)))
    return person


def update_person(*, person: Person, by, request=None, **fields) -> Person:
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        before = audit.snapshot(person, PERSON_FIELDS)
        for name, value in fields.items():
            setattr(person, name, value)
        changes = audit.diff(before, audit.snapshot(person, PERSON_FIELDS))
        if changes:
            person.updated_at = timezone.now()
            person.save()
            sync_primary_name(person)
            audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=person, request=request,
                         changes=changes)
    return person


def add_address(*, person: Person, by, kind, from_date=None, to_date=None, request=None, **address_fields):
    """Link an address, reusing the force's existing Address when line 1 and postcode match."""
    key = address_match_key(address_fields["line1"], address_fields.get("postcode", ""))
    with transaction.atomic():
        address = Address.objects.filter(force_id=person.force_id, match_key=key).first()
        if address is None:
            address = Address.objects.create(force_id=person.force_id, match_key=key, **address_fields)
        link = PersonAddress.objects.create(person=person, address=address, kind=kind, from_date=from_date,
                                            to_date=to_date)
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=person, request=request,
                     changes={"address_added": [None, f"{address} ({kind})"]})
    return link


def add_relationship(*, person: Person, other: Person, kind, by, from_date=None, to_date=None, notes="",
                     request=None) -> Relationship:
    with transaction.atomic():
        rel = Relationship.objects.create(person=person, other=other, kind=kind, from_date=from_date,
                                          to_date=to_date, notes=notes)
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=person, request=request,
                     changes={"relationship_added": [None, f"{kind} of person {other.pk}"]})
    return rel


def add_marker(*, person: Person, kind, start_date, by, review_date=None, end_date=None, notes="",
               request=None) -> Marker:
    with transaction.atomic():
        marker = Marker.objects.create(person=person, kind=kind, start_date=start_date, review_date=review_date,
                                       end_date=end_date, notes=notes, created_by=by)
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=person, request=request,
                     changes={"marker_added": [None, kind]})
    return marker
