"""Which children an incident involves; school age; non-mobile infants; the queue state."""

from datetime import date, datetime, timedelta

import pytest

from vigil.core.clock import LONDON
from vigil.incidents import rules

ON = date(2026, 5, 10)


def test_linked_person_under_18_on_the_incident_date_is_a_child():
    found = rules.find_children(on=ON, linked=[rules.LinkedPerson(1, "victim", "Victim", date(2008, 5, 11))])
    assert [(f.person_id, f.age, f.basis) for f in found] == [(1, 17, rules.LINKED)]


def test_eighteenth_birthday_on_the_incident_date_is_an_adult():
    found = rules.find_children(on=ON, linked=[rules.LinkedPerson(1, "victim", "Victim", date(2008, 5, 10))])
    assert found == []


def test_child_present_without_a_date_of_birth_still_counts():
    found = rules.find_children(on=ON, linked=[rules.LinkedPerson(4, "child_present", "Child present", None)])
    assert [(f.person_id, f.age) for f in found] == [(4, None)]


def test_adult_with_unknown_date_of_birth_is_not_assumed_a_child():
    assert rules.find_children(on=ON, linked=[rules.LinkedPerson(4, "witness", "Witness", None)]) == []


def test_resident_child_and_dependant_of_arrested_person():
    found = rules.find_children(
        on=ON,
        residents=[rules.Resident(2, date(2020, 1, 1)), rules.Resident(3, date(1990, 1, 1))],
        dependants=[rules.Dependant(5, 9, date(2025, 3, 1))],
    )
    assert [(f.person_id, f.basis, f.age) for f in found] == [(2, rules.RESIDENT, 6), (5, rules.DEPENDANT, 1)]
    # The parent is kept by id, never by name: their record may be restricted.
    assert found[1].reason == "Child of an arrested person, aged 1" and found[1].related_person_id == 9


def test_a_person_found_two_ways_is_one_child():
    found = rules.find_children(
        on=ON, linked=[rules.LinkedPerson(2, "victim", "Victim", date(2015, 1, 1))],
        residents=[rules.Resident(2, date(2015, 1, 1))],
    )
    assert len(found) == 1 and found[0].basis == rules.LINKED


def test_narrative_child_not_matched_by_a_known_child_is_added():
    found = rules.find_children(on=ON, narrative_flag=True, narrative_ages=[1])
    assert [(f.person_id, f.age, f.basis) for f in found] == [(None, 1, rules.NARRATIVE)]


def test_narrative_child_of_the_same_age_as_a_known_child_is_that_child():
    found = rules.find_children(on=ON, linked=[rules.LinkedPerson(7, "child_present", "Child present",
                                                                    date(2025, 1, 1))],
                                narrative_flag=True, narrative_ages=[1, 9])
    assert [(f.person_id, f.age) for f in found] == [(7, 1), (None, 9)]


def test_narrative_flag_without_ages_adds_one_child_of_unknown_age():
    assert [(f.person_id, f.age) for f in rules.find_children(on=ON, narrative_flag=True)] == [(None, None)]


def test_unknown_ages_are_covered_by_known_children():
    found = rules.find_children(on=ON, residents=[rules.Resident(2, date(2020, 1, 1))], narrative_flag=True,
                                narrative_ages=[None])
    assert len(found) == 1


def test_no_flag_no_children():
    assert rules.find_children(on=ON, narrative_flag=False, narrative_ages=[3]) == []


# --- reconcile: rescreening never removes, never duplicates ------------------------------------------

def test_rescreening_the_same_findings_adds_nothing():
    findings = [rules.ChildFinding(None, 1, rules.NARRATIVE, "n"), rules.ChildFinding(5, 6, rules.LINKED, "l")]
    existing = [rules.ExistingChild(10, None, rules.NARRATIVE, 1), rules.ExistingChild(11, 5, rules.LINKED, 6)]
    plan = rules.reconcile_children(existing, findings)
    assert plan.add == [] and plan.attach == []


def test_new_linked_person_of_the_narrative_childs_age_is_attached_not_added():
    existing = [rules.ExistingChild(10, None, rules.NARRATIVE, 1)]
    findings = [rules.ChildFinding(8, 1, rules.LINKED, "linked")]
    plan = rules.reconcile_children(existing, findings)
    assert plan.add == [] and plan.attach == [(10, findings[0])]


def test_second_narrative_child_is_added():
    existing = [rules.ExistingChild(10, None, rules.NARRATIVE, 1)]
    findings = [rules.ChildFinding(None, 1, rules.NARRATIVE, "a"), rules.ChildFinding(None, 5, rules.NARRATIVE, "b")]
    plan = rules.reconcile_children(existing, findings)
    assert [f.age for f in plan.add] == [5]


def test_linked_narrative_row_still_counts_as_the_narrative_child():
    # The officer linked the narrative's one-year-old to a record during the assessment.
    existing = [rules.ExistingChild(10, 8, rules.NARRATIVE, 1)]
    findings = rules.find_children(on=ON, linked=[rules.LinkedPerson(8, "child_present", "Child present",
                                                                       date(2025, 2, 1))],
                                   narrative_flag=True, narrative_ages=[1])
    plan = rules.reconcile_children(existing, findings)
    assert plan.add == [] and plan.attach == []


# --- school age (Operation Encompass: reception to 17) ------------------------------------------------

@pytest.mark.parametrize(
    "dob, on, expected",
    [
        (date(2022, 8, 31), date(2026, 9, 1), True),  # summer-born: reception at 4
        (date(2022, 9, 1), date(2026, 9, 1), False),  # born a day later: starts a year later
        (date(2022, 9, 1), date(2027, 9, 1), True),
        (date(2021, 12, 1), date(2026, 7, 20), False),  # 4, starts reception in September
        (date(2021, 12, 1), date(2026, 9, 10), True),  # in reception
        (date(2022, 3, 1), date(2026, 8, 31), False),  # 4, but reception starts tomorrow
        (date(2017, 5, 1), date(2026, 5, 1), True),  # 9-year-old
        (date(2008, 5, 11), date(2026, 5, 10), True),  # 17
        (date(2008, 5, 10), date(2026, 5, 10), False),  # 18 today
    ],
)
def test_school_age_from_date_of_birth(dob, on, expected):
    assert rules.is_school_age(on=on, date_of_birth=dob) is expected


@pytest.mark.parametrize("age, expected", [(3, False), (4, True), (9, True), (17, True), (18, False), (None, False)])
def test_school_age_from_an_age_alone(age, expected):
    assert rules.is_school_age(on=ON, age=age) is expected


# --- not-independently-mobile infants (domain.md A6) --------------------------------------------------

@pytest.mark.parametrize(
    "dob, on, marked, expected",
    [
        (date(2026, 1, 10), date(2026, 7, 9), False, True),  # a day short of 6 months
        (date(2026, 1, 10), date(2026, 7, 10), False, False),  # 6 months today
        (date(2025, 8, 31), date(2026, 2, 27), False, True),  # 31 Aug + 6 months -> 28 Feb
        (date(2025, 8, 31), date(2026, 2, 28), False, False),
        (date(2025, 1, 1), date(2026, 1, 1), True, True),  # older, recorded as not mobile
        (None, date(2026, 1, 1), False, False),
    ],
)
def test_not_independently_mobile(dob, on, marked, expected):
    assert rules.is_not_independently_mobile(on=on, date_of_birth=dob, marked_not_mobile=marked) is expected


def test_nim_with_injury_forces_referral_and_nothing_else_does():
    assert rules.nim_forces_referral(not_mobile=True, injury=True)
    assert not rules.nim_forces_referral(not_mobile=True, injury=False)
    assert not rules.nim_forces_referral(not_mobile=False, injury=True)


# --- the supervisor's view of one incident ------------------------------------------------------------

NOW = datetime(2026, 5, 10, 12, 0, tzinfo=LONDON)
DUE = NOW - timedelta(hours=1)


def test_unflagged_incident_is_not_in_the_queue():
    assert rules.incident_state(flagged=False, children_pending=0, overridden=False, assessment_due=DUE, now=NOW) == []


def test_pending_assessment_past_due_is_overdue():
    state = rules.incident_state(flagged=True, children_pending=1, overridden=False, assessment_due=DUE, now=NOW)
    assert state == [rules.ASSESSMENT_OVERDUE]
    state = rules.incident_state(flagged=True, children_pending=1, overridden=False,
                                 assessment_due=NOW + timedelta(hours=1), now=NOW)
    assert state == [rules.AWAITING_ASSESSMENT]


def test_override_is_shown_not_resolved():
    state = rules.incident_state(flagged=True, children_pending=1, overridden=True, assessment_due=DUE, now=NOW)
    assert state == [rules.OVERRIDDEN]


def test_assessed_with_acknowledged_on_time_referral_is_resolved():
    state = rules.incident_state(flagged=True, children_pending=0, overridden=False, assessment_due=DUE, now=NOW,
                                 referrals=[rules.Sent(DUE, DUE - timedelta(minutes=5), True)])
    assert rules.is_resolved(state)


def test_late_referral_and_unsent_school_notification_are_misses():
    state = rules.incident_state(
        flagged=True, children_pending=0, overridden=False, assessment_due=DUE, now=NOW,
        referrals=[rules.Sent(DUE, DUE + timedelta(minutes=5), False)], notifications=[rules.Sent(DUE, None)],
    )
    assert state == [rules.REFERRAL_LATE, rules.REFERRAL_UNACKNOWLEDGED, rules.ENCOMPASS_OVERDUE]
