"""Second factor enforcement: outside the demo, a signed-in user without an authenticator app
is sent to set one up before anything else (settings.VIGIL_REQUIRE_MFA)."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.shortcuts import redirect
from django.urls import reverse

ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/", "/api/")


class RequireSecondFactorMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            settings.VIGIL_REQUIRE_MFA
            and request.user.is_authenticated
            and not request.path.startswith(ALLOWED_PREFIXES)
            and not Authenticator.objects.filter(user=request.user, type=Authenticator.Type.TOTP).exists()
        ):
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
