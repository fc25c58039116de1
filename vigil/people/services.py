"""Writes for people. Keyword-only functions, one transaction each, audited in the same transaction.

Each raises django.core.exceptions.ValidationError with a message a person can act on, before
writing anything; views show it as a form error with a 400.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date

from django.apps import apps
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from vigil.core import audit
from vigil.core.models import AccessGrant
from vigil.people.matching import address_match_key, name_keys
from vigil.people.models import (
    INVERSE_KIND,
    Address,
    DuplicateDecision,
    Marker,
    MergeRecord,
    Person,
    PersonAddress,
    PersonName,
    Relationship,
)

PERSON_FIELDS = ("forenames", "surname", "date_of_birth", "gender", "pnc_id", "nhs_number", "restricted")
# Relationships that read the same both ways round: recording B-A as well as A-B is a duplicate.
SYMMETRIC_KINDS = {
    Relationship.Kind.SIBLING, Relationship.Kind.PARTNER, Relationship.Kind.EX_PARTNER,
    Relationship.Kind.HOUSEHOLD, Relationship.Kind.ASSOCIATE,
}
# Shape of a PNC ID: year, serial number, check letter (e.g. 09/123456X or 2009/123456X).
# Only the shape is checked; the check letter algorithm is not public.
PNC_ID_RE = re.compile(r"^\d{2,4}/\d{1,7}[A-Z]$")


# ---------------------------------------------------------------------------------------------
# Validators (pure; also used by vigil.people.forms)


def clean_pnc_id(value: str) -> str:
    value = (value or "").strip().upper()
    if value and not PNC_ID_RE.match(value):
        raise ValidationError("Enter a PNC ID in the format 09/123456X: year, a slash, the number and a check letter.")
    return value


def nhs_number_is_valid(digits: str) -> bool:
    """Modulus 11 check (NHS Data Dictionary, "NHS Number"): weights 10 down to 2 on the first nine
    digits; 11 minus the remainder is the check digit, 11 means 0 and 10 means the number is invalid."""
    if not re.fullmatch(r"\d{10}", digits):
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    if check == 11:
        check = 0
    return check != 10 and check == int(digits[9])


def clean_nhs_number(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value or "")
    if not digits:
        return ""
    if not digits.isdigit() or len(digits) != 10:
        raise ValidationError("Enter an NHS number of 10 digits, like 943 476 5919.")
    if not nhs_number_is_valid(digits):
        raise ValidationError("Enter a valid NHS number: this one fails its check digit. Check it for a typing error.")
    return digits


def clean_date_of_birth(value: date | None, today: date | None = None) -> date | None:
    if value is not None and value > (today or timezone.localdate()):
        raise ValidationError("Date of birth must be today or in the past.")
    return value


def _check_dates(start, end, *, field: str, message: str) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError({field: message})


def _full_clean(obj, exclude=None) -> None:
    # Length limits, choices and check constraints, before anything is written.
    obj.full_clean(exclude=exclude, validate_unique=False)


# ---------------------------------------------------------------------------------------------
# Names


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


def add_name(*, person, forenames: str, surname: str, kind: str = PersonName.Kind.ALIAS, by=None,
             request=None) -> PersonName:
    fn, sn, fk, sk = name_keys(forenames, surname)
    with transaction.atomic():
        name = PersonName.objects.create(
            person=person, kind=kind, forenames=forenames, surname=surname, forename_norm=fn, surname_norm=sn,
            forename_key=fk, surname_key=sk, force_id_copy=person.force_id, dob_copy=person.date_of_birth,
        )
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=person, request=request,
                     changes={"name_added": [None, f"{forenames} {surname} ({kind})"]})
    return name


def add_alias(*, person, by, forenames: str, surname: str, kind: str = PersonName.Kind.ALIAS,
              request=None) -> PersonName:
    """Another name the person is known by (alias, previous name, "known as")."""
    forenames, surname = (forenames or "").strip(), (surname or "").strip()
    if kind == PersonName.Kind.PRIMARY or kind not in PersonName.Kind.values:
        raise ValidationError({"kind": "Choose what kind of name this is."})
    probe = PersonName(person=person, kind=kind, forenames=forenames, surname=surname)
    _full_clean(probe, exclude=["forename_norm", "surname_norm", "forename_key", "surname_key", "force_id_copy"])
    fn, sn, _, _ = name_keys(forenames, surname)
    if PersonName.objects.filter(person=person, forename_norm=fn, surname_norm=sn).exists():
        raise ValidationError("This name is already recorded for this person.")
    return add_name(person=person, forenames=forenames, surname=surname, kind=kind, by=by, request=request)


# ---------------------------------------------------------------------------------------------
# Create and edit


def _grant(person, user) -> None:
    """Name the user on a restricted record, so restricting a record never locks out its author."""
    if user is None or user.pk is None:
        return
    ct = ContentType.objects.get_for_model(Person)
    AccessGrant.objects.get_or_create(content_type=ct, object_id=person.pk, user=user,
                                      defaults={"granted_by": user})


def _clean_person_fields(data: dict) -> dict:
    errors = {}
    cleaners = {"pnc_id": clean_pnc_id, "nhs_number": clean_nhs_number, "date_of_birth": clean_date_of_birth}
    for name, cleaner in cleaners.items():
        if name in data:
            try:
                data[name] = cleaner(data[name])
            except ValidationError as exc:
                errors[name] = exc.messages
    for name in ("forenames", "surname"):
        if name in data:
            data[name] = (data[name] or "").strip()
    if errors:
        raise ValidationError(errors)
    return data


def create_person(
    *, force, by, forenames: str, surname: str, date_of_birth: date | None = None,
    gender: str = Person.Gender.UNKNOWN, pnc_id: str = "", nhs_number: str = "", restricted: bool = False,
    candidates_shown: list | None = None, decision_reason: str = "", request=None,
) -> Person:
    """A new person, with the duplicate decision that led to it (candidates shown may be empty)."""
    data = _clean_person_fields(dict(forenames=forenames, surname=surname, date_of_birth=date_of_birth,
                                     gender=gender or Person.Gender.UNKNOWN, pnc_id=pnc_id, nhs_number=nhs_number,
                                     restricted=bool(restricted)))
    person = Person(force=force, created_by=by, **data)
    _full_clean(person, exclude=["merged_into"])
    with transaction.atomic():
        person.save()
        sync_primary_name(person)
        if person.restricted:
            _grant(person, by)
        DuplicateDecision.objects.create(
            decided_by=by, decision=DuplicateDecision.Decision.CREATED_NEW, person=person,
            candidates=audit.jsonable(candidates_shown or []), reason=decision_reason[:500],
        )
        audit.record(
            action=audit.AuditEvent.Action.CREATE, actor=by, obj=person, request=request, reason=decision_reason,
            changes={**audit.diff({}, audit.snapshot(person, PERSON_FIELDS)),
                     "duplicate_candidates": [None, [c.get("person_id") for c in candidates_shown or []]]},
        )
    return person


def use_existing_person(*, person, by, candidates_shown: list, decision_reason: str = "",
                        request=None) -> DuplicateDecision:
    """Record that the user chose an existing record instead of creating a duplicate."""
    with transaction.atomic():
        decision = DuplicateDecision.objects.create(
            decided_by=by, decision=DuplicateDecision.Decision.USED_EXISTING, person=person,
            candidates=audit.jsonable(candidates_shown), reason=(decision_reason or "")[:500],
        )
        audit.record(action=audit.AuditEvent.Action.DECISION, actor=by, obj=person, request=request,
                     reason=decision_reason, changes={"duplicate_decision": [None, decision.decision]})
    return decision


def update_person(*, person, by, request=None, reason: str = "", **changes) -> Person:
    """Change a person's details; the audit entry holds each changed field before and after."""
    unknown = set(changes) - set(PERSON_FIELDS)
    if unknown:
        raise ValueError(f"update_person cannot change {sorted(unknown)}")
    changes = _clean_person_fields(dict(changes))
    with transaction.atomic():
        person = Person.objects.select_for_update().get(pk=person.pk)
        if person.merged_into_id:
            raise ValidationError("This record was merged into another; change that record instead.")
        before = audit.snapshot(person, PERSON_FIELDS)
        for name, value in changes.items():
            setattr(person, name, value)
        _full_clean(person, exclude=["merged_into"])
        changed = audit.diff(before, audit.snapshot(person, PERSON_FIELDS))
        if not changed:
            return person
        person.updated_at = timezone.now()
        person.save()
        if {"forenames", "surname", "date_of_birth"} & set(changed):
            sync_primary_name(person)
        if "restricted" in changed and person.restricted:
            _grant(person, by)
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=person, request=request, reason=reason,
                     changes=changed)
    return person


# ---------------------------------------------------------------------------------------------
# Addresses, relationships, markers


def add_address(
    *, person, by, line1: str, line2: str = "", town: str, postcode: str = "", local_authority: str = "",
    from_date: date | None = None, to_date: date | None = None, kind: str = PersonAddress.Kind.HOME, request=None,
) -> PersonAddress:
    """Link a person to an address, reusing the force's existing record of that address."""
    _check_dates(from_date, to_date, field="to_date", message="The date they left must be on or after the date they moved in.")
    postcode = " ".join((postcode or "").upper().split())
    key = address_match_key(line1 or "", postcode)
    with transaction.atomic():
        address = Address.objects.filter(force_id=person.force_id, match_key=key).order_by("pk").first()
        if address is None:
            address = Address(force_id=person.force_id, line1=(line1 or "").strip(), line2=(line2 or "").strip(),
                              town=(town or "").strip(), postcode=postcode, local_authority=(local_authority or "").strip(),
                              match_key=key)
            _full_clean(address, exclude=["force"])
            address.save()
        link = PersonAddress(person=person, address=address, kind=kind, from_date=from_date, to_date=to_date)
        _full_clean(link, exclude=["person", "address"])
        link.save()
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=person, request=request,
                     changes={"address_added": [None, str(address)], "from_date": [None, from_date],
                              "to_date": [None, to_date], "kind": [None, kind]})
    return link


def end_address(*, person_address, by, to_date: date, request=None) -> PersonAddress:
    if to_date is None:
        raise ValidationError({"to_date": "Enter the date they left."})
    if person_address.to_date is not None:
        raise ValidationError("This address already has an end date.")
    _check_dates(person_address.from_date, to_date, field="to_date",
                 message="The date they left must be on or after the date they moved in.")
    with transaction.atomic():
        person_address.to_date = to_date
        person_address.save(update_fields=["to_date"])
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=person_address.person, request=request,
                     changes={"address_ended": [str(person_address.address), str(to_date)]})
    return person_address


def _relationship_exists(person, other, kind) -> bool:
    if Relationship.objects.filter(person=person, other=other, kind=kind).exists():
        return True
    inverse = kind if kind in SYMMETRIC_KINDS else INVERSE_KIND.get(kind)
    return bool(inverse) and Relationship.objects.filter(person=other, other=person, kind=inverse).exists()


def add_relationship(
    *, person, other, kind: str, by, from_date: date | None = None, to_date: date | None = None, notes: str = "",
    request=None,
) -> Relationship:
    """`person` is the `kind` of `other` (e.g. parent of). The caller fetched `other` through
    visible_people, so both are visible; here both must be live records of the same force."""
    if other is None:
        raise ValidationError({"other": "Choose the other person."})
    if other.pk == person.pk:
        raise ValidationError({"other": "A person cannot be related to themselves."})
    if other.force_id != person.force_id:
        raise ValidationError({"other": "Both people must be records of the same force."})
    if other.merged_into_id or person.merged_into_id:
        raise ValidationError({"other": "That record was merged into another: link the surviving record."})
    if kind not in Relationship.Kind.values:
        raise ValidationError({"kind": "Choose the kind of relationship."})
    _check_dates(from_date, to_date, field="to_date", message="The end date must be on or after the start date.")
    relationship = Relationship(person=person, other=other, kind=kind, from_date=from_date, to_date=to_date,
                                notes=(notes or "").strip())
    _full_clean(relationship, exclude=["person", "other"])
    with transaction.atomic():
        if _relationship_exists(person, other, kind):
            raise ValidationError({"other": "This relationship is already recorded."})
        relationship.save()
        label = f"{relationship.get_kind_display()} {other.full_name} ({other.pk})"
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=person, request=request,
                     changes={"relationship_added": [None, label]})
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=other, request=request,
                     changes={"relationship_added": [None, f"{person.full_name} ({person.pk}) is "
                                                               f"{relationship.get_kind_display().lower()} this person"]})
    return relationship


def add_marker(
    *, person, kind: str, start_date: date, by, review_date: date | None = None, end_date: date | None = None,
    notes: str = "", request=None,
) -> Marker:
    if start_date is None:
        raise ValidationError({"start_date": "Enter the start date."})
    _check_dates(start_date, review_date, field="review_date", message="The review date must be on or after the start date.")
    _check_dates(start_date, end_date, field="end_date", message="The end date must be on or after the start date.")
    marker = Marker(person=person, kind=kind, start_date=start_date, review_date=review_date, end_date=end_date,
                    notes=(notes or "").strip(), created_by=by)
    _full_clean(marker, exclude=["person", "created_by"])
    with transaction.atomic():
        marker.save()
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=person, request=request,
                     changes={"marker_added": [None, marker.get_kind_display()], "start_date": [None, start_date],
                              "review_date": [None, review_date]})
    return marker


def end_marker(*, marker, by, end_date: date, reason: str = "", request=None) -> Marker:
    if end_date is None:
        raise ValidationError({"end_date": "Enter the end date."})
    if marker.end_date is not None:
        raise ValidationError("This marker has already ended.")
    _check_dates(marker.start_date, end_date, field="end_date", message="The end date must be on or after the start date.")
    with transaction.atomic():
        marker.end_date = end_date
        marker.save(update_fields=["end_date"])
        audit.record(action=audit.AuditEvent.Action.UPDATE, actor=by, obj=marker.person, request=request,
                     reason=reason, changes={"marker_ended": [marker.get_kind_display(), str(end_date)]})
    return marker


# ---------------------------------------------------------------------------------------------
# Merge

# Rows that are the merge history itself stay where they are.
_MERGE_SKIP = {MergeRecord}
_FILL_IF_BLANK = ("date_of_birth", "pnc_id", "nhs_number")


def _reverse_person_fks():
    """Every foreign key (and one-to-one) from any model to Person, including hidden ones and the
    through tables of many-to-many fields, so modules added later are covered without changes here."""
    for rel in Person._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one):
            if rel.related_model in _MERGE_SKIP or rel.related_model is PersonName:
                continue
            yield rel.related_model, rel.field


def _generic_fks():
    """(model, field, content type column, object id column) of every generic foreign key."""
    for model in apps.get_models():
        for gfk in model._meta.private_fields:
            if isinstance(gfk, GenericForeignKey):
                yield model, gfk, model._meta.get_field(gfk.ct_field).attname, gfk.fk_field


def _unique_sets(model, fk) -> list[tuple[tuple[str, ...], models.Q | None]]:
    """Column sets that must be unique on `model` and include the foreign key `fk`, each with the
    condition under which the constraint applies (None: always)."""
    sets = [(tuple(names), None) for names in model._meta.unique_together]
    for constraint in model._meta.constraints:
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields:
            sets.append((tuple(constraint.fields), constraint.condition))
    if fk.unique:
        sets.append(((fk.name,), None))
    found = []
    for names, condition in sets:
        cols = tuple(model._meta.get_field(n).attname for n in names)
        if fk.attname in cols:
            found.append((cols, condition))
    return found


def _twin(model, fk, row, survivor, unique_sets):
    """The survivor's row that `row` would repeat once moved (breaking a unique constraint), or None."""
    for cols, condition in unique_sets:
        values = {col: survivor.pk if col == fk.attname else getattr(row, col) for col in cols}
        if any(value is None for value in values.values()):
            continue  # NULLs never collide in a unique index
        existing = model._base_manager.filter(**values).exclude(pk=row.pk)
        if condition is not None:
            # Conditions name the row's own columns, which the move leaves alone apart from the person.
            if not model._base_manager.filter(condition, pk=row.pk).exists():
                continue
            existing = existing.filter(condition)
        twin = existing.order_by("pk").first()
        if twin is not None:
            return twin
    return None


def _has_dependents(row) -> bool:
    """Whether any row points at `row`, so deleting it would lose something (or be refused)."""
    for rel in row._meta.get_fields(include_hidden=True):
        if rel.auto_created and not rel.concrete and (rel.one_to_many or rel.one_to_one):
            if rel.related_model._base_manager.filter(**{rel.field.name: row}).exists():
                return True
    # Looked up, not get_for_model: that would write a content type for a many-to-many table.
    ct = ContentType.objects.filter(app_label=row._meta.app_label, model=row._meta.model_name).first()
    if ct is None:
        return False
    return any(model._base_manager.filter(**{ct_col: ct.pk, id_col: row.pk}).exists()
               for model, _, ct_col, id_col in _generic_fks())


def _conflict_message(row, twin) -> str:
    """Why `row` (the merged record's) and `twin` (the survivor's) stop the merge. A model can say it
    in its own words with merge_conflict_message(kept_row)."""
    own = getattr(row, "merge_conflict_message", None)
    if own is not None and twin is not None:
        return own(twin)
    name = row._meta.verbose_name
    if twin is None:
        return (f"A {name} ({row.pk}) links the two records and has records of its own: "
                "remove it first, then merge the records.")
    return (f"Both records have a {name} ({twin.pk} and {row.pk}) and only one is allowed: "
            "combine them first, then merge the records.")


def _row_snapshot(row, why: str) -> dict:
    return audit.jsonable({"model": row._meta.label_lower, "why": why,
                           **{f.attname: getattr(row, f.attname) for f in row._meta.concrete_fields}})


def _plan_rows(model, fk, survivor, merged) -> tuple[list, list[str]]:
    """Read only: the rows to delete, as (row, why), before the merged person's `model` rows move
    to the survivor, and the conflicts that refuse the merge. A row that would point at both
    records, or repeat a survivor's row under a unique constraint, is a duplicate: whichever copy
    nothing else points at is dropped. A one-to-one row (a record in its own right, such as a
    registration) is never dropped, nor a copy with rows of its own: the merge is refused."""
    other_person_fks = [f for f in model._meta.concrete_fields
                        if f.is_relation and f.related_model is Person and f is not fk]
    unique_sets = _unique_sets(model, fk)
    if not other_person_fks and not unique_sets:
        return [], []
    drops: dict = {}
    conflicts: list[str] = []
    for row in model._base_manager.filter(**{fk.attname: merged.pk}).order_by("pk"):
        if any(getattr(row, f.attname) == survivor.pk for f in other_person_fks):
            if _has_dependents(row):
                conflicts.append(_conflict_message(row, None))
            else:
                drops[row.pk] = (row, "links the two records")  # e.g. a relationship between them
            continue
        twin = _twin(model, fk, row, survivor, unique_sets)
        if twin is None:
            continue
        if fk.unique:
            conflicts.append(_conflict_message(row, twin))
        elif not _has_dependents(row):
            drops[row.pk] = (row, f"repeats {model._meta.label_lower} {twin.pk} of the record kept")
        elif not _has_dependents(twin):
            drops[twin.pk] = (twin, f"repeated {model._meta.label_lower} {row.pk}, which has records of its own")
        else:
            conflicts.append(_conflict_message(row, twin))
    return list(drops.values()), conflicts


def _move_names(survivor, merged, dropped: list) -> int:
    """The merged record's names become the survivor's aliases (exact repeats are dropped)."""
    have = set(PersonName.objects.filter(person=survivor).values_list("forename_norm", "surname_norm"))
    moved = 0
    for name in PersonName.objects.filter(person=merged).order_by("pk"):
        if (name.forename_norm, name.surname_norm) in have:
            dropped.append(_row_snapshot(name, "repeats a name of the record kept"))
            name.delete()
            continue
        have.add((name.forename_norm, name.surname_norm))
        name.person = survivor
        if name.kind == PersonName.Kind.PRIMARY:
            name.kind = PersonName.Kind.ALIAS
        name.save(update_fields=["person", "kind"])
        moved += 1
    return moved


def _move_rows(model, fk, survivor, merged, drops: list, dropped: list) -> int:
    """Delete the planned duplicates, then re-point the rest of the merged person's rows."""
    for row, why in drops:
        dropped.append(_row_snapshot(row, why))
        model._base_manager.filter(pk=row.pk).delete()
    return model._base_manager.filter(**{fk.attname: merged.pk}).update(**{fk.attname: survivor.pk})


def _move_generic(survivor, merged) -> Counter:
    """Rows that point at a person through a generic relation (access grants, task subjects)."""
    moved: Counter = Counter()
    ct = ContentType.objects.get_for_model(Person)
    for model, gfk, ct_col, id_col in _generic_fks():
        count = model._base_manager.filter(**{ct_col: ct.pk, id_col: merged.pk}).update(**{id_col: survivor.pk})
        if count:
            moved[f"{model._meta.label_lower}.{gfk.name}"] += count
    return moved


def merge_people(*, survivor, merged, by, reason: str, request=None) -> MergeRecord:
    """Fold `merged` into `survivor`: every linked row moves, the merged record stays (pointing at
    the survivor) with a snapshot of how it was, and both records' audit trails say so. A merge
    that would break a one-to-one link is refused before anything is written."""
    reason = (reason or "").strip()
    if survivor is None or merged is None:
        raise ValidationError("Choose the record to merge.")
    if survivor.pk == merged.pk:
        raise ValidationError("A record cannot be merged with itself.")
    if not reason:
        raise ValidationError({"reason": "Say why these are the same person."})
    with transaction.atomic():
        locked = {p.pk: p for p in Person.objects.select_for_update().filter(pk__in=[survivor.pk, merged.pk])}
        survivor, merged = locked[survivor.pk], locked[merged.pk]
        if merged.merged_into_id:
            raise ValidationError("That record has already been merged into another record.")
        if survivor.merged_into_id:
            raise ValidationError("This record has already been merged into another record.")
        if survivor.force_id != merged.force_id:
            raise ValidationError("Records of different forces cannot be merged.")
        plans = [(model, fk, *_plan_rows(model, fk, survivor, merged)) for model, fk in _reverse_person_fks()]
        conflicts = [message for *_, messages in plans for message in messages]
        if conflicts:
            raise ValidationError(conflicts)

        snapshot = {
            "person": audit.jsonable({f.attname: getattr(merged, f.attname) for f in Person._meta.concrete_fields}),
            "names": [f"{n.forenames} {n.surname} ({n.kind})" for n in merged.names.all()],
        }
        dropped: list = []
        moved: Counter = Counter()
        moved["people.personname.person"] = _move_names(survivor, merged, dropped)
        for model, fk, drops, _ in plans:
            moved[f"{model._meta.label_lower}.{fk.name}"] += _move_rows(model, fk, survivor, merged, drops, dropped)
        moved.update(_move_generic(survivor, merged))

        before = audit.snapshot(survivor, PERSON_FIELDS)
        for name in _FILL_IF_BLANK:
            if not getattr(survivor, name) and getattr(merged, name):
                setattr(survivor, name, getattr(merged, name))
        if survivor.gender == Person.Gender.UNKNOWN:
            survivor.gender = merged.gender
        # The stricter wins: merging never exposes a restricted record's contents.
        survivor.restricted = survivor.restricted or merged.restricted
        filled = audit.diff(before, audit.snapshot(survivor, PERSON_FIELDS))
        now = timezone.now()
        survivor.updated_at = now
        survivor.save()
        merged.merged_into = survivor
        merged.updated_at = now
        merged.save(update_fields=["merged_into", "updated_at"])
        sync_primary_name(survivor)

        snapshot["dropped"] = dropped
        counts = {key: n for key, n in sorted(moved.items()) if n}
        record = MergeRecord.objects.create(survivor=survivor, merged=merged, merged_by=by, reason=reason,
                                            snapshot=snapshot, moved=counts)
        audit.record(action=audit.AuditEvent.Action.MERGE, actor=by, obj=survivor, request=request, reason=reason,
                     changes={"merged_in": [None, merged.pk], "moved": counts, "dropped": len(dropped), **filled})
        audit.record(action=audit.AuditEvent.Action.MERGE, actor=by, obj=merged, request=request, reason=reason,
                     changes={"merged_into": [None, survivor.pk]})
    return record


def linked_counts(person) -> dict[str, int]:
    """How many rows of each kind point at a person (what a merge would move), for the merge page."""
    counts = {"names": PersonName.objects.filter(person=person).count()}
    for model, fk in _reverse_person_fks():
        n = model._base_manager.filter(**{fk.attname: person.pk}).count()
        if n:
            label = str(model._meta.verbose_name_plural)
            if sum(1 for f in model._meta.concrete_fields if f.is_relation and f.related_model is Person) > 1:
                label = f"{label} ({fk.verbose_name})"
            counts[label] = counts.get(label, 0) + n
    return counts
