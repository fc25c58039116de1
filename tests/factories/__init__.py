"""factory-boy factories. Only fictional people: Faker en_GB with a fixed seed."""

import datetime as dt

import factory
from django.utils import timezone

from vigil.accounts.models import Force, Organisation, RoleAssignment, Team, TeamMembership, User
from vigil.people.matching import address_match_key
from vigil.people.models import Address, Person
from vigil.people.services import sync_primary_name

factory.Faker._DEFAULT_LOCALE = "en_GB"


class ForceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Force
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"force-{n}")
    name = factory.Sequence(lambda n: f"Testshire Police {n}")


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team

    force = factory.SubFactory(ForceFactory)
    name = factory.Sequence(lambda n: f"Team {n}")


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    force = factory.SubFactory(ForceFactory)
    name = factory.Sequence(lambda n: f"Agency {n}")
    kind = Organisation.Kind.CHILDRENS_SOCIAL_CARE
    area = "Midtown"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    force = factory.SubFactory(ForceFactory)
    password = factory.django.Password("correct-horse-battery-staple")

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        for role in extracted or []:
            RoleAssignment.objects.create(user=self, role=role)
        self.__dict__.pop("roles", None)
        self.__dict__.pop("capabilities", None)

    @factory.post_generation
    def teams(self, create, extracted, **kwargs):
        for team in extracted or []:
            TeamMembership.objects.create(user=self, team=team)


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person
        skip_postgeneration_save = True

    force = factory.SubFactory(ForceFactory)
    forenames = factory.Faker("first_name")
    surname = factory.Faker("last_name")
    date_of_birth = factory.LazyFunction(lambda: timezone.localdate() - dt.timedelta(days=365 * 30))
    gender = Person.Gender.UNKNOWN

    @factory.post_generation
    def keys(self, create, extracted, **kwargs):
        if create:
            sync_primary_name(self)


class AddressFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Address

    force = factory.SubFactory(ForceFactory)
    line1 = factory.Sequence(lambda n: f"{n} Example Road")
    town = "Midtown"
    postcode = "MD1 1AA"
    local_authority = "Midtown"
    match_key = factory.LazyAttribute(lambda o: address_match_key(o.line1, o.postcode))
