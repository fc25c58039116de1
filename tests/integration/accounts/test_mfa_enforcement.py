"""VIGIL_REQUIRE_MFA: a signed-in user without an authenticator app is sent to set one up
before any page; with it off (demo, development) nothing changes."""

import pyotp
import pytest
from allauth.mfa.models import Authenticator
from django.urls import reverse

from tests.integration.accounts.conftest import (
    add_totp,
    confirm_password,
    is_signed_in,
    sign_in_password,
)

pytestmark = pytest.mark.django_db


def test_required_without_app_redirects_every_page_to_set_up(client, users, settings):
    settings.VIGIL_REQUIRE_MFA = True
    client.force_login(users["pp_investigator"])
    for url in (reverse("core:my_work"), reverse("people:search"), "/accessibility/"):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == reverse("mfa_activate_totp"), url


def test_required_without_app_refuses_session_api_calls(client, users, settings):
    settings.VIGIL_REQUIRE_MFA = True
    client.force_login(users["pp_investigator"])
    response = client.get("/api/v1/people/")
    assert response.status_code == 403
    assert "authenticator" in response.json()["detail"]


def test_required_with_app_lets_pages_through(client, users, settings):
    settings.VIGIL_REQUIRE_MFA = True
    user = users["pp_investigator"]
    add_totp(user)
    client.force_login(user)
    assert client.get(reverse("core:my_work")).status_code == 200


def test_not_required_lets_pages_through_without_app(client, users, settings):
    settings.VIGIL_REQUIRE_MFA = False
    client.force_login(users["pp_investigator"])
    assert client.get(reverse("core:my_work")).status_code == 200


def test_demo_and_development_default_to_off(settings):
    # The setting's default (vigil/settings.py) is computed from VIGIL_ENV at start-up.
    import subprocess
    import sys

    code = "import django, os; django.setup(); from django.conf import settings; print(settings.VIGIL_REQUIRE_MFA)"
    results = {}
    for env_name in ("demo", "development", "test"):
        env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "vigil.settings", "VIGIL_ENV": env_name}
        out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120,  # noqa: S603 (fixed arguments)
                             cwd=settings.BASE_DIR)
        results[env_name] = out.stdout.strip()
    assert results == {"demo": "False", "development": "False", "test": "True"}


def test_first_sign_in_sets_up_the_app_and_then_gets_in(client, users, settings):
    """The whole first-time journey: password, forced set-up, code from the new app, recovery codes."""
    settings.VIGIL_REQUIRE_MFA = True
    user = users["pp_investigator"]
    sign_in_password(client, user.username)
    assert is_signed_in(client)
    assert client.get(reverse("core:my_work"))["Location"] == reverse("mfa_activate_totp")

    # allauth asks for the password again before any change to the second factor.
    page = client.get(reverse("mfa_activate_totp"))
    assert page["Location"].startswith(reverse("account_reauthenticate"))
    assert b"Confirm it is you" in client.get(page["Location"]).content
    confirm_password(client, reverse("mfa_activate_totp"))
    page = client.get(reverse("mfa_activate_totp"))
    assert page.status_code == 200
    assert b'src="data:image/svg+xml;base64,' in page.content
    secret = page.context["form"].secret

    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000" if pyotp.TOTP(secret).now() != "000000"
                                                        else "111111"})
    assert wrong.status_code == 200
    assert b"govuk-error-summary" in wrong.content
    assert not Authenticator.objects.filter(user=user).exists()

    response = client.post(reverse("mfa_activate_totp"), {"code": pyotp.TOTP(secret).now()})
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_view_recovery_codes")
    assert Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()

    codes_page = client.get(reverse("mfa_view_recovery_codes"))
    assert codes_page.status_code == 200
    assert len(codes_page.context["unused_codes"]) == 10
    assert codes_page.context["unused_codes"][0].encode() in codes_page.content
    assert client.get(reverse("core:my_work")).status_code == 200


def test_admin_mfa_reset_sends_the_user_back_to_set_up(client, users, settings):
    settings.VIGIL_REQUIRE_MFA = True
    user = users["pp_investigator"]
    add_totp(user)
    admin = users["sysadmin"]
    add_totp(admin)
    client.force_login(admin)
    assert client.post(reverse("accounts:user_mfa_reset", args=[user.pk])).status_code == 302
    assert not Authenticator.objects.filter(user=user).exists()

    client.force_login(user)
    assert client.get(reverse("core:my_work"))["Location"] == reverse("mfa_activate_totp")
