"""Who owns what: the supervisor for a new episode, the next rank up for escalation, the senior
officer to notify, the coordinator, and the local authority for a return home interview.

There is no duty rota in Vigil yet: "on duty" is the nearest such officer up the chain of command
(Team.parent), then anyone with the role in the force.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q

from vigil.accounts.models import Organisation, Team, TeamMembership, User
from vigil.accounts.roles import Role
from vigil.missing import rules
from vigil.people.models import PersonAddress


def _chain(teams) -> list[list[Team]]:
    """Teams level by level: the user's teams, their parents, their grandparents..."""
    levels, seen = [], set()
    current = [t for t in teams if t is not None]
    while current:
        current = [t for t in current if t.pk not in seen]
        if not current:
            break
        seen.update(t.pk for t in current)
        levels.append(current)
        current = [t.parent for t in current if t.parent_id]
    return levels


def _force_users(force_id, role):
    return (User.objects.filter(force_id=force_id, is_active=True, organisation__isnull=True,
                                role_assignments__role=role).order_by("-rank", "pk"))


def supervisor_for(reporter) -> User | None:
    """A supervisor of one of the reporter's teams (climbing the chain), else any supervisor or
    senior officer in the force."""
    if reporter.has_role(Role.SUPERVISOR) or reporter.has_role(Role.SENIOR_OFFICER):
        return reporter
    for level in _chain(list(reporter.teams.select_related("parent"))):
        found = (User.objects.filter(memberships__team__in=level, memberships__is_supervisor=True, is_active=True)
                 .exclude(pk=reporter.pk).order_by("rank", "pk").first())
        if found:
            return found
    for role in (Role.SUPERVISOR, Role.SENIOR_OFFICER):
        found = _force_users(reporter.force_id, role).order_by("rank", "pk").first()
        if found:
            return found
    return None


def escalation_target(supervisor) -> User | None:
    """The next rank up from the supervisor (rules.next_rank_up over the team chain); failing that a
    senior officer of the force other than the supervisor."""
    candidates = []
    for distance, level in enumerate(_chain(list(supervisor.teams.select_related("parent")))):
        rows = (TeamMembership.objects.filter(team__in=level, is_supervisor=True, user__is_active=True)
                .exclude(user=supervisor).values_list("user_id", "user__rank"))
        candidates += [(uid, rank, distance) for uid, rank in rows]
    chosen = rules.next_rank_up(supervisor.rank, candidates)
    if chosen is None:
        above = (User.objects.filter(force_id=supervisor.force_id, is_active=True, organisation__isnull=True,
                                     rank__gt=supervisor.rank)
                 .filter(role_assignments__role__in=[Role.SUPERVISOR, Role.SENIOR_OFFICER])
                 .values_list("pk", "rank"))
        chosen = rules.next_rank_up(supervisor.rank, [(uid, rank, 99) for uid, rank in above])
    if chosen is not None:
        return User.objects.get(pk=chosen)
    return _force_users(supervisor.force_id, Role.SENIOR_OFFICER).exclude(pk=supervisor.pk).first()


def senior_officer_for(supervisor) -> User | None:
    for level in _chain(list(supervisor.teams.select_related("parent"))):
        found = (User.objects.filter(memberships__team__in=level, is_active=True,
                                     role_assignments__role=Role.SENIOR_OFFICER).order_by("-rank", "pk").first())
        if found:
            return found
    return _force_users(supervisor.force_id, Role.SENIOR_OFFICER).first()


def coordinator_for(force_id) -> User | None:
    return _force_users(force_id, Role.MISSING_COORDINATOR).order_by("pk").first()


def home_area(person, on: date) -> str:
    """Local authority of the child's care placement or home on the date, if recorded."""
    rows = list(PersonAddress.objects.filter(person=person)
                .filter(Q(from_date__isnull=True) | Q(from_date__lte=on), Q(to_date__isnull=True) | Q(to_date__gte=on))
                .select_related("address").order_by("-from_date"))
    for kind in (PersonAddress.Kind.CARE_PLACEMENT, PersonAddress.Kind.HOME, None):
        for row in rows:
            if (kind is None or row.kind == kind) and row.address.local_authority:
                return row.address.local_authority
    return ""


def home_point(person, on: date) -> tuple[float, float] | None:
    rows = (PersonAddress.objects.filter(person=person, address__latitude__isnull=False)
            .filter(Q(from_date__isnull=True) | Q(from_date__lte=on), Q(to_date__isnull=True) | Q(to_date__gte=on))
            .select_related("address").order_by("-from_date"))
    for kind in (PersonAddress.Kind.CARE_PLACEMENT, PersonAddress.Kind.HOME, None):
        for row in rows:
            if kind is None or row.kind == kind:
                return float(row.address.latitude), float(row.address.longitude)
    return None


def csc_for_area(force_id, area: str) -> Organisation | None:
    if not area:
        return None
    return Organisation.objects.filter(force_id=force_id, kind=Organisation.Kind.CHILDRENS_SOCIAL_CARE,
                                       area__iexact=area).order_by("pk").first()


def return_interview_authority(episode) -> Organisation | None:
    """Placing authority for a looked-after child; else children's social care for the child's home
    area; else for the area where they were last seen (domain.md B5: the local authority offers it)."""
    if episode.placing_authority_id:
        return episode.placing_authority
    for area in (episode.home_area, getattr(episode.last_seen_address, "local_authority", "")):
        org = csc_for_area(episode.force_id, area)
        if org:
            return org
    return None
