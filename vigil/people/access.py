"""Fetching people with need-to-know checks (see vigil.core.access for the rules), and hiding the
name of a restricted person wherever another record shows them to someone not named on it."""

from __future__ import annotations

import time

from django.db.models import Q
from django.http import Http404

from vigil.accounts.roles import Cap
from vigil.core import audit
from vigil.core.access import (
    RESTRICTED_REASON_SECONDS,
    ReasonRequired,
    granted_ids,
    is_granted,
    reason_session_key,
)
from vigil.people.models import Person


def visible_people(user):
    """People this user may know exist (search results, lists, API)."""
    if not user.is_authenticated or not user.is_active:
        return Person.objects.none()
    if user.is_partner and user.organisation_id:
        return Person.objects.live().filter(
            shares__organisation_id=user.organisation_id, shares__revoked_at__isnull=True
        ).distinct()
    if not user.can(Cap.PERSON_VIEW) or user.force_id is None:
        return Person.objects.none()
    own_force = Person.objects.filter(force_id=user.force_id)
    return own_force.filter(Q(restricted=False) | granted_ids(user, Person))


def get_person_for_user(request, pk, *, log_view: bool = True) -> Person:
    """The person, or Http404 if this user may not know it exists.

    Restricted records raise ReasonRequired until the user has given a reason in this session;
    the reason is audited when given (see `give_reason`). Each read is audited here. A merged
    record is returned as it is; views redirect to the record it was merged into.
    """
    user = request.user
    qs = visible_people(user)
    try:
        person = qs.get(pk=pk)
    except (Person.DoesNotExist, ValueError, TypeError):
        raise Http404("No such person, or you may not see it.")
    if person.restricted and not user.is_partner:
        stamp = request.session.get(reason_session_key(person)) if hasattr(request, "session") else None
        if not stamp or time.time() - stamp > RESTRICTED_REASON_SECONDS:
            raise ReasonRequired(person)
    if log_view:
        audit.record(action=audit.AuditEvent.Action.VIEW, actor=user, obj=person, request=request)
    return person


def give_reason(request, person: Person, reason: str) -> None:
    """Record the reason for opening a restricted record, for this session."""
    reason = (reason or "").strip()
    if len(reason) < 10:
        raise ValueError("Give a reason of at least 10 characters.")
    if not is_granted(request.user, person):
        raise Http404("No such person, or you may not see it.")
    audit.record(
        action=audit.AuditEvent.Action.RESTRICTED_ACCESS, actor=request.user, obj=person, reason=reason,
        request=request,
    )
    request.session[reason_session_key(person)] = time.time()


class HiddenPerson:
    """Shown instead of a restricted person the user is not named on: no name, no date of birth."""

    full_name = "A restricted record"
    date_of_birth = None
    pk = id = None

    def __str__(self) -> str:
        return self.full_name


def hidden_people(user, person_ids) -> set[int]:
    """Those of `person_ids` whose record is restricted and does not name this police user.
    (A partner reaches only the people shared with their organisation, restricted or not.)"""
    ids = {pk for pk in person_ids if pk}
    if not ids or user.is_partner:
        return set()
    restricted = set(Person.objects.filter(pk__in=ids, restricted=True).values_list("pk", flat=True))
    if not restricted:
        return set()
    granted = Person.objects.filter(granted_ids(user, Person), pk__in=restricted).values_list("pk", flat=True)
    return restricted - set(granted)


def mask_people(user, rows, field: str = "person") -> list:
    """Put a HiddenPerson in place of each row's person (or other person `field`) this user may not
    see, so no template or serializer can print the name. Rows keep the id; nothing is saved."""
    rows = list(rows)
    attname = rows[0]._meta.get_field(field).attname if rows else ""
    hidden = hidden_people(user, [getattr(row, attname) for row in rows])
    for row in rows:
        if getattr(row, attname) in hidden:
            row._meta.get_field(field).set_cached_value(row, HiddenPerson())
    return rows
