"""Missing-episode services against a real database: each rule, and bad input saving nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from tests.factories import PersonFactory
from tests.integration.missing.conftest import ago, info
from vigil.core.clock import add_elapsed
from vigil.core.models import AuditEvent, Task
from vigil.missing import services
from vigil.missing.models import KnownPlace, MissingEpisode, ReturnHomeInterview, RiskAssessment
from vigil.people.models import Marker, Person

pytestmark = pytest.mark.django_db


def open_tasks(episode, prefix="missing.action."):
    return services.episode_tasks(episode).filter(status="open", kind__startswith=prefix)


# --- report -------------------------------------------------------------------------------------------

def test_report_sets_owner_review_and_early_actions(report, child, supervisor, users):
    episode = report(child, hours_ago=0)
    assert episode.supervisor == supervisor and episode.status == "open"
    assert episode.reference.startswith("MIS-")
    assert episode.home_area == "Midtown" and episode.age_at_report == 13
    assert episode.next_review_due == add_elapsed(episode.reported_at, timedelta(hours=1))
    # No rank below anyone in the fixture: escalation goes to the force's senior officer.
    assert episode.escalate_to == users["senior_officer"]
    due = {t.kind.split(".")[-1]: t.due_at - episode.reported_at for t in open_tasks(episode)}
    assert due == {"call_phone": timedelta(minutes=30), "search_home": timedelta(minutes=60),
                   "check_intelligence": timedelta(minutes=60), "contact_associates": timedelta(minutes=120),
                   "check_hospitals": timedelta(minutes=120)}
    assert AuditEvent.objects.filter(object_type="missing.missingepisode", object_id=str(episode.pk),
                                     action="create").exists()


def test_call_the_phone_task_carries_the_number_from_the_carers_profile(report, child, profile):
    episode = report(child)
    task = open_tasks(episode, "missing.action.call_phone").get()
    assert "07700 900123" in task.detail


def test_early_action_minutes_are_configurable(report, child, settings):
    settings.VIGIL_MISSING_ACTION_MINUTES = {"call_phone": 10}
    episode = report(child)
    task = open_tasks(episode, "missing.action.call_phone").get()
    assert task.due_at - episode.reported_at == timedelta(minutes=10)


def test_an_adult_cannot_be_reported_and_nothing_is_saved(report, force):
    adult = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=365 * 18 + 10))
    with pytest.raises(ValidationError) as exc:
        report(adult)
    assert "This module is for missing children" in str(exc.value)
    assert MissingEpisode.objects.count() == 0 and Task.objects.count() == 0


def test_a_new_child_is_created_with_the_report(report, force):
    child = services.NewChild(forenames="Mia", surname="Thornton",
                              date_of_birth=timezone.localdate() - timedelta(days=365 * 12))
    episode = report(None, new_child=child)
    assert episode.person.full_name == "Mia THORNTON"


def test_a_new_adult_is_not_created(report):
    people = Person.objects.count()
    adult = services.NewChild(forenames="Ann", surname="Gray", date_of_birth=timezone.localdate() - timedelta(days=365 * 40))
    with pytest.raises(ValidationError) as exc:
        report(None, new_child=adult)
    assert "This module is for missing children" in str(exc.value)
    assert Person.objects.count() == people and MissingEpisode.objects.count() == 0


def test_report_needs_the_reporting_person_and_circumstances(report, child):
    with pytest.raises(ValidationError) as exc:
        report(child, reporter_name="", circumstances=" ")
    assert set(exc.value.message_dict) >= {"reporter_name", "circumstances"}
    assert MissingEpisode.objects.count() == 0


def test_last_seen_in_the_future_is_refused(report, child):
    with pytest.raises(ValidationError) as exc:
        report(child, last_seen_at=timezone.now() + timedelta(hours=2))
    assert "cannot be in the future" in str(exc.value)


def test_the_database_insists_an_open_episode_has_a_review_time(report, child):
    episode = report(child)
    with pytest.raises(IntegrityError), transaction.atomic():
        MissingEpisode.objects.filter(pk=episode.pk).update(next_review_due=None)


# --- grading ------------------------------------------------------------------------------------------

def test_medium_for_a_child_on_a_cp_plan_needs_an_override_reason(report, child, officer):
    episode = report(child)
    with pytest.raises(ValidationError) as exc:
        services.grade_risk(episode=episode, by=officer, grade="medium", rationale="Known to go to friends",
                            information=info())
    assert "needs an override reason" in exc.value.message_dict["override_reason"][0]
    assert RiskAssessment.objects.count() == 0
    episode.refresh_from_db()
    assert episode.risk_grade == ""
    assessment = services.grade_risk(episode=episode, by=officer, grade="medium", rationale="Known to go to friends",
                                     information=info(), override_reason="Seen by a carer an hour ago, safe.")
    assert assessment.override_reason and assessment.minimum_grade == "high"
    assert assessment.markers == ["cp_plan"]


def test_medium_for_a_child_without_markers_needs_no_reason(report, force, officer):
    kid = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=365 * 14))
    episode = report(kid)
    assessment = services.grade_risk(episode=episode, by=officer, grade="medium", rationale="First time missing",
                                     information=info())
    assert assessment.override_reason == ""
    with pytest.raises(ValidationError):
        services.grade_risk(episode=episode, by=officer, grade="low", rationale="x", information=info())


def test_grading_keeps_the_information_with_its_source_and_time(report, child, officer):
    episode = report(child)
    when = timezone.now() - timedelta(minutes=20)
    services.grade_risk(episode=episode, by=officer, grade="high", rationale="CP plan, CSE risk",
                        information=info(when), factors=["exploitation", "out_of_character"])
    a = RiskAssessment.objects.get()
    assert a.information[0]["source"] == "Dawn Pike, 07700 900456"
    assert a.information[0]["obtained_at"] == when.isoformat()
    assert a.factors == ["exploitation", "out_of_character"] and a.assessed_by == officer


@pytest.mark.parametrize("information, message", [
    ([], "at least one item"),
    ([{"detail": "x", "source": "", "obtained_at": None}], "who supplied it"),
    ([{"detail": "x", "source": "y", "obtained_at": "in an hour"}], "future"),
])
def test_grading_refuses_missing_or_bad_information(report, child, officer, information, message):
    # "in an hour" is worked out when the test runs, not when it is collected.
    information = [{**i, "obtained_at": timezone.now() + timedelta(hours=1)} if i["obtained_at"] == "in an hour"
                   else i for i in information]
    episode = report(child)
    with pytest.raises(ValidationError) as exc:
        services.grade_risk(episode=episode, by=officer, grade="high", rationale="r", information=information)
    assert message in str(exc.value)
    assert RiskAssessment.objects.count() == 0


def test_high_risk_tasks_the_senior_officer_and_brings_the_review_forward(report, child, officer, users):
    episode = report(child)
    services.grade_risk(episode=episode, by=officer, grade="medium", rationale="r", information=info(),
                        override_reason="reason")
    assert not Task.objects.filter(kind="missing.senior_oversight").exists()
    services.grade_risk(episode=episode, by=officer, grade="high", rationale="New CSE information",
                        information=info())
    task = Task.objects.get(kind="missing.senior_oversight")
    assert task.owner == users["senior_officer"] and "Child Rescue Alert" in task.title
    services.grade_risk(episode=episode, by=officer, grade="high", rationale="Still high", information=info())
    assert Task.objects.filter(kind="missing.senior_oversight").count() == 1  # once per move to high


def test_a_new_grade_never_postpones_a_due_review(report, child, officer):
    episode = report(child, hours_ago=0.5)  # review due in 30 minutes
    due = episode.next_review_due
    services.grade_risk(episode=episode, by=officer, grade="high", rationale="r", information=info())
    episode.refresh_from_db()
    assert episode.next_review_due == due


# --- supervision --------------------------------------------------------------------------------------

def test_review_sets_the_next_review_by_grade(report, child, officer, supervisor):
    episode = report(child, hours_ago=3)
    services.grade_risk(episode=episode, by=officer, grade="high", rationale="r", information=info())
    when = timezone.now() - timedelta(minutes=2)
    review = services.review_episode(episode=episode, by=supervisor, reviewed_at=when, note="Agree high risk.")
    episode.refresh_from_db()
    assert review.was_overdue  # the first review was due 1 hour after the report
    assert episode.next_review_due == when + timedelta(hours=1)


def test_a_review_dated_in_the_future_saves_nothing(report, child, supervisor):
    episode = report(child)
    before = episode.next_review_due
    with pytest.raises(ValidationError) as exc:
        services.review_episode(episode=episode, by=supervisor, reviewed_at=timezone.now() + timedelta(hours=1),
                                note="Looks fine")
    assert "cannot be dated in the future" in str(exc.value)
    episode.refresh_from_db()
    assert episode.next_review_due == before and not episode.reviews.exists()


def test_overdue_review_shows_on_the_next_ranks_queue_only_once_overdue(report, child, users):
    senior = users["senior_officer"]
    current = report(child, hours_ago=0.25)  # review due in 45 minutes
    assert not MissingEpisode.objects.escalated_to(senior).exists()
    late = report(child, hours_ago=1.5)  # review was due 30 minutes ago
    assert list(MissingEpisode.objects.escalated_to(senior)) == [late]
    assert list(MissingEpisode.objects.escalated_to_seniors(late.force_id, 2)) == []
    assert list(MissingEpisode.objects.escalated_to_seniors(late.force_id, 0)) == [late]
    assert current not in MissingEpisode.objects.review_overdue()


def test_escalation_goes_to_the_next_rank_up_the_chain(report, child, force, supervisor, users, team):
    from tests.factories import TeamFactory, UserFactory
    from vigil.accounts.models import TeamMembership, User
    from vigil.accounts.roles import Role

    supervisor.rank = User.Rank.SERGEANT
    supervisor.save()
    command = TeamFactory(force=force, name="Local Policing Command")
    team.parent = command
    team.save()
    inspector = UserFactory(username="inspector", force=force, rank=User.Rank.INSPECTOR, roles=[Role.SUPERVISOR])
    TeamMembership.objects.create(user=inspector, team=command, is_supervisor=True)
    chief = UserFactory(username="chief", force=force, rank=User.Rank.CHIEF_INSPECTOR, roles=[Role.SUPERVISOR])
    TeamMembership.objects.create(user=chief, team=command, is_supervisor=True)
    episode = report(child, hours_ago=2)
    assert episode.escalate_to == inspector
    assert list(MissingEpisode.objects.escalated_to(inspector)) == [episode]


# --- found and return ---------------------------------------------------------------------------------

def test_found_before_last_seen_saves_nothing(report, child, found):
    episode = report(child, hours_ago=5, seen_hours_before=2)
    with pytest.raises(ValidationError) as exc:
        found(episode, at=episode.last_seen_at - timedelta(minutes=1))
    assert "before the time last seen" in str(exc.value)
    episode.refresh_from_db()
    assert episode.status == "open" and not ReturnHomeInterview.objects.exists()
    assert open_tasks(episode).count() == 5


def test_found_requests_the_return_interview_due_72_hours_after_return(report, child, found, csc):
    episode = report(child, hours_ago=6)
    at = timezone.now() - timedelta(hours=1)
    found(episode, at=at)
    episode.refresh_from_db()
    assert episode.status == "found" and episode.next_review_due is None
    assert episode.minutes_to_locate == 300
    rhi = ReturnHomeInterview.objects.get()
    assert rhi.organisation == csc and rhi.due_at == add_elapsed(at, timedelta(hours=72))
    assert rhi.task.organisation == csc and rhi.task.due_at == rhi.due_at
    # Early actions no longer needed; a prevention interview is now due.
    assert open_tasks(episode).count() == 0
    assert services.episode_tasks(episode).filter(status="cancelled").count() == 5
    assert open_tasks(episode, "missing.prevention_interview").count() == 1


def test_placing_authority_gets_the_return_interview_for_a_looked_after_child(report, child, found, other_csc):
    episode = report(child, placing_authority=other_csc)
    found(episode)
    assert ReturnHomeInterview.objects.get().organisation == other_csc


def test_without_a_local_authority_partner_the_coordinator_is_tasked(report, force, found, users):
    kid = PersonFactory(force=force, date_of_birth=timezone.localdate() - timedelta(days=365 * 15))
    episode = report(kid)
    found(episode)
    assert not ReturnHomeInterview.objects.exists()
    task = Task.objects.get(kind="missing.return_interview")
    assert task.owner == users["missing_coordinator"] and "no local authority partner" in task.title


def test_episode_will_not_close_without_a_prevention_interview(report, child, found, officer):
    episode = report(child)
    with pytest.raises(ValidationError):
        services.close_episode(episode=episode, by=officer)  # still missing
    found(episode)
    with pytest.raises(ValidationError) as exc:
        services.close_episode(episode=episode, by=officer)
    assert "cannot be closed without a prevention interview" in str(exc.value)
    episode.refresh_from_db()
    assert episode.status == "found"
    services.record_prevention_interview(episode=episode, by=officer, held_at=timezone.now(),
                                         where_child_was="At Jade's flat on Canal Street", with_whom="Jade Okoro",
                                         place_kind="friend")
    services.close_episode(episode=episode, by=officer)
    episode.refresh_from_db()
    assert episode.status == "closed" and episode.closed_by == officer
    assert KnownPlace.objects.get().label == "At Jade's flat on Canal Street"
    assert open_tasks(episode, "missing.prevention").count() == 0


def test_a_supervisor_waiver_with_a_reason_lets_it_close(report, child, found, supervisor, officer):
    episode = report(child)
    found(episode)
    with pytest.raises(ValidationError):
        services.waive_prevention_interview(episode=episode, by=supervisor, reason="  ")
    services.waive_prevention_interview(episode=episode, by=supervisor, reason="Moved out of the force area today.")
    services.close_episode(episode=episode, by=officer)
    episode.refresh_from_db()
    assert episode.status == "closed" and episode.waiver_by == supervisor


def test_prevention_interview_before_found_time_is_refused(report, child, found, officer):
    episode = report(child, hours_ago=4)
    found(episode, at=timezone.now() - timedelta(hours=1))
    with pytest.raises(ValidationError):
        services.record_prevention_interview(episode=episode, by=officer, held_at=timezone.now() - timedelta(hours=2),
                                             where_child_was="x")


def test_return_interview_learning_updates_the_childs_record(report, child, found, users, officer):
    episode = report(child)
    found(episode)
    rhi = ReturnHomeInterview.objects.get()
    services.complete_return_interview(rhi=rhi, by=users["partner"], completed_at=timezone.now(), outcome="completed",
                                       where_child_was="A flat above the takeaway on Station Road",
                                       with_whom="Two men in their twenties", indicators=["money_gifts"],
                                       learning="Given a new phone and cash.", place_kind="other")
    rhi.refresh_from_db()
    assert rhi.completed_by == users["partner"] and rhi.task.status == "done"
    place = KnownPlace.objects.get(source="rhi")
    assert place.with_whom == "Two men in their twenties"
    # Indicators raise the exploitation flag and a referral.
    assert Marker.objects.filter(person=child, kind="exploitation").exists()
    assert Task.objects.filter(kind="missing.exploitation_referral").exists()
    with pytest.raises(ValidationError):
        services.complete_return_interview(rhi=rhi, by=users["partner"], completed_at=timezone.now(),
                                           outcome="declined")


def test_return_interview_before_return_is_refused(report, child, found, users):
    episode = report(child, hours_ago=3)
    found(episode, at=timezone.now() - timedelta(hours=1))
    rhi = ReturnHomeInterview.objects.get()
    with pytest.raises(ValidationError):
        services.complete_return_interview(rhi=rhi, by=users["partner"], outcome="declined",
                                           completed_at=timezone.now() - timedelta(hours=2))
    rhi.refresh_from_db()
    assert rhi.completed_at is None


def test_found_far_from_home_raises_an_exploitation_flag(report, child, found):
    episode = report(child)
    # About 55 km north of Willow House.
    found(episode, lat="52.960000", lon="-1.620000", kind="transport", place="Bus station, Northtown")
    episode.refresh_from_db()
    assert episode.exploitation_indicators == ["far_from_home"] and episode.found_distance_km > 50
    assert Marker.objects.filter(person=child, kind="exploitation").count() == 1
    referral = Task.objects.get(kind="missing.exploitation_referral")
    assert referral.organisation.area == "Midtown"


# --- patterns -----------------------------------------------------------------------------------------

def test_third_episode_in_90_days_flags_the_child_and_tasks_the_coordinator(report, child, found, users):
    first = report(child, hours_ago=24 * 80)
    found(first, at=first.reported_at + timedelta(hours=3))
    second = report(child, hours_ago=24 * 40)
    found(second, at=second.reported_at + timedelta(hours=3))
    assert not Marker.objects.filter(person=child, kind="repeat_missing").exists()
    third = report(child, hours_ago=1)
    marker = Marker.objects.get(person=child, kind="repeat_missing")
    assert "3 missing episodes in 90 days" in marker.notes
    task = Task.objects.get(kind="missing.repeat_meeting")
    assert task.owner == users["missing_coordinator"] and task.object_id == third.pk
    found(third)
    report(child)  # a fourth: flagged already, no second task
    assert Task.objects.filter(kind="missing.repeat_meeting").count() == 1


def test_episodes_outside_the_window_do_not_count(report, child, found):
    old = report(child, hours_ago=24 * 95)
    found(old, at=old.reported_at + timedelta(hours=1))
    mid = report(child, hours_ago=24 * 30)
    found(mid, at=mid.reported_at + timedelta(hours=1))
    report(child)
    assert not Marker.objects.filter(person=child, kind="repeat_missing").exists()


def test_repeat_rule_is_configurable(report, child, found, settings):
    settings.VIGIL_MISSING_REPEAT_RULE = (2, 30)
    first = report(child, hours_ago=24 * 10)
    found(first, at=first.reported_at + timedelta(hours=1))
    report(child)
    assert Marker.objects.filter(person=child, kind="repeat_missing").exists()


def test_audit_for_found_is_in_the_same_transaction(report, child, found):
    episode = report(child)
    count = AuditEvent.objects.count()
    with pytest.raises(ValidationError):
        found(episode, at=ago(days=10))
    assert AuditEvent.objects.count() == count


# --- the command --------------------------------------------------------------------------------------

def test_missing_command_policy_and_overdue(report, child, capsys):
    from django.core.management import call_command

    call_command("missing", "policy")
    out = capsys.readouterr().out
    assert "Local policy (domain.md B3 [U])" in out and "72 h" in out
    late = report(child, hours_ago=4)
    report(child, hours_ago=0)
    call_command("missing", "overdue", "--force", "midshire")
    out = capsys.readouterr().out
    assert late.reference in out and "and senior officers" in out and "1 overdue review." in out
