"""Capabilities and need-to-know fetching for incidents, referrals and school notifications.

Police users see their own force's incidents. Partner users see no incidents at all: a children's
social care user sees only the referrals addressed to their organisation, a school user only the
Operation Encompass notifications sent to their school (their own pupils).
A restricted person (vigil.core.access rule 3) stays hidden inside an incident: records about them
(referral, notification, police protection) are listed only for users named on their record, and
their name is masked wherever an incident lists the people and children in it.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from vigil.accounts.roles import Role, register_capability
from vigil.core.access import granted_ids
from vigil.people.access import HiddenPerson, hidden_people, mask_people  # noqa: F401  (used by views and api)


class IncidentCap:
    VIEW = "incident.view"
    EDIT = "incident.edit"
    IMPORT = "incident.import"
    OVERRIDE = "safeguarding.override"
    QUEUE = "safeguarding.queue"
    INBOX = "safeguarding.inbox"


_GRANTS = {
    IncidentCap.VIEW: [Role.RESPONSE_OFFICER, Role.PP_INVESTIGATOR, Role.OFFENDER_MANAGER, Role.MISSING_COORDINATOR,
                       Role.SUPERVISOR, Role.SENIOR_OFFICER, Role.AUDITOR],
    IncidentCap.EDIT: [Role.RESPONSE_OFFICER, Role.PP_INVESTIGATOR, Role.OFFENDER_MANAGER, Role.MISSING_COORDINATOR,
                       Role.SUPERVISOR, Role.SENIOR_OFFICER],
    IncidentCap.IMPORT: [Role.SUPERVISOR, Role.SENIOR_OFFICER],
    IncidentCap.OVERRIDE: [Role.SUPERVISOR, Role.SENIOR_OFFICER],
    IncidentCap.QUEUE: [Role.SUPERVISOR, Role.SENIOR_OFFICER, Role.AUDITOR],
    IncidentCap.INBOX: [Role.PARTNER],
}


def register_capabilities() -> None:
    for cap, roles in _GRANTS.items():
        for role in roles:
            register_capability(role, cap)


def _police(user, cap: str) -> bool:
    return (
        user.is_authenticated and user.is_active and not user.is_partner and user.force_id is not None
        and user.can(cap)
    )


def _named_on(user):
    """Q over records about a person: the person is not restricted, or the user is named on it."""
    from vigil.people.models import Person

    return Q(person__restricted=False) | Q(person_id__in=Person.objects.filter(granted_ids(user, Person)).values("pk"))


def reads_safeguarding(user) -> bool:
    """Police with incident access, or a partner with an inbox: who may ask for referrals and notifications."""
    if _police(user, IncidentCap.VIEW):
        return True
    return bool(user.is_authenticated and user.is_active and user.is_partner and user.organisation_id
                and user.can(IncidentCap.INBOX))


def visible_incidents(user):
    from vigil.incidents.models import Incident

    if not _police(user, IncidentCap.VIEW):
        return Incident.objects.none()
    return Incident.objects.filter(force_id=user.force_id)


def get_incident_for_user(user, pk):
    qs = visible_incidents(user).select_related("incident_type", "address", "attending_officer", "closed_by",
                                               "override_by")
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such incident, or you may not see it.")


def can_edit(user) -> bool:
    return _police(user, IncidentCap.EDIT)


def can_override(user) -> bool:
    return _police(user, IncidentCap.OVERRIDE)


def visible_referrals(user):
    from vigil.incidents.models import Referral

    if not user.is_authenticated or not user.is_active:
        return Referral.objects.none()
    if user.is_partner:
        if user.organisation_id and user.can(IncidentCap.INBOX):
            return Referral.objects.filter(organisation_id=user.organisation_id)
        return Referral.objects.none()
    if _police(user, IncidentCap.VIEW):
        return Referral.objects.filter(_named_on(user), force_id=user.force_id)
    return Referral.objects.none()


def get_referral_for_user(user, pk):
    qs = visible_referrals(user).select_related("incident", "incident__incident_type", "person", "organisation",
                                                "sent_by", "acknowledged_by", "decided_by", "assessment")
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such referral, or you may not see it.")


def visible_notifications(user):
    """School users see only notifications actually sent to their school."""
    from vigil.incidents.models import EncompassNotification

    if not user.is_authenticated or not user.is_active:
        return EncompassNotification.objects.none()
    if user.is_partner:
        if user.organisation_id and user.can(IncidentCap.INBOX):
            return EncompassNotification.objects.filter(school_id=user.organisation_id, sent_at__isnull=False)
        return EncompassNotification.objects.none()
    if _police(user, IncidentCap.VIEW):
        return EncompassNotification.objects.filter(_named_on(user), force_id=user.force_id)
    return EncompassNotification.objects.none()


def get_notification_for_user(user, pk):
    qs = visible_notifications(user).select_related("incident", "incident__incident_type", "person", "school",
                                                    "sent_by", "acknowledged_by")
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such notification, or you may not see it.")


def visible_protections(user):
    from vigil.incidents.models import PoliceProtection

    if not _police(user, IncidentCap.VIEW):
        return PoliceProtection.objects.none()
    return PoliceProtection.objects.filter(_named_on(user), force_id=user.force_id)


def get_protection_for_user(user, pk):
    qs = visible_protections(user).select_related("incident", "person", "designated_officer", "found_authority",
                                                  "home_authority")
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such police protection record, or you may not see it.")
