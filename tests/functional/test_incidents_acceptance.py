"""Issue 3 acceptance, tried as a new user would, in Debian chromium.

1. A response officer records a drug-driving arrest whose narrative says a one-year-old was in a child
   seat in the back; the page shows the child flag with the evidence highlighted; closing is refused;
   the officer completes the assessment, creating the child's record; a referral is created; the
   children's social care user signs in, sees it and acknowledges it; the supervisor's queue shows it
   as resolved.
2. A domestic abuse incident with a 9-year-old creates the school notification, seen by that school's
   user only.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.factories import OrganisationFactory, PersonFactory, UserFactory
from tests.functional.conftest import assert_accessible, login
from vigil.accounts.models import Organisation
from vigil.accounts.roles import Role
from vigil.incidents.models import EncompassNotification, Incident, Referral, SchoolEnrolment
from vigil.incidents.reference import ensure_incident_types

pytestmark = pytest.mark.functional


@pytest.fixture(autouse=True)
def _incident_types(transactional_db):
    # Live-server tests empty every table afterwards, including the types migration 0002 loaded.
    ensure_incident_types()

NARRATIVE = (
    "At 1645hrs I stopped a grey Vauxhall Astra on the A61 southbound after it drifted across both lanes. "
    "The driver, Reece HOLLOWAY (28), had dilated pupils and the car smelled strongly of cannabis. A roadside "
    "drug wipe was positive for cannabis and cocaine. His one-year-old son was strapped in a child seat in the "
    "back. HOLLOWAY was arrested on suspicion of driving whilst unfit through drugs."
)


def sign_out(page):
    page.context.clear_cookies()


def record_incident(page, *, reference, type_label, narrative, when):
    page.goto("/incidents/new/")
    assert_accessible(page)
    page.get_by_label("Incident reference").fill(reference)
    page.get_by_label("Type of incident").select_option(label=type_label)
    page.get_by_label("Date it happened").fill(when.strftime("%Y-%m-%d"))
    page.get_by_label("Time it happened").fill(when.strftime("%H:%M"))
    page.get_by_label("Location", exact=False).first.fill("A61 southbound layby")
    page.get_by_label("Address line 1", exact=False).fill("14 Elm Grove")
    page.get_by_label("Town", exact=False).fill("Midtown")
    page.get_by_label("Postcode", exact=False).fill("MD1 2AB")
    page.get_by_label("Local authority area", exact=False).fill("Midtown")
    page.get_by_label("Narrative").fill(narrative)
    page.get_by_role("button", name="Record the incident").click()
    page.wait_for_load_state()


def test_drug_driving_with_a_baby_in_the_back(browser_page, users, csc):
    page = browser_page
    when = timezone.localtime(timezone.now() - timedelta(hours=1))
    login(page, "response_officer")
    record_incident(page, reference="MID-26-004321", type_label="Drink or drug driving", narrative=NARRATIVE,
                    when=when)

    # The flag, with the evidence highlighted in the narrative.
    assert page.get_by_role("heading", name="Child safeguarding").is_visible()
    marks = page.locator("mark.vigil-highlight")
    assert marks.count() >= 1
    assert any("one-year-old" in text or "child seat" in text for text in marks.all_inner_texts())
    assert_accessible(page)

    # Closing is refused.
    page.get_by_role("button", name="Close the incident").click()
    page.wait_for_load_state()
    assert page.get_by_text("without a completed safeguarding assessment").first.is_visible()
    assert Incident.objects.get().status == "open"
    assert_accessible(page)

    # The assessment, creating the child's record.
    page.get_by_role("link", name="Complete the assessment").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("First names").fill("Alfie")
    page.get_by_label("Last name").fill("Holloway")
    page.get_by_label("Date of birth").fill((timezone.localdate() - timedelta(days=400)).strftime("%Y-%m-%d"))
    page.get_by_label("What was seen and heard").fill("Baby asleep in a rear-facing seat; strong smell of cannabis.")
    page.get_by_role("group", name="Was the child spoken to?").get_by_label("No").check()
    page.get_by_label("Why the child could not be spoken to").fill("Aged one: too young to speak.")
    page.get_by_label("The child's immediate safety and needs").fill("Warm, fed and uninjured.")
    page.get_by_role("group", name="Risk grade").get_by_label("Medium").check()
    page.get_by_label("Left with a named safe adult").check()
    page.get_by_label("Name of the safe adult").fill("Joan Holloway (grandmother)")
    page.get_by_label("Refer to children's social care").check()
    page.get_by_label("Rationale for the referral decision").fill("Father drug-driving with an infant in the car.")
    page.get_by_role("button", name="Complete the assessment").click()
    page.wait_for_load_state()
    assert page.get_by_text("Referral sent to Midtown Children's Social Care").is_visible()
    referral = Referral.objects.get()
    assert referral.person.full_name == "Alfie HOLLOWAY" and referral.organisation == csc

    page.get_by_role("button", name="Close the incident").click()
    page.wait_for_load_state()
    assert Incident.objects.get().status == "closed"

    # Children's social care signs in, sees it and acknowledges it.
    sign_out(page)
    login(page, "partner")
    page.goto("/incidents/inbox/")
    assert_accessible(page)
    page.get_by_role("link", name="Alfie HOLLOWAY").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("button", name="Acknowledge the referral").click()
    page.wait_for_load_state()
    assert page.get_by_text("Referral acknowledged.").is_visible()
    referral.refresh_from_db()
    assert referral.acknowledged_by == users["partner"]

    # The supervisor's queue shows it as resolved.
    sign_out(page)
    login(page, "supervisor")
    page.goto("/incidents/child-to-notice/")
    assert_accessible(page)
    resolved = page.get_by_role("table", name="Every child assessed, referrals and notifications on time")
    assert resolved.get_by_role("link", name="MID-26-004321").is_visible()
    assert resolved.get_by_text("Resolved").is_visible()


def test_domestic_abuse_with_a_nine_year_old_notifies_only_that_school(browser_page, users, force, csc):
    school = OrganisationFactory(force=force, name="Midtown Primary School", kind=Organisation.Kind.SCHOOL,
                                 area="Midtown")
    other = OrganisationFactory(force=force, name="Hillside Academy", kind=Organisation.Kind.SCHOOL, area="Midtown")
    UserFactory(username="midtown_dsl", force=force, organisation=school, roles=[Role.PARTNER])
    UserFactory(username="hillside_dsl", force=force, organisation=other, roles=[Role.PARTNER])
    child = PersonFactory(force=force, forenames="Maisie", surname="Carter",
                          date_of_birth=timezone.localdate() - timedelta(days=9 * 365 + 100))
    SchoolEnrolment.objects.create(person=child, school=school)

    page = browser_page
    login(page, "response_officer")
    record_incident(
        page, reference="MID-26-004400", type_label="Domestic abuse",
        when=timezone.localtime(timezone.now() - timedelta(hours=2)),
        narrative="Called to 14 Elm Grove after neighbours heard screaming. Male partner had pushed the female "
                  "IP into a door frame. Their daughter, aged 9, was on the landing and saw it. DASH completed.",
    )
    page.get_by_role("link", name="Complete the assessment").click()
    page.wait_for_load_state()
    page.get_by_label("Existing person record number for the child").fill(str(child.pk))
    page.get_by_label("What was seen and heard").fill("Shouting; broken glass; Maisie on the landing, crying.")
    page.get_by_role("group", name="Was the child spoken to?").get_by_label("Yes").check()
    page.get_by_label("What the child said").fill("Daddy pushed mummy. I want to stay with mummy.")
    page.get_by_label("The child's immediate safety and needs").fill("Staying with mother; suspect in custody.")
    page.get_by_role("group", name="Risk grade").get_by_label("High").check()
    page.get_by_label("No immediate action needed").check()
    page.get_by_label("Refer to children's social care").check()
    page.get_by_label("Rationale for the referral decision").fill("Child witnessed domestic abuse; high risk.")
    page.get_by_label("Where the child was during the incident").fill("On the landing")
    page.get_by_role("button", name="Complete the assessment").click()
    page.wait_for_load_state()
    assert page.get_by_text("Operation Encompass notification sent to Midtown Primary School").is_visible()
    note = EncompassNotification.objects.get()
    assert note.school == school and note.person == child

    sign_out(page)
    login(page, "midtown_dsl")
    page.goto("/incidents/inbox/")
    assert_accessible(page)
    assert page.get_by_role("link", name="Maisie CARTER").is_visible()
    page.get_by_role("link", name="Maisie CARTER").click()
    page.wait_for_load_state()
    assert page.get_by_text("Daddy pushed mummy").is_visible()
    assert_accessible(page)

    sign_out(page)
    login(page, "hillside_dsl")
    page.goto("/incidents/inbox/")
    assert page.get_by_text("No notifications.").is_visible()
    assert page.get_by_role("link", name="Maisie CARTER").count() == 0
    response = page.goto(f"/incidents/school-notifications/{note.pk}/")
    assert response.status == 404
