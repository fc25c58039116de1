"""The incidents links in the main navigation and who gets each (vigil.core.context_processors)."""

from django.utils.translation import gettext_lazy as _

from vigil.accounts.models import Organisation
from vigil.incidents.access import IncidentCap, _police

# Referrals go only to children's social care, Operation Encompass notifications only to schools
# (safeguarding.py checks the organisation's kind), so no other partner has an inbox to read.
_INBOX_KINDS = {Organisation.Kind.CHILDRENS_SOCIAL_CARE, Organisation.Kind.SCHOOL}


def opens_incidents(user) -> bool:
    """As views.incident_list, which lists only police users' own force's incidents."""
    return _police(user, IncidentCap.VIEW)


def opens_notice_queue(user) -> bool:
    """As views_safeguarding.child_to_notice: supervisors, senior officers and audit in a force."""
    return _police(user, IncidentCap.QUEUE)


def opens_inbox(user) -> bool:
    """As views_safeguarding.inbox, for the partners anything is ever sent to."""
    org = user.organisation if user.is_partner else None
    return bool(user.is_active and org is not None and org.kind in _INBOX_KINDS and user.can(IncidentCap.INBOX))


NAV_ITEMS = (
    (_("Incidents"), "incidents:list", opens_incidents),
    (_("Child to notice"), "incidents:notice", opens_notice_queue),
    (_("Safeguarding inbox"), "incidents:inbox", opens_inbox),
)
