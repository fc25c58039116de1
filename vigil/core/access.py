"""Need-to-know access, checked wherever a record is fetched.

Every view and API endpoint gets objects through a `get_*_for_user` helper (one per kind of
record, in each app's access.py) built on these primitives. Rules, in order:
1. the user must hold the capability for the kind of access (vigil.accounts.roles);
2. police users see only their own force's records;
3. a restricted record is visible only to the people and teams named on it, and opening it
   needs a reason, which is logged;
4. partner users see only what was shared with their organisation.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import Q

from vigil.core.models import AccessGrant

# Reasons given for opening restricted records are kept in the session for this long.
RESTRICTED_REASON_SECONDS = 30 * 60


class ReasonRequired(Exception):
    """Raised when a restricted record is fetched without a reason for this session."""

    def __init__(self, obj):
        super().__init__("a reason is needed to open this restricted record")
        self.obj = obj


def require(user, cap: str) -> None:
    if not (user.is_authenticated and user.can(cap)):
        raise PermissionDenied


def granted_object_ids(user, model):
    """Subquery of the ids of `model` records this user is named on (directly or by team)."""
    ct = ContentType.objects.get_for_model(model)
    return AccessGrant.objects.filter(content_type=ct).filter(
        Q(user=user) | Q(team__in=user.teams.all())
    ).values("object_id")


def granted_ids(user, model) -> Q:
    """Q over `model` matching the restricted records this user is named on (directly or by team)."""
    return Q(pk__in=granted_object_ids(user, model))


def is_granted(user, obj) -> bool:
    ct = ContentType.objects.get_for_model(type(obj))
    return AccessGrant.objects.filter(content_type=ct, object_id=obj.pk).filter(
        Q(user=user) | Q(team__in=user.teams.all())
    ).exists()


def reason_session_key(obj) -> str:
    return f"restricted-reason:{obj._meta.label_lower}:{obj.pk}"
