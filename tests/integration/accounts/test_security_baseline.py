"""Security headers, CSP, CSRF, error pages and the production start-up checks."""

import re
import secrets
import subprocess
import sys

import pytest
from django.template import loader
from django.test import Client
from django.urls import reverse

from tests.integration.accounts.conftest import (
    PASSWORD,
    add_recovery_codes,
    add_totp,
    confirm_password,
    sign_in_password,
)

pytestmark = pytest.mark.django_db


def _csp(response) -> dict[str, str]:
    header = response.headers["Content-Security-Policy"]
    return {part.split()[0]: part.strip() for part in header.split(";") if part.strip()}


@pytest.mark.parametrize("url", ["/accounts/login/", "/no-such-page/"])
def test_csp_and_security_headers_on_anonymous_pages(client, url):
    response = client.get(url)
    policy = _csp(response)
    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert policy["frame-ancestors"] == "frame-ancestors 'none'"
    assert "unsafe-inline" not in response.headers["Content-Security-Policy"]
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_csp_on_signed_in_pages_and_qr_code_allowed(client, users):
    client.force_login(users["sysadmin"])
    confirm_password(client, reverse("mfa_activate_totp"))
    for url in (reverse("accounts:user_list"), reverse("mfa_activate_totp")):
        response = client.get(url)
        assert response.status_code == 200, url
        assert _csp(response)["img-src"] == "img-src 'self' data:", url


INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>", re.I)


def test_sign_in_and_admin_pages_have_no_inline_script_or_style(client, users):
    user = users["sysadmin"]
    pages = [client.get(reverse("account_login"))]
    phone = add_totp(user)
    add_recovery_codes(user)
    sign_in_password(client, user.username)
    pages.append(client.get(reverse("mfa_authenticate")))
    client.post(reverse("mfa_authenticate"), {"code": phone.now()})
    pages.append(client.get(reverse("account_reauthenticate")))
    confirm_password(client, "/")
    for name in ("mfa_index", "mfa_view_recovery_codes", "mfa_generate_recovery_codes", "mfa_deactivate_totp",
                 "account_change_password", "account_email", "accounts:user_list", "accounts:user_create",
                 "accounts:team_list", "accounts:team_create"):
        pages.append(client.get(reverse(name)))
    pages.append(client.get(reverse("accounts:user_edit", args=[user.pk])))
    for response in pages:
        html = response.content.decode()
        assert response.status_code == 200, response.request["PATH_INFO"]
        assert "govuk-template" in html, response.request["PATH_INFO"]
        assert not INLINE_SCRIPT.search(html), response.request["PATH_INFO"]
        assert " style=" not in html, response.request["PATH_INFO"]
        assert " onclick=" not in html.lower(), response.request["PATH_INFO"]


def test_post_without_csrf_token_is_refused(users):
    client = Client(enforce_csrf_checks=True)
    response = client.post("/accounts/login/", {"login": "sysadmin", "password": PASSWORD})
    assert response.status_code == 403
    assert b"Sorry, this form has expired" in response.content
    assert "_auth_user_id" not in client.session

    client.force_login(users["sysadmin"])
    response = client.post(reverse("accounts:user_create"), {"username": "newperson"})
    assert response.status_code == 403


def test_post_with_csrf_token_is_accepted(users):
    client = Client(enforce_csrf_checks=True)
    client.get("/accounts/login/")
    token = client.cookies["csrftoken"].value
    response = client.post("/accounts/login/", {"login": "sysadmin", "password": PASSWORD,
                                                "csrfmiddlewaretoken": token})
    assert response.status_code == 302


def test_error_pages_use_our_layout(client, users):
    client.force_login(users["pp_investigator"])
    missing = client.get("/no-such-page/")
    assert missing.status_code == 404
    assert b"Page not found" in missing.content
    forbidden = client.get(reverse("accounts:user_list"))
    assert forbidden.status_code == 403
    assert b"You do not have access to this page" in forbidden.content


def test_500_page_renders_without_a_request():
    html = loader.get_template("500.html").render()
    assert "Sorry, there is a problem with the service" in html
    assert "govuk-template" in html
    assert loader.get_template("400.html").render()


def _run(args, env_extra, cwd):
    env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "vigil.settings", **env_extra}
    return subprocess.run([sys.executable, "-m", "django", *args], env=env, cwd=cwd,  # noqa: S603 (our own arguments)
                          capture_output=True, text=True, timeout=180)


def test_check_deploy_is_clean_with_production_settings(settings, tmp_path):
    result = _run(["check", "--deploy"], {
        "VIGIL_ENV": "production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "vigil.example.police.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
    }, settings.BASE_DIR)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_without_secret_key_fails_loudly(settings, tmp_path):
    result = _run(["check"], {
        "VIGIL_ENV": "production",
        "ALLOWED_HOSTS": "vigil.example.police.uk",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite3'}",
    }, settings.BASE_DIR)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "SECRET_KEY" in result.stderr
