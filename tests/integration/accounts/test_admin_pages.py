"""User and team administration: system administrators of their own force only; every write
audited; bad input answered with 400 and nothing saved."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.test import Client
from django.urls import reverse

from tests.factories import TeamFactory, UserFactory
from tests.integration.accounts.conftest import add_recovery_codes, add_totp, is_signed_in
from vigil.accounts.models import RoleAssignment, Team, TeamMembership, User
from vigil.accounts.roles import Role
from vigil.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, users):
    client.force_login(users["sysadmin"])
    return client


def _pages(users, team):
    return [
        reverse("accounts:user_list"),
        reverse("accounts:user_create"),
        reverse("accounts:user_edit", args=[users["pp_investigator"].pk]),
        reverse("accounts:user_mfa_reset", args=[users["pp_investigator"].pk]),
        reverse("accounts:user_password_link", args=[users["pp_investigator"].pk]),
        reverse("accounts:team_list"),
        reverse("accounts:team_create"),
        reverse("accounts:team_edit", args=[team.pk]),
    ]


@pytest.mark.parametrize("role", [r.value for r in Role])
def test_only_the_system_administrator_may_open_admin_pages(client, users, team, role):
    client.force_login(users[role])
    expected = 200 if role == Role.SYSADMIN else 403
    for url in _pages(users, team):
        assert client.get(url).status_code == expected, (role, url)


def test_admin_pages_need_sign_in(client, users, team):
    for url in _pages(users, team):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login"))


def test_sysadmin_of_another_force_gets_404_on_this_forces_records(client, users, team, other_force):
    outsider_admin = UserFactory(username="other-admin", force=other_force, roles=[Role.SYSADMIN])
    client.force_login(outsider_admin)
    target = users["pp_investigator"]
    for url in (
        reverse("accounts:user_edit", args=[target.pk]),
        reverse("accounts:user_mfa_reset", args=[target.pk]),
        reverse("accounts:user_password_link", args=[target.pk]),
        reverse("accounts:team_edit", args=[team.pk]),
    ):
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code == 404, url
    listing = client.get(reverse("accounts:user_list")).content.decode()
    assert "pp_investigator" not in listing
    assert "other-admin" in listing


def test_user_list_shows_roles_teams_and_mfa_status(admin_client, users, team):
    add_totp(users["supervisor"])
    response = admin_client.get(reverse("accounts:user_list"))
    assert response.status_code == 200
    rows = {u.username: u for u in response.context["page"]}
    assert "outsider" not in rows
    assert rows["supervisor"].has_totp is True
    assert rows["pp_investigator"].has_totp is False
    html = response.content.decode()
    assert "Response Team A (supervisor)" in html
    assert "Public protection investigator" in html


def _new_user_data(**extra):
    data = {"username": "aparker", "first_name": "Alex", "last_name": "Parker",
            "email": "alex.parker@midshire.police.invalid", "rank": "10", "collar_number": "4471",
            "roles": ["pp_investigator"]}
    data.update(extra)
    return data


def test_create_user_with_roles_and_teams_then_one_time_password_link(admin_client, users, team, force):
    response = admin_client.post(reverse("accounts:user_create"), _new_user_data(teams=[team.pk]))
    assert response.status_code == 302
    user = User.objects.get(username="aparker")
    assert user.force == force
    assert user.roles == {"pp_investigator"}
    assert list(user.teams.all()) == [team]
    assert not user.has_usable_password()
    assert EmailAddress.objects.get(user=user).verified
    event = AuditEvent.objects.get(action=AuditEvent.Action.ADMIN, object_type="accounts.user",
                                   object_id=str(user.pk), reason="User created")
    assert event.actor_id == users["sysadmin"].pk
    assert event.changes["roles"] == [[], ["pp_investigator"]]

    link_page = admin_client.get(response["Location"])
    link = link_page.context["url"]
    assert link.startswith("http://testserver/accounts/password/reset/key/")
    assert link.encode() in link_page.content
    again = admin_client.get(response["Location"])
    assert again.context["url"] == "", "the link is shown once"

    # The new user sets their own password with the link, once, and signs in.
    admin_client.logout()
    assert admin_client.get(link).status_code == 302
    form_url = admin_client.get(link, follow=True).request["PATH_INFO"]
    done = admin_client.post(form_url, {"password1": "plum-kettle-orbit-92", "password2": "plum-kettle-orbit-92"})
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("plum-kettle-orbit-92")
    assert b"This link does not work" in admin_client.get(link).content
    admin_client.post("/accounts/login/", {"login": "aparker", "password": "plum-kettle-orbit-92"})
    assert is_signed_in(admin_client)


def test_duplicate_username_is_refused_and_nothing_saved(admin_client, users):
    before = (User.objects.count(), AuditEvent.objects.count())
    response = admin_client.post(reverse("accounts:user_create"), _new_user_data(username="PP_Investigator"))
    assert response.status_code == 400
    assert "That username is already taken" in response.content.decode()
    assert (User.objects.count(), AuditEvent.objects.count()) == before


def test_partner_without_organisation_is_refused(admin_client, users):
    response = admin_client.post(reverse("accounts:user_create"), _new_user_data(roles=["partner"]))
    assert response.status_code == 400
    assert "Choose the partner organisation" in response.content.decode()
    assert not User.objects.filter(username="aparker").exists()


def test_organisation_without_partner_role_is_refused(admin_client, users, csc):
    response = admin_client.post(reverse("accounts:user_create"), _new_user_data(organisation=csc.pk))
    assert response.status_code == 400
    assert "Only partner agency users belong to a partner organisation" in response.content.decode()
    assert not User.objects.filter(username="aparker").exists()


def test_partner_with_organisation_is_created(admin_client, users, csc):
    response = admin_client.post(reverse("accounts:user_create"),
                                 _new_user_data(roles=["partner"], organisation=csc.pk, rank="0"))
    assert response.status_code == 302
    assert User.objects.get(username="aparker").organisation == csc


@pytest.mark.parametrize("bad", [
    {"username": ""},
    {"username": "has spaces"},
    {"roles": []},
    {"roles": ["chief_constable"]},
    {"email": "not-an-email"},
    {"rank": "99"},
    {"email": "supervisor-dup@midshire.police.invalid", "dup_email": True},
])
def test_bad_input_gives_400_and_saves_nothing(admin_client, users, bad):
    if bad.pop("dup_email", False):
        users["supervisor"].email = bad["email"]
        users["supervisor"].save()
    before = (User.objects.count(), RoleAssignment.objects.count(), AuditEvent.objects.count())
    response = admin_client.post(reverse("accounts:user_create"), _new_user_data(**bad))
    assert response.status_code == 400
    assert b"govuk-error-summary" in response.content
    assert (User.objects.count(), RoleAssignment.objects.count(), AuditEvent.objects.count()) == before


def test_team_from_another_force_cannot_be_given(admin_client, users, other_force):
    foreign = TeamFactory(force=other_force, name="Othershire CAIT")
    response = admin_client.post(reverse("accounts:user_create"), _new_user_data(teams=[foreign.pk]))
    assert response.status_code == 400
    assert not User.objects.filter(username="aparker").exists()


def _edit_data(user, **extra):
    data = {"first_name": user.first_name, "last_name": user.last_name, "email": user.email, "rank": str(user.rank),
            "collar_number": user.collar_number, "roles": sorted(user.roles),
            "teams": [t.pk for t in user.teams.all()], "is_active": "1" if user.is_active else "0"}
    data.update(extra)
    return data


def test_edit_roles_teams_and_deactivate(admin_client, users, team, force):
    user = users["pp_investigator"]
    cait = TeamFactory(force=force, name="CAIT North")
    response = admin_client.post(reverse("accounts:user_edit", args=[user.pk]),
                                 _edit_data(user, roles=["supervisor"], teams=[cait.pk], is_active="0"))
    assert response.status_code == 302
    user = User.objects.get(pk=user.pk)
    assert user.roles == {"supervisor"}
    assert list(user.teams.all()) == [cait]
    assert not user.is_active
    event = AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN, object_id=str(user.pk)).latest("seq")
    assert event.changes["roles"] == [["pp_investigator"], ["supervisor"]]
    assert event.changes["is_active"] == [True, False]


def test_deactivated_user_is_signed_out_and_cannot_sign_in(client, users):
    user = users["pp_investigator"]
    client.force_login(user)
    user.is_active = False
    user.save()
    assert client.get(reverse("core:my_work")).status_code == 302
    fresh = Client()
    response = fresh.post("/accounts/login/", {"login": user.username, "password": "correct-horse-battery-staple"})
    assert not is_signed_in(fresh)
    assert response.status_code in (200, 302)
    if response.status_code == 302:
        assert response["Location"] == reverse("account_inactive")


def test_keeping_a_team_keeps_the_supervisor_flag(admin_client, users, team):
    supervisor = users["supervisor"]
    response = admin_client.post(reverse("accounts:user_edit", args=[supervisor.pk]), _edit_data(supervisor))
    assert response.status_code == 302
    assert TeamMembership.objects.get(user=supervisor, team=team).is_supervisor


def test_admin_cannot_remove_own_admin_role(admin_client, users):
    me = users["sysadmin"]
    response = admin_client.post(reverse("accounts:user_edit", args=[me.pk]), _edit_data(me, roles=["auditor"]))
    assert response.status_code == 400
    assert User.objects.get(pk=me.pk).roles == {"sysadmin"}


def test_edit_with_partner_rule_broken_is_400_and_unchanged(admin_client, users):
    user = users["pp_investigator"]
    response = admin_client.post(reverse("accounts:user_edit", args=[user.pk]),
                                 _edit_data(user, roles=["partner"], first_name="Changed"))
    assert response.status_code == 400
    user.refresh_from_db()
    assert user.first_name != "Changed"
    assert user.roles == {"pp_investigator"}


def test_reset_mfa_needs_confirmation_and_is_audited(admin_client, users):
    user = users["pp_investigator"]
    add_totp(user)
    add_recovery_codes(user)
    confirm = admin_client.get(reverse("accounts:user_mfa_reset", args=[user.pk]))
    assert confirm.status_code == 200
    assert b"Reset their second factor?" in confirm.content
    assert Authenticator.objects.filter(user=user).count() == 2

    response = admin_client.post(reverse("accounts:user_mfa_reset", args=[user.pk]))
    assert response.status_code == 302
    assert not Authenticator.objects.filter(user=user).exists()
    event = AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN, object_id=str(user.pk)).latest("seq")
    assert event.reason == "Second factor reset"
    assert event.changes["authenticators"] == [["recovery_codes", "totp"], []]


def test_new_password_link_clears_password_and_unlocks(admin_client, users):
    from axes.models import AccessAttempt

    user = users["pp_investigator"]
    for attempt in range(5):
        Client().post("/accounts/login/", {"login": user.username, "password": f"wrong-{attempt}"})
    assert AccessAttempt.objects.filter(username=user.username).exists()

    response = admin_client.post(reverse("accounts:user_password_link", args=[user.pk]))
    assert response.status_code == 302
    assert admin_client.get(response["Location"]).context["url"]
    user.refresh_from_db()
    assert not user.has_usable_password()
    assert not AccessAttempt.objects.filter(username=user.username).exists()


def test_team_create_edit_and_members(admin_client, users, team, force):
    response = admin_client.post(reverse("accounts:team_create"), {"name": "CAIT North", "parent": team.pk})
    assert response.status_code == 302
    cait = Team.objects.get(force=force, name="CAIT North")
    assert cait.parent == team

    member = users["pp_investigator"]
    response = admin_client.post(reverse("accounts:team_member_add", args=[cait.pk]),
                                 {"user": member.pk, "is_supervisor": "on"})
    assert response.status_code == 302
    assert TeamMembership.objects.get(team=cait, user=member).is_supervisor

    change = reverse("accounts:team_member_change", args=[cait.pk, member.pk])
    assert admin_client.post(change, {"action": "member"}).status_code == 302
    assert not TeamMembership.objects.get(team=cait, user=member).is_supervisor
    assert admin_client.post(change, {"action": "remove"}).status_code == 302
    assert not TeamMembership.objects.filter(team=cait, user=member).exists()

    response = admin_client.post(reverse("accounts:team_edit", args=[cait.pk]), {"name": "CAIT (North)", "parent": ""})
    assert response.status_code == 302
    cait.refresh_from_db()
    assert (cait.name, cait.parent) == ("CAIT (North)", None)
    reasons = list(AuditEvent.objects.filter(action=AuditEvent.Action.ADMIN, object_type="accounts.team",
                                             object_id=str(cait.pk)).order_by("seq").values_list("reason", flat=True))
    assert reasons == ["Team created", "Member added", "Supervisor changed", "Member removed", "Team changed"]


def test_team_cannot_report_to_a_team_below_it(admin_client, force, team):
    child = Team.objects.create(force=force, name="Child team", parent=team)
    response = admin_client.post(reverse("accounts:team_edit", args=[team.pk]),
                                 {"name": team.name, "parent": child.pk})
    assert response.status_code == 400
    assert "cannot report to itself or to a team below it" in response.content.decode()
    team.refresh_from_db()
    assert team.parent is None


def test_duplicate_team_name_is_400(admin_client, team):
    before = Team.objects.count()
    response = admin_client.post(reverse("accounts:team_create"), {"name": "response team a"})
    assert response.status_code == 400
    assert Team.objects.count() == before


def test_member_from_another_force_cannot_be_added(admin_client, users, team):
    response = admin_client.post(reverse("accounts:team_member_add", args=[team.pk]),
                                 {"user": users["outsider"].pk})
    assert response.status_code == 400
    assert not TeamMembership.objects.filter(team=team, user=users["outsider"]).exists()


def test_unknown_member_action_is_400(admin_client, users, team):
    response = admin_client.post(reverse("accounts:team_member_change", args=[team.pk, users["supervisor"].pk]),
                                 {"action": "promote"})
    assert response.status_code == 400
    assert TeamMembership.objects.get(team=team, user=users["supervisor"]).is_supervisor
