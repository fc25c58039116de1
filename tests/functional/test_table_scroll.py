"""Wide tables on a phone (375 px): the table scrolls sideways in its own labelled, focusable region,
and the page itself does not scroll horizontally."""

from datetime import date, timedelta

from django.utils import timezone

from tests.functional.conftest import assert_accessible, login
from vigil.people import services as people_services
from vigil.people.models import Marker

PHONE = {"width": 375, "height": 812}


def _person_with_wide_tables(force, officer):
    today = timezone.localdate()
    person = people_services.create_person(force=force, by=officer, forenames="Theodora", surname="Fairweather-Lindqvist",
                                           date_of_birth=date(1988, 11, 23), gender="female")
    people_services.add_address(person=person, by=officer, line1="Flat 12, Riverside Apartments", town="Midtown",
                                postcode="MD1 2AB", local_authority="Midtown",
                                from_date=today - timedelta(days=400))
    people_services.add_marker(person=person, kind=Marker.Kind.DOMESTIC_ABUSE, by=officer,
                               start_date=today - timedelta(days=30), review_date=today - timedelta(days=1))
    return person


def test_person_page_tables_scroll_inside_their_region_at_phone_width(browser_page, users, force):
    person = _person_with_wide_tables(force, users["response_officer"])
    page = browser_page
    page.set_viewport_size(PHONE)
    login(page, "response_officer")
    page.goto(f"/people/{person.pk}/")
    page.get_by_role("heading", name="Theodora FAIRWEATHER-LINDQVIST").wait_for()

    widths = page.evaluate("() => [document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert widths[0] <= widths[1], f"the page scrolls sideways at 375 px: {widths}"

    # Each table sits in a region named by its caption, which keyboard users can focus to scroll.
    markers = page.get_by_role("region", name="Warning markers")
    assert markers.get_attribute("tabindex") == "0"
    assert markers.locator("table").count() == 1
    assert page.get_by_role("region", name="Addresses, current first").count() == 1
    overflowing = page.locator(".vigil-table-scroll").filter(
        has=page.locator("table")).evaluate_all(
        "els => els.filter(el => el.scrollWidth > el.clientWidth).map(el => el.getAttribute('aria-labelledby'))")
    assert overflowing, "no table is wider than the phone: the test data no longer exercises the scroll"

    # A keyboard user scrolls the table sideways; the page stays put.
    region = page.locator(f"[aria-labelledby='{overflowing[0]}']")
    region.focus()
    for _ in range(5):
        page.keyboard.press("ArrowRight")
    page.wait_for_function("el => el.scrollLeft > 0", arg=region.element_handle())
    assert page.evaluate("() => window.scrollX") == 0
    assert_accessible(page)
