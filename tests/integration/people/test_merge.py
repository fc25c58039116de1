"""Merging two records of one person: everything linked moves, history is kept, bad merges refused."""

from datetime import date, timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.integration.people.conftest import grant, make_person, row_counts
from vigil.core.access import is_granted
from vigil.core.models import AuditEvent, Task
from vigil.people import services
from vigil.people.models import (
    DuplicateDecision,
    Marker,
    MergeRecord,
    PartnerShare,
    Person,
    PersonAddress,
    Relationship,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(force, officer):
    """Two records of one child, each with its own links, and a brother linked to both."""
    keep = make_person(force, "Amelia", "Hartwell", date(2014, 6, 1))
    dup = make_person(force, "Millie", "Hartwel", None, pnc_id="14/123456A")
    brother = make_person(force, "Tom", "Hartwell", date(2012, 1, 1))
    services.add_alias(person=dup, by=officer, forenames="Amy", surname="Hart")
    services.add_address(person=dup, by=officer, line1="22 New Road", town="Midtown", from_date=date(2020, 1, 1))
    services.add_marker(person=dup, kind=Marker.Kind.REPEAT_MISSING, start_date=date(2024, 1, 1), by=officer)
    services.add_relationship(person=brother, other=keep, kind="sibling", by=officer)
    services.add_relationship(person=brother, other=dup, kind="sibling", by=officer)  # repeats once merged
    services.add_relationship(person=dup, other=keep, kind="sibling", by=officer)  # would be to herself
    mother = make_person(force, "Grace", "Hartwell", date(1985, 2, 2))
    services.add_relationship(person=mother, other=dup, kind="parent", by=officer)
    Task.objects.create(force=force, kind="general", title="Return home interview", owner=officer,
                        due_at=timezone.now() + timedelta(days=1), person=dup,
                        content_type=ContentType.objects.get_for_model(Person), object_id=dup.pk)
    return keep, dup, brother, mother


def test_merge_moves_every_link_and_keeps_history(supervisor, pair, csc):
    keep, dup, brother, mother = pair
    PartnerShare.objects.create(person=dup, organisation=csc, reason="Strategy discussion")
    DuplicateDecision.objects.create(decided_by=supervisor, decision="created_new", person=dup)
    record = services.merge_people(survivor=keep, merged=dup, by=supervisor, reason="Same child: school confirmed")

    dup.refresh_from_db()
    keep.refresh_from_db()
    assert dup.merged_into == keep
    # Names: the merged record's names become aliases of the survivor.
    names = {(n.forenames, n.surname, n.kind) for n in keep.names.all()}
    assert names == {("Amelia", "Hartwell", "primary"), ("Millie", "Hartwel", "alias"), ("Amy", "Hart", "alias")}
    assert not dup.names.exists()
    assert all(n.dob_copy == date(2014, 6, 1) for n in keep.names.all())
    # Links.
    assert PersonAddress.objects.get().person == keep
    assert Marker.objects.get().person == keep
    assert Task.objects.get().person == keep and Task.objects.get().object_id == keep.pk
    assert PartnerShare.objects.get().person == keep
    assert DuplicateDecision.objects.get().person == keep
    rels = set(Relationship.objects.values_list("person_id", "other_id", "kind"))
    assert rels == {(brother.pk, keep.pk, "sibling"), (mother.pk, keep.pk, "parent")}
    # Identifiers the survivor lacked are filled in; its own are kept.
    assert keep.pnc_id == "14/123456A" and keep.date_of_birth == date(2014, 6, 1)
    # History.
    assert record.snapshot["person"]["surname"] == "Hartwel"
    assert "Millie Hartwel (primary)" in record.snapshot["names"]
    assert len(record.snapshot["dropped"]) == 2  # the self-relationship and the repeated sibling link
    assert record.moved["people.personaddress.person"] == 1
    assert record.moved["people.marker.person"] == 1
    assert record.moved["core.task.person"] == 1
    assert record.moved["people.personname.person"] == 2
    assert record.moved["people.relationship.other"] == 1
    for person in (keep, dup):
        event = AuditEvent.objects.get(action="merge", person_id=person.pk)
        assert event.reason == "Same child: school confirmed" and event.actor_id == supervisor.pk
    assert AuditEvent.objects.get(action="merge", person_id=keep.pk).changes["merged_in"] == [None, dup.pk]


def test_restriction_and_grants_follow_the_merge(supervisor, officer, force):
    keep = make_person(force, "Amelia", "Hartwell")
    dup = make_person(force, "Amelia", "Hartwel", restricted=True)
    grant(dup, officer)
    services.merge_people(survivor=keep, merged=dup, by=supervisor, reason="Same child")
    keep.refresh_from_db()
    assert keep.restricted and is_granted(officer, keep)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda keep, dup, other: (keep, keep), "A record cannot be merged with itself"),
        (lambda keep, dup, other: (keep, other), "Records of different forces cannot be merged"),
    ],
)
def test_refused_merges(supervisor, force, other_force, make, message):
    keep = make_person(force, "Amelia", "Hartwell")
    dup = make_person(force, "Amelia", "Hartwel")
    other = make_person(other_force, "Amelia", "Hartwell")
    survivor, merged = make(keep, dup, other)
    before = row_counts()
    with pytest.raises(ValidationError, match=message):
        services.merge_people(survivor=survivor, merged=merged, by=supervisor, reason="Same child")
    assert row_counts() == before


def test_already_merged_record_cannot_be_merged_again(supervisor, force):
    keep = make_person(force, "Amelia", "Hartwell")
    dup = make_person(force, "Amelia", "Hartwel")
    third = make_person(force, "Amelia", "Hartwelle")
    services.merge_people(survivor=keep, merged=dup, by=supervisor, reason="Same child")
    with pytest.raises(ValidationError, match="already been merged"):
        services.merge_people(survivor=third, merged=dup, by=supervisor, reason="Same child")
    with pytest.raises(ValidationError, match="already been merged"):
        services.merge_people(survivor=dup, merged=third, by=supervisor, reason="Same child")


def test_earlier_merges_into_the_merged_record_now_point_at_the_survivor(supervisor, force):
    keep = make_person(force, "Amelia", "Hartwell")
    middle = make_person(force, "Amelia", "Hartwel")
    oldest = make_person(force, "Amelia", "Hartwelle")
    services.merge_people(survivor=middle, merged=oldest, by=supervisor, reason="Same child")
    services.merge_people(survivor=keep, merged=middle, by=supervisor, reason="Same child")
    oldest.refresh_from_db()
    assert oldest.merged_into == keep
    assert MergeRecord.objects.filter(survivor=middle, merged=oldest).exists()  # history unchanged


class TestMergePage:
    def url(self, person):
        return reverse("people:merge", args=[person.pk])

    def test_compare_side_by_side_then_confirm(self, client, supervisor, pair):
        keep, dup, *_ = pair
        client.force_login(supervisor)
        resp = client.get(self.url(keep), {"other": dup.pk})
        assert resp.status_code == 200
        assert resp.context["other"] == dup
        page = resp.content.decode()
        assert "Record kept" in page and "Record merged into it" in page and "Millie HARTWEL" in page
        resp = client.post(self.url(keep), {"other": dup.pk, "reason": "Same child: school confirmed"})
        assert resp.status_code == 302 and resp["Location"] == reverse("people:detail", args=[keep.pk])
        assert Person.objects.get(pk=dup.pk).merged_into == keep

    def test_choose_from_a_search(self, client, supervisor, pair):
        keep, dup, *_ = pair
        client.force_login(supervisor)
        resp = client.get(self.url(keep), {"find-forenames": "Millie", "find-surname": "Hartwel"})
        assert dup in [m.person for m in resp.context["found"]]
        assert keep not in [m.person for m in resp.context["found"]]

    @pytest.mark.parametrize(
        ("other", "message"),
        [("self", "A record cannot be merged with itself"), (987654, "There is no person with ID 987654")],
    )
    def test_bad_choice_is_a_400_and_writes_nothing(self, client, supervisor, pair, other, message):
        keep, *_ = pair
        other = keep.pk if other == "self" else other
        client.force_login(supervisor)
        assert client.get(self.url(keep), {"other": other}).status_code == 400
        before = row_counts()
        resp = client.post(self.url(keep), {"other": other, "reason": "Same child"})
        assert resp.status_code == 400 and message in resp.content.decode()
        assert row_counts() == before

    def test_reason_required(self, client, supervisor, pair):
        keep, dup, *_ = pair
        client.force_login(supervisor)
        before = row_counts()
        resp = client.post(self.url(keep), {"other": dup.pk, "reason": ""})
        assert resp.status_code == 400 and "Say why these are the same person" in resp.content.decode()
        assert row_counts() == before

    def test_only_supervisors_and_senior_officers(self, client, users, pair):
        keep, dup, *_ = pair
        for role in ("response_officer", "pp_investigator", "auditor", "partner"):
            client.force_login(users[role])
            assert client.post(self.url(keep), {"other": dup.pk, "reason": "Same"}).status_code == 403
        client.force_login(users["senior_officer"])
        assert client.get(self.url(keep), {"other": dup.pk}).status_code == 200
        assert Person.objects.get(pk=dup.pk).merged_into is None

    def test_other_force_record_is_unknown(self, client, supervisor, pair, other_force):
        keep, *_ = pair
        stranger = make_person(other_force, "Amelia", "Hartwell")
        client.force_login(supervisor)
        resp = client.post(self.url(keep), {"other": stranger.pk, "reason": "Same child"})
        assert resp.status_code == 400
        assert f"There is no person with ID {stranger.pk} that you can see" in resp.content.decode()
