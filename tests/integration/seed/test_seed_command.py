"""`vigil seed`: determinism, --if-empty, bad arguments, audit chain, logins."""

import random
from datetime import date

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from vigil import seed as seed_package
from vigil.accounts.models import Force, Team, TeamMembership, User
from vigil.accounts.roles import Role
from vigil.core.audit import verify_chain
from vigil.core.models import AuditEvent
from vigil.people.models import Person
from vigil.seed.core import digest, seed

pytestmark = pytest.mark.django_db
TODAY = date(2026, 3, 1)


class _Rollback(Exception):
    pass


def _digest_of(seed_value: int, people: int = 400) -> str:
    """Seed into the (empty) test database, fingerprint it, and roll it all back."""
    found = {}
    try:
        with transaction.atomic():
            seed(scale="demo", seed=seed_value, people=people, today=TODAY, progress=False)
            found["digest"] = digest()
            found["count"] = Person.objects.count()
            raise _Rollback
    except _Rollback:
        pass
    assert Person.objects.count() == 0
    assert found["count"] >= people
    return found["digest"]


def test_same_seed_gives_identical_people_and_another_seed_does_not(core_only):
    first = _digest_of(11, people=2000)  # the real demo size
    assert _digest_of(11, people=2000) == first
    assert _digest_of(12, people=2000) != first


def test_if_empty_skips_a_seeded_database(capsys):
    call_command("seed", "--people", "150", "--no-progress")
    before = Person.objects.count()
    capsys.readouterr()
    call_command("seed", "--people", "150", "--no-progress", "--if-empty")
    assert "nothing seeded" in capsys.readouterr().out
    assert Person.objects.count() == before
    with pytest.raises(CommandError, match="already has"):
        call_command("seed", "--people", "150", "--no-progress")
    assert Person.objects.count() == before


@pytest.mark.parametrize("args, message", [
    (["--scale", "galactic"], "invalid choice"),
    (["--seed", "-1"], "zero or a positive"),
    (["--seed", "abc"], "not a whole number"),
    (["--forces", "0"], "between 1 and"),
    (["--forces", "99"], "between 1 and"),
    (["--people", "0"], "at least 1"),
])
def test_bad_arguments_are_refused_and_write_nothing(args, message):
    with pytest.raises(CommandError, match=message):
        call_command("seed", "--no-progress", *args)
    assert Person.objects.count() == 0
    assert not Force.objects.exists()


@pytest.fixture
def core_only(monkeypatch):
    """The core seed alone: modules' extensions (which write through their audited services) off."""
    monkeypatch.setattr(seed_package, "EXTENSIONS", [])


def test_audit_chain_verifies_after_seeding_with_every_extension(capsys):
    call_command("seed", "--people", "300", "--no-progress")
    assert verify_chain().ok
    call_command("audit", "verify")
    assert "Audit chain intact" in capsys.readouterr().out


def test_core_seed_logs_only_a_summary(core_only):
    call_command("seed", "--people", "300", "--no-progress")
    # Bulk data writes no audit events of its own: one entry records that a seed ran.
    assert list(AuditEvent.objects.values_list("action", "object_type")) == [("admin", "seed")]
    assert verify_chain().ok


def test_every_role_has_a_login_with_the_demo_password(monkeypatch):
    monkeypatch.setenv("VIGIL_DEMO_PASSWORD", "another-demo-password-456")
    call_command("seed", "--people", "150", "--no-progress")
    expected = {
        "response": Role.RESPONSE_OFFICER, "investigator": Role.PP_INVESTIGATOR,
        "offender_manager": Role.OFFENDER_MANAGER, "missing_coordinator": Role.MISSING_COORDINATOR,
        "supervisor": Role.SUPERVISOR, "senior": Role.SENIOR_OFFICER, "csc": Role.PARTNER,
        "care_provider": Role.PARTNER, "school": Role.PARTNER, "auditor": Role.AUDITOR, "admin": Role.SYSADMIN,
    }
    assert {role for role in Role} <= set(expected.values())
    for username, role in expected.items():
        user = User.objects.get(username=username)
        assert user.has_role(role), username
        assert user.check_password("another-demo-password-456"), username
        assert user.force.code == "midshire"
    assert User.objects.get(username="csc").organisation.name == "Midtown Children's Social Care"
    assert User.objects.get(username="care_provider").organisation.kind == "care_provider"
    assert User.objects.get(username="school").organisation.kind == "school"
    supervisor = User.objects.get(username="supervisor")
    assert supervisor.rank == User.Rank.SERGEANT
    supervised = set(TeamMembership.objects.filter(user=supervisor, is_supervisor=True)
                     .values_list("team__name", flat=True))
    assert supervised == {"Response Team A", "Public Protection Unit"}
    assert User.objects.get(username="senior").rank == User.Rank.SUPERINTENDENT
    # Officers without a login cannot sign in.
    assert not User.objects.get(username="officer01").has_usable_password()


def test_teams_escalate_to_a_parent():
    call_command("seed", "--people", "150", "--no-progress")
    teams = {t.name: t for t in Team.objects.filter(force__code="midshire").select_related("parent")}
    for name in ("Response Team A", "Response Team B", "Public Protection Unit", "Missing Persons Unit",
                 "Offender Management Unit", "Child Abuse Investigation Team", "Safeguarding Hub"):
        assert teams[name].parent is not None, name
    assert teams["Missing Persons Unit"].parent.name == "Public Protection Unit"


def test_default_password_when_the_environment_sets_none(monkeypatch):
    monkeypatch.delenv("VIGIL_DEMO_PASSWORD", raising=False)
    call_command("seed", "--people", "100", "--no-progress")
    assert User.objects.get(username="response").check_password("demo-password-123")


def test_national_scale_spreads_people_over_forces():
    call_command("seed", "--scale", "national", "--people", "900", "--forces", "3", "--no-progress")
    forces = list(Force.objects.order_by("pk"))
    assert [f.code for f in forces][0] == "midshire"
    assert len(forces) == 3
    for force in forces:
        assert Person.objects.filter(force=force).count() >= 300
        assert force.teams.filter(name="Public Protection Unit").exists()
        assert force.organisations.filter(kind="csc").exists()


def test_extensions_run_after_the_core_seed_with_a_context(core_only):
    seen = {}

    def extension(ctx):
        home = ctx.home_force
        seen["teens"] = len(ctx.people_ids(home, "14-17"))
        seen["all"] = len(ctx.people_ids(home))
        seen["rso"] = list(ctx.marker_ids(home, "rso"))
        seen["users"] = sorted(ctx.users)
        seen["homes"] = len(ctx.homes[home.pk])
        seen["people_in_db"] = Person.objects.count()
        seen["draw"] = ctx.rng_for("test").random()

    seed_package.register(extension)
    seed(scale="demo", seed=5, people=300, progress=False)
    assert seen["all"] == seen["people_in_db"]
    assert seen["teens"] > 0 and seen["homes"] > 0
    assert "supervisor" in seen["users"]
    assert Person.objects.filter(pk__in=seen["rso"], markers__kind="rso").count() == len(set(seen["rso"]))
    assert seen["draw"] == random.Random("5:test").random()


def test_core_only_skips_the_extensions(core_only):
    called = []
    seed_package.register(lambda ctx: called.append(ctx))
    call_command("seed", "--people", "100", "--no-progress", "--core-only")
    assert called == []
    assert AuditEvent.objects.get(object_type="seed").changes["core_only"] is True


def test_a_failing_extension_is_named_in_a_clear_error(core_only):
    def broken_extension(ctx):
        raise RuntimeError("no such table")

    seed_package.register(broken_extension)
    with pytest.raises(CommandError, match=r"broken_extension failed.*no such table"):
        call_command("seed", "--people", "100", "--no-progress")


def test_refuses_to_seed_a_production_database(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed", "--people", "100", "--no-progress")
    assert Person.objects.count() == 0


def test_prints_near_duplicate_pairs_to_try(core_only, capsys):
    call_command("seed", "--no-progress")
    out = capsys.readouterr().out
    assert "Near-duplicate records" in out
    pair = out.split("Near-duplicate records to try the duplicate warning and merge on:\n")[1].splitlines()[0]
    first, second = pair.strip().split("  /  ")
    assert first != second and "born" in first and "born" in second
