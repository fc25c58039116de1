"""Notifications meet deadlines, move the annual date, and late or missed ones open s.91 breaches."""

from datetime import datetime, time, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from tests.integration.offenders.conftest import conviction
from vigil.core.clock import LONDON
from vigil.core.models import Task
from vigil.offenders import rules, services
from vigil.offenders.models import Breach, ChildLink, Notification

pytestmark = pytest.mark.django_db


def at(day, hour=11):
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def today():
    return timezone.localdate()


def test_initial_notification_on_time_meets_deadline_and_starts_the_year(make_registrant, manager):
    relevant = today() - timedelta(days=2)
    r = make_registrant(conviction=conviction(relevant_date=relevant))
    n = services.record_notification(registrant=r, by=manager, kind="s83", notified_at=at(today()),
                                     line1="4 Mill Lane", town="Midtown", postcode="qm1 2ab")
    initial = r.obligations.get(kind="initial")
    assert initial.status == "met" and initial.met_by == n and initial.task.status == "done"
    periodic = r.obligations.get(kind="periodic", status="open")
    assert periodic.due_on == rules.add_months(today(), 12)
    r.refresh_from_db()
    assert str(r.home_address) == "4 Mill Lane, Midtown, QM1 2AB"
    assert r.person.addresses.filter(address=r.home_address, to_date__isnull=True).exists()
    assert not Breach.objects.exists()


def test_late_initial_notification_opens_a_breach(make_registrant, manager):
    relevant = today() - timedelta(days=10)
    r = make_registrant(conviction=conviction(relevant_date=relevant, disposal="other", term_months=None))
    services.record_notification(registrant=r, by=manager, kind="s83", notified_at=at(today()))
    breach = Breach.objects.get(registrant=r)
    assert breach.kind == "late" and breach.opened_on == relevant + timedelta(days=3)
    assert breach.task.priority == Task.Priority.HIGH and breach.task.kind == "rso.breach"


def test_change_notification_moves_the_annual_date_and_other_information_does_not(make_registrant, manager):
    r = make_registrant(initial_notified_on=today() - timedelta(days=200),
                        conviction=conviction(relevant_date=today() - timedelta(days=201)))
    first = r.obligations.get(kind="periodic", status="open")
    services.record_notification(registrant=r, by=manager, kind="other", notified_at=at(today() - timedelta(1)),
                                 details="New bank card")
    assert r.obligations.get(kind="periodic", status="open") == first
    services.record_notification(registrant=r, by=manager, kind="s84", notified_at=at(today()), change="name",
                                 event_on=today() - timedelta(days=1))
    first.refresh_from_db()
    assert first.status == "cancelled" and "Moved by" in first.closed_note and first.task.status == "done"
    assert r.obligations.get(kind="periodic", status="open").due_on == rules.add_months(today(), 12)


def test_late_change_notification_opens_a_breach(make_registrant, manager):
    r = make_registrant(initial_notified_on=today() - timedelta(days=100),
                        conviction=conviction(relevant_date=today() - timedelta(days=101)))
    services.record_notification(registrant=r, by=manager, kind="s84", notified_at=at(today()),
                                 change="home_address", event_on=today() - timedelta(days=5),
                                 line1="9 Oak Road", town="Midtown", postcode="QM1 3CD")
    breach = Breach.objects.get(registrant=r)
    assert breach.kind == "late" and breach.opened_on == today() - timedelta(days=2)


def test_no_fixed_abode_means_weekly(make_registrant, manager):
    r = make_registrant(initial_notified_on=today() - timedelta(days=100),
                        conviction=conviction(relevant_date=today() - timedelta(days=101)))
    services.record_notification(registrant=r, by=manager, kind="s84", notified_at=at(today()), change="home_address",
                                 event_on=today(), no_fixed_abode=True)
    r.refresh_from_db()
    assert r.no_fixed_abode and r.home_address is None
    assert r.obligations.get(kind="periodic", status="open").due_on == today() + timedelta(days=7)


def test_late_travel_notification_opens_a_breach_and_time_abroad_is_recorded(make_registrant, manager):
    r = make_registrant(initial_notified_on=today() - timedelta(days=100),
                        conviction=conviction(relevant_date=today() - timedelta(days=101)))
    departure = at(today() + timedelta(days=2), 9)
    services.record_notification(registrant=r, by=manager, kind="s86", notified_at=at(today()), destination="Spain",
                                 departure_at=departure, details_known_on=today() - timedelta(days=20),
                                 return_on=today() + timedelta(days=9))
    assert Breach.objects.get(registrant=r).kind == "travel"
    assert r.custody_periods.get(kind="abroad").from_date == today() + timedelta(days=2)


def test_household_with_child_raises_a_link_task(make_registrant, manager, child_at):
    r = make_registrant(initial_notified_on=today() - timedelta(days=100),
                        conviction=conviction(relevant_date=today() - timedelta(days=101)))
    kid, address = child_at(age=7)
    services.record_notification(registrant=r, by=manager, kind="reg10", notified_at=at(today()),
                                 stay_began_at=at(today() - timedelta(days=1), 18), line1=address.line1,
                                 town=address.town, postcode=address.postcode)
    link = ChildLink.objects.get(registrant=r)
    assert link.child == kid and link.kind == "household"
    assert link.task.priority == Task.Priority.HIGH and link.task.owner == manager
    assert not Breach.objects.exists()


def test_household_with_no_recorded_child_still_raises_a_task(make_registrant, manager):
    r = make_registrant()
    services.record_notification(registrant=r, by=manager, kind="reg10", notified_at=at(today()),
                                 stay_began_at=at(today() - timedelta(days=1), 18), line1="1 New Street", town="Midtown")
    link = ChildLink.objects.get(registrant=r)
    assert link.child is None and "identify" in link.detail


def test_missed_deadlines_open_breaches_once(make_registrant, manager):
    relevant = today() - timedelta(days=10)
    r = make_registrant(conviction=conviction(relevant_date=relevant, disposal="other", term_months=None))
    assert services.open_missed_breaches() == 1
    assert services.open_missed_breaches() == 0
    breach = Breach.objects.get(registrant=r)
    assert breach.kind == "missed" and breach.obligation.kind == "initial" and breach.opened_by is None
    services.close_breach(breach=breach, by=manager, outcome="words_of_advice", notes="Was in hospital.")
    breach.refresh_from_db()
    assert breach.closed_by == manager and breach.task.status == "done"
    with pytest.raises(ValidationError):
        services.close_breach(breach=breach, by=manager, outcome="nfa", notes="again")


def test_release_from_custody_makes_a_change_deadline(make_registrant, manager):
    r = make_registrant(initial_notified_on=today() - timedelta(days=300),
                        conviction=conviction(relevant_date=today() - timedelta(days=301)))
    period = services.add_custody(registrant=r, by=manager, kind="custody", from_date=today() - timedelta(days=30))
    services.end_custody(period=period, by=manager, released_on=today())
    change = r.obligations.get(kind="change")
    assert change.due_on == today() + timedelta(days=2)


@pytest.mark.parametrize(("kind", "data", "message"), [
    ("s84", {"change": "name"}, "Enter the date of the change"),
    ("s86", {"destination": "France", "departure_on": "", "departure_time": ""}, "Enter the departure date"),
    ("s83", {"notified_on": "2999-01-01"}, "cannot be dated in the future"),
    ("reg10", {"stay_began_on": "2020-01-01", "stay_began_time": "10:00", "line1": ""}, "address of the household"),
])
def test_notification_page_bad_input(client, make_registrant, manager, kind, data, message):
    r = make_registrant()
    client.force_login(manager)
    post = {"notified_on": today().isoformat(), "notified_time": "10:00", **data}
    before = Notification.objects.count()
    resp = client.post(reverse("offenders:notification_add", args=[r.pk, kind]), post)
    assert resp.status_code == 400 and message in resp.content.decode()
    assert Notification.objects.count() == before


def test_notification_page_records(client, make_registrant, manager):
    r = make_registrant()
    client.force_login(manager)
    resp = client.post(reverse("offenders:notification_add", args=[r.pk, "s85"]),
                       {"notified_on": today().isoformat(), "notified_time": "10:00", "station": "Midtown"})
    assert resp.status_code == 302
    assert r.notifications.get().kind == "s85"
