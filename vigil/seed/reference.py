"""Forces, teams, partner agencies and the demo logins. Idempotent: safe to run on a database
that already has them (it fetches instead of creating)."""

from __future__ import annotations

import os

from django.contrib.auth.hashers import make_password

from vigil.accounts.models import Force, Organisation, RoleAssignment, Team, TeamMembership, User
from vigil.accounts.roles import Role
from vigil.seed.reference_data import CARE_PROVIDERS, PPU, SCHOOL_PATTERNS, TEAMS, ForceSpec

DEFAULT_DEMO_PASSWORD = "demo-password-123"
R = User.Rank
OK = Organisation.Kind

# username, first name, last name, role, rank, [(team, supervises)], organisation (partners)
DEMO_USERS = (
    ("response", "Sam", "Okafor", Role.RESPONSE_OFFICER, R.CONSTABLE, [("Response Team A", False)], None),
    ("investigator", "Priya", "Raman", Role.PP_INVESTIGATOR, R.CONSTABLE,
     [(PPU, False), ("Child Abuse Investigation Team", False)], None),
    ("offender_manager", "Tom", "Hargreaves", Role.OFFENDER_MANAGER, R.CONSTABLE,
     [("Offender Management Unit", False)], None),
    ("missing_coordinator", "Leanne", "Walsh", Role.MISSING_COORDINATOR, R.CONSTABLE,
     [("Missing Persons Unit", False)], None),
    ("supervisor", "Daniel", "Mercer", Role.SUPERVISOR, R.SERGEANT,
     [("Response Team A", True), (PPU, True)], None),
    ("senior", "Helen", "Achebe", Role.SENIOR_OFFICER, R.SUPERINTENDENT,
     [("Public Protection Command", True), ("Local Policing Command", True)], None),
    ("csc", "Gemma", "Lowe", Role.PARTNER, R.NONE, [], "Midtown Children's Social Care"),
    ("care_provider", "Marcus", "Bell", Role.PARTNER, R.NONE, [], CARE_PROVIDERS[0]),
    ("school", "Ruth", "Pennington", Role.PARTNER, R.NONE, [], "Midtown Academy"),
    ("auditor", "Keith", "Dunmore", Role.AUDITOR, R.NONE, [], None),
    ("admin", "Alex", "Morgan", Role.SYSADMIN, R.NONE, [], None),
)
# Colleagues without a login, so the supervisor's team pages have more than one name on them.
EXTRA_OFFICERS = (("Response Team A", Role.RESPONSE_OFFICER, 4), (PPU, Role.PP_INVESTIGATOR, 3),
                  ("Missing Persons Unit", Role.MISSING_COORDINATOR, 1),
                  ("Offender Management Unit", Role.OFFENDER_MANAGER, 2))


def _slug(text: str) -> str:
    return "".join(ch for ch in text.lower() if ch.isalnum())


def make_force(spec: ForceSpec) -> tuple[Force, dict[str, Team], dict[str, Organisation]]:
    force, _ = Force.objects.get_or_create(code=spec.code, defaults={"name": spec.name})
    teams: dict[str, Team] = {}
    for name, parent in TEAMS:
        team, _ = Team.objects.get_or_create(force=force, name=name)
        if parent and team.parent_id != teams[parent].pk:
            team.parent = teams[parent]
            team.save(update_fields=["parent"])
        teams[name] = team
    orgs: dict[str, Organisation] = {}

    def org(name, kind, area):
        orgs[name], _ = Organisation.objects.get_or_create(
            force=force, name=name,
            defaults={"kind": kind, "area": area, "email": f"safeguarding@{_slug(name)[:40]}.invalid"},
        )

    for area in spec.areas:
        org(f"{area.name} Children's Social Care", OK.CHILDRENS_SOCIAL_CARE, area.name)
        for i, (pattern, _phase) in enumerate(SCHOOL_PATTERNS):
            org(pattern.format(town=area.towns[i % len(area.towns)]), OK.SCHOOL, area.name)
    for name in CARE_PROVIDERS:
        org(name, OK.CARE_PROVIDER, "")
    return force, teams, orgs


def demo_password_hash() -> str:
    # Hashed once and reused: hashing is deliberately slow and every demo login shares the password.
    return make_password(os.environ.get("VIGIL_DEMO_PASSWORD") or DEFAULT_DEMO_PASSWORD)


def make_users(ctx, force: Force, teams: dict[str, Team], orgs: dict[str, Organisation]) -> dict[str, User]:
    users: dict[str, User] = {}
    password = None
    for n, (username, first, last, role, rank, memberships, org_name) in enumerate(DEMO_USERS, start=1):
        user = User.objects.filter(username=username).first()
        if user is None:
            password = password or demo_password_hash()
            user = User.objects.create(
                username=username, first_name=first, last_name=last, email=f"{username}@midshire.police.invalid",
                force=force, organisation=orgs[org_name] if org_name else None, rank=rank, password=password,
                collar_number=f"MS{4100 + n}" if rank else "", is_staff=role == Role.SYSADMIN,
            )
            RoleAssignment.objects.create(user=user, role=role)
            for team_name, supervises in memberships:
                TeamMembership.objects.create(user=user, team=teams[team_name], is_supervisor=supervises)
        users[username] = user
    rng = ctx.rng_for("officers")
    for team_name, role, count in EXTRA_OFFICERS:
        for _ in range(count):
            username = f"officer{len(users) - len(DEMO_USERS) + 1:02d}"
            female = rng.random() < 0.5
            first = rng.choice(ctx.pools.female if female else ctx.pools.male)
            user = User.objects.filter(username=username).first()
            if user is None:
                user = User(username=username, first_name=first, last_name=rng.choice(ctx.pools.surnames),
                            force=force, rank=R.CONSTABLE, collar_number=f"MS{5000 + len(users)}")
                user.set_unusable_password()
                user.save()
                RoleAssignment.objects.create(user=user, role=role)
                TeamMembership.objects.create(user=user, team=teams[team_name])
            users[username] = user
    return users
