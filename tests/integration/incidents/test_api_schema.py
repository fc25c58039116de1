"""The incidents API, as mounted at /api/v1/incidents/, documents itself without warnings."""

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db


def test_schema_has_incident_paths_and_no_warnings(capsys):
    from django.urls import include, path

    patterns = [path("api/v1/incidents/", include("vigil.incidents.api"))]
    schema = SchemaGenerator(patterns=patterns).get_schema(request=None, public=True)
    paths = schema["paths"]
    assert "/api/v1/incidents/" in paths and "/api/v1/incidents/{id}/close/" in paths
    assert "/api/v1/incidents/referrals/{id}/acknowledge/" in paths
    captured = capsys.readouterr()
    assert "Warning" not in captured.err and "Error" not in captured.err, captured.err
