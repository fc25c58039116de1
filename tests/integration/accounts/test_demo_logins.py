"""`vigil demo-logins` lists the demo force's users with the demo password."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def _run() -> str:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    return out.getvalue()


def test_no_demo_users_says_how_to_make_them(db):
    assert _run().strip() == "No demo users: run `make demo`"


def test_lists_midshire_users_with_roles_and_default_password(users, monkeypatch):
    monkeypatch.delenv("VIGIL_DEMO_PASSWORD", raising=False)
    output = _run()
    assert "supervisor / password: demo-password-123" in output
    assert "Partner agency user" in output
    assert "outsider" not in output  # another force


def test_password_comes_from_the_environment(users, monkeypatch):
    monkeypatch.setenv("VIGIL_DEMO_PASSWORD", "another-demo-pass")
    assert "sysadmin / password: another-demo-pass" in _run()


def test_hyphenated_name_used_by_the_makefile_works(users):
    out = StringIO()
    call_command("demo-logins", stdout=out)
    assert "sysadmin / password:" in out.getvalue()
