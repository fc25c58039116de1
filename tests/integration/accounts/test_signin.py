"""Sign-in through the real allauth views: password, then a TOTP code or a recovery code;
lockout after repeated failures (django-axes); sessions that expire after 30 idle minutes."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from tests.integration.accounts.conftest import (
    PASSWORD,
    add_recovery_codes,
    add_totp,
    is_signed_in,
    sign_in_password,
)
from vigil.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_password_then_totp_signs_in(client, users):
    user = users["pp_investigator"]
    phone = add_totp(user)

    response = sign_in_password(client, user.username)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not is_signed_in(client), "the password alone must not sign in"

    page = client.get(reverse("mfa_authenticate"))
    assert page.status_code == 200
    assert b"Enter your security code" in page.content

    response = client.post(reverse("mfa_authenticate"), {"code": phone.now()})
    assert response.status_code == 302
    assert response["Location"] == reverse("core:my_work")
    assert is_signed_in(client)
    assert client.get(reverse("core:my_work")).status_code == 200
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN, actor_id=user.pk).count() == 1


def test_wrong_totp_code_is_refused(client, users):
    user = users["pp_investigator"]
    phone = add_totp(user)
    sign_in_password(client, user.username)
    wrong = f"{(int(phone.now()) + 1) % 1_000_000:06d}"

    response = client.post(reverse("mfa_authenticate"), {"code": wrong})

    assert response.status_code == 200
    assert b"Incorrect code" in response.content
    assert b"govuk-error-summary" in response.content
    assert not is_signed_in(client)


def test_wrong_password_is_refused_and_audited(client, users):
    user = users["pp_investigator"]
    response = sign_in_password(client, user.username, "not-the-password")
    assert response.status_code == 200
    assert b"govuk-error-summary" in response.content
    assert not is_signed_in(client)
    assert AuditEvent.objects.filter(action=AuditEvent.Action.LOGIN_FAILED, object_label=user.username).exists()


def test_recovery_code_works_once(client, users):
    user = users["pp_investigator"]
    add_totp(user)
    code = add_recovery_codes(user)[0]

    sign_in_password(client, user.username)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 302
    assert is_signed_in(client)

    client.post(reverse("account_logout"))
    assert not is_signed_in(client)

    sign_in_password(client, user.username)
    response = client.post(reverse("mfa_authenticate"), {"code": code})
    assert response.status_code == 200
    assert b"Incorrect code" in response.content
    assert not is_signed_in(client)


def test_five_wrong_passwords_lock_the_account_even_against_the_right_one(client, users, settings):
    assert settings.AXES_FAILURE_LIMIT == 5
    user = users["pp_investigator"]
    for attempt in range(4):
        response = sign_in_password(client, user.username, f"wrong-{attempt}")
        assert response.status_code == 200, attempt
    fifth = sign_in_password(client, user.username, "wrong-5")
    assert fifth.status_code == 429
    assert b"Your account is locked" in fifth.content

    response = sign_in_password(client, user.username, PASSWORD)

    assert response.status_code == 429
    assert b"Your account is locked" in response.content
    assert b"30 minutes" in response.content
    assert not is_signed_in(client)


def test_lockout_is_per_username(client, users):
    for attempt in range(5):
        sign_in_password(client, "pp_investigator", f"wrong-{attempt}")
    response = sign_in_password(client, "supervisor")
    assert response.status_code == 302
    assert is_signed_in(client)


def test_four_failures_then_success_resets_the_count(client, users):
    user = users["pp_investigator"]
    for attempt in range(4):
        sign_in_password(client, user.username, f"wrong-{attempt}")
    assert sign_in_password(client, user.username).status_code == 302
    client.post(reverse("account_logout"))
    for attempt in range(4):
        assert sign_in_password(client, user.username, f"wrong-{attempt}").status_code == 200
    assert sign_in_password(client, user.username).status_code == 302


def test_session_expires_after_30_idle_minutes(client, users, settings):
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    with time_machine.travel(start, tick=False) as clock:
        sign_in_password(client, users["pp_investigator"].username)
        assert client.get(reverse("core:my_work")).status_code == 200
        # Activity keeps the session alive: each request pushes expiry 30 minutes on.
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(reverse("core:my_work")).status_code == 200
        clock.shift(dt.timedelta(minutes=29))
        assert client.get(reverse("core:my_work")).status_code == 200
        clock.shift(dt.timedelta(minutes=31))
        response = client.get(reverse("core:my_work"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_sign_in_pages_render_in_our_layout(client, users):
    page = client.get(reverse("account_login"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'class="govuk-template"' in html
    assert "<h1 class=\"govuk-heading-l\">Sign in</h1>" in html
    assert "sign up" not in html.lower()


def test_per_address_guard_does_not_stop_a_busy_station(client, users):
    """Many people behind one NAT address sign in at a shift change (allauth's 'login' limit)."""
    from vigil.accounts.models import User

    for n in range(40):
        User.objects.create_user(username=f"officer{n}", password=PASSWORD, force=users["supervisor"].force)
    for n in range(40):
        response = sign_in_password(client, f"officer{n}")
        assert response.status_code == 302, n
        client.post(reverse("account_logout"))
