"""Issue 5 acceptance, tried as a new user would, in Debian chromium.

An offender manager opens their queue and sees the overdue visit first; records a visit where a
child was seen at the address, which raises the child link task; records a new risk assessment at
a higher level, which moves the next-visit date; the supervisor's overdue count and 30-day forecast
change accordingly; the supervisor reassigns a registrant, and the reassignment is in the audit trail.
Every page visited is checked with axe-core.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from tests.factories import AddressFactory, PersonFactory, UserFactory
from tests.functional.conftest import assert_accessible, login
from vigil.accounts.models import TeamMembership
from vigil.accounts.roles import Role
from vigil.core.models import AuditEvent, Task
from vigil.offenders import services
from vigil.offenders.models import ChildLink, ManagerCapacity, Registrant
from vigil.offenders.rules import add_months
from vigil.people.models import PersonAddress

pytestmark = pytest.mark.functional


def _registrant(force, manager, forenames, surname, *, level, clock, address=None):
    person = PersonFactory(force=force, forenames=forenames, surname=surname, date_of_birth=date(1979, 3, 4))
    r = services.register_offender(
        person=person, by=manager, manager=manager, managed_from=date(2019, 1, 1),
        initial_notified_on=date(2019, 1, 2),
        conviction=dict(kind="conviction", offence="Sexual assault", relevant_date=date(2018, 11, 1),
                        age_on_relevant_date=None, disposal="imprisonment", term_months=4, discharge_months=None))
    Registrant.objects.filter(pk=r.pk).update(risk_level=level, visit_clock_from=clock, home_address=address,
                                              risk_review_due=timezone.localdate() + timedelta(days=200))
    return Registrant.objects.get(pk=r.pk)


def _sign_out(page):
    page.context.clear_cookies()


def _counts(page):
    return (page.locator("#visits-overdue").inner_text(), page.locator("#forecast-total").inner_text())


def test_offender_manager_and_supervisor(browser_page, users, force, team):
    page = browser_page
    today = timezone.localdate()
    manager, supervisor = users["offender_manager"], users["supervisor"]
    colleague = UserFactory(force=force, username="om_colleague", first_name="Nadia", last_name="Oyelaran",
                            roles=[Role.OFFENDER_MANAGER])
    TeamMembership.objects.create(user=colleague, team=team)
    # No spare visit capacity for this manager, so any visit falling due in 30 days is forecast overdue.
    ManagerCapacity.objects.create(user=manager, visits_per_day=0)

    overdue = _registrant(force, manager, "Gareth", "Oldcastle", level="high",
                          clock=add_months(today, -3) - timedelta(days=45))
    home = AddressFactory(force=force, line1="12 Willow Crescent", postcode="QM4 7XY")
    child = PersonFactory(force=force, forenames="Poppy", surname="Ashdown",
                          date_of_birth=today - timedelta(days=365 * 7))
    PersonAddress.objects.create(person=child, address=home, from_date=date(2020, 5, 1))
    with_child = _registrant(force, manager, "Martin", "Keele", level="medium",
                             clock=today - timedelta(days=60), address=home)
    rising = _registrant(force, manager, "Dennis", "Furlong", level="low", clock=today - timedelta(days=20))
    _registrant(force, manager, "Alan", "Yardley", level="low", clock=today - timedelta(days=10))

    # The supervisor's view before anything changes.
    login(page, supervisor.username)
    page.goto("/offenders/dashboard/")
    assert_accessible(page)
    assert _counts(page) == ("1 home visit overdue", "0 visits forecast to fall overdue in 30 days")
    page.goto("/offenders/forecast/")
    assert_accessible(page)
    page.goto("/offenders/dashboard/trend/")
    assert_accessible(page)
    assert page.locator("svg[role=img]").count() == 1 and page.locator("#trend-data").count() == 1
    _sign_out(page)

    # 1. The offender manager's queue: the overdue visit first.
    login(page, manager.username)
    page.goto("/offenders/")
    assert_accessible(page)
    first = page.locator("#queue tbody tr").first
    assert "Gareth OLDCASTLE" in first.inner_text() and "Visit overdue" in first.inner_text()

    # 2. A visit where a child was seen at the address raises the child link task.
    page.get_by_role("link", name="Martin KEELE").click()
    assert_accessible(page)
    page.get_by_role("link", name="Record a home visit").click()
    assert_accessible(page)
    page.get_by_label("Unannounced").check()
    page.get_by_label("Date of the visit").fill(today.isoformat())
    page.get_by_label("Time of the visit").fill("00:05")
    page.get_by_label("Seen", exact=True).check()
    page.get_by_label("Children seen at the address").check()
    page.get_by_label("Poppy ASHDOWN").check()
    page.get_by_label("Observations").fill("A girl of about seven was in the lounge; registrant said she is a visitor.")
    page.get_by_role("button", name="Save").click()
    assert "A child link task has been raised" in page.locator("body").inner_text()
    assert_accessible(page)
    tasks = page.locator("#open-tasks").inner_text()
    assert "Child link: Martin KEELE and a child" in tasks and "High priority" in tasks
    link = ChildLink.objects.get(registrant=with_child, child=child)
    assert link.task.owner == manager and link.task.priority == Task.Priority.HIGH
    page.goto("/work/")
    assert_accessible(page)
    assert "Child link: Martin KEELE and a child" in page.locator("main").inner_text()

    # 3. A new risk assessment at a higher level moves the next-visit date earlier.
    page.goto(f"/offenders/{rising.pk}/")
    before = page.locator("#next-visit-due").inner_text()
    assert add_months(today - timedelta(days=20), 12).strftime("%-d %B %Y") in before
    page.get_by_role("link", name="Record a risk assessment").click()
    assert_accessible(page)
    page.get_by_label("Tool").select_option(label="ARMS")
    page.get_by_label("Very high").check()
    page.get_by_label("Next review due").fill((today + timedelta(days=90)).isoformat())
    page.get_by_role("button", name="Save").click()
    assert_accessible(page)
    after = page.locator("#next-visit-due").inner_text()
    assert add_months(today - timedelta(days=20), 1).strftime("%-d %B %Y") in after and after != before

    # The overdue registrant is visited, so the overdue count falls.
    page.goto(f"/offenders/{overdue.pk}/visits/new/")
    page.get_by_label("Planned").check()
    page.get_by_label("Date of the visit").fill(today.isoformat())
    page.get_by_label("Time of the visit").fill("00:10")
    page.get_by_label("Seen", exact=True).check()
    page.get_by_role("button", name="Save").click()
    assert "Home visit recorded" in page.locator("body").inner_text()
    _sign_out(page)

    # 4. The supervisor's overdue count and forecast have changed.
    login(page, supervisor.username)
    page.goto("/offenders/dashboard/")
    assert_accessible(page)
    assert _counts(page) == ("0 home visits overdue", "1 visit forecast to fall overdue in 30 days")

    # 5. Reassignment, with the suggestion, recorded in the audit trail.
    page.goto("/offenders/forecast/")
    assert_accessible(page)
    page.goto(f"/offenders/{rising.pk}/")
    page.get_by_role("link", name="Reassign offender manager").click()
    assert_accessible(page)
    assert "Suggested: Nadia Oyelaran" in page.locator("main").inner_text()
    page.get_by_label("New offender manager").select_option(label="Nadia Oyelaran")
    page.get_by_label("Reason").fill("Martin's manager has no visit capacity this month")
    page.get_by_role("button", name="Save").click()
    assert_accessible(page)
    assert "Nadia Oyelaran" in page.locator("#manager").inner_text()
    event = AuditEvent.objects.get(object_type="offenders.registrant", object_id=str(rising.pk), action="update")
    assert event.actor_id == supervisor.pk and event.changes["manager"] == [manager.pk, colleague.pk]
    assert event.reason == "Martin's manager has no visit capacity this month"
    page.goto(f"/work/audit/?person={rising.person_id}")
    assert_accessible(page)
    assert "supervisor" in page.locator("main").inner_text()
