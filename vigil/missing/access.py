"""Capabilities and need-to-know fetching for missing episodes, return interviews and carers' profiles.

Police users see their own force's episodes (restricted people only when named on the record).
Children's social care partners see only the return home interviews addressed to their organisation;
care-provider partners see only the carers' profiles their organisation keeps. Auditors read only.
"""

from __future__ import annotations

from django.db.models import Q
from django.http import Http404

from vigil.accounts.models import Organisation
from vigil.accounts.roles import Role, register_capability
from vigil.core.access import granted_ids
from vigil.people.models import Person


class MissingCap:
    VIEW = "missing.view"
    REPORT = "missing.report"
    EDIT = "missing.edit"  # grade, record actions and interviews, found
    SUPERVISE = "missing.supervise"  # reviews, waivers, Child Rescue Alert decisions
    DASHBOARD = "missing.dashboard"
    RHI = "missing.rhi"  # partner: return home interviews for their area
    PROFILE = "missing.profile"  # partner: carers' profiles for children in their care


_POLICE = [Role.RESPONSE_OFFICER, Role.PP_INVESTIGATOR, Role.MISSING_COORDINATOR, Role.SUPERVISOR, Role.SENIOR_OFFICER]
_GRANTS = {
    MissingCap.VIEW: _POLICE + [Role.OFFENDER_MANAGER, Role.AUDITOR],
    MissingCap.REPORT: _POLICE,
    MissingCap.EDIT: _POLICE,
    MissingCap.SUPERVISE: [Role.SUPERVISOR, Role.SENIOR_OFFICER],
    MissingCap.DASHBOARD: [Role.MISSING_COORDINATOR, Role.SUPERVISOR, Role.SENIOR_OFFICER, Role.AUDITOR],
    MissingCap.RHI: [Role.PARTNER],
    MissingCap.PROFILE: [Role.PARTNER],
}


def register_capabilities() -> None:
    for cap, roles in _GRANTS.items():
        for role in roles:
            register_capability(role, cap)


def police(user, cap: str) -> bool:
    return (user.is_authenticated and user.is_active and not user.is_partner and user.force_id is not None
            and user.can(cap))


def partner_of(user, kind: str) -> bool:
    org = getattr(user, "organisation", None) if user.is_authenticated else None
    return bool(user.is_authenticated and user.is_active and user.is_partner and org is not None and org.kind == kind)


def visible_episodes(user):
    from vigil.missing.models import MissingEpisode

    if not police(user, MissingCap.VIEW):
        return MissingEpisode.objects.none()
    qs = MissingEpisode.objects.filter(force_id=user.force_id)
    return qs.filter(Q(person__restricted=False) | Q(person__in=Person.objects.filter(granted_ids(user, Person))))


def get_episode_for_user(user, pk):
    qs = visible_episodes(user).select_related("person", "supervisor", "escalate_to", "reported_by",
                                               "last_seen_address", "placing_authority", "found_address")
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such missing episode, or you may not see it.")


def can_edit(user) -> bool:
    return police(user, MissingCap.EDIT)


def can_supervise(user) -> bool:
    return police(user, MissingCap.SUPERVISE)


def visible_return_interviews(user):
    from vigil.missing.models import ReturnHomeInterview

    if partner_of(user, Organisation.Kind.CHILDRENS_SOCIAL_CARE) and user.can(MissingCap.RHI):
        return ReturnHomeInterview.objects.filter(organisation_id=user.organisation_id)
    if police(user, MissingCap.VIEW):
        return ReturnHomeInterview.objects.filter(force_id=user.force_id)
    return ReturnHomeInterview.objects.none()


def get_return_interview_for_user(user, pk):
    qs = visible_return_interviews(user).select_related("episode", "episode__person", "organisation", "completed_by")
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such return interview request, or you may not see it.")


def can_complete_return_interview(user, rhi) -> bool:
    return (partner_of(user, Organisation.Kind.CHILDRENS_SOCIAL_CARE) and user.can(MissingCap.RHI)
            and rhi.organisation_id == user.organisation_id)


def is_care_provider(user) -> bool:
    return partner_of(user, Organisation.Kind.CARE_PROVIDER) and user.can(MissingCap.PROFILE)


def visible_profiles(user):
    """Care providers: the profiles they keep. Police: every profile of a child of their force."""
    from vigil.missing.models import CarerProfile

    if is_care_provider(user):
        return CarerProfile.objects.filter(organisation_id=user.organisation_id)
    if police(user, MissingCap.VIEW):
        return CarerProfile.objects.filter(person__force_id=user.force_id)
    return CarerProfile.objects.none()


def get_profile_for_user(user, pk):
    qs = visible_profiles(user).select_related("person", "organisation", "updated_by")
    try:
        return qs.get(pk=pk)
    except (qs.model.DoesNotExist, ValueError, TypeError):
        raise Http404("No such carer's profile, or you may not see it.")


def can_keep_profile(user, profile=None) -> bool:
    """Only the care provider holding the profile edits it (domain.md B4: owned by the provider)."""
    return is_care_provider(user) and (profile is None or profile.organisation_id == user.organisation_id)
