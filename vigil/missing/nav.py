"""The missing-children links in the main navigation and who gets each (vigil.core.context_processors)."""

from django.utils.translation import gettext_lazy as _

from vigil.accounts.models import Organisation
from vigil.missing.access import MissingCap, is_care_provider, partner_of, police


def opens_episodes(user) -> bool:
    """As views.episode_list: police with missing access (audit reads too); never partners."""
    return police(user, MissingCap.VIEW)


def opens_partner_pages(user) -> bool:
    """The partners this module shares with (views_partner): children's social care gets its return
    home interviews, a care provider the carers' profiles it keeps. A school or any other agency
    would land on a page saying nothing is shared with them, so it gets no link."""
    csc = partner_of(user, Organisation.Kind.CHILDRENS_SOCIAL_CARE) and user.can(MissingCap.RHI)
    return csc or is_care_provider(user)


NAV_ITEMS = (
    (_("Missing children"), "missing:list", opens_episodes),
    (_("Missing children"), "missing:partner_home", opens_partner_pages),
)
