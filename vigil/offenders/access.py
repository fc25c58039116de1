"""Capabilities and need-to-know fetching for registered sex offender records.

Offender managers, supervisors and senior officers work the records of their own force;
performance and audit staff read them. Partners never see them. A registrant whose person record
is restricted is listed only for users named on it; opening one goes through
vigil.people.access.get_person_for_user, which asks for a reason and audits the read.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from vigil.accounts.roles import Role, register_capability
from vigil.core.access import granted_ids
from vigil.people.models import Person


class OffenderCap:
    VIEW = "offender.view"  # read registrants, queues and dashboards
    EDIT = "offender.edit"  # record notifications, visits, assessments, convictions
    MANAGE = "offender.manage"  # reassign, reactive management, close breaches
    OVERSEE = "offender.oversee"  # team and force dashboards, forecast


_GRANTS = {
    OffenderCap.VIEW: [Role.OFFENDER_MANAGER, Role.SUPERVISOR, Role.SENIOR_OFFICER, Role.AUDITOR],
    OffenderCap.EDIT: [Role.OFFENDER_MANAGER, Role.SUPERVISOR, Role.SENIOR_OFFICER],
    OffenderCap.MANAGE: [Role.SUPERVISOR, Role.SENIOR_OFFICER],
    OffenderCap.OVERSEE: [Role.SUPERVISOR, Role.SENIOR_OFFICER, Role.AUDITOR],
}


def register_capabilities() -> None:
    for cap, roles in _GRANTS.items():
        for role in roles:
            register_capability(role, cap)


def police_can(user, cap: str) -> bool:
    return bool(
        user is not None and user.is_authenticated and user.is_active and not user.is_partner
        and user.force_id is not None and user.can(cap)
    )


def require(user, cap: str) -> None:
    if not police_can(user, cap):
        raise PermissionDenied


def visible_registrants(user):
    from vigil.offenders.models import Registrant

    if not police_can(user, OffenderCap.VIEW):
        return Registrant.objects.none()
    own = Registrant.objects.filter(force_id=user.force_id)
    return own.filter(Q(person__restricted=False) | Q(person_id__in=_granted_people(user)))


def hide_restricted(user, registrants) -> list:
    """Drop, in Python, registrants whose person record is restricted and not granted to `user`.

    Lists order and cut in SQL without joining people (that join would scan the people table on
    every dashboard); only the few rows shown are checked here.
    """
    registrants = list(registrants)
    restricted = {r.person_id for r in registrants if r.person.restricted}
    if not restricted:
        return registrants
    granted = set(Person.objects.filter(granted_ids(user, Person), pk__in=restricted).values_list("pk", flat=True))
    return [r for r in registrants if r.person_id not in restricted or r.person_id in granted]


def _granted_people(user):
    return Person.objects.filter(granted_ids(user, Person)).values("pk")


def get_registrant_for_user(user, pk):
    """The registrant (Http404 if unknown or not visible). Reading the person behind it, which
    audits the view, is the caller's job: see views._fetch."""
    qs = visible_registrants(user).select_related("person", "manager", "team", "home_address")
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such registrant, or you may not see it.")


def can_edit(user) -> bool:
    return police_can(user, OffenderCap.EDIT)


def can_manage(user) -> bool:
    return police_can(user, OffenderCap.MANAGE)


def can_oversee(user) -> bool:
    return police_can(user, OffenderCap.OVERSEE)


def oversight_scope(user):
    """(teams, manager ids) a user oversees: a supervisor their supervised teams and the teams
    below them; senior officers and auditors the whole force (None, None)."""
    from vigil.accounts.models import Team, TeamMembership

    if user.has_role(Role.SENIOR_OFFICER) or user.has_role(Role.AUDITOR):
        return None, None
    top = list(Team.objects.filter(memberships__user=user, memberships__is_supervisor=True))
    teams, frontier = {t.pk: t for t in top}, [t.pk for t in top]
    while frontier:
        below = list(Team.objects.filter(parent_id__in=frontier).exclude(pk__in=teams))
        teams.update({t.pk: t for t in below})
        frontier = [t.pk for t in below]
    managers = set(TeamMembership.objects.filter(team_id__in=teams).values_list("user_id", flat=True))
    return list(teams.values()), managers


def offender_managers(force_id, within=None) -> list[int]:
    """Ids of the force's active offender managers (the people who hold caseloads), optionally only
    those in `within`."""
    from vigil.accounts.models import User

    users = User.objects.filter(force_id=force_id, is_active=True, role_assignments__role=Role.OFFENDER_MANAGER)
    if within is not None:
        users = users.filter(pk__in=list(within))
    return list(users.values_list("pk", flat=True).distinct())
