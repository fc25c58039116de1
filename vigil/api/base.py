"""What every API view shares: token then session auth, JSON only, a body limit, a per-user rate."""

from rest_framework.authentication import SessionAuthentication, TokenAuthentication
from rest_framework.permissions import IsAuthenticated
from rest_framework.renderers import JSONRenderer
from rest_framework.throttling import UserRateThrottle

from vigil.api.parsers import LimitedJSONParser


class ApiDefaults:
    # Token first so an anonymous request gets 401 with WWW-Authenticate (session alone gives 403).
    # Session auth keeps DRF's CSRF check for unsafe methods.
    authentication_classes = [TokenAuthentication, SessionAuthentication]
    permission_classes = [IsAuthenticated]
    # JSON only: the browsable API would render forms listing related records.
    renderer_classes = [JSONRenderer]
    parser_classes = [LimitedJSONParser]
    throttle_classes = [UserRateThrottle]
