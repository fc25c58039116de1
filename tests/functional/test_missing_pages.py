"""The other missing-children pages in chromium, each checked with axe-core: the search plan (offline
SVG) and printable briefing, the coordinator's dashboard, the local policy page, the care provider's
profile pages, and the local authority recording a return home interview."""

from datetime import timedelta

import pytest
from django.utils import timezone

from tests.functional.conftest import assert_accessible
from tests.functional.test_missing_acceptance import chloe, login, sign_out  # noqa: F401  (fixture)
from vigil.missing import services
from vigil.missing.models import MissingEpisode, ReturnHomeInterview

pytestmark = pytest.mark.functional


def test_plan_briefing_dashboard_profiles_and_return_interview(browser_page, users, csc, chloe, settings):  # noqa: F811
    settings.VIGIL_MISSING_DASHBOARD_CACHE_SECONDS = 0
    page = browser_page
    episode = services.report_missing(
        force=chloe.force, by=users["response_officer"], person=chloe, reporter_name="Dawn Pike",
        reporter_contact="07700 900456", reporter_relationship="Residential care worker",
        reported_at=timezone.now() - timedelta(hours=3), last_seen_at=timezone.now() - timedelta(hours=4),
        last_seen_place="Willow House", last_seen_address=chloe.addresses.get().address,
        circumstances="Did not come back.", placement="residential", supervisor=users["supervisor"])

    login(page, "missing_coordinator")
    page.goto(f"/missing/{episode.pk}/search-plan/")
    assert page.locator("svg.missing-plan").is_visible()
    assert page.get_by_role("img", name="Search plan around where Chloe BRANNIGAN was last seen").is_visible()
    assert page.get_by_role("row", name="Flat 3, 41 Canal Street").first.is_visible()
    assert_accessible(page)
    page.goto(f"/missing/{episode.pk}/briefing/")
    page.emulate_media(media="print")
    assert not page.locator(".vigil-header").is_visible()  # print CSS hides the chrome
    page.emulate_media(media="screen")
    assert_accessible(page)
    page.goto("/missing/dashboard/")
    assert page.get_by_role("heading", name="Reviews overdue (1)").is_visible()
    assert_accessible(page)
    page.goto("/missing/policy/")
    assert_accessible(page)
    page.goto("/missing/")
    assert_accessible(page)

    # The care provider keeps the profile.
    sign_out(page)
    login(page, "carer")
    page.goto("/missing/profiles/")
    assert_accessible(page)
    page.get_by_role("link", name="Chloe BRANNIGAN").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_role("link", name="Update the profile").click()
    page.wait_for_load_state()
    assert_accessible(page)
    page.get_by_label("Child's mobile number", exact=False).fill("07700 900777")
    page.get_by_role("button", name="Save the profile").click()
    page.wait_for_load_state()
    assert page.get_by_text("07700 900777").is_visible()

    # The local authority records the interview for the first earlier episode still open on its list.
    services.record_found(episode=MissingEpisode.objects.get(pk=episode.pk), by=users["response_officer"],
                          found_at=timezone.now() - timedelta(hours=1), place="Canal Street", kind="friend",
                          found_by="police", condition="safe")
    rhi = ReturnHomeInterview.objects.get(episode=episode)
    sign_out(page)
    login(page, "partner")
    page.goto(f"/missing/return-interviews/{rhi.pk}/")
    assert_accessible(page)
    page.get_by_role("group", name="Outcome").get_by_label("Interview completed").check()
    page.get_by_label("Where the child was while missing", exact=False).fill("Jade's flat on Canal Street")
    page.get_by_label("What was learnt, to share with the police", exact=False).fill("Stayed with a friend; no concerns.")
    page.get_by_role("button", name="Record and share with the police").click()
    page.wait_for_load_state()
    assert page.get_by_text("Return home interview recorded and shared with the police.").is_visible()
    assert_accessible(page)
    rhi.refresh_from_db()
    assert rhi.outcome == "completed"
