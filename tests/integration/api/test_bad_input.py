"""Bad input answers 400 (or 413/415) with a clear message, writes nothing, and is never a 500."""

import datetime as dt

import pytest
from django.utils import timezone

from tests.factories import PersonFactory
from vigil.core.models import AuditEvent
from vigil.people.models import Marker, Person, PersonAddress, PersonName, Relationship

pytestmark = pytest.mark.django_db

TOMORROW = (timezone.localdate() + dt.timedelta(days=1)).isoformat()


def _counts():
    return [m.objects.count() for m in (Person, PersonName, PersonAddress, Relationship, Marker, AuditEvent)]


@pytest.fixture
def officer(api_as, users):
    return api_as(users["pp_investigator"])


@pytest.mark.parametrize("body,field", [
    ({"surname": "Brockley"}, "forenames"),
    ({"forenames": "", "surname": "Brockley"}, "forenames"),
    ({"forenames": ["Tamsin"], "surname": "Brockley"}, "forenames"),
    ({"forenames": "T" * 101, "surname": "Brockley"}, "forenames"),
    ({"forenames": "Tam\x00sin", "surname": "Brockley"}, "forenames"),
    ({"forenames": "Tamsin", "surname": "Brockley", "date_of_birth": TOMORROW}, "date_of_birth"),
    ({"forenames": "Tamsin", "surname": "Brockley", "pnc_id": "123456"}, "pnc_id"),
    ({"forenames": "Tamsin", "surname": "Brockley", "restricted": "perhaps"}, "restricted"),
    ({"forenames": "Tamsin", "surname": "Brockley", "duplicates_seen": [1]}, "decision_reason"),
    ({"forenames": "Tamsin", "surname": "Brockley", "duplicates_seen": "1"}, "duplicates_seen"),
    ({"forenames": "Tamsin", "surname": "Brockley", "date_of_birth": 20120304}, "date_of_birth"),
    ({"forenames": "Tamsin", "surname": "Brockley", "date_of_birth": "2012-02-30"}, "date_of_birth"),
    ({"forenames": "Tamsin", "surname": "Brockley", "gender": "dragon"}, "gender"),
    ({"forenames": "Tamsin", "surname": "Brockley", "nhs_number": "9434765918"}, "nhs_number"),
    ({"forenames": "Tamsin", "surname": "Brockley", "nhs_number": "94347A5919"}, "nhs_number"),
])
def test_create_person_bad_input(officer, body, field):
    before = _counts()
    response = officer.post("/api/v1/people/", body, format="json")
    assert response.status_code == 400
    assert field in response.json(), response.json()
    assert _counts() == before


def test_update_dob_in_future_is_refused(officer, person):
    response = officer.patch(f"/api/v1/people/{person.pk}/", {"date_of_birth": TOMORROW}, format="json")
    assert response.status_code == 400 and "date_of_birth" in response.json()
    person.refresh_from_db()
    assert person.date_of_birth.isoformat() != TOMORROW


@pytest.mark.parametrize("sub,body,field", [
    ("relationships", {"other": "self", "kind": "sibling"}, "other"),
    ("relationships", {"other": 999999, "kind": "sibling"}, "other"),
    ("relationships", {"other": "foreign", "kind": "sibling"}, "other"),
    ("relationships", {"other": 2**70, "kind": "sibling"}, "other"),
    ("relationships", {"other": "abc", "kind": "sibling"}, "other"),
    ("relationships", {"other": "other", "kind": "cousin"}, "kind"),
    ("relationships", {"other": "other", "kind": "sibling", "from_date": "2020-01-02", "to_date": "2020-01-01"},
     "to_date"),
    ("addresses", {"line1": "4 Larch Close", "town": "Midtown", "from_date": "2020-06-01",
                   "to_date": "2020-05-31"}, "to_date"),
    ("addresses", {"town": "Midtown"}, "line1"),
    ("addresses", {"line1": "4 Larch Close", "town": "Midtown", "postcode": "NOT A CODE"}, "postcode"),
    ("addresses", {"line1": "4 Larch Close", "town": "Midtown", "kind": "castle"}, "kind"),
    ("markers", {"kind": "violence"}, "start_date"),
    ("markers", {"kind": "violence", "start_date": "2024-02-01", "end_date": "2024-01-01"}, "end_date"),
    ("markers", {"kind": "violence", "start_date": "2024-02-01", "review_date": "2024-01-01"}, "review_date"),
    ("markers", {"kind": "nonsense", "start_date": "2024-02-01"}, "kind"),
    ("names", {"forenames": "Amelia", "surname": "Hart", "kind": "primary"}, "kind"),
    ("names", {"forenames": "Amelia"}, "surname"),
])
def test_nested_create_bad_input(officer, person, force, other_force, sub, body, field):
    ids = {"self": person.pk, "other": PersonFactory(force=force).pk, "foreign": PersonFactory(force=other_force).pk}
    if body.get("other") in ids:
        body = {**body, "other": ids[body["other"]]}
    before = _counts()
    response = officer.post(f"/api/v1/people/{person.pk}/{sub}/", body, format="json")
    assert response.status_code == 400, response.content
    assert field in response.json(), response.json()
    assert _counts() == before


@pytest.mark.parametrize("first,second,same_way", [
    ("parent", "parent", True), ("parent", "child", False), ("sibling", "sibling", False),
])
def test_duplicate_and_inverse_relationship_are_refused(officer, person, force, first, second, same_way):
    other = PersonFactory(force=force)
    assert officer.post(f"/api/v1/people/{person.pk}/relationships/", {"other": other.pk, "kind": first},
                        format="json").status_code == 201
    a, b = (person, other) if same_way else (other, person)
    again = officer.post(f"/api/v1/people/{a.pk}/relationships/", {"other": b.pk, "kind": second}, format="json")
    assert again.status_code == 400 and "already recorded" in again.json()["other"][0]
    assert Relationship.objects.count() == 1


@pytest.mark.parametrize("payload", [b"{", b'{"forenames": "A",}', b"\xff\xfe", b"[" * 100000 + b"]" * 100000,
                                     b'{"forenames": NaN}', b"1" * 5000])
def test_malformed_json_is_a_400(officer, payload):
    response = officer.post("/api/v1/people/", payload, content_type="application/json")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/json"
    assert response.json()["detail"]


@pytest.mark.parametrize("payload", [b"[]", b'"text"', b"null", b"42"])
def test_json_that_is_not_an_object_is_a_400(officer, payload):
    response = officer.post("/api/v1/people/", payload, content_type="application/json")
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_oversized_json_body_is_a_413(officer, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    before = _counts()
    response = officer.post("/api/v1/people/", {"forenames": "A" * 2000, "surname": "B"}, format="json")
    assert response.status_code == 413
    assert "too large" in response.json()["detail"] or "larger" in response.json()["detail"]
    assert _counts() == before


def test_request_data_too_big_from_django_is_a_json_413():
    """Django raises RequestDataTooBig if anything reads a large form body (the API itself takes
    JSON only, so a form body is a 415 first)."""
    from django.core.exceptions import RequestDataTooBig

    from vigil.api.exceptions import exception_handler

    response = exception_handler(RequestDataTooBig("too big"), {})
    assert response.status_code == 413 and response.data["code"] == "request_too_large"


def test_large_form_body_with_session_csrf_check_is_not_a_500(users, settings):
    from django.middleware.csrf import _get_new_csrf_string
    from rest_framework.test import APIClient

    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(users["pp_investigator"])
    client.cookies["csrftoken"] = _get_new_csrf_string()
    response = client.post("/api/v1/people/", "forenames=" + "A" * 2000,
                           content_type="application/x-www-form-urlencoded")
    assert response.status_code in (413, 415)
    assert response["Content-Type"] == "application/json"


def test_form_encoded_body_is_a_415(officer):
    response = officer.post("/api/v1/people/", "forenames=A&surname=B",
                            content_type="application/x-www-form-urlencoded")
    assert response.status_code == 415


@pytest.mark.parametrize("url", ["/api/v1/people/999999/", "/api/v1/people/99999999999999999999999/",
                                 "/api/v1/tasks/999999/", "/api/v1/people/999999/markers/"])
def test_unknown_ids_in_the_path_are_404(officer, url):
    response = officer.get(url)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"


def test_bad_cursor_is_not_a_500(officer):
    assert officer.get("/api/v1/people/?cursor=%%%not-a-cursor").status_code == 404
