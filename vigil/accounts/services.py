"""Writes for user and team administration. Each is one transaction with its audit entry
(action "admin"), so an account never changes without a record of who changed it.

Validation lives here, not in the forms: a view, a command or the API get the same rules and
the same messages. Errors are ValidationError keyed by form field name.
"""

from __future__ import annotations

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from allauth.mfa.models import Authenticator
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from vigil.accounts.models import Force, Organisation, RoleAssignment, Team, TeamMembership, User
from vigil.accounts.roles import Role
from vigil.core import audit

ADMIN = audit.AuditEvent.Action.ADMIN
PROFILE_FIELDS = ("first_name", "last_name", "email", "rank", "collar_number", "organisation_id", "is_active")


# --- rules (pure) -------------------------------------------------------------------------------

def role_errors(*, roles, organisation) -> dict[str, str]:
    """A partner agency user belongs to a partner organisation and holds no police role; only
    partner users belong to an organisation (docs/adr/0006-access-control.md: partners see only
    what was shared with their organisation)."""
    roles = set(roles)
    errors: dict[str, str] = {}
    if not roles:
        errors["roles"] = "Choose at least one role."
    elif Role.PARTNER in roles and len(roles) > 1:
        errors["roles"] = "A partner agency user cannot also hold a police role."
    elif Role.PARTNER in roles and organisation is None:
        errors["organisation"] = "Choose the partner organisation this user works for."
    elif Role.PARTNER not in roles and organisation is not None:
        errors["organisation"] = "Only partner agency users belong to a partner organisation. Remove the organisation or choose the partner role."
    return errors


# --- checks that need the database --------------------------------------------------------------

def _check_user(*, force, user, username, email, roles, organisation, teams) -> None:
    errors = role_errors(roles=roles, organisation=organisation)
    unknown = set(roles) - set(Role.values)
    if unknown:
        errors["roles"] = "Choose roles from the list."
    others = User.objects.exclude(pk=getattr(user, "pk", None))
    if username is not None and others.filter(username__iexact=username).exists():
        errors["username"] = "That username is already taken. Choose another."
    if email and others.filter(email__iexact=email).exists():
        # Single sign-on matches people by email address, so two accounts must never share one.
        errors["email"] = "Another user already has that email address."
    if organisation is not None and organisation.force_id != force.pk:
        errors["organisation"] = "Choose an organisation from your force."
    if any(team.force_id != force.pk for team in teams):
        errors["teams"] = "Choose teams from your force."
    if errors:
        raise ValidationError(errors)


def _sync_email(user: User) -> None:
    """Administrators vouch for the address they enter, so it counts as verified: single sign-on
    may then match on it without wiping the password (allauth's protection for unverified mail)."""
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email or "").delete()
    if user.email:
        EmailAddress.objects.update_or_create(
            user=user, email__iexact=user.email,
            defaults={"email": user.email.lower(), "verified": True, "primary": True},
        )


def _set_teams(user: User, teams) -> tuple[list[int], list[int]]:
    """Memberships to match `teams`; a kept membership keeps its supervisor flag."""
    wanted = {team.pk for team in teams}
    current = set(user.memberships.values_list("team_id", flat=True))
    TeamMembership.objects.filter(user=user, team_id__in=current - wanted).delete()
    TeamMembership.objects.bulk_create(
        [TeamMembership(user=user, team_id=pk) for pk in sorted(wanted - current)]
    )
    return sorted(current), sorted(wanted)


def _set_roles(user: User, roles) -> tuple[list[str], list[str]]:
    wanted = set(roles)
    current = set(user.role_assignments.values_list("role", flat=True))
    RoleAssignment.objects.filter(user=user, role__in=current - wanted).delete()
    RoleAssignment.objects.bulk_create([RoleAssignment(user=user, role=r) for r in sorted(wanted - current)])
    user.__dict__.pop("roles", None)
    user.__dict__.pop("capabilities", None)
    return sorted(current), sorted(wanted)


# --- users --------------------------------------------------------------------------------------

def create_user(
    *, force: Force, username: str, first_name: str, last_name: str, email: str = "", rank: int = 0,
    collar_number: str = "", roles, teams=(), organisation: Organisation | None = None, by, request=None,
) -> User:
    """A new account with no usable password: the person sets their own through a one-time
    link (`password_link`), so no administrator ever knows it (docs/security.md)."""
    username = username.strip()
    teams = list(teams)
    _check_user(force=force, user=None, username=username, email=email, roles=roles,
                organisation=organisation, teams=teams)
    try:
        with transaction.atomic():
            user = User(force=force, username=username, first_name=first_name, last_name=last_name,
                        email=email, rank=rank, collar_number=collar_number, organisation=organisation)
            user.set_unusable_password()
            user.save()
            _set_roles(user, roles)
            _set_teams(user, teams)
            _sync_email(user)
            audit.record(
                action=ADMIN, actor=by, obj=user, request=request, reason="User created",
                changes={"username": [None, username], "roles": [[], sorted(roles)],
                         "teams": [[], sorted(t.pk for t in teams)],
                         **{f: [None, v] for f, v in audit.snapshot(user, PROFILE_FIELDS).items()}},
            )
    except IntegrityError:
        # Two administrators creating the same username at once: the database decides.
        raise ValidationError({"username": "That username is already taken. Choose another."})
    return user


def update_user(
    *, user: User, first_name: str, last_name: str, email: str, rank: int, collar_number: str, roles,
    teams, organisation: Organisation | None, is_active: bool, by, request=None,
) -> User:
    teams = list(teams)
    _check_user(force=user.force, user=user, username=None, email=email, roles=roles,
                organisation=organisation, teams=teams)
    if user.pk == by.pk and (not is_active or Role.SYSADMIN not in set(roles)):
        # Otherwise the last administrator could lock everyone out of administration.
        raise ValidationError({"roles": "You cannot remove your own administrator role or deactivate yourself. Ask another administrator."})
    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        before = audit.snapshot(user, PROFILE_FIELDS)
        user.first_name, user.last_name, user.email = first_name, last_name, email
        user.rank, user.collar_number = rank, collar_number
        user.organisation, user.is_active = organisation, is_active
        user.save()
        changes = audit.diff(before, audit.snapshot(user, PROFILE_FIELDS))
        old_roles, new_roles = _set_roles(user, roles)
        if old_roles != new_roles:
            changes["roles"] = [old_roles, new_roles]
        old_teams, new_teams = _set_teams(user, teams)
        if old_teams != new_teams:
            changes["teams"] = [old_teams, new_teams]
        _sync_email(user)
        if changes:
            audit.record(action=ADMIN, actor=by, obj=user, request=request, reason="User changed",
                         changes=changes)
    return user


def reset_mfa(*, user: User, by, request=None) -> int:
    """Remove the user's authenticator app and recovery codes (a lost phone). They must set up a
    new app at their next sign-in when the second factor is required."""
    with transaction.atomic():
        kinds = sorted(Authenticator.objects.filter(user=user).values_list("type", flat=True))
        deleted, _ = Authenticator.objects.filter(user=user).delete()
        audit.record(action=ADMIN, actor=by, obj=user, request=request, reason="Second factor reset",
                     changes={"authenticators": [kinds, []]})
    return deleted


def password_link(*, user: User, by, request) -> str:
    """Clear the user's password and return a one-time link for them to set a new one.

    The link works once (it is signed over the password hash, which changes when it is used) and
    for PASSWORD_RESET_TIMEOUT (Django's default, 3 days). It is shown to the administrator once
    and never stored. Clearing the password also ends the user's sessions and lifts any lockout.
    """
    from axes.utils import reset as axes_reset

    with transaction.atomic():
        user = User.objects.select_for_update().get(pk=user.pk)
        user.set_unusable_password()
        user.save(update_fields=["password"])
        audit.record(action=ADMIN, actor=by, obj=user, request=request, reason="Set-password link issued",
                     changes={"password": ["(set)", "(cleared: link issued)"]})
    axes_reset(username=user.username)
    path = reverse("account_reset_password_from_key", kwargs={
        "uidb36": user_pk_to_url_str(user), "key": default_token_generator.make_token(user)})
    return request.build_absolute_uri(path)


# --- teams --------------------------------------------------------------------------------------

def _check_team(*, force, team, name, parent) -> None:
    errors = {}
    name = name.strip()
    if not name:
        errors["name"] = "Enter the team's name."
    elif Team.objects.filter(force=force, name__iexact=name).exclude(pk=getattr(team, "pk", None)).exists():
        errors["name"] = "Your force already has a team with that name."
    if parent is not None:
        if parent.force_id != force.pk:
            errors["parent"] = "Choose a team from your force."
        elif team is not None and _is_self_or_below(parent, team):
            errors["parent"] = "A team cannot report to itself or to a team below it."
    if errors:
        raise ValidationError(errors)


def _is_self_or_below(candidate: Team, team: Team) -> bool:
    seen = set()
    node = candidate
    while node is not None and node.pk not in seen:
        if node.pk == team.pk:
            return True
        seen.add(node.pk)
        node = node.parent
    return False


def create_team(*, force: Force, name: str, parent: Team | None = None, by, request=None) -> Team:
    _check_team(force=force, team=None, name=name, parent=parent)
    with transaction.atomic():
        team = Team.objects.create(force=force, name=name.strip(), parent=parent)
        audit.record(action=ADMIN, actor=by, obj=team, request=request, reason="Team created",
                     changes={"name": [None, team.name], "parent": [None, getattr(parent, "pk", None)]})
    return team


def update_team(*, team: Team, name: str, parent: Team | None, by, request=None) -> Team:
    _check_team(force=team.force, team=team, name=name, parent=parent)
    with transaction.atomic():
        team = Team.objects.select_for_update().get(pk=team.pk)
        before = audit.snapshot(team, ("name", "parent_id"))
        team.name, team.parent = name.strip(), parent
        team.save()
        changes = audit.diff(before, audit.snapshot(team, ("name", "parent_id")))
        if changes:
            audit.record(action=ADMIN, actor=by, obj=team, request=request, reason="Team changed",
                         changes=changes)
    return team


def set_membership(*, team: Team, user: User, is_supervisor: bool, by, request=None) -> TeamMembership:
    """Add `user` to `team`, or change whether they supervise it."""
    if user.force_id != team.force_id:
        raise ValidationError({"user": "Choose a member of your force."})
    with transaction.atomic():
        membership, created = TeamMembership.objects.select_for_update().get_or_create(
            team=team, user=user, defaults={"is_supervisor": is_supervisor})
        before = None if created else membership.is_supervisor
        if not created and membership.is_supervisor != is_supervisor:
            membership.is_supervisor = is_supervisor
            membership.save(update_fields=["is_supervisor"])
        if created or before != is_supervisor:
            audit.record(action=ADMIN, actor=by, obj=team, request=request,
                         reason="Member added" if created else "Supervisor changed",
                         changes={"member": user.pk, "is_supervisor": [before, is_supervisor]})
    return membership


def remove_membership(*, team: Team, user: User, by, request=None) -> None:
    with transaction.atomic():
        deleted, _ = TeamMembership.objects.filter(team=team, user=user).delete()
        if deleted:
            audit.record(action=ADMIN, actor=by, obj=team, request=request, reason="Member removed",
                         changes={"member": [user.pk, None]})
