"""Registering a relevant offender, and the bad inputs the issue lists: each gets a clear message
and saves nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.factories import PersonFactory
from tests.integration.offenders.conftest import conviction
from vigil.core.models import AuditEvent, Task
from vigil.offenders import rules, services
from vigil.offenders.models import Conviction, Obligation, Registrant
from vigil.people.models import Marker

pytestmark = pytest.mark.django_db


def test_registration_creates_record_marker_and_initial_deadline(force, manager):
    person = PersonFactory(force=force, date_of_birth=date(1980, 6, 1))
    relevant = timezone.localdate() - timedelta(days=1)
    r = services.register_offender(person=person, by=manager, manager=manager, managed_from=timezone.localdate(),
                                   visor_ref="VR/123", conviction=conviction(relevant_date=relevant,
                                                                             disposal="other", term_months=None))
    assert r.team is not None and r.manager == manager and r.risk_level == "not_assessed"
    c = r.convictions.get()
    assert c.age_on_relevant_date == rules.age_on(person.date_of_birth, relevant)
    assert person.markers.active().filter(kind=Marker.Kind.RSO).exists()
    initial = r.obligations.get(kind="initial")
    assert initial.due_on == relevant + timedelta(days=2)  # 3 days beginning with the relevant date
    task = initial.task
    assert task.owner == manager and task.kind == "rso.initial" and "s.83(1)" in task.source
    assert AuditEvent.objects.filter(object_type="offenders.registrant", object_id=str(r.pk), action="create").exists()
    period, _c = services.notification_period(r)
    assert period.duration == "P5Y"


def test_still_in_custody_stops_the_initial_clock_until_release(force, manager, make_registrant):
    relevant = timezone.localdate() - timedelta(days=100)
    r = make_registrant(conviction=conviction(relevant_date=relevant), in_custody=True)
    initial = r.obligations.get(kind="initial")
    assert initial.due_on is None and initial.task is None
    period = r.custody_periods.get()
    released = timezone.localdate() - timedelta(days=1)
    services.end_custody(period=period, by=manager, released_on=released)
    initial.refresh_from_db()
    assert initial.due_on == released + timedelta(days=2)  # the clock starts on release (s.83(6))
    assert initial.task.status == "open" and initial.task.due_at.date() == initial.due_on


def test_already_notified_registrant_gets_the_annual_deadline(force, manager, make_registrant):
    notified = timezone.localdate() - timedelta(days=30)
    r = make_registrant(initial_notified_on=notified, conviction=conviction(relevant_date=notified - timedelta(1)))
    assert not r.obligations.filter(kind="initial").exists()
    periodic = r.obligations.get(kind="periodic", status="open")
    assert periodic.due_on == rules.add_months(notified, 12)


@pytest.mark.parametrize(("changes", "field", "message"), [
    ({"relevant_date": date(1979, 1, 1)}, "relevant_date", "before the date of birth"),
    ({"term_months": -3}, "term_months", "at least 1 month"),
    ({"term_months": None}, "term_months", "Enter the term"),
    ({"disposal": "conditional-discharge", "term_months": None}, "discharge_months", "period of the conditional"),
    ({"disposal": "caution", "term_months": None}, "disposal", "caution"),
    ({"relevant_date": timezone.localdate() + timedelta(days=3)}, "relevant_date", "future"),
    ({"age_on_relevant_date": 25}, "age_on_relevant_date", "makes them 39"),
])
def test_bad_conviction_saves_nothing(force, manager, changes, field, message):
    person = PersonFactory(force=force, date_of_birth=date(1980, 6, 1))
    before = (Registrant.objects.count(), Conviction.objects.count(), Obligation.objects.count(), Task.objects.count(),
              AuditEvent.objects.count())
    with pytest.raises(ValidationError) as exc:
        services.register_offender(person=person, by=manager, manager=manager, managed_from=timezone.localdate(),
                                   conviction=conviction(**changes))
    assert message in " ".join(exc.value.message_dict[field])
    after = (Registrant.objects.count(), Conviction.objects.count(), Obligation.objects.count(), Task.objects.count(),
             AuditEvent.objects.count())
    assert before == after
    assert not person.markers.exists()


def _form(person, **overrides):
    data = {"person": person.pk, "manager": "", "managed_from": timezone.localdate().isoformat(), "visor_ref": "",
            "mappa_category": "1", "mappa_level": "1", "kind": "conviction", "offence": "Exposure",
            "relevant_date": "2020-01-15", "age_on_relevant_date": "", "disposal": "imprisonment",
            "term_months": "12", "discharge_months": "", "court": "", "initial_notified_on": ""}
    data.update(overrides)
    return data


@pytest.mark.parametrize(("overrides", "message"), [
    ({"relevant_date": "1970-01-01"}, "cannot be before the date of birth"),
    ({"term_months": "-1"}, "The term must be at least 1 month."),
    ({"term_months": ""}, "Enter the term in months"),
    ({"disposal": "conditional-discharge", "term_months": ""}, "Enter the period of the conditional discharge"),
])
def test_register_page_answers_bad_input_with_400(client, force, manager, overrides, message):
    person = PersonFactory(force=force, date_of_birth=date(1980, 6, 1))
    client.force_login(manager)
    data = _form(person, manager=manager.pk, **overrides)
    resp = client.post(reverse("offenders:register"), data)
    assert resp.status_code == 400
    assert message in resp.content.decode()
    assert "There is a problem" in resp.content.decode()
    assert not Registrant.objects.exists() and not Conviction.objects.exists()


def test_register_page_creates_and_redirects(client, force, manager):
    person = PersonFactory(force=force, date_of_birth=date(1980, 6, 1))
    client.force_login(manager)
    resp = client.post(reverse("offenders:register"), _form(person, manager=manager.pk))
    r = Registrant.objects.get()
    assert resp.status_code == 302 and resp.url == reverse("offenders:detail", args=[r.pk])
    again = client.get(reverse("offenders:register") + f"?person={person.pk}")
    assert again.status_code == 302, "a registered person goes to their record, not a second registration"


def test_ending_management_closes_deadlines_and_checks_the_period(make_registrant, users, manager):
    supervisor = users["supervisor"]
    r = make_registrant(conviction=conviction(relevant_date=timezone.localdate() - timedelta(days=3),
                                              disposal="other", term_months=None))
    with pytest.raises(ValidationError, match="has not ended"):
        services.end_registration(registrant=r, by=supervisor, ended_on=timezone.localdate(), reason="period_ended")
    services.end_registration(registrant=r, by=supervisor, ended_on=timezone.localdate(), reason="moved",
                              note="Moved to Othershire; ViSOR record transferred")
    r.refresh_from_db()
    assert r.ended_on == timezone.localdate() and not r.is_active
    initial = r.obligations.get(kind="initial")
    assert initial.status == "cancelled" and initial.task.status == "done"
    assert services.open_missed_breaches() == 0
    assert not Registrant.objects.active().filter(pk=r.pk).exists()
    with pytest.raises(ValidationError, match="already ended"):
        services.end_registration(registrant=r, by=supervisor, ended_on=timezone.localdate(), reason="died")
