"""Who may see and work on a task."""

from django.db.models import Q
from django.http import Http404

from vigil.accounts.roles import Cap, Role
from vigil.core.models import Task


def supervised_teams(user):
    """Teams whose work this user oversees: those they supervise; senior officers and auditors
    oversee every team in their force."""
    from vigil.accounts.models import Team

    if user.has_role(Role.SENIOR_OFFICER) or user.has_role(Role.AUDITOR):
        return Team.objects.filter(force_id=user.force_id)
    return Team.objects.filter(memberships__user=user, memberships__is_supervisor=True)


def visible_tasks(user):
    if not user.is_authenticated:
        return Task.objects.none()
    if user.is_partner:
        return Task.objects.filter(organisation_id=user.organisation_id) if user.organisation_id else Task.objects.none()
    if user.force_id is None or not (user.can(Cap.TASK_WORK) or user.can(Cap.TEAM_VIEW)):
        return Task.objects.none()
    mine = Q(owner=user) | Q(team__in=user.teams.all(), owner__isnull=True)
    if user.can(Cap.TEAM_VIEW):
        teams = supervised_teams(user)
        mine |= Q(team__in=teams) | Q(owner__memberships__team__in=teams)
    return Task.objects.filter(force_id=user.force_id).filter(mine).distinct()


def my_tasks(user):
    """The tasks on a user's own list: theirs, their teams' unowned ones, their organisation's."""
    if user.is_partner:
        if not user.organisation_id:
            return Task.objects.none()
        return Task.objects.filter(organisation_id=user.organisation_id)
    return Task.objects.filter(force_id=user.force_id).filter(
        Q(owner=user) | Q(team__in=user.teams.all(), owner__isnull=True)
    )


def get_task_for_user(user, pk) -> Task:
    try:
        return visible_tasks(user).select_related("owner", "team", "person").get(pk=pk)
    except (Task.DoesNotExist, ValueError):
        raise Http404("No such task, or you may not see it.")


def can_complete(user, task: Task) -> bool:
    if user.has_role(Role.AUDITOR) and not (user.roles - {Role.AUDITOR}):
        return False  # performance and audit is read-only
    if user.is_partner:
        return task.organisation_id == user.organisation_id
    return (
        task.owner_id == user.pk
        or (task.owner_id is None and task.team_id in set(user.teams.values_list("id", flat=True)))
        or user.can(Cap.TEAM_VIEW)
    )
