"""Fixtures for the API tests: an API client, a task, a restricted person and a token."""

import datetime as dt

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.utils import timezone
from rest_framework.test import APIClient

from tests.factories import PersonFactory
from vigil.core.models import AccessGrant, Task


@pytest.fixture(autouse=True)
def _fresh_throttle():
    # The per-user rate is counted in the cache; ids repeat between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def api_as(api):
    def login(user):
        if user is not None:
            api.force_login(user)
        return api
    return login


@pytest.fixture
def task(users, team, force, person):
    """An open task owned by the response officer, in their team, due yesterday (so overdue)."""
    return Task.objects.create(
        force=force, kind="general", title="Visit the family", owner=users["response_officer"], team=team,
        due_at=timezone.now() - dt.timedelta(days=1), person=person,
    )


@pytest.fixture
def restricted_person(force, users):
    """A restricted record that only the supervisor is named on."""
    p = PersonFactory(force=force, forenames="Rowan", surname="Ellery", restricted=True)
    AccessGrant.objects.create(content_type=ContentType.objects.get_for_model(p), object_id=p.pk,
                               user=users["supervisor"])
    return p
