"""Roles and what each may do. One table, read by the access helpers in vigil.core.access.

A user may hold several roles; their capabilities are the union. Record-level rules (own force,
restricted records, partner shares) are applied on top by the access helpers, never here.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    RESPONSE_OFFICER = "response_officer", _("Response officer")
    PP_INVESTIGATOR = "pp_investigator", _("Public protection investigator")
    OFFENDER_MANAGER = "offender_manager", _("Offender manager")
    MISSING_COORDINATOR = "missing_coordinator", _("Missing persons coordinator")
    SUPERVISOR = "supervisor", _("Supervisor")
    SENIOR_OFFICER = "senior_officer", _("Senior officer")
    PARTNER = "partner", _("Partner agency user")
    AUDITOR = "auditor", _("Performance and audit")
    SYSADMIN = "sysadmin", _("System administrator")


class Cap:
    """Capabilities. Names are stable strings so modules can add their own."""

    PERSON_VIEW = "person.view"
    PERSON_EDIT = "person.edit"
    PERSON_MERGE = "person.merge"
    PERSON_SEARCH = "person.search"
    TASK_WORK = "task.work"
    TEAM_VIEW = "team.view"
    AUDIT_SEARCH = "audit.search"
    ADMIN_USERS = "admin.users"
    PARTNER_INBOX = "partner.inbox"


_POLICE_CASEWORK = {Cap.PERSON_VIEW, Cap.PERSON_EDIT, Cap.PERSON_SEARCH, Cap.TASK_WORK}

CAPABILITIES: dict[str, set[str]] = {
    Role.RESPONSE_OFFICER: set(_POLICE_CASEWORK),
    Role.PP_INVESTIGATOR: set(_POLICE_CASEWORK),
    Role.OFFENDER_MANAGER: set(_POLICE_CASEWORK),
    Role.MISSING_COORDINATOR: set(_POLICE_CASEWORK) | {Cap.TEAM_VIEW},
    Role.SUPERVISOR: set(_POLICE_CASEWORK) | {Cap.PERSON_MERGE, Cap.TEAM_VIEW, Cap.AUDIT_SEARCH},
    Role.SENIOR_OFFICER: set(_POLICE_CASEWORK) | {Cap.PERSON_MERGE, Cap.TEAM_VIEW, Cap.AUDIT_SEARCH},
    # Partners see only what was shared with their organisation (vigil.core.access).
    Role.PARTNER: {Cap.PARTNER_INBOX, Cap.TASK_WORK},
    # Read-only across their own force.
    Role.AUDITOR: {Cap.PERSON_VIEW, Cap.PERSON_SEARCH, Cap.TEAM_VIEW, Cap.AUDIT_SEARCH},
    # Users and reference data; no case access by default.
    Role.SYSADMIN: {Cap.ADMIN_USERS},
}


def register_capability(role: str, cap: str) -> None:
    """Let a module grant its own capability to a role (called from AppConfig.ready)."""
    CAPABILITIES.setdefault(role, set()).add(cap)


def capabilities_for(roles) -> set[str]:
    caps: set[str] = set()
    for role in roles:
        caps |= CAPABILITIES.get(role, set())
    return caps
