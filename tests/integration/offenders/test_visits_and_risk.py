"""Home visits restart the clock, children seen raise a link, risk drives the schedule, and
reactive management holds only while its criteria do."""

from datetime import date, datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from vigil.core.clock import LONDON
from vigil.core.models import AuditEvent, Task
from vigil.offenders import rules, services
from vigil.offenders.models import ChildLink, HomeVisit, Registrant
from vigil.offenders.querysets import overdue_q
from vigil.offenders.visits import DEFAULT_POLICY

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def at(day, hour=14):
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def next_due(r):
    return Registrant.objects.with_next_visit(DEFAULT_POLICY).get(pk=r.pk).next_visit_due


def assess(r, by, level, on=None, **kw):
    on = on or today()
    return services.record_risk_assessment(registrant=r, by=by, tool="arms", level=level, assessed_on=on,
                                           next_review_due=on + timedelta(days=365), **kw)


def test_seen_visit_restarts_the_clock_and_no_reply_does_not(make_registrant, manager):
    r = make_registrant(managed_from=today() - timedelta(days=200))
    assess(r, manager, "medium", on=today() - timedelta(days=190))
    assert next_due(r) == rules.add_months(today() - timedelta(days=200), 6)
    services.record_visit(registrant=r, by=manager, kind="unannounced", visited_at=at(today() - timedelta(days=2)),
                          outcome="no_reply")
    assert next_due(r) == rules.add_months(today() - timedelta(days=200), 6)
    services.record_visit(registrant=r, by=manager, kind="planned", visited_at=at(today() - timedelta(days=1)),
                          outcome="seen", observations="Tidy; no concerns.")
    assert next_due(r) == rules.add_months(today() - timedelta(days=1), 6)
    # An older seen visit recorded late does not move the clock back.
    services.record_visit(registrant=r, by=manager, kind="planned", visited_at=at(today() - timedelta(days=20)),
                          outcome="seen")
    assert next_due(r) == rules.add_months(today() - timedelta(days=1), 6)


def test_higher_risk_moves_the_next_visit_earlier_and_is_audited(make_registrant, manager):
    r = make_registrant()
    services.record_visit(registrant=r, by=manager, kind="planned", visited_at=at(today() - timedelta(days=40)),
                          outcome="seen")
    assess(r, manager, "low", on=today() - timedelta(days=39))
    assert next_due(r) == rules.add_months(today() - timedelta(days=40), 12)
    assert not Registrant.objects.filter(pk=r.pk).filter(overdue_q(today(), DEFAULT_POLICY)).exists()
    a = assess(r, manager, "very_high")
    assert next_due(r) == rules.add_months(today() - timedelta(days=40), 1)
    assert Registrant.objects.filter(pk=r.pk).filter(overdue_q(today(), DEFAULT_POLICY)).exists()
    event = AuditEvent.objects.get(object_type="offenders.riskassessment", object_id=str(a.pk))
    assert event.changes["risk_level"] == ["low", "very_high"]
    # An older assessment entered later does not replace the current level.
    assess(r, manager, "low", on=today() - timedelta(days=100))
    r.refresh_from_db()
    assert r.risk_level == "very_high"


def test_child_seen_at_the_address_raises_a_high_priority_link_task(make_registrant, manager, child_at):
    r = make_registrant()
    kid, address = child_at(age=6)
    Registrant.objects.filter(pk=r.pk).update(home_address=address)
    r.refresh_from_db()
    v = services.record_visit(registrant=r, by=manager, kind="unannounced", visited_at=at(today()), outcome="seen",
                              children=[kid], observations="A girl of about six in the lounge.")
    assert v.children_seen and list(v.children.all()) == [kid]
    link = ChildLink.objects.get(registrant=r, child=kid)
    assert link.kind == "visit" and link.address == address
    task = link.task
    assert task.priority == Task.Priority.HIGH and task.owner == manager and task.kind == "rso.child_link"
    assert task.due_at <= timezone.now() + timedelta(hours=24, minutes=1)
    # Recording again for the same visit raises nothing new (idempotent links).
    from vigil.offenders import links
    assert links.visit(r, v, [kid], by=manager) == []


def test_child_described_but_not_identified_still_raises_a_task(make_registrant, manager):
    r = make_registrant()
    services.record_visit(registrant=r, by=manager, kind="planned", visited_at=at(today()), outcome="seen",
                          children_seen=True, children_details="Toddler, about two, not known to us.")
    assert ChildLink.objects.get(registrant=r).child is None


@pytest.mark.parametrize(("kwargs", "field", "message"), [
    ({"visited_at": "future"}, "visited_at", "cannot be dated in the future"),
    ({"children_seen": True}, "children_details", "Describe the children seen"),
    ({"outcome": "maybe"}, "outcome", "Choose the outcome"),
])
def test_bad_visits_save_nothing(make_registrant, manager, kwargs, field, message):
    r = make_registrant()
    values = {"kind": "planned", "visited_at": at(today() - timedelta(days=1)), "outcome": "seen", **kwargs}
    if values["visited_at"] == "future":
        values["visited_at"] = timezone.now() + timedelta(hours=2)
    before = (HomeVisit.objects.count(), AuditEvent.objects.count(), Task.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.record_visit(registrant=r, by=manager, **values)
    assert message in " ".join(exc.value.message_dict[field])
    assert (HomeVisit.objects.count(), AuditEvent.objects.count(), Task.objects.count()) == before


def test_adult_cannot_be_recorded_as_a_child_seen(force, make_registrant, manager):
    r = make_registrant()
    adult = PersonFactory(force=force, date_of_birth=date(1990, 1, 1))
    with pytest.raises(ValidationError, match="not a child"):
        services.record_visit(registrant=r, by=manager, kind="planned", visited_at=at(today()), outcome="seen",
                              children=[adult])


def test_visit_page_future_date_is_a_400(client, make_registrant, manager):
    r = make_registrant()
    client.force_login(manager)
    resp = client.post(reverse("offenders:visit_add", args=[r.pk]), {
        "kind": "planned", "visited_on": (today() + timedelta(days=1)).isoformat(), "visited_time": "10:00",
        "outcome": "seen"})
    assert resp.status_code == 400 and "A visit cannot be dated in the future." in resp.content.decode()
    assert not HomeVisit.objects.exists()


def test_not_resident_raises_a_whereabouts_task(make_registrant, manager):
    r = make_registrant()
    services.record_visit(registrant=r, by=manager, kind="unannounced", visited_at=at(today()), outcome="not_resident")
    task = Task.objects.get(kind="rso.whereabouts")
    assert task.priority == Task.Priority.HIGH and "s.84" in task.detail


def test_two_officer_visit_needs_two_different_officers(make_registrant, manager, users):
    r = make_registrant()
    v = services.record_visit(registrant=r, by=manager, kind="planned", visited_at=at(today()), outcome="seen",
                              second_officer=users["supervisor"])
    assert v.two_officer
    with pytest.raises(ValidationError, match="someone other"):
        services.record_visit(registrant=r, by=manager, kind="planned", visited_at=at(today()), outcome="seen",
                              second_officer=manager)


def _low_for_years(r, by, years=4):
    assess(r, by, "low", on=today() - timedelta(days=365 * years))
    assess(r, by, "low", on=today() - timedelta(days=30))


def test_reactive_only_when_criteria_hold(make_registrant, manager, users):
    supervisor = users["supervisor"]
    r = make_registrant(managed_from=today() - timedelta(days=365 * 6))
    assess(r, manager, "low", on=today() - timedelta(days=365))
    with pytest.raises(ValidationError, match="Low risk only since"):
        services.set_management(registrant=r, by=supervisor, mode="reactive", reason="Low for years")
    _low_for_years(r, manager)
    services.set_management(registrant=r, by=supervisor, mode="reactive", reason="Low risk since 2020; compliant")
    r.refresh_from_db()
    assert r.is_reactive and r.reactive_since == today()
    assert next_due(r) is None  # no home visits while reactive


@pytest.mark.parametrize("trigger", ["intelligence", "breach", "higher_risk", "mappa"])
def test_reactive_reverts_automatically(make_registrant, manager, users, trigger):
    r = make_registrant(managed_from=today() - timedelta(days=365 * 6))
    _low_for_years(r, manager)
    services.set_management(registrant=r, by=users["supervisor"], mode="reactive", reason="Criteria met")
    r.refresh_from_db()
    if trigger == "intelligence":
        services.record_intelligence(registrant=r, by=manager, received_on=today(), summary="Seen near a school")
        assert Task.objects.filter(kind="rso.risk_review", status="open").exists()
    elif trigger == "breach":
        services.open_breach(registrant=r, by=manager, kind="other", summary="Failed to attend", opened_on=today())
    elif trigger == "higher_risk":
        assess(r, manager, "medium")
    else:
        services.update_registrant(registrant=r, by=manager, visor_ref="", mappa_category=1, mappa_level=2)
    r.refresh_from_db()
    assert not r.is_reactive
    assert AuditEvent.objects.filter(object_id=str(r.pk), object_type="offenders.registrant", action="decision",
                                     changes__management=["reactive", "active"]).exists()


def test_new_assessment_closes_the_reassessment_task(make_registrant, manager):
    r = make_registrant()
    services.record_intelligence(registrant=r, by=manager, received_on=today(), summary="Report from a neighbour")
    assess(r, manager, "medium")
    assert Task.objects.get(kind="rso.risk_review").status == "done"


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"assessed_on": date(2999, 1, 1)}, "cannot be in the future"),
    ({"next_review_due": "same"}, "must be after the assessment date"),
    ({"level": "not_assessed"}, "Choose the risk level"),
])
def test_bad_risk_assessment_saves_nothing(make_registrant, manager, kwargs, message):
    r = make_registrant()
    values = {"tool": "arms", "level": "high", "assessed_on": today(), "next_review_due": today() + timedelta(90),
              **kwargs}
    if values["next_review_due"] == "same":
        values["next_review_due"] = values["assessed_on"]
    with pytest.raises(ValidationError, match=message):
        services.record_risk_assessment(registrant=r, by=manager, **values)
    assert not r.risk_assessments.exists()
