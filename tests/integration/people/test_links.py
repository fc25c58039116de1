"""Editing a person and adding names, addresses, relationships and markers: audit and bad input."""

from datetime import date

import pytest
from django.urls import reverse

from tests.integration.people.conftest import make_person, row_counts
from vigil.core.models import AuditEvent
from vigil.people import services
from vigil.people.models import Address, Marker, PersonAddress, Relationship

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(force):
    return make_person(force, "Amelia", "Hartwell", date(2014, 6, 1))


@pytest.fixture
def mother(force):
    return make_person(force, "Grace", "Hartwell", date(1985, 2, 2))


def page(name, person, *args):
    return reverse(f"people:{name}", args=[person.pk, *args])


def post_bad(client, url, data, message):
    """POST bad input: a 400 that says what is wrong, and no row or audit entry written."""
    before, audits = row_counts(), AuditEvent.objects.exclude(action="view").count()
    resp = client.post(url, data)
    assert resp.status_code == 400, resp.status_code
    assert message in resp.content.decode()
    assert row_counts() == before
    assert AuditEvent.objects.exclude(action="view").count() == audits
    return resp


class TestEdit:
    def test_edit_audits_before_and_after(self, client, officer, child):
        client.force_login(officer)
        assert client.get(page("edit", child)).status_code == 200
        resp = client.post(page("edit", child), {"forenames": "Amelia Rose", "surname": "Hartwell",
                                                 "date_of_birth": "2014-06-02", "gender": "female"})
        assert resp.status_code == 302
        child.refresh_from_db()
        assert (child.forenames, child.date_of_birth) == ("Amelia Rose", date(2014, 6, 2))
        event = AuditEvent.objects.filter(action="update", person_id=child.pk).first()
        assert event.changes == {"date_of_birth": ["2014-06-01", "2014-06-02"],
                                 "forenames": ["Amelia", "Amelia Rose"], "gender": ["unknown", "female"]}
        primary = child.names.get(kind="primary")
        assert (primary.forenames, primary.dob_copy) == ("Amelia Rose", date(2014, 6, 2))

    def test_unchanged_edit_writes_no_audit(self, client, officer, child):
        client.force_login(officer)
        before = AuditEvent.objects.filter(action="update").count()
        client.post(page("edit", child), {"forenames": "Amelia", "surname": "Hartwell",
                                          "date_of_birth": "2014-06-01", "gender": "unknown"})
        assert AuditEvent.objects.filter(action="update").count() == before

    def test_future_dob_is_refused(self, client, officer, child):
        client.force_login(officer)
        post_bad(client, page("edit", child), {"forenames": "Amelia", "surname": "Hartwell",
                                               "date_of_birth": "2999-01-01", "gender": "unknown"},
                 "Date of birth must be today or in the past")
        child.refresh_from_db()
        assert child.date_of_birth == date(2014, 6, 1)

    def test_read_only_roles_cannot_edit(self, client, users, child):
        client.force_login(users["auditor"])
        assert client.get(page("edit", child)).status_code == 403
        client.force_login(users["outsider"])
        assert client.get(page("edit", child)).status_code == 404


class TestAddress:
    def test_address_reuses_the_same_address_record(self, client, officer, child, mother):
        client.force_login(officer)
        data = {"line1": "22 New Road", "town": "Midtown", "postcode": "md2 2bb", "kind": "home",
                "from_date": "2020-01-02"}
        assert client.post(page("address_add", child), data).status_code == 302
        assert client.post(page("address_add", mother), {**data, "line1": "22 New Rd"}).status_code == 302
        assert Address.objects.count() == 1
        assert PersonAddress.objects.filter(address=Address.objects.get()).count() == 2
        assert AuditEvent.objects.filter(action="update", person_id=child.pk,
                                         changes__has_key="address_added").exists()

    def test_address_ending_before_it_starts(self, client, officer, child):
        client.force_login(officer)
        post_bad(client, page("address_add", child),
                 {"line1": "22 New Road", "town": "Midtown", "kind": "home", "from_date": "2020-01-02",
                  "to_date": "2019-12-31"}, "The date they left must be on or after the date they moved in")

    def test_service_refuses_it_too(self, officer, child):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError):
            services.add_address(person=child, by=officer, line1="1 Lane", town="Midtown",
                                 from_date=date(2020, 1, 2), to_date=date(2020, 1, 1))
        assert not PersonAddress.objects.exists()

    def test_over_long_address_line(self, client, officer, child):
        client.force_login(officer)
        post_bad(client, page("address_add", child), {"line1": "x" * 201, "town": "Midtown", "kind": "home"},
                 "Address line 1 must be 200 characters or fewer")

    def test_end_address(self, client, officer, child):
        link = services.add_address(person=child, by=officer, line1="1 Lane", town="Midtown",
                                    from_date=date(2020, 1, 2))
        client.force_login(officer)
        url = page("address_end", child, link.pk)
        post_bad(client, url, {"to_date": "2020-01-01"},
                 "The date they left must be on or after the date they moved in")
        assert client.post(url, {"to_date": "2021-05-05"}).status_code == 302
        link.refresh_from_db()
        assert link.to_date == date(2021, 5, 5)


class TestRelationship:
    def test_add_relationship(self, client, officer, child, mother):
        client.force_login(officer)
        resp = client.post(page("relationship_add", mother), {"kind": "parent", "other": child.pk})
        assert resp.status_code == 302
        rel = Relationship.objects.get()
        assert (rel.person, rel.other, rel.kind) == (mother, child, "parent")
        assert AuditEvent.objects.filter(person_id=child.pk, changes__has_key="relationship_added").exists()
        assert AuditEvent.objects.filter(person_id=mother.pk, changes__has_key="relationship_added").exists()

    def test_relationship_to_self(self, client, officer, child):
        client.force_login(officer)
        post_bad(client, page("relationship_add", child), {"kind": "sibling", "other": child.pk},
                 "A person cannot be related to themselves")

    def test_service_refuses_self_too(self, officer, child):
        from django.core.exceptions import ValidationError

        with pytest.raises(ValidationError, match="A person cannot be related to themselves"):
            services.add_relationship(person=child, other=child, kind="sibling", by=officer)

    def test_unknown_person_id(self, client, officer, child):
        client.force_login(officer)
        post_bad(client, page("relationship_add", child), {"kind": "sibling", "other": 987654},
                 "There is no person with ID 987654 that you can see")

    def test_person_in_another_force_is_unknown(self, client, officer, child, other_force):
        stranger = make_person(other_force, "Other", "Force")
        client.force_login(officer)
        post_bad(client, page("relationship_add", child), {"kind": "sibling", "other": stranger.pk},
                 f"There is no person with ID {stranger.pk} that you can see")

    def test_duplicate_and_inverse_duplicate(self, client, officer, child, mother):
        services.add_relationship(person=mother, other=child, kind="parent", by=officer)
        client.force_login(officer)
        post_bad(client, page("relationship_add", mother), {"kind": "parent", "other": child.pk},
                 "This relationship is already recorded")
        post_bad(client, page("relationship_add", child), {"kind": "child", "other": mother.pk},
                 "This relationship is already recorded")

    def test_picker_finds_the_other_person(self, client, officer, child, mother):
        client.force_login(officer)
        resp = client.get(page("relationship_add", child), {"find-surname": "Hartwell"})
        assert resp.status_code == 200
        assert [m.person for m in resp.context["found"]] == [mother]  # not the person themselves
        assert f"?other={mother.pk}" in resp.content.decode()


class TestMarkerAndAlias:
    def test_add_and_end_marker(self, client, officer, child):
        client.force_login(officer)
        resp = client.post(page("marker_add", child), {"kind": "exploitation", "start_date": "2024-01-10",
                                                       "review_date": "2024-04-10", "notes": "CSE concerns"})
        assert resp.status_code == 302
        marker = Marker.objects.get()
        assert (marker.kind, marker.review_date, marker.created_by) == ("exploitation", date(2024, 4, 10), officer)
        post_bad(client, page("marker_end", child, marker.pk), {"end_date": "2024-01-09"},
                 "The end date must be on or after the start date")
        assert client.post(page("marker_end", child, marker.pk), {"end_date": "2024-06-01"}).status_code == 302
        marker.refresh_from_db()
        assert marker.end_date == date(2024, 6, 1)

    def test_review_before_start(self, client, officer, child):
        client.force_login(officer)
        post_bad(client, page("marker_add", child), {"kind": "violence", "start_date": "2024-01-10",
                                                     "review_date": "2024-01-09"},
                 "The review date must be on or after the start date")

    def test_marker_of_another_person_is_404(self, client, officer, child, mother):
        marker = services.add_marker(person=mother, kind="violence", start_date=date(2024, 1, 1), by=officer)
        client.force_login(officer)
        assert client.get(page("marker_end", child, marker.pk)).status_code == 404

    def test_add_alias_and_refuse_a_repeat(self, client, officer, child):
        client.force_login(officer)
        data = {"forenames": "Millie", "surname": "Hartwell", "kind": "nickname"}
        assert client.post(page("alias_add", child), data).status_code == 302
        assert child.names.filter(kind="nickname", forenames="Millie").exists()
        post_bad(client, page("alias_add", child), data, "This name is already recorded for this person")
        post_bad(client, page("alias_add", child), {**data, "kind": "primary"}, "Select a valid choice")
