"""Token and session authentication."""

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from vigil.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def test_token_auth_reads_and_writes_without_csrf(users, person):
    token = Token.objects.create(user=users["pp_investigator"])
    client = APIClient(enforce_csrf_checks=True)
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/me/").json()["username"] == "pp_investigator"
    assert client.get(f"/api/v1/people/{person.pk}/").status_code == 200
    assert AuditEvent.objects.get(action="view").actor_id == users["pp_investigator"].pk
    response = client.post("/api/v1/people/", {"forenames": "Tamsin", "surname": "Brockley"}, format="json")
    assert response.status_code == 201
    # A token client gets no session cookie from the API.
    assert "sessionid" not in response.cookies


@pytest.mark.parametrize("header", ["Token not-a-real-token", "Token", "Bearer abc", "Token a b"])
def test_bad_token_is_401(header):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=header)
    response = client.get("/api/v1/me/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_token_of_a_deactivated_user_is_refused(users):
    user = users["pp_investigator"]
    token = Token.objects.create(user=user)
    user.is_active = False
    user.save()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert client.get("/api/v1/me/").status_code == 401


def test_session_writes_need_csrf(users):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(users["pp_investigator"])
    assert client.get("/api/v1/me/").status_code == 200
    response = client.post("/api/v1/people/", {"forenames": "Tamsin", "surname": "Brockley"}, format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_per_user_rate_limit_answers_429(api_as, users, monkeypatch):
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(UserRateThrottle, "get_rate", lambda self: "3/minute")
    client = api_as(users["auditor"])
    codes = [client.get("/api/v1/me/").status_code for _ in range(4)]
    assert codes == [200, 200, 200, 429]
