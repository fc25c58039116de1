"""The person page: what it shows, who may see it, restricted records, partners, merged records."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.integration.people.conftest import grant, make_person
from vigil.core.models import AuditEvent
from vigil.people import services
from vigil.people.models import Marker, PartnerShare, Relationship

pytestmark = pytest.mark.django_db


def url(person):
    return reverse("people:detail", args=[person.pk])


@pytest.fixture
def child(force, officer):
    person = make_person(force, "Amelia", "Hartwell", date(2014, 6, 1), pnc_id="14/123456A")
    services.add_alias(person=person, by=officer, forenames="Millie", surname="Hartwell")
    return person


def test_page_shows_names_dob_age_identifiers(client, officer, child):
    client.force_login(officer)
    resp = client.get(url(child))
    assert resp.status_code == 200
    page = resp.content.decode()
    assert "Amelia HARTWELL" in page
    assert "Millie Hartwell" in page and "(alias)" in page
    assert "1 June 2014" in page and f"age {child.age()}" in page
    assert "14/123456A" in page


def test_addresses_current_first_with_history(client, officer, child):
    today = timezone.localdate()
    services.add_address(person=child, by=officer, line1="1 Old Lane", town="Midtown", postcode="md1 1aa",
                         from_date=date(2015, 1, 1), to_date=date(2020, 1, 1))
    services.add_address(person=child, by=officer, line1="22 New Road", town="Midtown", postcode="MD2 2BB",
                         from_date=date(2020, 1, 2))
    client.force_login(officer)
    resp = client.get(url(child))
    assert [str(a.address) for a in resp.context["current_addresses"]] == ["22 New Road, Midtown, MD2 2BB"]
    assert [str(a.address) for a in resp.context["past_addresses"]] == ["1 Old Lane, Midtown, MD1 1AA"]
    page = resp.content.decode()
    assert page.index("22 New Road") < page.index("1 Old Lane")
    assert "2 Jan 2020" in page and today.year >= 2020


def test_relationships_both_ways_with_inverse_labels(client, officer, force, child):
    mother = make_person(force, "Grace", "Hartwell", date(1985, 2, 2))
    services.add_relationship(person=mother, other=child, kind=Relationship.Kind.PARENT, by=officer)
    client.force_login(officer)
    child_page = client.get(url(child))
    row = child_page.context["relationships"][0]
    assert (str(row["label"]), row["person"]) == ("Child of", mother)
    assert f'href="{url(mother)}"' in child_page.content.decode()
    mother_page = client.get(url(mother))
    row = mother_page.context["relationships"][0]
    assert (str(row["label"]), row["person"]) == ("Parent of", child)


def test_restricted_relative_is_not_named(client, officer, force, child):
    secret = make_person(force, "Hidden", "Person", restricted=True)
    Relationship.objects.create(person=secret, other=child, kind=Relationship.Kind.SIBLING)
    client.force_login(officer)
    page = client.get(url(child)).content.decode()
    assert "A restricted record" in page and "Hidden" not in page


def test_markers_active_and_past_with_overdue_review(client, officer, child):
    today = timezone.localdate()
    services.add_marker(person=child, kind=Marker.Kind.EXPLOITATION, start_date=today - timedelta(days=100),
                        review_date=today - timedelta(days=1), by=officer, notes="Seen with older males")
    services.add_marker(person=child, kind=Marker.Kind.REPEAT_MISSING, start_date=today - timedelta(days=400),
                        end_date=today - timedelta(days=30), by=officer)
    client.force_login(officer)
    resp = client.get(url(child))
    active, past = resp.context["active_markers"], resp.context["other_markers"]
    assert [m["marker"].kind for m in active] == [Marker.Kind.EXPLOITATION]
    assert active[0]["review_overdue"] is True
    assert [m["marker"].kind for m in past] == [Marker.Kind.REPEAT_MISSING]
    page = resp.content.decode()
    assert "Review overdue" in page and "Ended" in page


def test_timeline_rendered(client, officer, child):
    services.add_marker(person=child, kind=Marker.Kind.CP_PLAN, start_date=date(2024, 5, 1), by=officer)
    client.force_login(officer)
    resp = client.get(url(child))
    titles = [e.title for e in resp.context["timeline"]]
    assert "Record created" in titles
    assert "Child subject of a child protection plan added" in titles
    assert 'class="moj-timeline"' in resp.content.decode()


def test_every_read_is_audited(client, officer, child):
    client.force_login(officer)
    before = AuditEvent.objects.filter(action="view", person_id=child.pk).count()
    client.get(url(child))
    client.get(url(child))
    events = AuditEvent.objects.filter(action="view", person_id=child.pk)
    assert events.count() == before + 2
    assert events.first().actor_id == officer.pk


def test_actions_depend_on_capabilities(client, users, child):
    client.force_login(users["auditor"])
    page = client.get(url(child)).content.decode()
    assert reverse("people:edit", args=[child.pk]) not in page
    assert reverse("people:merge", args=[child.pk]) not in page
    client.force_login(users["response_officer"])
    page = client.get(url(child)).content.decode()
    assert reverse("people:edit", args=[child.pk]) in page
    assert reverse("people:marker_add", args=[child.pk]) in page
    assert reverse("people:merge", args=[child.pk]) not in page
    client.force_login(users["supervisor"])
    assert reverse("people:merge", args=[child.pk]) in client.get(url(child)).content.decode()


def test_outsider_gets_404(client, users, child):
    client.force_login(users["outsider"])
    assert client.get(url(child)).status_code == 404


def test_unknown_person_is_404(client, officer):
    client.force_login(officer)
    assert client.get(reverse("people:detail", args=[999999])).status_code == 404


def test_anonymous_is_sent_to_sign_in(client, child):
    resp = client.get(url(child))
    assert resp.status_code == 302 and "/accounts/login/" in resp["Location"]


def test_partner_without_share_gets_404_and_with_share_a_reduced_page(client, users, csc, child, officer):
    partner = users["partner"]
    services.add_address(person=child, by=officer, line1="22 New Road", town="Midtown", postcode="MD2 2BB")
    client.force_login(partner)
    assert client.get(url(child)).status_code == 404
    PartnerShare.objects.create(person=child, organisation=csc, reason="For the strategy discussion on Monday",
                                shared_by=officer)
    resp = client.get(url(child))
    assert resp.status_code == 200
    page = resp.content.decode()
    assert "Amelia HARTWELL" in page and "For the strategy discussion on Monday" in page
    assert "14/123456A" not in page and "22 New Road" not in page and "Millie" not in page
    assert [t.name for t in resp.templates][0] == "people/detail_partner.html"


def test_revoked_share_is_404(client, users, csc, child):
    PartnerShare.objects.create(person=child, organisation=csc, reason="Shared", revoked_at=timezone.now())
    client.force_login(users["partner"])
    assert client.get(url(child)).status_code == 404


class TestRestricted:
    @pytest.fixture
    def secret(self, force, officer):
        person = make_person(force, "Restricted", "Child", restricted=True)
        grant(person, officer)
        return person

    def test_granted_user_is_asked_for_a_reason_first(self, client, officer, secret):
        client.force_login(officer)
        resp = client.get(url(secret))
        reason_url = reverse("people:restricted_reason", args=[secret.pk])
        assert resp.status_code == 302 and resp["Location"].startswith(reason_url)
        assert "next=" in resp["Location"]
        assert client.get(resp["Location"]).status_code == 200

    def test_reason_is_audited_and_opens_the_record(self, client, officer, secret):
        client.force_login(officer)
        reason_url = reverse("people:restricted_reason", args=[secret.pk])
        resp = client.post(reason_url, {"reason": "Strategy discussion for incident 42", "next": url(secret)})
        assert resp.status_code == 302 and resp["Location"] == url(secret)
        event = AuditEvent.objects.get(action="restricted_access", person_id=secret.pk)
        assert event.reason == "Strategy discussion for incident 42" and event.actor_id == officer.pk
        resp = client.get(url(secret))
        assert resp.status_code == 200 and "Restricted record" in resp.content.decode()

    def test_short_reason_is_a_400_and_logs_nothing(self, client, officer, secret):
        client.force_login(officer)
        resp = client.post(reverse("people:restricted_reason", args=[secret.pk]), {"reason": "because"})
        assert resp.status_code == 400
        assert "Give a reason of at least 10 characters" in resp.content.decode()
        assert not AuditEvent.objects.filter(action="restricted_access").exists()
        assert client.get(url(secret)).status_code == 302

    def test_next_must_stay_on_this_site(self, client, officer, secret):
        client.force_login(officer)
        resp = client.post(reverse("people:restricted_reason", args=[secret.pk]),
                           {"reason": "Strategy discussion for incident 42", "next": "https://evil.example/"})
        assert resp["Location"] == url(secret)

    def test_not_granted_gets_404_everywhere(self, client, users, secret):
        client.force_login(users["response_officer"])
        assert client.get(url(secret)).status_code == 404
        reason_url = reverse("people:restricted_reason", args=[secret.pk])
        assert client.get(reason_url).status_code == 404
        assert client.post(reason_url, {"reason": "I would like to look please"}).status_code == 404
        assert not AuditEvent.objects.filter(action="restricted_access").exists()


def test_merged_record_redirects_to_survivor_with_notice(client, officer, supervisor, force, child):
    dup = make_person(force, "Amelia", "Hartwel", date(2014, 6, 1))
    services.merge_people(survivor=child, merged=dup, by=supervisor, reason="Same child: same DOB and school")
    client.force_login(officer)
    resp = client.get(url(dup), follow=True)
    assert resp.redirect_chain == [(url(child), 302)]
    assert f"Record {dup.pk} (Amelia HARTWEL) was merged into this record." in resp.content.decode()
