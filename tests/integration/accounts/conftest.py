"""Helpers for sign-in tests: an authenticator app for a user, and the real sign-in forms."""

import pyotp
import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core.cache import cache

PASSWORD = "correct-horse-battery-staple"  # tests.factories.UserFactory


@pytest.fixture(autouse=True)
def _fresh_cache():
    """allauth keeps rate-limit counters and used TOTP codes in the cache: start each test clean."""
    cache.clear()
    yield
    cache.clear()


def add_totp(user) -> pyotp.TOTP:
    """Give `user` an authenticator app (allauth's own activation) and return the 'phone'."""
    secret = generate_totp_secret()
    TOTP.activate(user, secret)
    return pyotp.TOTP(secret)


def add_recovery_codes(user) -> list[str]:
    return RecoveryCodes.activate(user).generate_codes()


def sign_in_password(client, username, password=PASSWORD):
    return client.post("/accounts/login/", {"login": username, "password": password})


def is_signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def confirm_password(client, next_url, password=PASSWORD):
    """allauth asks for the password again before changes to the second factor."""
    from django.urls import reverse

    response = client.post(f"{reverse('account_reauthenticate')}?next={next_url}", {"password": password})
    assert response.status_code == 302, response.content
    return response
