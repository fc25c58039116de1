"""Capability checks for API views: the same capabilities the web pages check (vigil.accounts.roles).

Record-level rules (own force, restricted records, partner shares) are applied where objects are
fetched, by the access helpers, not here (ADR 0006).
"""

from rest_framework.permissions import BasePermission

from vigil.accounts.roles import Cap


def has_any(user, *caps: str) -> bool:
    return bool(user and user.is_authenticated and any(user.can(cap) for cap in caps))


class CanViewPeople(BasePermission):
    """Police users who may view people; partners see only what was shared with them."""

    message = "You do not have access to people's records."

    def has_permission(self, request, view):
        user = request.user
        return has_any(user, Cap.PERSON_VIEW) or bool(user and user.is_authenticated and user.is_partner
                                                       and user.organisation_id and user.is_active)


class CanEditPeopleOnWrite(BasePermission):
    """Reads are governed by CanViewPeople; anything that writes needs Cap.PERSON_EDIT."""

    message = "You may not change people's records."

    def has_permission(self, request, view):
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return has_any(request.user, Cap.PERSON_EDIT)


class CanWorkTasks(BasePermission):
    message = "You do not have a task list."

    def has_permission(self, request, view):
        return has_any(request.user, Cap.TASK_WORK, Cap.TEAM_VIEW)


class CanSearchAudit(BasePermission):
    message = "You may not search the audit trail."

    def has_permission(self, request, view):
        return has_any(request.user, Cap.AUDIT_SEARCH)
