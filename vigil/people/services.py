"""Writes for people. Keyword-only functions, one transaction each, audited in the same transaction.

The people helper extends this module (create with duplicate decision, edit, merge, links).
"""

from __future__ import annotations

from django.db import transaction

from vigil.core import audit
from vigil.people.matching import name_keys
from vigil.people.models import PersonName


def sync_primary_name(person) -> PersonName:
    """Keep the PRIMARY PersonName row (and every name's force/DOB copies) in step with the person."""
    fn, sn, fk, sk = name_keys(person.forenames, person.surname)
    with transaction.atomic():
        name, _ = PersonName.objects.update_or_create(
            person=person, kind=PersonName.Kind.PRIMARY,
            defaults=dict(forenames=person.forenames, surname=person.surname, forename_norm=fn, surname_norm=sn,
                          forename_key=fk, surname_key=sk, force_id_copy=person.force_id,
                          dob_copy=person.date_of_birth),
        )
        PersonName.objects.filter(person=person).exclude(pk=name.pk).update(
            force_id_copy=person.force_id, dob_copy=person.date_of_birth
        )
    return name


def add_name(*, person, forenames: str, surname: str, kind: str = PersonName.Kind.ALIAS, by=None) -> PersonName:
    fn, sn, fk, sk = name_keys(forenames, surname)
    with transaction.atomic():
        name = PersonName.objects.create(
            person=person, kind=kind, forenames=forenames, surname=surname, forename_norm=fn, surname_norm=sn,
            forename_key=fk, surname_key=sk, force_id_copy=person.force_id, dob_copy=person.date_of_birth,
        )
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=person,
                     changes={"name_added": [None, f"{forenames} {surname} ({kind})"]})
    return name
