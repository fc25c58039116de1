"""Fixtures for missing-children tests: a 13-year-old on a child protection plan in residential care
in Midtown, her carer's profile, and a helper that reports episodes through the service."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from tests.factories import AddressFactory, OrganisationFactory, PersonFactory, UserFactory
from vigil.accounts.models import Organisation
from vigil.accounts.roles import Role
from vigil.missing import profiles, services
from vigil.missing.models import MissingEpisode
from vigil.people.models import Marker, PersonAddress, Relationship

# Willow House, a children's home in Midtown (fictional), and a friend's flat 2 km away.
HOME = (Decimal("52.460000"), Decimal("-1.620000"))


@pytest.fixture(autouse=True)
def _no_dashboard_cache(settings):
    # The dashboard reuses its 12-month figures for 5 minutes; tests count afresh each time.
    settings.VIGIL_MISSING_DASHBOARD_CACHE_SECONDS = 0


def ago(**kwargs):
    return timezone.now() - timedelta(**kwargs)


@pytest.fixture
def care_provider(force):
    return OrganisationFactory(force=force, name="Brightpath Children's Homes", kind=Organisation.Kind.CARE_PROVIDER,
                               area="")


@pytest.fixture
def other_provider(force):
    return OrganisationFactory(force=force, name="Harbour Lane Care", kind=Organisation.Kind.CARE_PROVIDER, area="")


@pytest.fixture
def carer(care_provider):
    return UserFactory(username="carer", force=care_provider.force, organisation=care_provider, roles=[Role.PARTNER])


@pytest.fixture
def other_csc(force):
    return OrganisationFactory(force=force, name="Northbrook Children's Social Care",
                               kind=Organisation.Kind.CHILDRENS_SOCIAL_CARE, area="Northbrook")


@pytest.fixture
def other_csc_user(other_csc):
    return UserFactory(username="northbrook_sw", force=other_csc.force, organisation=other_csc, roles=[Role.PARTNER])


@pytest.fixture
def child(force):
    """Chloe, 13, on a child protection plan, living at Willow House (residential care, Midtown)."""
    today = timezone.localdate()
    dob = date(today.year - 13, 1, 15) if (today.month, today.day) >= (1, 15) else date(today.year - 14, 1, 15)
    person = PersonFactory(force=force, forenames="Chloe", surname="Brannigan", date_of_birth=dob,
                           gender="female")
    home = AddressFactory(force=force, line1="Willow House", line2="12 Mill Road", town="Midtown", postcode="QM1 4AB",
                          local_authority="Midtown", latitude=HOME[0], longitude=HOME[1])
    PersonAddress.objects.create(person=person, address=home, kind=PersonAddress.Kind.CARE_PLACEMENT,
                                 from_date=today - timedelta(days=200))
    Marker.objects.create(person=person, kind=Marker.Kind.CP_PLAN, start_date=today - timedelta(days=100),
                          notes="Category: sexual abuse")
    return person


@pytest.fixture
def friend(force, child):
    other = PersonFactory(force=force, forenames="Jade", surname="Okoro",
                          date_of_birth=child.date_of_birth - timedelta(days=300))
    flat = AddressFactory(force=force, line1="Flat 3, 41 Canal Street", town="Midtown", postcode="QM1 7XY",
                          local_authority="Midtown", latitude=Decimal("52.478000"), longitude=Decimal("-1.620000"))
    PersonAddress.objects.create(person=other, address=flat, kind=PersonAddress.Kind.HOME)
    Relationship.objects.create(person=child, other=other, kind=Relationship.Kind.ASSOCIATE)
    return other


@pytest.fixture
def profile(child, care_provider, carer):
    made = profiles.create_profile(person=child, organisation=care_provider, by=carer, phone="07700 900123",
                                   description="Slim, shoulder-length dyed red hair, nose stud.",
                                   associates="Jade Okoro; older males met online",
                                   trigger_plan="Ring her mobile at once; check Canal Street and the retail park.")
    profiles.add_place(profile=made, by=carer, label="Retail park", kind="shops", latitude="52.450000",
                       longitude="-1.600000")
    return made


@pytest.fixture
def supervisor(users):
    return users["supervisor"]


@pytest.fixture
def officer(users):
    return users["response_officer"]


@pytest.fixture
def report(force, officer, supervisor):
    """Report a child missing through the service; `hours_ago` sets the report time in the past."""

    def make(person, *, hours_ago=0.0, seen_hours_before=1.0, by=None, **kwargs):
        reported = timezone.now() - timedelta(hours=hours_ago)
        values = dict(
            force=force, by=by or officer, person=person, reporter_name="Dawn Pike",
            reporter_contact="07700 900456", reporter_relationship="Residential care worker",
            reported_at=reported, last_seen_at=reported - timedelta(hours=seen_hours_before),
            last_seen_place="Leaving Willow House by the back gate", circumstances="Did not return after school.",
            placement=MissingEpisode.Placement.RESIDENTIAL, supervisor=supervisor,
        )
        values.update(kwargs)
        return services.report_missing(**values)

    return make


INFO = [{"detail": "Carer says she has been meeting older males", "source": "Dawn Pike, 07700 900456",
         "obtained_at": None}]


def info(moment=None):
    return [{**INFO[0], "obtained_at": moment or timezone.now() - timedelta(minutes=5)}]


@pytest.fixture
def found(officer):
    """Record an episode as found through the service, `hours_after` the report."""

    def make(episode, *, at=None, **kwargs):
        values = dict(episode=episode, by=officer, found_at=at or timezone.now() - timedelta(minutes=1),
                      place="Friend's flat, Canal Street", kind="friend", found_by="police", condition="safe",
                      found_with="Jade Okoro")
        values.update(kwargs)
        return services.record_found(**values)

    return make
