"""Safeguarding rules for incidents: pure functions, no database access.

Sources are domain.md sections A3-A6, D5 and I (rules 1, 8, 10). Configurable values come in as
arguments (see vigil.incidents.conf for their defaults), so each rule is tested at its boundaries.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from vigil.core.clock import LONDON, add_elapsed, age_on, is_bank_holiday

ADULT_AGE = 18  # a child is anyone under 18 (domain.md A1)

# Children Act 1989 s.46(6): no child may be kept in police protection for more than 72 hours
# (domain.md D5 [S/V]). A hard limit: it cannot be extended.
POLICE_PROTECTION_HOURS = 72

# Not independently mobile includes every baby under 6 months (domain.md A6 [S], local protocols).
NIM_AGE_MONTHS = 6


# --- time -----------------------------------------------------------------------------------

def after_elapsed_hours(start: datetime, hours: int | float) -> datetime:
    """`hours` of real elapsed time after `start` (statutory hours run in real time across clock
    changes: vigil.core.clock.add_elapsed)."""
    return add_elapsed(start, timedelta(hours=hours))


def referral_due(occurred_at: datetime, hours: int = 24) -> datetime:
    """The PPN referral is due `hours` after the incident (domain.md A3 [S], configurable)."""
    return after_elapsed_hours(occurred_at, hours)


def police_protection_expiry(taken_at: datetime) -> datetime:
    """The moment police protection must end: 72 elapsed hours after the child was taken (D5)."""
    return after_elapsed_hours(taken_at, POLICE_PROTECTION_HOURS)


def police_protection_warning(taken_at: datetime, hours_before: int = 12) -> datetime:
    """When the "police protection is about to expire" task falls due (domain.md I8)."""
    if not 0 < hours_before < POLICE_PROTECTION_HOURS:
        raise ValueError("the warning must fall inside the 72 hours")
    return after_elapsed_hours(taken_at, POLICE_PROTECTION_HOURS - hours_before)


def police_protection_notice_due(taken_at: datetime, hours: int = 2) -> datetime:
    """s.46(3)-(4) notifications are due "as soon as reasonably practicable"; `hours` is the
    force's working interpretation of that [U] (vigil.incidents.conf.pp_notify_hours)."""
    return min(after_elapsed_hours(taken_at, hours), police_protection_expiry(taken_at))


def same_day_deadline(moment: datetime) -> datetime:
    """End of the London calendar day of `moment`: a "same-day" task (domain.md A6)."""
    local = moment.astimezone(LONDON)
    return datetime.combine(local.date(), time(23, 59, 59), tzinfo=LONDON)


# --- Operation Encompass ----------------------------------------------------------------------

def is_school_day(day: date, holidays: Sequence[tuple[date, date]] = ()) -> bool:
    """Monday to Friday, not a bank holiday (England and Wales), not in a configured school holiday."""
    if day.weekday() >= 5 or is_bank_holiday(day):
        return False
    return not any(start <= day <= end for start, end in holidays)


def encompass_due(
    occurred_at: datetime, start_of_day: time = time(8, 30), holidays: Sequence[tuple[date, date]] = ()
) -> datetime:
    """Before the start of the next school day (domain.md A4 [S], HCR Law; DA Act 2021 s.49A [V]
    "as soon as reasonably practicable"): the first school-day start strictly after the incident.
    An incident at 02:00 on a school day is due at that morning's start; one on Friday evening,
    a weekend or a holiday is due at the start of the next school day."""
    local = occurred_at.astimezone(LONDON)
    day = local.date()
    if not (is_school_day(day, holidays) and local.timetz().replace(tzinfo=None) < start_of_day):
        day += timedelta(days=1)
    for _ in range(400):  # a year of holidays at most; a mistyped holiday table must not loop forever
        if is_school_day(day, holidays):
            return datetime.combine(day, start_of_day, tzinfo=LONDON)
        day += timedelta(days=1)
    raise ValueError("no school day within 400 days: check the school holiday table")


def reception_start(date_of_birth: date) -> date:
    """1 September of the school year in which the child turns 5: the start of reception
    (a child born 1 September to 31 August starts together)."""
    years = 4 if date_of_birth.month < 9 else 5
    return date(date_of_birth.year + years, 9, 1)


def is_school_age(*, on: date, date_of_birth: date | None = None, age: int | None = None) -> bool:
    """Operation Encompass covers children from reception to age 17 (domain.md A4 [S]).

    With only an age (e.g. from a narrative), 4 to 17 counts: a 4-year-old may be in reception,
    and notifying a school that turns out not to have the child costs less than missing one."""
    if date_of_birth is not None:
        return on >= reception_start(date_of_birth) and age_on(date_of_birth, on) < ADULT_AGE
    if age is not None:
        return 4 <= age < ADULT_AGE
    return False


# --- non-mobile infants (NIM) ------------------------------------------------------------------

def add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):  # 31 August + 6 months -> 28/29 February
        try:
            return date(year, month, candidate)
        except ValueError:
            continue
    raise ValueError(day)


def is_not_independently_mobile(*, on: date, date_of_birth: date | None, marked_not_mobile: bool) -> bool:
    """Under 6 months, or recorded as not crawling, bottom-shuffling, cruising or walking
    (including older children immobile through disability). Rolling does not count (A6 [S])."""
    if marked_not_mobile:
        return True
    return date_of_birth is not None and on < add_months(date_of_birth, NIM_AGE_MONTHS)


def nim_forces_referral(*, not_mobile: bool, injury: bool) -> bool:
    """Any bruise, injury or possible bruise on a NIM child, whatever the explanation, forces an
    immediate children's social care referral and a same-day paediatric assessment (A6, I9)."""
    return not_mobile and injury


# --- timeliness ---------------------------------------------------------------------------------

ON_TIME, LATE, PENDING, OVERDUE = "on_time", "late", "pending", "overdue"


def timeliness(*, due_at: datetime, done_at: datetime | None, now: datetime) -> str:
    """on_time / late once done; pending / overdue while not done. Derived when read, never stored."""
    if done_at is not None:
        return ON_TIME if done_at <= due_at else LATE
    return PENDING if now <= due_at else OVERDUE


# --- which children does an incident involve? (domain.md A5, I1) ---------------------------------

LINKED, RESIDENT, DEPENDANT, NARRATIVE = "linked", "resident", "dependant", "narrative"


@dataclass(frozen=True)
class LinkedPerson:
    person_id: int
    role: str
    role_label: str
    date_of_birth: date | None


@dataclass(frozen=True)
class Resident:
    person_id: int
    date_of_birth: date | None


@dataclass(frozen=True)
class Dependant:
    """A child of (or cared for by) an arrested person."""

    child_id: int
    parent_id: int
    date_of_birth: date | None


@dataclass(frozen=True)
class ChildFinding:
    person_id: int | None
    age: int | None
    basis: str
    # Stored and shown to everyone who sees the incident, so it never names anyone: the other
    # person's record may be restricted. Pages name `related_person_id` per reader.
    reason: str
    related_person_id: int | None = None


CHILD_PRESENT_ROLE = "child_present"


def _child_age(dob: date | None, on: date) -> int | None:
    if dob is None or dob > on:
        return None
    age = age_on(dob, on)
    return age if age < ADULT_AGE else None


def find_children(
    *,
    on: date,
    linked: Iterable[LinkedPerson] = (),
    residents: Iterable[Resident] = (),
    dependants: Iterable[Dependant] = (),
    narrative_flag: bool = False,
    narrative_ages: Sequence[int | None] = (),
) -> list[ChildFinding]:
    """Every child the incident involves, one finding each (domain.md I1):
    a linked person under 18 on the incident date (or linked as "child present" with no date of
    birth), an under-18 living at the incident address on that date, a child of an arrested
    person, and children the narrative screener found that no known child accounts for."""
    found: dict[int, ChildFinding] = {}

    def add(person_id: int, age: int | None, basis: str, reason: str, related_person_id: int | None = None) -> None:
        if person_id not in found:
            found[person_id] = ChildFinding(person_id, age, basis, reason, related_person_id)

    for p in linked:
        age = _child_age(p.date_of_birth, on)
        if age is not None:
            add(p.person_id, age, LINKED, f"Linked as {p.role_label.lower()}, aged {age} on the incident date")
        elif p.role == CHILD_PRESENT_ROLE and p.date_of_birth is None:
            add(p.person_id, None, LINKED, "Linked as a child present (date of birth not recorded)")
    for r in residents:
        age = _child_age(r.date_of_birth, on)
        if age is not None:
            add(r.person_id, age, RESIDENT, f"Lives at the incident address, aged {age} on the incident date")
    for d in dependants:
        age = _child_age(d.date_of_birth, on)
        if age is not None:
            add(d.child_id, age, DEPENDANT, f"Child of an arrested person, aged {age}", d.parent_id)

    findings = list(found.values())
    if narrative_flag:
        ages = list(narrative_ages) or [None]
        known = Counter(f.age for f in findings)
        for age in ages:
            if age is None:
                if findings:
                    continue  # "a child" in the text: assume a known child is meant
                findings.append(ChildFinding(None, None, NARRATIVE, "Narrative: a child of unknown age"))
            elif known[age] > 0:
                known[age] -= 1  # the narrative's child of this age is (probably) a known child
            else:
                findings.append(ChildFinding(None, age, NARRATIVE, f"Narrative: a child aged {age}"))
    return findings


@dataclass(frozen=True)
class ExistingChild:
    id: int
    person_id: int | None
    basis: str
    age: int | None


@dataclass(frozen=True)
class Reconcile:
    add: list[ChildFinding] = field(default_factory=list)
    attach: list[tuple[int, ChildFinding]] = field(default_factory=list)  # (existing row id, finding)


def reconcile_children(existing: Sequence[ExistingChild], findings: Sequence[ChildFinding]) -> Reconcile:
    """What to add to the incident's children after a new screening. Never removes anyone:
    screening raises flags for a person to act on and never clears them by itself (issue 3).

    A newly linked person of the same age as a narrative child not yet linked to anyone is taken
    to be that child (the row is attached, not duplicated). Narrative children are counted by age,
    so rescreening the same text adds nothing."""
    result = Reconcile()
    known_people = {e.person_id for e in existing if e.person_id is not None}
    unlinked_narrative = [e for e in existing if e.person_id is None and e.basis == NARRATIVE]
    narrative_rows = Counter(e.age for e in existing if e.basis == NARRATIVE)
    for finding in findings:
        if finding.person_id is not None:
            if finding.person_id in known_people:
                continue
            match = next((e for e in unlinked_narrative if e.age == finding.age), None)
            if match is not None:
                unlinked_narrative.remove(match)
                result.attach.append((match.id, finding))
            else:
                result.add.append(finding)
            known_people.add(finding.person_id)
    for finding in findings:
        if finding.person_id is None:
            if narrative_rows[finding.age] > 0:
                narrative_rows[finding.age] -= 1
            else:
                result.add.append(finding)
    return result


# --- the supervisor's "child to notice" view of one incident (domain.md A3, I1) --------------------

AWAITING_ASSESSMENT = "awaiting_assessment"
ASSESSMENT_OVERDUE = "assessment_overdue"
OVERRIDDEN = "overridden"
REFERRAL_LATE = "referral_late"
REFERRAL_UNACKNOWLEDGED = "referral_unacknowledged"
ENCOMPASS_OVERDUE = "encompass_overdue"
ENCOMPASS_LATE = "encompass_late"
RESOLVED = "resolved"

PROBLEM_LABELS = {
    ASSESSMENT_OVERDUE: "Assessment overdue",
    AWAITING_ASSESSMENT: "Awaiting assessment",
    OVERRIDDEN: "Flag overridden by supervisor",
    REFERRAL_LATE: "Referral sent late",
    REFERRAL_UNACKNOWLEDGED: "Referral not yet acknowledged",
    ENCOMPASS_OVERDUE: "School notification overdue",
    ENCOMPASS_LATE: "School notification sent late",
    RESOLVED: "Resolved",
}
# A miss is something that went wrong and stays on the record, so the daily summary reports it.
MISSES = (ASSESSMENT_OVERDUE, OVERRIDDEN, REFERRAL_LATE, ENCOMPASS_OVERDUE, ENCOMPASS_LATE)


@dataclass(frozen=True)
class Sent:
    due_at: datetime
    sent_at: datetime | None
    acknowledged: bool = False


def incident_state(
    *,
    flagged: bool,
    children_pending: int,
    overridden: bool,
    assessment_due: datetime,
    referrals: Sequence[Sent] = (),
    notifications: Sequence[Sent] = (),
    now: datetime,
) -> list[str]:
    """The problems a supervisor should notice on one child-flagged incident; [RESOLVED] when none.

    An incident overridden by a supervisor stays visible (with its reason) so the decision can be
    reviewed; it never counts as resolved by itself."""
    if not flagged:
        return []
    problems: list[str] = []
    if overridden:
        problems.append(OVERRIDDEN)
    elif children_pending:
        problems.append(ASSESSMENT_OVERDUE if now > assessment_due else AWAITING_ASSESSMENT)
    for r in referrals:
        state = timeliness(due_at=r.due_at, done_at=r.sent_at, now=now)
        if state == LATE and REFERRAL_LATE not in problems:
            problems.append(REFERRAL_LATE)
        if r.sent_at is not None and not r.acknowledged and REFERRAL_UNACKNOWLEDGED not in problems:
            problems.append(REFERRAL_UNACKNOWLEDGED)
    for n in notifications:
        state = timeliness(due_at=n.due_at, done_at=n.sent_at, now=now)
        if state == OVERDUE and ENCOMPASS_OVERDUE not in problems:
            problems.append(ENCOMPASS_OVERDUE)
        elif state == LATE and ENCOMPASS_LATE not in problems:
            problems.append(ENCOMPASS_LATE)
    return problems or [RESOLVED]


def is_resolved(problems: Sequence[str]) -> bool:
    return list(problems) == [RESOLVED]
