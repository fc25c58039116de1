"""The offender management links in the main navigation and who gets each (vigil.core.context_processors)."""

from django.utils.translation import gettext_lazy as _

from vigil.offenders.access import OffenderCap, can_oversee, police_can


def opens_queue(user) -> bool:
    """As views.queue: offender managers, supervisors, senior officers and audit, in a force."""
    return police_can(user, OffenderCap.VIEW)


NAV_ITEMS = (
    (_("Offenders"), "offenders:queue", opens_queue),
    (_("RSO dashboard"), "offenders:dashboard", can_oversee),
)
