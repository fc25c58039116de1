"""OpenID Connect single sign-on: shown when configured; existing users only (matched by their
verified email, then linked); no sign-up through the identity provider."""

import pytest
from allauth.account.models import EmailAddress
from allauth.core import context
from allauth.socialaccount.helpers import complete_social_login
from allauth.socialaccount.models import SocialAccount, SocialLogin
from django.contrib.auth.middleware import AuthenticationMiddleware
from django.contrib.messages.middleware import MessageMiddleware
from django.contrib.sessions.middleware import SessionMiddleware
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from tests.integration.accounts.conftest import PASSWORD
from vigil.accounts import services
from vigil.accounts.models import User
from vigil.accounts.roles import Role

pytestmark = pytest.mark.django_db

PROVIDERS = {
    "openid_connect": {
        "APPS": [{
            "provider_id": "force-idp",
            "name": "Midshire Police sign-in",
            "client_id": "vigil",
            "secret": "not-a-real-secret",
            "settings": {"server_url": "https://idp.midshire.police.invalid/.well-known/openid-configuration"},
        }]
    }
}


@pytest.fixture
def oidc(settings):
    settings.SOCIALACCOUNT_PROVIDERS = PROVIDERS


def test_login_page_offers_force_sign_in_when_configured(client, oidc):
    html = client.get(reverse("account_login")).content.decode()
    assert "Sign in with Midshire Police sign-in" in html
    assert "/accounts/oidc/force-idp/login/" in html


def test_login_page_has_no_sso_button_when_not_configured(client, settings):
    settings.SOCIALACCOUNT_PROVIDERS = {}
    html = client.get(reverse("account_login")).content.decode()
    assert "Sign in with" not in html


def _complete(email, *, sub="subject-123", verified=True):
    """Finish a sign-in as allauth does after the identity provider's callback, with the
    claims it would have read from the ID token (no network)."""
    request = RequestFactory().get("/accounts/oidc/force-idp/login/callback/")
    for middleware in (SessionMiddleware, AuthenticationMiddleware, MessageMiddleware):
        middleware(lambda r: HttpResponse()).process_request(request)
    account = SocialAccount(provider="force-idp", uid=sub, extra_data={"sub": sub, "email": email})
    with context.request_context(request):
        sociallogin = SocialLogin(
            account=account, user=User(email=email, username=""), provider=account.get_provider(request),
            email_addresses=[EmailAddress(email=email, verified=verified, primary=True)],
        )
        response = complete_social_login(request, sociallogin)
    return request, response


def test_unknown_person_cannot_sign_up_through_sso(oidc):
    users_before = User.objects.count()
    request, response = _complete("stranger@midshire.police.invalid")
    assert response.status_code == 200
    assert b"You do not have a Vigil account" in response.content
    assert User.objects.count() == users_before
    assert not SocialAccount.objects.exists()
    assert not request.user.is_authenticated


def test_existing_user_signs_in_by_verified_email_and_is_linked(oidc, force, users):
    user = services.create_user(
        force=force, username="jsmith", first_name="Jo", last_name="Smith",
        email="Jo.Smith@midshire.police.invalid", roles=[Role.PP_INVESTIGATOR], by=users["sysadmin"],
    )
    user.set_password(PASSWORD)
    user.save()

    request, response = _complete("jo.smith@midshire.police.invalid")

    assert response.status_code == 302
    assert request.user.pk == user.pk
    assert SocialAccount.objects.filter(user=user, provider="force-idp", uid="subject-123").exists()
    user.refresh_from_db()
    assert user.check_password(PASSWORD), "a verified, administrator-entered email must not wipe the password"


def test_unverified_email_from_the_provider_is_not_trusted(oidc, force, users):
    services.create_user(force=force, username="jsmith", first_name="Jo", last_name="Smith",
                         email="jo.smith@midshire.police.invalid", roles=[Role.PP_INVESTIGATOR],
                         by=users["sysadmin"])
    request, response = _complete("jo.smith@midshire.police.invalid", verified=False)
    assert not request.user.is_authenticated
    assert b"You do not have a Vigil account" in response.content


def test_sso_still_asks_for_the_app_code(oidc, force, users):
    from tests.integration.accounts.conftest import add_totp

    user = services.create_user(force=force, username="jsmith", first_name="Jo", last_name="Smith",
                                email="jo.smith@midshire.police.invalid", roles=[Role.PP_INVESTIGATOR],
                                by=users["sysadmin"])
    add_totp(user)
    request, response = _complete("jo.smith@midshire.police.invalid")
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")
    assert not request.user.is_authenticated
