"""Writes for carers' profiles (Philomena Protocol, domain.md B4): created and kept by the care
provider for each child in their care; police read it the moment a report opens; it moves with the
child to a new placement. Same habits as services.py: validate, then one audited transaction."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from vigil.accounts.models import Organisation
from vigil.core import audit
from vigil.missing.models import TEXT_MAX, CarerProfile, PlaceKind, ProfileMove, ProfilePlace
from vigil.missing.services import clean_point

Action = audit.AuditEvent.Action
PROFILE_FIELDS = ("description", "photo_taken", "associates", "phone", "social_media", "medical", "finance",
                  "transport", "previous_episodes", "trigger_plan")


def _clean(fields: dict) -> dict:
    unknown = set(fields) - set(PROFILE_FIELDS)
    if unknown:
        raise TypeError(f"not profile fields: {sorted(unknown)}")
    out = {}
    for name, value in fields.items():
        if name == "photo_taken":
            if value is not None and value > timezone.localdate():
                raise ValidationError({"photo_taken": "The photograph cannot be dated in the future."})
            out[name] = value
            continue
        text = (value or "").strip()
        limit = 40 if name == "phone" else TEXT_MAX
        if len(text) > limit:
            raise ValidationError({name: f"This must be {limit:,} characters or fewer."})
        out[name] = text
    return out


def _check_provider(organisation) -> None:
    if organisation is None or organisation.kind != Organisation.Kind.CARE_PROVIDER:
        raise ValidationError({"organisation": "A carer's profile is kept by a care provider."})


def create_profile(*, person, organisation, by, photo=None, request=None, **fields) -> CarerProfile:
    _check_provider(organisation)
    if not person.is_child():
        raise ValidationError({"person": "Carers' profiles are for children (under 18)."})
    if person.force_id != organisation.force_id:
        raise ValidationError({"person": "That child is a record of another force."})
    values = _clean(fields)
    with transaction.atomic():
        if CarerProfile.objects.filter(person=person).exists():
            raise ValidationError({"person": "This child already has a profile: it moves with the child, so ask "
                                             "the current care provider to move it to you."})
        profile = CarerProfile.objects.create(person=person, organisation=organisation, created_by=by, updated_by=by,
                                              photo=photo or "", **values)
        audit.record(action=Action.CREATE, actor=by, obj=profile, person_id=person.pk, force_id=person.force_id,
                     request=request, changes={"fields": [None, sorted(k for k, v in values.items() if v)]})
    return profile


def update_profile(*, profile: CarerProfile, by, photo=None, request=None, **fields) -> CarerProfile:
    values = _clean(fields)
    with transaction.atomic():
        profile = CarerProfile.objects.select_for_update().get(pk=profile.pk)
        before = audit.snapshot(profile, list(values))
        for name, value in values.items():
            setattr(profile, name, value)
        if photo is not None:
            profile.photo = photo
        profile.updated_at, profile.updated_by = timezone.now(), by
        profile.save()
        changed = audit.diff(before, audit.snapshot(profile, list(values)))
        if photo is not None:
            changed["photo"] = [None, "new photograph"]
        # The fields' words stay out of the audit trail; which fields changed is recorded.
        audit.record(action=Action.UPDATE, actor=by, obj=profile, person_id=profile.person_id,
                     force_id=profile.person.force_id, request=request, changes={"changed": [None, sorted(changed)]})
    return profile


def add_place(*, profile: CarerProfile, by, label: str, kind: str = PlaceKind.OTHER, address: str = "",
              latitude=None, longitude=None, notes: str = "", request=None) -> ProfilePlace:
    label = (label or "").strip()
    if not label:
        raise ValidationError({"label": "Enter the name of the place."})
    if kind not in PlaceKind.values:
        raise ValidationError({"kind": "Choose the kind of place."})
    lat, lon = clean_point(latitude, longitude, "latitude")
    with transaction.atomic():
        place = ProfilePlace.objects.create(profile=profile, label=label[:200], kind=kind, address=(address or "")[:300],
                                            latitude=lat, longitude=lon, notes=(notes or "").strip()[:500])
        audit.record(action=Action.UPDATE, actor=by, obj=profile, person_id=profile.person_id,
                     force_id=profile.person.force_id, request=request, changes={"place_added": [None, place.label]})
    return place


def remove_place(*, place: ProfilePlace, by, request=None) -> None:
    profile = place.profile
    with transaction.atomic():
        label = place.label
        place.delete()
        audit.record(action=Action.UPDATE, actor=by, obj=profile, person_id=profile.person_id,
                     force_id=profile.person.force_id, request=request, changes={"place_removed": [label, None]})


def move_profile(*, profile: CarerProfile, to_organisation, by, request=None) -> CarerProfile:
    """The child moves placement: the profile moves with them (B4); the old provider loses access."""
    _check_provider(to_organisation)
    if to_organisation.pk == profile.organisation_id:
        raise ValidationError({"organisation": "The profile is already kept by this care provider."})
    if to_organisation.force_id != profile.organisation.force_id:
        raise ValidationError({"organisation": "Choose a care provider working with this force."})
    with transaction.atomic():
        profile = CarerProfile.objects.select_for_update().get(pk=profile.pk)
        ProfileMove.objects.create(profile=profile, from_organisation_id=profile.organisation_id,
                                   to_organisation=to_organisation, moved_by=by)
        before = profile.organisation_id
        profile.organisation, profile.updated_at, profile.updated_by = to_organisation, timezone.now(), by
        profile.save(update_fields=["organisation", "updated_at", "updated_by"])
        audit.record(action=Action.SHARE, actor=by, obj=profile, person_id=profile.person_id,
                     force_id=profile.person.force_id, request=request,
                     changes={"organisation": [before, to_organisation.pk]})
    return profile
