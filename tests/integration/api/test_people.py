"""People endpoints: audited reads, the reason for restricted records, lists, filters, writes."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from tests.factories import OrganisationFactory, PersonFactory
from vigil.core.access import reason_session_key
from vigil.core.models import AccessGrant, AuditEvent
from vigil.people.models import Person, PersonName, Relationship
from vigil.people.services import add_name

pytestmark = pytest.mark.django_db
REASON = "Strategy discussion for the sibling group today"


def events(**filters):
    return AuditEvent.objects.filter(**filters)


# Audited reads ------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix", ["", "names/", "addresses/", "relationships/", "markers/"])
def test_every_read_of_a_person_is_audited(api_as, users, person, suffix):
    user = users["pp_investigator"]
    response = api_as(user).get(f"/api/v1/people/{person.pk}/{suffix}")
    assert response.status_code == 200
    event = events(action="view", person_id=person.pk).get()
    assert event.actor_id == user.pk
    assert event.path == f"/api/v1/people/{person.pk}/{suffix}"


def test_refused_read_is_not_logged_as_a_view(api_as, users, person):
    assert api_as(users["outsider"]).get(f"/api/v1/people/{person.pk}/").status_code == 404
    assert not events(action="view").exists()


def test_list_is_logged_as_a_search(api_as, users, person):
    api_as(users["auditor"]).get("/api/v1/people/?surname=Hartwell")
    event = events(action="search").get()
    assert event.actor_id == users["auditor"].pk
    assert "surname=Hartwell" in event.path


# Restricted records -------------------------------------------------------------------------------

def test_restricted_person_needs_a_reason_header(api_as, users, restricted_person):
    client = api_as(users["supervisor"])
    url = f"/api/v1/people/{restricted_person.pk}/"

    refused = client.get(url)
    assert refused.status_code == 403
    assert refused.json()["code"] == "reason_required"
    assert "X-Access-Reason" in refused.json()["detail"]
    assert client.get(url, HTTP_X_ACCESS_REASON="because").status_code == 403  # under 10 characters
    assert client.get(url, HTTP_X_ACCESS_REASON="x" * 1001).status_code == 403
    assert not events(person_id=restricted_person.pk).exists()

    opened = client.get(url, HTTP_X_ACCESS_REASON=REASON)
    assert opened.status_code == 200
    assert opened.json()["surname"] == "Ellery"
    given = events(action="restricted_access", person_id=restricted_person.pk).get()
    assert given.reason == REASON and given.actor_id == users["supervisor"].pk
    assert events(action="view", person_id=restricted_person.pk).count() == 1


def test_reason_header_is_needed_on_nested_reads_and_writes_too(api_as, users, restricted_person):
    client = api_as(users["supervisor"])
    url = f"/api/v1/people/{restricted_person.pk}/markers/"
    body = {"kind": "violence", "start_date": "2024-05-01"}
    assert client.get(url).status_code == 403
    assert client.post(url, body, format="json").status_code == 403
    assert client.post(url, body, format="json", HTTP_X_ACCESS_REASON=REASON).status_code == 201
    assert restricted_person.markers.count() == 1


def test_reason_header_in_utf8_is_logged_as_written(api_as, users, restricted_person):
    reason = "Cyfarfod strategaeth – brodyr a chwiorydd"
    # WSGI carries header bytes as latin-1 text; a client sends UTF-8 bytes.
    header = reason.encode("utf-8").decode("latin-1")
    response = api_as(users["supervisor"]).get(f"/api/v1/people/{restricted_person.pk}/",
                                               HTTP_X_ACCESS_REASON=header)
    assert response.status_code == 200
    assert events(action="restricted_access").get().reason == reason


def test_restricted_person_stays_hidden_from_those_not_named(api_as, users, restricted_person):
    client = api_as(users["senior_officer"])
    assert client.get(f"/api/v1/people/{restricted_person.pk}/", HTTP_X_ACCESS_REASON=REASON).status_code == 404
    ids = [p["id"] for p in client.get("/api/v1/people/").json()["results"]]
    assert restricted_person.pk not in ids
    supervisor_ids = [p["id"] for p in api_as(users["supervisor"]).get("/api/v1/people/").json()["results"]]
    assert restricted_person.pk in supervisor_ids


def test_reason_given_on_the_web_page_in_this_session_is_honoured(api, users, restricted_person):
    api.force_login(users["supervisor"])
    session = api.session
    session[reason_session_key(restricted_person)] = timezone.now().timestamp()
    session.save()
    assert api.get(f"/api/v1/people/{restricted_person.pk}/").status_code == 200


# Lists, filters and pagination --------------------------------------------------------------------

def test_list_shows_only_people_the_user_may_see(api_as, users, person, other_force, csc):
    PersonFactory(force=other_force)  # another force: never listed
    assert {p["id"] for p in api_as(users["auditor"]).get("/api/v1/people/").json()["results"]} == {person.pk}


def test_partner_sees_only_what_was_shared(api, users, person, force, csc):
    shared = PersonFactory(force=force)
    shared.shares.create(organisation=csc, reason="Strategy discussion", shared_by=users["supervisor"])
    other_org = OrganisationFactory(force=force, name="Elsewhere CSC")
    PersonFactory(force=force).shares.create(organisation=other_org, reason="x", shared_by=users["supervisor"])
    api.force_login(users["partner"])
    assert [p["id"] for p in api.get("/api/v1/people/").json()["results"]] == [shared.pk]
    assert api.get(f"/api/v1/people/{shared.pk}/").status_code == 200
    assert api.get(f"/api/v1/people/{person.pk}/").status_code == 404


@pytest.fixture
def people(force):
    made = {
        "obrien": PersonFactory(force=force, forenames="Siobhán", surname="O'Brien", pnc_id="19/123456X",
                                date_of_birth=dt.date(2011, 6, 1)),
        "obrian": PersonFactory(force=force, forenames="Kieran", surname="Obrian"),
        "smith": PersonFactory(force=force, forenames="Jon", surname="Smith", date_of_birth=dt.date(2011, 6, 1)),
    }
    add_name(person=made["smith"], forenames="Jonny", surname="Brightwater")
    return made


@pytest.mark.parametrize("query,expected", [
    ("surname=o%27brien", {"obrien"}),
    ("surname=O+BRIEN", {"obrien"}),
    ("surname=Obrian", {"obrian"}),
    ("forenames=siob", {"obrien"}),
    ("forenames=Siobhan", {"obrien"}),
    ("date_of_birth=2011-06-01", {"obrien", "smith"}),
    ("pnc_id=19/123456x", {"obrien"}),
    ("q=o%27bri", set()),  # q is a name search, not a prefix match
    ("surname=Smith&date_of_birth=2011-06-01", {"smith"}),
])
def test_filters(api_as, users, people, query, expected):
    response = api_as(users["response_officer"]).get(f"/api/v1/people/?{query}")
    assert response.status_code == 200
    ids = {p["id"] for p in response.json()["results"]}
    assert ids == {people[key].pk for key in expected}


@pytest.mark.parametrize("query,field", [
    ("date_of_birth=31-12-2011", "date_of_birth"),
    ("surname=" + "x" * 101, "surname"),
])
def test_bad_filter_is_a_400_naming_the_field(api_as, users, query, field):
    response = api_as(users["response_officer"]).get(f"/api/v1/people/?{query}")
    assert response.status_code == 400
    assert field in response.json()


def test_cursor_pagination_walks_every_person_once_without_counting(api_as, users, force,
                                                                    django_assert_max_num_queries):
    made = {PersonFactory(force=force).pk for _ in range(7)}
    client = api_as(users["response_officer"])
    seen, url, pages = [], "/api/v1/people/?page_size=3", 0
    while url:
        body = client.get(url).json()
        assert "count" not in body
        seen += [p["id"] for p in body["results"]]
        url, pages = body["next"], pages + 1
    assert pages == 3
    assert sorted(seen, reverse=True) == seen and set(seen) == made and len(seen) == 7


def test_list_runs_no_count_query(api_as, users, force, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    PersonFactory(force=force)
    client = api_as(users["response_officer"])
    with CaptureQueriesContext(connection) as ctx:
        assert client.get("/api/v1/people/").status_code == 200
    assert not [q for q in ctx.captured_queries if "COUNT(" in q["sql"].upper()]


# Writes -------------------------------------------------------------------------------------------

def test_create_person(api_as, users, force):
    user = users["missing_coordinator"]
    response = api_as(user).post("/api/v1/people/", {
        "forenames": "Tamsin", "surname": "Brockley", "date_of_birth": "2012-03-04", "gender": "female",
        "nhs_number": "943 476 5919", "pnc_id": " 12/345678a ",
    }, format="json")
    assert response.status_code == 201, response.json()
    body = response.json()
    person = Person.objects.get(pk=body["id"])
    assert person.force == force and person.created_by == user
    assert (person.nhs_number, person.pnc_id) == ("9434765919", "12/345678A")
    assert response["Location"] == f"/api/v1/people/{person.pk}/"
    assert body["is_child"] is True
    assert PersonName.objects.get(person=person, kind="primary").surname_norm == "brockley"
    created = events(action="create", person_id=person.pk).get()
    assert created.actor_id == user.pk and created.changes["surname"] == [None, "Brockley"]


def test_partial_update_audits_the_diff_and_rekeys_the_name(api_as, users, person):
    response = api_as(users["pp_investigator"]).patch(
        f"/api/v1/people/{person.pk}/", {"surname": "Hartley", "pnc_id": "12/345678A"}, format="json")
    assert response.status_code == 200
    assert response.json()["surname"] == "Hartley"
    changed = events(action="update", person_id=person.pk).get()
    assert changed.changes == {"surname": ["Hartwell", "Hartley"], "pnc_id": ["", "12/345678A"]}
    assert PersonName.objects.get(person=person, kind="primary").surname_norm == "hartley"


def test_update_with_no_change_writes_no_audit(api_as, users, person):
    assert api_as(users["pp_investigator"]).patch(
        f"/api/v1/people/{person.pk}/", {"surname": "Hartwell"}, format="json").status_code == 200
    assert not events(action="update").exists()


def test_merged_record_refuses_writes(api_as, users, person, force):
    survivor = PersonFactory(force=force)
    Person.objects.filter(pk=person.pk).update(merged_into=survivor)
    response = api_as(users["supervisor"]).patch(f"/api/v1/people/{person.pk}/", {"surname": "X"}, format="json")
    assert response.status_code == 400
    assert str(survivor.pk) in response.json()["non_field_errors"][0]


def test_nested_creates_write_through_and_audit(api_as, users, person, force):
    client = api_as(users["response_officer"])
    base = f"/api/v1/people/{person.pk}"
    other = PersonFactory(force=force)
    assert client.post(f"{base}/names/", {"forenames": "Millie", "surname": "Hart", "kind": "nickname"},
                       format="json").status_code == 201
    first = client.post(f"{base}/addresses/", {"line1": "4 Larch Road", "town": "Midtown", "postcode": "md2 4lc",
                                               "from_date": "2020-01-01"}, format="json")
    assert first.status_code == 201 and first.json()["postcode"] == "MD2 4LC" and first.json()["current"]
    # The same address spelled differently is the same Address row.
    second = client.post(f"{base}/addresses/", {"line1": "4 Larch Rd", "town": "Midtown", "postcode": "MD24LC",
                                                "kind": "temporary"}, format="json")
    assert second.json()["id"] == first.json()["id"]
    rel = client.post(f"{base}/relationships/", {"other": other.pk, "kind": "parent"}, format="json")
    assert rel.status_code == 201 and rel.json()["other_person"]["id"] == other.pk
    assert client.post(f"{base}/markers/", {"kind": "cp_plan", "start_date": "2024-02-01"},
                       format="json").json()["active"] is True
    assert events(action="update", person_id=person.pk).count() == 5

    names = client.get(f"{base}/names/").json()
    assert {n["kind"] for n in names} == {"primary", "nickname"}
    # The other side sees the inverse relationship.
    rows = client.get(f"/api/v1/people/{other.pk}/relationships/").json()
    assert [(r["direction"], r["label"], r["other_person"]["id"]) for r in rows] == [("to", "Child of", person.pk)]


def test_relationship_to_someone_the_user_may_not_see_stays_anonymous(api_as, users, person, restricted_person):
    Relationship.objects.create(person=person, other=restricted_person, kind="sibling")
    rows = api_as(users["response_officer"]).get(f"/api/v1/people/{person.pk}/relationships/").json()
    assert [(r["label"], r["other_person"]) for r in rows] == [("Sibling of", None)]
    assert "Ellery" not in str(rows)
    rows = api_as(users["supervisor"]).get(f"/api/v1/people/{person.pk}/relationships/").json()
    assert [r["other_person"]["id"] for r in rows] == [restricted_person.pk]


def test_restricting_a_record_names_the_editor_on_it(api_as, users, person):
    editor = users["pp_investigator"]
    response = api_as(editor).patch(f"/api/v1/people/{person.pk}/", {"restricted": True}, format="json")
    assert response.status_code == 200 and response.json()["restricted"] is True
    grant = AccessGrant.objects.get(content_type=ContentType.objects.get_for_model(person), object_id=person.pk)
    assert grant.user == editor
    # Others in the force now need to be named on it: the record is hidden from them.
    assert api_as(users["response_officer"]).get(f"/api/v1/people/{person.pk}/").status_code == 404


# Ranked search (?q=) and the duplicate check -----------------------------------------------------

@pytest.mark.parametrize("q,expected", [
    ("Siobhan O'Brien", "obrien"),
    ("O'Brien, Siobhan", "obrien"),
    ("Jonny Brightwater", "smith"),  # an alias
    ("John Smyth", "smith"),  # sound-alike
    ("Kieran Obrian", "obrian"),
])
def test_q_is_the_ranked_people_search(api_as, users, people, q, expected):
    response = api_as(users["response_officer"]).get("/api/v1/people/", {"q": q})
    assert response.status_code == 200
    body = response.json()
    assert body["next"] is None
    top = body["results"][0]
    assert top["id"] == people[expected].pk
    assert 0 < top["score"] <= 100 and top["reasons"]
    search = events(action="search").get()
    assert search.changes["query"]["surname"]


def test_q_with_date_of_birth_and_other_filters(api_as, users, people):
    client = api_as(users["response_officer"])
    rows = client.get("/api/v1/people/", {"q": "Jon Smith", "date_of_birth": "2011-01-06"}).json()["results"]
    assert rows and rows[0]["id"] == people["smith"].pk  # day and month swapped still finds him
    rows = client.get("/api/v1/people/", {"q": "Jon Smith", "pnc_id": "19/123456X"}).json()["results"]
    assert rows == []


def test_partner_q_is_a_plain_match_over_what_was_shared(api_as, users, people, csc):
    people["smith"].shares.create(organisation=csc, reason="Strategy discussion", shared_by=users["supervisor"])
    client = api_as(users["partner"])
    assert [p["id"] for p in client.get("/api/v1/people/", {"q": "smith"}).json()["results"]] == [people["smith"].pk]
    assert client.get("/api/v1/people/", {"q": "obrien"}).json()["results"] == []


def test_create_shows_possible_duplicates_first(api_as, users, person):
    from vigil.people.models import DuplicateDecision

    client = api_as(users["response_officer"])
    body = {"forenames": "Amelia", "surname": "Hartwell", "date_of_birth": person.date_of_birth.isoformat()}
    first = client.post("/api/v1/people/", body, format="json")
    assert first.status_code == 409
    assert first.json()["code"] == "possible_duplicates"
    assert [c["person_id"] for c in first.json()["candidates"]] == [person.pk]
    assert Person.objects.count() == 1

    second = client.post("/api/v1/people/", {**body, "duplicates_seen": [person.pk],
                                             "decision_reason": "Different mother and school"}, format="json")
    assert second.status_code == 201
    decision = DuplicateDecision.objects.get(person_id=second.json()["id"])
    assert decision.reason == "Different mother and school"
    assert [c["person_id"] for c in decision.candidates] == [person.pk]
    checks = events(action="search", reason="Duplicate check before creating a person")
    assert checks.count() == 2


def test_service_refusal_undoes_the_duplicate_check_entry(api_as, users):
    client = api_as(users["response_officer"])
    response = client.post("/api/v1/people/", {"forenames": "Tamsin", "surname": "Brockley",
                                               "nhs_number": "9434765918"}, format="json")
    assert response.status_code == 400 and "nhs_number" in response.json()
    assert not events(action="search").exists()
