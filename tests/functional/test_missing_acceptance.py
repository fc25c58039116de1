"""Issue 4 acceptance, tried as a new user would, in Debian chromium.

A call handler (the response officer) reports a 13-year-old on a child protection plan missing from
residential care; her carer's profile and previous found-locations show at once; grading her medium
asks for an override reason; "call her phone" and "search her bedroom" are due within the configured
time and show overdue on the supervisor's page when not done (the report is taken as received two
hours ago, so no real waiting); she is found; the episode will not close without a prevention
interview; the local authority user sees the return interview request with its 72-hour due time.
"""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import dateformat, timezone

from tests.factories import AddressFactory, OrganisationFactory, PersonFactory, UserFactory
from tests.functional.conftest import PASSWORD, assert_accessible
from vigil.accounts.models import Organisation
from vigil.accounts.roles import Role
from vigil.core.clock import LONDON, add_elapsed
from vigil.missing import profiles, services
from vigil.missing.models import MissingEpisode, ReturnHomeInterview, RiskAssessment
from vigil.people.models import Marker, PersonAddress

pytestmark = pytest.mark.functional


def login(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").or_(page.get_by_role("button", name="Sign in")).first.click()
    page.wait_for_load_state()


def sign_out(page):
    page.context.clear_cookies()


def shown(moment) -> str:
    """A time as the pages show it."""
    return dateformat.format(timezone.localtime(moment, LONDON), "D j M Y H:i")


@pytest.fixture
def chloe(transactional_db, force, users):
    """Chloe, 13, on a child protection plan, living at Willow House (a children's home in Midtown),
    with a carer's profile and two earlier episodes."""
    today = timezone.localdate()
    dob = date(today.year - 13, 1, 15) if (today.month, today.day) >= (1, 15) else date(today.year - 14, 1, 15)
    child = PersonFactory(force=force, forenames="Chloe", surname="Brannigan", date_of_birth=dob, gender="female")
    home = AddressFactory(force=force, line1="Willow House", line2="12 Mill Road", town="Midtown",
                          postcode="QM1 4AB", local_authority="Midtown", latitude=Decimal("52.460000"),
                          longitude=Decimal("-1.620000"))
    PersonAddress.objects.create(person=child, address=home, kind=PersonAddress.Kind.CARE_PLACEMENT,
                                 from_date=today - timedelta(days=200))
    Marker.objects.create(person=child, kind=Marker.Kind.CP_PLAN, start_date=today - timedelta(days=100),
                          notes="Category: sexual abuse")
    provider = OrganisationFactory(force=force, name="Brightpath Children's Homes",
                                   kind=Organisation.Kind.CARE_PROVIDER, area="")
    carer = UserFactory(username="carer", force=force, organisation=provider, roles=[Role.PARTNER])
    profile = profiles.create_profile(
        person=child, organisation=provider, by=carer, phone="07700 900123",
        description="Slim, shoulder-length dyed red hair, nose stud.",
        associates="Jade Okoro (friend); older males she met online",
        trigger_plan="Ring her mobile at once. Check Canal Street and the retail park.")
    profiles.add_place(profile=profile, by=carer, label="Riverside Retail Park", kind="shops",
                       latitude="52.450000", longitude="-1.600000")
    officer, supervisor = users["response_officer"], users["supervisor"]
    for days, place, kind, with_whom in ((60, "Flat 3, 41 Canal Street", "friend", "Jade Okoro"),
                                         (25, "Bus station, Midtown", "transport", "Two older males")):
        reported = timezone.now() - timedelta(days=days)
        episode = services.report_missing(
            force=force, by=officer, person=child, reporter_name="Dawn Pike", reporter_contact="07700 900456",
            reporter_relationship="Residential care worker", reported_at=reported,
            last_seen_at=reported - timedelta(hours=1), last_seen_place="Willow House",
            circumstances="Did not return after school.", placement="residential", supervisor=supervisor)
        services.record_found(episode=episode, by=officer, found_at=reported + timedelta(hours=6), place=place,
                              kind=kind, found_by="police", condition="safe", found_with=with_whom)
        services.waive_prevention_interview(episode=episode, by=supervisor, reason="Historic test episode")
        services.close_episode(episode=episode, by=officer)
        services.complete_return_interview(
            rhi=episode.return_interview, by=users["partner"], completed_at=reported + timedelta(hours=30),
            outcome="completed", where_child_was=place, with_whom=with_whom, learning="Stayed with friends.")
    return child


def test_a_13_year_old_on_a_cp_plan_missing_from_residential_care(browser_page, users, csc, chloe):
    page = browser_page
    login(page, "response_officer")

    # Find her and open the report: everything known is on screen at once.
    page.goto("/missing/report/")
    assert_accessible(page)
    page.get_by_label("Last name").fill("Brannigan")
    page.get_by_role("button", name="Find the child").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Report Chloe BRANNIGAN missing").click()
    page.wait_for_load_state()
    assert page.get_by_text("07700 900123").first.is_visible()                 # carer's profile
    assert page.get_by_text("Ring her mobile at once").first.is_visible()      # trigger plan
    assert page.get_by_role("cell", name="Flat 3, 41 Canal Street (friend's or associate's address)").is_visible()
    assert page.get_by_role("cell", name="Two older males").is_visible()       # found with whom, before
    assert page.get_by_text("Child subject of a child protection plan").first.is_visible()
    assert_accessible(page)

    # The report, received two hours ago; last seen three hours ago at her placement.
    received = timezone.localtime(timezone.now() - timedelta(hours=2), LONDON).replace(second=0, microsecond=0)
    seen = received - timedelta(hours=1)
    page.get_by_label("Reporting person's name").fill("Dawn Pike")
    page.get_by_label("Reporting person's phone number or contact").fill("07700 900456")
    page.get_by_label("Their relationship to the child").fill("Residential care worker")
    page.get_by_label("Date the report was received").fill(received.strftime("%Y-%m-%d"))
    page.get_by_label("Time the report was received").fill(received.strftime("%H:%M"))
    page.get_by_label("Date last seen").fill(seen.strftime("%Y-%m-%d"))
    page.get_by_label("Time last seen").fill(seen.strftime("%H:%M"))
    page.get_by_label("Where the child was last seen").fill("Leaving Willow House by the back gate")
    page.get_by_label("Last seen at one of the child's addresses").select_option(index=1)
    page.get_by_label("Circumstances").fill("Left after an argument about her phone. She has been meeting older "
                                            "men she met online.")
    page.get_by_label("Clothing", exact=False).fill("Black puffer jacket, grey joggers, white trainers")
    page.get_by_role("group", name="Where the child lives").get_by_label("Residential care (children's home)").check()
    page.get_by_role("button", name="Open the missing episode").click()
    page.wait_for_load_state()
    episode = MissingEpisode.objects.get(status="open")
    assert episode.reported_at == received and episode.age_at_report == 13
    assert_accessible(page)

    # "Call her phone" and "search her bedroom" are due within the configured minutes of the report.
    call = services.episode_tasks(episode).get(kind="missing.action.call_phone")
    search = services.episode_tasks(episode).get(kind="missing.action.search_home")
    assert call.due_at == add_elapsed(received, timedelta(minutes=30))
    assert search.due_at == add_elapsed(received, timedelta(minutes=60))
    actions = page.get_by_role("table", name="Early actions", exact=True)
    assert actions.get_by_role("row", name="Call the child's phone").get_by_text("Overdue").is_visible()
    assert actions.get_by_role("row", name="Search the home and the child's bedroom").get_by_text("Overdue").is_visible()
    assert "07700 900123" in call.detail

    # Grading her medium asks for an override reason; nothing is saved.
    page.get_by_role("link", name="Grade the risk").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("group", name="Risk grade").get_by_label("Medium").check()
    page.get_by_label("Rationale for the grade").fill("She has gone to her friend Jade's before.")
    obtained = timezone.localtime(timezone.now() - timedelta(minutes=30), LONDON)
    page.get_by_label("Information 1: what was learnt").fill("Carer says she has been messaging older men.")
    page.get_by_label("Information 1: who supplied it (name and contact)").fill("Dawn Pike, 07700 900456")
    page.get_by_label("Information 1: date obtained").fill(obtained.strftime("%Y-%m-%d"))
    page.get_by_label("Information 1: time obtained").fill(obtained.strftime("%H:%M"))
    page.get_by_role("button", name="Record the grade").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").get_by_text("needs an override reason").is_visible()
    assert RiskAssessment.objects.count() == 0
    assert_accessible(page)
    # High instead: the senior officer is notified and a Child Rescue Alert decision is asked for.
    page.get_by_role("group", name="Risk grade").get_by_label("High").check()
    page.get_by_label("Rationale for the grade").fill("CP plan for sexual abuse; contact with older men online.")
    page.get_by_role("button", name="Record the grade").click()
    page.wait_for_load_state()
    assert page.get_by_text("decide whether to request a Child Rescue Alert").first.is_visible()
    assert services.episode_tasks(episode).get(kind="missing.senior_oversight").owner == users["senior_officer"]
    assert_accessible(page)

    # The supervisor's page shows both actions overdue.
    sign_out(page)
    login(page, "supervisor")
    page.goto("/missing/supervision/")
    overdue = page.get_by_role("table", name="Early actions overdue", exact=True)
    assert overdue.get_by_role("row", name="Call the child's phone: Chloe BRANNIGAN").get_by_text("Overdue").is_visible()
    assert overdue.get_by_role("row", name="Search the home and the child's bedroom: Chloe BRANNIGAN").get_by_text(
        "Overdue").is_visible()
    assert_accessible(page)

    # She is found (a time before she was last seen is refused first).
    page.get_by_role("link", name="Chloe BRANNIGAN").first.click()
    page.wait_for_load_state()
    page.get_by_role("link", name="Record as found").click()
    page.wait_for_load_state()
    assert_accessible(page)
    too_early = seen - timedelta(minutes=30)
    page.get_by_label("Date found").fill(too_early.strftime("%Y-%m-%d"))
    page.get_by_label("Time found").fill(too_early.strftime("%H:%M"))
    page.get_by_label("Where the child was found").fill("Flat 3, 41 Canal Street")
    page.get_by_role("group", name="Kind of place").get_by_label("Friend's or associate's address").check()
    page.get_by_role("group", name="Who found the child").get_by_label("Police").check()
    page.get_by_label("Who the child was with", exact=False).fill("Jade Okoro")
    page.get_by_role("group", name="Condition when found").get_by_label("Safe and well").check()
    page.get_by_role("button", name="Record as found").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").get_by_text("before the time last seen").is_visible()
    assert_accessible(page)
    found_at = timezone.localtime(timezone.now() - timedelta(minutes=10), LONDON).replace(second=0, microsecond=0)
    page.get_by_label("Date found").fill(found_at.strftime("%Y-%m-%d"))
    page.get_by_label("Time found").fill(found_at.strftime("%H:%M"))
    page.get_by_role("button", name="Record as found").click()
    page.wait_for_load_state()
    episode.refresh_from_db()
    assert episode.status == "found" and episode.found_at == found_at

    # The episode will not close without a prevention interview.
    page.get_by_role("button", name="Close the episode").click()
    page.wait_for_load_state()
    assert page.get_by_role("alert").get_by_text("cannot be closed without a prevention interview").is_visible()
    episode.refresh_from_db()
    assert episode.status == "found"
    assert_accessible(page)

    # The local authority sees the return interview request, due 72 hours after her return.
    rhi = ReturnHomeInterview.objects.get(episode=episode)
    assert rhi.organisation == csc and rhi.due_at == add_elapsed(found_at, timedelta(hours=72))
    sign_out(page)
    login(page, "partner")
    page.goto("/missing/return-interviews/")
    assert_accessible(page)
    row = page.get_by_role("row").filter(has_text=shown(rhi.due_at))
    assert row.get_by_role("link", name="Chloe BRANNIGAN").is_visible()
    row.get_by_role("link", name="Chloe BRANNIGAN").click()
    page.wait_for_load_state()
    assert page.get_by_text(f"{shown(rhi.due_at)} (72 hours after return)").is_visible()
    assert_accessible(page)
