"""Foundation, as a new user would try it: sign in with a second factor, search people, create a
person past the duplicate warning, open a restricted record with a reason. axe-core on every page."""

import datetime as dt

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache

from tests.factories import PersonFactory
from tests.functional.conftest import assert_accessible, login
from vigil.core.models import AccessGrant, AuditEvent
from vigil.people.models import DuplicateDecision, Person


@pytest.fixture(autouse=True)
def _clean_cache():
    cache.clear()  # allauth keeps used TOTP codes and rate limits in the cache
    yield
    cache.clear()


def test_sign_in_with_second_factor(browser_page, users, settings):
    settings.VIGIL_REQUIRE_MFA = True
    page = browser_page
    secret = generate_totp_secret()
    TOTP.activate(users["supervisor"], secret)

    page.goto("/accounts/login/")
    assert_accessible(page)
    page.get_by_label("Username").fill("supervisor")
    page.get_by_label("Password").fill("correct-horse-battery-staple")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Enter your security code").wait_for()
    assert_accessible(page)

    page.locator("input[name=code]").fill("000000")
    page.get_by_role("button", name="Continue").click()
    assert page.get_by_text("Incorrect code", exact=False).or_(page.locator(".govuk-error-summary")).first.is_visible()

    import pyotp

    page.locator("input[name=code]").fill(pyotp.TOTP(secret).now())
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="My work").wait_for()
    assert_accessible(page)


def test_people_search_finds_spelling_variants(browser_page, users, force):
    PersonFactory(force=force, forenames="William", surname="Thompson", date_of_birth=dt.date(2011, 4, 3))
    PersonFactory(force=force, forenames="Grace", surname="Okafor", date_of_birth=dt.date(1990, 1, 1))
    page = browser_page
    login(page, "response_officer")
    page.goto("/people/")
    assert_accessible(page)
    page.get_by_label("Forenames").fill("Bill")
    page.get_by_label("Surname").fill("Thomson")
    page.get_by_role("button", name="Search").click()
    result = page.get_by_role("link", name="William THOMPSON")
    result.wait_for()
    assert page.get_by_text("Okafor", exact=False).count() == 0
    assert page.get_by_text("nickname", exact=False).or_(page.get_by_text("short form", exact=False)).count() >= 1
    assert_accessible(page)
    result.click()
    page.get_by_role("heading", name="William THOMPSON").wait_for()
    assert_accessible(page)
    william = Person.objects.get(surname="Thompson")
    assert AuditEvent.objects.filter(action="view", person_id=william.pk, actor_id=users["response_officer"].pk).exists()


def test_create_person_shows_duplicate_warning_and_records_decision(browser_page, users, force):
    existing = PersonFactory(force=force, forenames="Jonathan", surname="Smith", date_of_birth=dt.date(2014, 6, 1))
    page = browser_page
    login(page, "response_officer")
    page.goto("/people/new/")
    assert_accessible(page)
    page.get_by_label("Forenames").fill("Jon")
    page.get_by_label("Surname").fill("Smyth")
    page.locator("input[name=date_of_birth]").fill("2014-06-01")
    page.get_by_role("button", name="Continue").click()

    page.get_by_role("heading", name="Is this person already recorded?").wait_for()
    assert page.get_by_role("link", name="Jonathan SMITH").is_visible()
    assert_accessible(page)
    page.get_by_label("None of these: create a new record").check()
    page.get_by_label("Why is this a different person?").fill("Different mother and school; confirmed by CSC.")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("heading", name="Jon SMYTH").wait_for()
    assert_accessible(page)

    created = Person.objects.get(surname="Smyth")
    decision = DuplicateDecision.objects.get(person=created)
    assert decision.decision == "created_new"
    assert existing.pk in [c.get("id", c.get("person_id")) for c in decision.candidates]


def test_restricted_record_asks_for_a_reason(browser_page, users, force):
    child = PersonFactory(force=force, forenames="Poppy", surname="Lindqvist", restricted=True,
                          date_of_birth=dt.date(2015, 2, 2))
    AccessGrant.objects.create(content_type=ContentType.objects.get_for_model(Person), object_id=child.pk,
                               user=users["pp_investigator"])
    page = browser_page
    login(page, "pp_investigator")
    page.goto(f"/people/{child.pk}/")
    page.get_by_label("Why do you need to open this record?").wait_for()
    assert_accessible(page)
    page.get_by_label("Why do you need to open this record?").fill("Strategy discussion for sibling, ref 44/2026")
    page.get_by_role("button", name="Open the record").click()
    page.get_by_role("heading", name="Poppy LINDQVIST").wait_for()
    assert_accessible(page)
    event = AuditEvent.objects.get(action="restricted_access", person_id=child.pk)
    assert "Strategy discussion" in event.reason

    # Someone not named on the record cannot even see that it exists.
    page.context.clear_cookies()
    login(page, "response_officer")
    response = page.goto(f"/people/{child.pk}/")
    assert response.status == 404
