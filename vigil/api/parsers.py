"""JSON parsing with the same body limit Django applies to forms.

DRF's JSONParser reads the raw stream, which skips DATA_UPLOAD_MAX_MEMORY_SIZE; this one refuses
a larger body with a 413 before reading it, and turns a too-deeply nested document into a 400.
"""

import codecs
import json

from django.conf import settings
from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser, get_encoding

from vigil.api.exceptions import RequestTooLarge


class LimitedJSONParser(JSONParser):
    def parse(self, stream, media_type=None, parser_context=None):
        parser_context = parser_context or {}
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        request = parser_context.get("request")
        if limit is not None and request is not None:
            try:
                declared = int(request.META.get("CONTENT_LENGTH") or 0)
            except ValueError:
                declared = 0
            if declared > limit:
                raise RequestTooLarge(f"The request body is larger than {limit} bytes.")
        raw = stream.read(limit + 1) if limit is not None else stream.read()
        if limit is not None and len(raw) > limit:
            raise RequestTooLarge(f"The request body is larger than {limit} bytes.")
        encoding = get_encoding(parser_context)
        try:
            text = codecs.decode(raw, encoding)
            return json.loads(text, parse_constant=self._reject_constant)
        except (ValueError, RecursionError) as exc:
            raise ParseError(f"The body is not valid JSON: {str(exc)[:200]}")

    @staticmethod
    def _reject_constant(name):
        raise ValueError(f"{name} is not valid JSON")
