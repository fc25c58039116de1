"""The OpenAPI schema and the Swagger UI page, served offline under the strict CSP."""

import re

import pytest
import yaml
from drf_spectacular.validation import validate_schema

pytestmark = pytest.mark.django_db


def test_schema_is_valid_openapi_3(client):
    response = client.get("/api/v1/schema/")
    assert response.status_code == 200
    schema = yaml.safe_load(response.content)
    assert schema["openapi"].startswith("3.")
    validate_schema(schema)
    paths = set(schema["paths"])
    for path in ["/api/v1/people/", "/api/v1/people/{id}/", "/api/v1/people/{id}/relationships/",
                 "/api/v1/tasks/{id}/complete/", "/api/v1/audit-events/", "/api/v1/me/"]:
        assert path in paths
    params = {p["name"] for p in schema["paths"]["/api/v1/people/{id}/"]["get"]["parameters"]}
    assert "X-Access-Reason" in params


def test_docs_page_has_no_external_urls_and_no_inline_code(client):
    response = client.get("/api/v1/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", html, re.I), "external URL in the docs page"
    assert "/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in html
    assert "<style" not in html
    assert "style=" not in html
    for tag in re.findall(r"<script[^>]*>", html):
        assert "src=" in tag, tag
    assert "script-src 'self'" in response["Content-Security-Policy"]


def test_docs_init_script_is_a_separate_file(client):
    html = client.get("/api/v1/docs/").content.decode()
    script_url = re.search(r'<script src="([^"]*script=[^"]*)"', html).group(1).replace("&amp;", "&")
    response = client.get(script_url)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/javascript")
    assert "SwaggerUIBundle" in response.content.decode()
    assert "/api/v1/schema/" in response.content.decode()


def test_sidecar_static_files_are_served(client):
    response = client.get("/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")
    try:
        assert response.status_code == 200
        assert b"SwaggerUIBundle" in b"".join(response.streaming_content)
    finally:
        response.close()  # whitenoise streams the file; close it or the warning fails a later test


def test_schema_as_json(client):
    assert client.get("/api/v1/schema/?format=json").json()["openapi"].startswith("3.")


def test_schema_generates_without_warnings(tmp_path):
    """The same check as `vigil spectacular --validate --fail-on-warn`."""
    from django.core.management import call_command

    out = tmp_path / "schema.yml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(out))
    text = out.read_text()
    assert "/api/v1/people/{id}/markers/" in text
    assert "/api/v1/missing/episodes/{id}/grade/" in text and "MissingPlaceKindEnum:" in text
