"""Fixtures for incident tests: partner organisations for Midtown, a school user, helpers."""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from tests.factories import AddressFactory, OrganisationFactory, PersonFactory, UserFactory
from vigil.accounts.models import Organisation
from vigil.accounts.roles import Role
from vigil.core.clock import LONDON
from vigil.incidents import services
from vigil.incidents.models import IncidentPerson, IncidentType, SchoolEnrolment

DRUG_DRIVE_TEXT = (
    "At approximately 1645hrs I stopped a grey Vauxhall Astra on the A61. The driver, Reece HOLLOWAY (28), "
    "had dilated pupils. A roadside drug wipe was positive for cannabis and cocaine. His one-year-old son was "
    "in a child seat in the rear. HOLLOWAY was arrested on suspicion of driving whilst unfit through drugs."
)
ADULT_TEXT = (
    "Two adults arguing outside the Red Lion public house. Both calmed down and went home separately. "
    "No offences disclosed. Words of advice given."
)


@pytest.fixture
def school(force):
    return OrganisationFactory(force=force, name="Midtown Primary School", kind=Organisation.Kind.SCHOOL,
                               area="Midtown")


@pytest.fixture
def other_school(force):
    return OrganisationFactory(force=force, name="Hillside Academy", kind=Organisation.Kind.SCHOOL, area="Midtown")


@pytest.fixture
def school_user(school):
    return UserFactory(username="school_dsl", force=school.force, organisation=school, roles=[Role.PARTNER])


@pytest.fixture
def other_school_user(other_school):
    return UserFactory(username="other_dsl", force=other_school.force, organisation=other_school,
                       roles=[Role.PARTNER])


@pytest.fixture
def other_csc(force):
    return OrganisationFactory(force=force, name="Eastvale Children's Services",
                               kind=Organisation.Kind.CHILDRENS_SOCIAL_CARE, area="Eastvale")


@pytest.fixture
def other_csc_user(other_csc):
    return UserFactory(username="eastvale_sw", force=other_csc.force, organisation=other_csc, roles=[Role.PARTNER])


@pytest.fixture
def officer(users):
    return users["response_officer"]


@pytest.fixture
def itype(db):
    return lambda code: IncidentType.objects.get(code=code)


@pytest.fixture
def address(force):
    return AddressFactory(force=force, line1="14 Elm Grove", postcode="MD1 2AB", local_authority="Midtown")


def hours_ago(hours: float) -> datetime:
    return timezone.now().astimezone(LONDON) - timedelta(hours=hours)


@pytest.fixture
def make_incident(force, officer, itype):
    counter = {"n": 0}

    def make(*, text=ADULT_TEXT, code="drink_drug_driving", occurred_at=None, people=(), address=None, by=None,
             reference=None):
        counter["n"] += 1
        return services.create_incident(
            force=force, by=by or officer, reference=reference or f"MID-{counter['n']:05d}",
            incident_type=itype(code), occurred_at=occurred_at or hours_ago(2), narrative=text,
            attending_officer=officer, people=people, address=address,
        )

    return make


@pytest.fixture
def child_person(force):
    def make(age_years: int = 9, **kwargs):
        dob = timezone.localdate() - timedelta(days=int(365.25 * age_years) + 30)
        return PersonFactory(force=force, date_of_birth=dob, **kwargs)

    return make


def enrol(person, school, from_date=date(2020, 9, 1)):
    return SchoolEnrolment.objects.create(person=person, school=school, from_date=from_date)


ROLE = IncidentPerson.Role
