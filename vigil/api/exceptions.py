"""API errors as JSON: bad input is a 400 with field errors, an oversized body a 413, never a 500."""

from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from rest_framework import status
from rest_framework.exceptions import APIException, PermissionDenied
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


class RequestTooLarge(APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."
    default_code = "request_too_large"


class ReasonNeeded(PermissionDenied):
    """A restricted record was asked for without a usable X-Access-Reason header (ADR 0006)."""

    default_detail = (
        "This record is restricted: a reason is required to open it. Send it in the "
        "X-Access-Reason header (at least 10 characters); it is logged."
    )
    default_code = "reason_required"


def _django_errors(exc: DjangoValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        errors = exc.message_dict
        if "__all__" in errors:
            errors["non_field_errors"] = errors.pop("__all__")
        return errors
    return {"non_field_errors": exc.messages}


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        return Response(_django_errors(exc), status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, IntegrityError):
        return Response({"non_field_errors": ["That would conflict with an existing record."]},
                        status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, RequestDataTooBig):
        # Raised by Django when a form-encoded body is read (e.g. by the CSRF check).
        exc = RequestTooLarge()
    if isinstance(exc, TooManyFieldsSent):
        return Response({"detail": "Too many fields in the request."}, status=status.HTTP_400_BAD_REQUEST)
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(exc, APIException) and isinstance(response.data, dict):
        codes = exc.get_codes()
        if isinstance(codes, str) and "code" not in response.data:
            response.data["code"] = codes
    return response
