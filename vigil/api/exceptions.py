"""API errors: bad input is a 400 with field errors; anything unexpected in parsing stays a 4xx."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        detail = exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        return Response(detail, status=status.HTTP_400_BAD_REQUEST)
    if isinstance(exc, IntegrityError):
        return Response({"non_field_errors": ["That would conflict with an existing record."]},
                        status=status.HTTP_400_BAD_REQUEST)
    return drf_exception_handler(exc, context)
