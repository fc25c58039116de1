"""Second factor enforcement: outside the demo, a signed-in user without an authenticator app
is sent to set one up before anything else (settings.VIGIL_REQUIRE_MFA)."""

from allauth.mfa.models import Authenticator
from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import reverse

# Sign-in, sign-out and the authenticator set-up pages themselves, and static files.
ALLOWED_PREFIXES = ("/accounts/", "/static/", "/i18n/")
API_PREFIX = "/api/"


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
            if request.path.startswith(API_PREFIX):
                # A browser session without a second factor must not reach the API either
                # (token clients authenticate in the view, so request.user is anonymous here).
                return JsonResponse(
                    {"detail": "Set up your authenticator app in Vigil before using the API."}, status=403
                )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)
