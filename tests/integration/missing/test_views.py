"""Missing pages through the Django client: what shows, bad input (400, nothing saved), who may see what."""

import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from tests.factories import PersonFactory
from tests.integration.missing.conftest import info
from vigil.core.clock import LONDON
from vigil.missing import services
from vigil.missing.models import MissingEpisode, ReturnHomeInterview, RiskAssessment

pytestmark = pytest.mark.django_db


def local(moment):
    return timezone.localtime(moment, LONDON)


def report_post(person=None, **overrides):
    now = local(timezone.now())
    seen = now - timedelta(hours=2)
    data = {
        "reporter_name": "Dawn Pike", "reporter_contact": "07700 900456",
        "reporter_relationship": "Residential care worker", "reported_date": now.date().isoformat(),
        "reported_time": now.strftime("%H:%M"), "last_seen_date": seen.date().isoformat(),
        "last_seen_time": seen.strftime("%H:%M"), "last_seen_place": "Back gate of Willow House",
        "circumstances": "Did not come back from school.", "placement": "residential",
    }
    if person is not None:
        data["person"] = person.pk
    data.update(overrides)
    return data


def test_report_page_shows_everything_known_at_once(client, officer, child, profile, friend, report, found):
    earlier = report(child, hours_ago=24 * 20)
    found(earlier, at=earlier.reported_at + timedelta(hours=5), place="McDonald's, Retail Park", kind="shops",
          found_with="Two older males")
    client.force_login(officer)
    page = client.get(reverse("missing:report_form") + f"?person={child.pk}").content.decode()
    for expected in ("07700 900123",                       # the carer's profile phone
                     "Ring her mobile at once",            # trigger plan
                     "McDonald&#x27;s, Retail Park",       # previous found location
                     "Two older males",                    # with whom
                     "Child subject of a child protection plan",
                     "Jade OKORO", "41 Canal Street",      # linked people and their addresses
                     "Willow House"):
        assert expected in page, expected


def test_reporting_a_child_through_the_page(client, officer, child, supervisor):
    client.force_login(officer)
    response = client.post(reverse("missing:report_form"), report_post(child, supervisor=supervisor.pk))
    episode = MissingEpisode.objects.get()
    assert response.status_code == 302 and response.url == reverse("missing:detail", args=[episode.pk])
    page = client.get(response.url).content.decode()
    assert "Call the child&#x27;s phone" in page and "Grade the risk" in page


def test_report_for_an_adult_gets_a_clear_message_and_saves_nothing(client, officer, force, supervisor):
    adult = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=365 * 19))
    client.force_login(officer)
    response = client.post(reverse("missing:report_form"), report_post(adult, supervisor=supervisor.pk))
    assert response.status_code == 400
    assert "This module is for missing children (under 18)" in response.content.decode()
    assert MissingEpisode.objects.count() == 0


def test_report_for_a_new_adult_through_the_page(client, officer, supervisor):
    client.force_login(officer)
    dob = (timezone.localdate() - timedelta(days=365 * 30)).isoformat()
    response = client.post(reverse("missing:report_form"), report_post(
        supervisor=supervisor.pk, forenames="Ann", surname="Gray", date_of_birth=dob))
    assert response.status_code == 400
    assert "This module is for missing children" in response.content.decode()
    assert MissingEpisode.objects.count() == 0


def test_grading_below_the_minimum_without_a_reason_is_refused(client, officer, child, report):
    episode = report(child)
    client.force_login(officer)
    moment = local(timezone.now() - timedelta(minutes=10))
    data = {"grade": "medium", "rationale": "She usually goes to a friend's.",
            "info_detail_1": "Carer thinks she is at Jade's", "info_source_1": "Dawn Pike, 07700 900456",
            "info_date_1": moment.date().isoformat(), "info_time_1": moment.strftime("%H:%M")}
    response = client.post(reverse("missing:grade", args=[episode.pk]), data)
    assert response.status_code == 400
    assert "needs an override reason" in response.content.decode()
    assert RiskAssessment.objects.count() == 0
    data["override_reason"] = "Carer spoke to her by phone 10 minutes ago."
    response = client.post(reverse("missing:grade", args=[episode.pk]), data)
    assert response.status_code == 302
    assert RiskAssessment.objects.get().override_reason == data["override_reason"]


def test_a_review_dated_in_the_future_is_refused_on_the_page(client, supervisor, child, report):
    episode = report(child)
    client.force_login(supervisor)
    later = local(timezone.now() + timedelta(hours=2))
    response = client.post(reverse("missing:review", args=[episode.pk]), {
        "reviewed_date": later.date().isoformat(), "reviewed_time": later.strftime("%H:%M"), "note": "Fine"})
    assert response.status_code == 400
    assert "cannot be dated in the future" in response.content.decode()
    assert not episode.reviews.exists()


def test_found_before_last_seen_is_refused_on_the_page(client, officer, child, report):
    episode = report(child, hours_ago=3, seen_hours_before=1)
    client.force_login(officer)
    before = local(episode.last_seen_at - timedelta(hours=1))
    response = client.post(reverse("missing:found", args=[episode.pk]), {
        "found_date": before.date().isoformat(), "found_time": before.strftime("%H:%M"), "place": "Park",
        "kind": "public", "found_by": "police", "condition": "safe"})
    assert response.status_code == 400
    assert "before the time last seen" in response.content.decode()
    episode.refresh_from_db()
    assert episode.status == "open"


def test_close_without_prevention_interview_is_refused_on_the_page(client, officer, child, report, found):
    episode = report(child)
    found(episode)
    client.force_login(officer)
    response = client.post(reverse("missing:close", args=[episode.pk]))
    assert response.status_code == 400
    assert "cannot be closed without a prevention interview" in response.content.decode()


def test_marking_an_action_done_timestamps_it(client, officer, child, report):
    episode = report(child)
    task = services.episode_tasks(episode).get(kind="missing.action.call_phone")
    client.force_login(officer)
    response = client.post(reverse("missing:action_done", args=[episode.pk, task.pk]), {"outcome": ""})
    assert response.status_code == 400 and "Enter what was done" in response.content.decode()
    response = client.post(reverse("missing:action_done", args=[episode.pk, task.pk]),
                           {"outcome": "Rang 07700 900123: no answer, voicemail left."})
    assert response.status_code == 302
    task.refresh_from_db()
    assert task.status == "done" and task.completed_by == officer and task.completed_at is not None


def test_supervisor_queue_shows_overdue_actions_and_reviews(client, supervisor, child, report):
    report(child, hours_ago=2)
    client.force_login(supervisor)
    page = client.get(reverse("missing:queue")).content.decode()
    assert "Call the child&#x27;s phone: Chloe BRANNIGAN" in page
    assert "Search the home and the child&#x27;s bedroom: Chloe BRANNIGAN" in page
    assert "Overdue" in page


def test_escalated_review_shows_on_the_senior_officers_queue(client, users, child, report):
    report(child, hours_ago=2)
    client.force_login(users["senior_officer"])
    page = client.get(reverse("missing:queue")).content.decode()
    assert 'id="escalated">Escalated to you (1)' in page


def test_dashboard_aggregates(client, users, child, report, found, csc):
    a = report(child, hours_ago=30)
    services.grade_risk(episode=a, by=users["response_officer"], grade="high", rationale="r", information=info())
    b = report(child, hours_ago=10)
    found(b, at=b.reported_at + timedelta(hours=2))
    client.force_login(users["missing_coordinator"])
    response = client.get(reverse("missing:dashboard"))
    assert response.status_code == 200
    context = response.context
    assert dict(context["grades"])["High"] == 1 and context["open_total"] == 1
    assert dict(context["durations"])["1 to 3 days"] == 1
    assert context["overdue_count"] == 1 and context["locate_total"] == 1
    assert context["rhi"]["total"] == 1 and context["rhi"]["pending"] == 1
    assert dict(context["where"])["Friend's or associate's address"] == 1


def test_search_plan_briefing_and_pdf(client, officer, child, profile, friend, report, found):
    earlier = report(child, hours_ago=24 * 20)
    found(earlier, at=earlier.reported_at + timedelta(hours=5), lat="52.478000", lon="-1.620000")
    episode = report(child, last_seen_address=child.addresses.get().address)
    client.force_login(officer)
    page = client.get(reverse("missing:search", args=[episode.pk])).content.decode()
    assert "<svg" in page and "Last seen" in page and "Grampian" in page and "Caveats" in page
    assert "Found here 1 time before" in page
    briefing = client.get(reverse("missing:briefing", args=[episode.pk])).content.decode()
    assert "missing/print.css" in briefing and "Search briefing" in briefing
    pdf = client.get(reverse("missing:briefing_pdf", args=[episode.pk]))
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    # One A4 page for the search team: lay out the same template and count the pages.
    from django.template.loader import render_to_string
    from weasyprint import HTML

    from vigil.missing.planning import search_plan

    context = {"episode": episode, "person": child, **search_plan(episode, officer, max_places=10),
               "now": timezone.now(), "pdf": True}
    assert len(HTML(string=render_to_string("missing/briefing_pdf.html", context)).render().pages) == 1


# --- who may see what ---------------------------------------------------------------------------------

def test_outsider_and_partner_cannot_open_an_episode(client, users, child, report):
    episode = report(child)
    client.force_login(users["outsider"])
    assert client.get(reverse("missing:detail", args=[episode.pk])).status_code == 404
    client.force_login(users["partner"])
    assert client.get(reverse("missing:detail", args=[episode.pk])).status_code == 403
    assert client.get(reverse("missing:list")).status_code == 403


def test_auditor_reads_but_cannot_grade(client, users, child, report):
    episode = report(child)
    client.force_login(users["auditor"])
    assert client.get(reverse("missing:detail", args=[episode.pk])).status_code == 200
    assert client.get(reverse("missing:dashboard")).status_code == 200
    assert client.get(reverse("missing:grade", args=[episode.pk])).status_code == 403
    assert client.post(reverse("missing:close", args=[episode.pk])).status_code == 403


def test_response_officer_cannot_review_or_waive(client, officer, child, report):
    episode = report(child)
    client.force_login(officer)
    assert client.get(reverse("missing:review", args=[episode.pk])).status_code == 403
    assert client.get(reverse("missing:queue")).status_code == 403


def test_children_social_care_sees_only_its_own_return_interviews(client, users, child, report, found,
                                                                 other_csc_user, carer):
    episode = report(child)
    found(episode)
    rhi = ReturnHomeInterview.objects.get()
    client.force_login(users["partner"])
    inbox = client.get(reverse("missing:rhi_inbox")).content.decode()
    assert "Chloe BRANNIGAN" in inbox
    assert client.get(reverse("missing:partner_home")).url == reverse("missing:rhi_inbox")
    assert client.get(reverse("missing:rhi_detail", args=[rhi.pk])).status_code == 200
    client.force_login(other_csc_user)
    assert client.get(reverse("missing:rhi_detail", args=[rhi.pk])).status_code == 404
    assert "Chloe" not in client.get(reverse("missing:rhi_inbox")).content.decode()
    client.force_login(carer)
    assert client.get(reverse("missing:rhi_inbox")).status_code == 403


def test_partner_records_the_return_interview_on_the_page(client, users, child, report, found):
    episode = report(child)
    found(episode)
    rhi = ReturnHomeInterview.objects.get()
    client.force_login(users["partner"])
    now = local(timezone.now())
    response = client.post(reverse("missing:rhi_detail", args=[rhi.pk]), {
        "completed_date": now.date().isoformat(), "completed_time": now.strftime("%H:%M"), "outcome": "completed",
        "where_child_was": "Friend's flat", "place_kind": "friend", "learning": ""})
    assert response.status_code == 400 and "Enter what was learnt" in response.content.decode()
    response = client.post(reverse("missing:rhi_detail", args=[rhi.pk]), {
        "completed_date": now.date().isoformat(), "completed_time": now.strftime("%H:%M"), "outcome": "completed",
        "where_child_was": "Friend's flat", "place_kind": "friend", "learning": "Stayed with Jade; no concerns."})
    assert response.status_code == 302
    rhi.refresh_from_db()
    assert rhi.outcome == "completed"


def test_care_provider_keeps_the_profile_and_it_moves_with_the_child(client, carer, child, profile, other_provider,
                                                                      officer):
    from tests.factories import UserFactory
    from vigil.accounts.roles import Role

    client.force_login(carer)
    assert client.get(reverse("missing:profile", args=[profile.pk])).status_code == 200
    response = client.post(reverse("missing:profile_move", args=[profile.pk]), {"organisation": other_provider.pk})
    assert response.status_code == 302
    assert client.get(reverse("missing:profile", args=[profile.pk])).status_code == 404
    new_carer = UserFactory(username="harbour", force=other_provider.force, organisation=other_provider,
                            roles=[Role.PARTNER])
    client.force_login(new_carer)
    assert client.get(reverse("missing:profile_edit", args=[profile.pk])).status_code == 200
    client.force_login(officer)
    assert client.get(reverse("missing:profile", args=[profile.pk])).status_code == 200
    assert client.get(reverse("missing:profile_edit", args=[profile.pk])).status_code == 403


def test_care_provider_creates_a_profile_for_a_shared_child(client, carer, care_provider, force, officer):
    from vigil.people.models import PartnerShare

    kid = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=365 * 12))
    client.force_login(carer)
    assert client.get(reverse("missing:profile_create") + f"?person={kid.pk}").status_code == 404
    PartnerShare.objects.create(person=kid, organisation=care_provider, reason="Placed with you", shared_by=officer)
    assert escape(kid.full_name) in client.get(reverse("missing:profiles")).content.decode()
    response = client.post(reverse("missing:profile_create"), {"person": kid.pk, "phone": "07700 900999",
                                                                "trigger_plan": "Call her nan."})
    assert response.status_code == 302
    assert kid.carer_profile.phone == "07700 900999"


def test_policy_page_marks_values_as_local_policy(client, officer):
    client.force_login(officer)
    page = client.get(reverse("missing:policy")).content.decode()
    assert "Local policy" in page and "72 h" in page


# --- every role against every page ---------------------------------------------------------------------

PAGES = ("list", "report", "queue", "dashboard", "policy", "detail", "grade", "review", "search", "rhi_inbox",
         "profiles")
EXPECTED = {  # role -> pages it may open (200); others are 403 (or 404 for another force's records)
    "response_officer": {"list", "report", "policy", "detail", "grade", "search", "profiles"},
    "pp_investigator": {"list", "report", "policy", "detail", "grade", "search", "profiles"},
    "missing_coordinator": {"list", "report", "dashboard", "policy", "detail", "grade", "search", "profiles"},
    "supervisor": {"list", "report", "queue", "dashboard", "policy", "detail", "grade", "review", "search",
                   "profiles"},
    "senior_officer": {"list", "report", "queue", "dashboard", "policy", "detail", "grade", "review", "search",
                       "profiles"},
    "offender_manager": {"list", "policy", "detail", "search", "profiles"},
    "auditor": {"list", "dashboard", "policy", "detail", "search", "profiles"},
    "partner": {"rhi_inbox"},
    "sysadmin": set(),
}


@pytest.mark.parametrize("role", sorted(EXPECTED))
def test_role_matrix(client, users, child, report, role):
    episode = report(child)
    client.force_login(users[role])
    for name in PAGES:
        args = [episode.pk] if name in {"detail", "grade", "review", "search"} else []
        status = client.get(reverse(f"missing:{name}", args=args)).status_code
        assert status == (200 if name in EXPECTED[role] else 403), (role, name, status)


def test_another_forces_officer_gets_404_for_every_episode_page(client, users, child, report):
    episode = report(child)
    client.force_login(users["outsider"])
    for name in ("detail", "grade", "review", "search", "briefing", "found", "prevention", "waiver"):
        assert client.get(reverse(f"missing:{name}", args=[episode.pk])).status_code == 404, name


def test_restricted_child_episode_needs_a_grant_and_a_reason(client, users, child, report, officer):
    from django.contrib.contenttypes.models import ContentType

    from vigil.core.access import reason_session_key
    from vigil.core.models import AccessGrant

    episode = report(child)
    child.restricted = True
    child.save()
    client.force_login(users["pp_investigator"])
    assert client.get(reverse("missing:detail", args=[episode.pk])).status_code == 404
    assert episode not in client.get(reverse("missing:list")).context["episodes"]
    AccessGrant.objects.create(content_type=ContentType.objects.get_for_model(child), object_id=child.pk,
                               user=users["pp_investigator"])
    response = client.get(reverse("missing:detail", args=[episode.pk]))
    assert response.status_code == 302 and "/reason/" in response.url
    session = client.session
    session[reason_session_key(child)] = time.time()
    session.save()
    assert client.get(reverse("missing:detail", args=[episode.pk])).status_code == 200


def test_dashboard_reuses_12_month_figures_but_counts_overdue_live(client, users, child, report, found, settings):
    from django.core.cache import cache

    cache.clear()
    settings.VIGIL_MISSING_DASHBOARD_CACHE_SECONDS = 300
    first = report(child, hours_ago=10)
    found(first, at=first.reported_at + timedelta(hours=1))
    client.force_login(users["missing_coordinator"])
    before = client.get(reverse("missing:dashboard")).context
    assert before["locate_total"] == 1 and before["overdue_count"] == 0
    second = report(child, hours_ago=5)  # review overdue
    found(report(child, hours_ago=3), at=timezone.now() - timedelta(minutes=5))
    after = client.get(reverse("missing:dashboard")).context
    assert after["overdue_count"] == 1 and after["overdue"][0] == second  # live
    assert after["locate_total"] == 1  # reused for up to 5 minutes
    cache.clear()


def test_my_work_panels_and_timeline(client, users, child, report, found):
    from vigil.core.timeline import entries_for

    report(child, hours_ago=2)
    done = report(child, hours_ago=30)
    found(done, at=done.reported_at + timedelta(hours=2))
    client.force_login(users["supervisor"])
    page = client.get(reverse("core:my_work")).content.decode()
    assert "Escalated to you" in page and "Early actions overdue" in page
    client.force_login(users["partner"])
    page = client.get(reverse("core:my_work")).content.decode()
    assert "Return home interviews" in page
    titles = [e.title for e in entries_for(child, users["response_officer"])]
    assert "Found" in titles and any(t.startswith("Reported missing") for t in titles)
    assert not [e for e in entries_for(child, users["partner"]) if e.category == "Missing"]


def _close_file(response):
    """Close the streamed file only: response.close() also signals request_finished, which closes
    the database connection in the middle of the test's transaction on PostgreSQL."""
    for closer in response._resource_closers:
        closer()


def test_carer_uploads_a_photo_seen_by_police_not_by_another_provider(client, carer, profile, officer, force,
                                                                       tmp_path, settings):
    import io

    from PIL import Image

    from tests.factories import OrganisationFactory, UserFactory
    from vigil.accounts.models import Organisation
    from vigil.accounts.roles import Role

    settings.MEDIA_ROOT = tmp_path
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(buffer, format="PNG")
    buffer.seek(0)
    buffer.name = "chloe.png"
    client.force_login(carer)
    response = client.post(reverse("missing:profile_edit", args=[profile.pk]), {"photo": buffer, "phone": "07700 900123"})
    assert response.status_code == 302
    photo = client.get(reverse("missing:profile_photo", args=[profile.pk]))
    assert photo.status_code == 200 and photo["Content-Type"] == "image/png"
    _close_file(photo)
    client.force_login(officer)
    photo = client.get(reverse("missing:profile_photo", args=[profile.pk]))
    assert photo.status_code == 200
    _close_file(photo)
    other = OrganisationFactory(force=force, name="Elsewhere Care", kind=Organisation.Kind.CARE_PROVIDER)
    client.force_login(UserFactory(username="elsewhere", force=force, organisation=other, roles=[Role.PARTNER]))
    assert client.get(reverse("missing:profile_photo", args=[profile.pk])).status_code == 404
