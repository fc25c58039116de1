"""Helpers for offender management tests: registrants made through the services."""

from datetime import date, datetime, time, timedelta

import pytest
import time_machine
from django.utils import timezone

from tests.factories import AddressFactory, PersonFactory
from vigil.offenders import services
from vigil.people.models import PersonAddress


def conviction(**overrides):
    values = dict(kind="conviction", offence="Sexual assault (SOA 2003 s.3)", relevant_date=date(2020, 1, 15),
                  age_on_relevant_date=None, disposal="imprisonment", term_months=12, discharge_months=None,
                  court="Midtown Crown Court")
    values.update(overrides)
    return values


@pytest.fixture(autouse=True)
def late_afternoon():
    """Run every test at 17:00 London today (clock ticking), so the tests' "today at 11:00" is in the
    past whatever hour the suite runs; services refuse notifications and visits dated in the future."""
    today = timezone.localdate()
    with time_machine.travel(datetime.combine(today, time(17), tzinfo=timezone.get_default_timezone())):
        yield


@pytest.fixture
def manager(users):
    return users["offender_manager"]


@pytest.fixture
def make_registrant(force, manager):
    def make(*, person=None, by=None, managed_from=None, initial_notified_on=None, **kwargs):
        person = person or PersonFactory(force=force, date_of_birth=date(1980, 6, 1))
        return services.register_offender(
            person=person, by=by or manager, manager=kwargs.pop("manager", manager),
            managed_from=managed_from or timezone.localdate() - timedelta(days=400),
            conviction=kwargs.pop("conviction", conviction()), initial_notified_on=initial_notified_on, **kwargs)
    return make


@pytest.fixture
def child_at(force):
    """A child living now at an address (the address is made if not given)."""
    def make(address=None, age=9, **kwargs):
        address = address or AddressFactory(force=force)
        kid = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=365 * age + 30), **kwargs)
        PersonAddress.objects.create(person=kid, address=address, from_date=date(2015, 1, 1))
        return kid, address
    return make
