"""Writes for child safeguarding: the assessment and everything it sets in motion.

Completing an assessment (domain.md A5, I1) links or creates the child's record, and in the same
transaction creates the referral to children's social care (A3), the Operation Encompass
notification for domestic abuse (A4, I10), the same-day paediatric task for an injured
non-mobile baby (A6) and police protection with its 72-hour clock and notification tasks (D5, I8).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vigil.accounts.models import Organisation
from vigil.core import audit
from vigil.core import services as core_services
from vigil.core.clock import add_working_days, end_of_day
from vigil.core.models import Task
from vigil.incidents import conf, rules
from vigil.incidents import deadlines as kinds
from vigil.incidents.models import (
    EncompassNotification,
    Incident,
    IncidentChild,
    IncidentPerson,
    PoliceProtection,
    Referral,
    SafeguardingAssessment,
    SchoolEnrolment,
)
from vigil.incidents.services import check_person_for_incident, complete_open_tasks, incident_date
from vigil.people.models import PartnerShare, Person, PersonAddress

Action = audit.AuditEvent.Action
A = SafeguardingAssessment


@dataclass
class NewChild:
    """Details for creating the child's person record from the assessment."""

    forenames: str
    surname: str
    date_of_birth: date | None = None
    gender: str = Person.Gender.UNKNOWN


@dataclass
class ProtectionDetails:
    taken_at: datetime
    accommodation: str
    designated_officer: object = None
    found_authority: Organisation | None = None
    home_authority: Organisation | None = None


# --- routing ------------------------------------------------------------------------------------

def home_area(person, on: date) -> str:
    """The local authority of the child's home (or care placement) on the date, if known."""
    rows = (
        PersonAddress.objects.filter(person=person)
        .filter(Q(from_date__isnull=True) | Q(from_date__lte=on), Q(to_date__isnull=True) | Q(to_date__gte=on))
        .select_related("address").order_by("-from_date")
    )
    for kind in (PersonAddress.Kind.CARE_PLACEMENT, PersonAddress.Kind.HOME, None):
        for row in rows:
            if (kind is None or row.kind == kind) and row.address.local_authority:
                return row.address.local_authority
    return ""


def _csc_for_area(force_id, area: str) -> Organisation | None:
    if not area:
        return None
    return Organisation.objects.filter(force_id=force_id, kind=Organisation.Kind.CHILDRENS_SOCIAL_CARE,
                                       area__iexact=area).first()


def route_referral(person, incident: Incident) -> Organisation | None:
    """Children's social care for the child's home area; failing that, the incident's area (A3)."""
    on = incident_date(incident)
    areas = [home_area(person, on)] if person is not None else []
    if incident.address_id and incident.address.local_authority:
        areas.append(incident.address.local_authority)
    for area in areas:
        org = _csc_for_area(incident.force_id, area)
        if org:
            return org
    return None


def school_for(person, on: date) -> Organisation | None:
    row = (
        SchoolEnrolment.objects.filter(person=person)
        .filter(Q(from_date__isnull=True) | Q(from_date__lte=on), Q(to_date__isnull=True) | Q(to_date__gte=on))
        .select_related("school").order_by("-from_date").first()
    )
    return row.school if row else None


# --- the child's person record ----------------------------------------------------------------------

def possible_records(incident: Incident, user) -> list[Person]:
    """Children the officer may mean: under 18 on the incident date, visible to the user, and either
    linked to the incident, living at its address, or children of the adults linked to it."""
    from vigil.incidents.services import same_address_ids
    from vigil.people.access import visible_people
    from vigil.people.models import Relationship

    on = incident_date(incident)
    adults = list(incident.people.values_list("person_id", flat=True))
    ids = set(adults)
    ids |= set(Relationship.objects.filter(person_id__in=adults, kind__in=["parent", "carer"])
               .values_list("other_id", flat=True))
    ids |= set(Relationship.objects.filter(other_id__in=adults, kind="child").values_list("person_id", flat=True))
    if incident.address_id:
        ids |= set(PersonAddress.objects.filter(address_id__in=same_address_ids(incident.address))
                   .filter(Q(to_date__isnull=True) | Q(to_date__gte=on)).values_list("person_id", flat=True))
    taken = set(incident.children.exclude(person__isnull=True).values_list("person_id", flat=True))
    people = visible_people(user).filter(pk__in=ids - taken, date_of_birth__isnull=False,
                                         date_of_birth__lte=on).order_by("date_of_birth")[:20]
    return [p for p in people if p.is_child(on)]


def create_person_for_incident(*, incident: Incident, by, details: NewChild, request=None) -> Person:
    """A new person record through the people service (which validates and audits it)."""
    from vigil.people.services import create_person

    forenames, surname = details.forenames.strip(), details.surname.strip()
    if not forenames or not surname:
        raise ValidationError({"forenames": "Enter the first names and last name (use UNKNOWN if not known)."})
    return create_person(force=incident.force, by=by, forenames=forenames, surname=surname,
                         date_of_birth=details.date_of_birth, gender=details.gender or Person.Gender.UNKNOWN,
                         decision_reason=f"Recorded from incident {incident.reference}", request=request)


# --- the assessment ------------------------------------------------------------------------------

def _clean_voice(spoken_to: bool, said: str, demeanour: str, not_spoken: str) -> None:
    if spoken_to and not (said.strip() or demeanour.strip()):
        raise ValidationError({"child_said": "Record what the child said or their demeanour (the voice of the child)."})
    if not spoken_to and not not_spoken.strip():
        raise ValidationError({"not_spoken_reason": "Say why the child could not be spoken to."})


def complete_assessment(
    *, child: IncidentChild, by, seen_and_heard: str, child_spoken_to: bool, immediate_needs: str,
    risk_grade: str, immediate_action: str, referral_decision: str, referral_rationale: str,
    child_said: str = "", child_demeanour: str = "", not_spoken_reason: str = "", safe_adult_name: str = "",
    action_detail: str = "", not_independently_mobile: bool = False, injury_seen: bool = False,
    person: Person | None = None, new_child: NewChild | None = None, organisation: Organisation | None = None,
    school: Organisation | None = None, where_child_was: str = "", protection: ProtectionDetails | None = None,
    request=None,
) -> SafeguardingAssessment:
    """Complete the assessment for one child, all or nothing."""
    errors: dict[str, list[str]] = {}

    def check(fn):
        try:
            fn()
        except ValidationError as exc:
            for key, msgs in exc.message_dict.items():
                errors.setdefault(key, []).extend(msgs)

    def required(name, value, message):
        if not (value or "").strip():
            errors.setdefault(name, []).append(message)

    required("seen_and_heard", seen_and_heard, "Record what was seen and heard.")
    required("immediate_needs", immediate_needs, "Record the child's immediate safety and needs.")
    required("referral_rationale", referral_rationale, "Give the rationale for the referral decision.")
    check(lambda: _clean_voice(child_spoken_to, child_said, child_demeanour, not_spoken_reason))
    if risk_grade not in A.RiskGrade.values:
        errors["risk_grade"] = ["Choose a risk grade: high, medium or standard."]
    if immediate_action not in A.Action.values:
        errors["immediate_action"] = ["Choose the immediate action taken."]
    if referral_decision not in A.Referral.values:
        errors["referral_decision"] = ["Choose whether to refer to children's social care."]
    if immediate_action == A.Action.SAFE_ADULT:
        required("safe_adult_name", safe_adult_name, "Name the safe adult the child was left with.")
    if immediate_action == A.Action.POLICE_PROTECTION and protection is None:
        errors["taken_at"] = ["Record when the child was taken into police protection and where they are."]
    if protection is not None:
        if timezone.is_naive(protection.taken_at) or protection.taken_at > timezone.now():
            errors["taken_at"] = ["The time the child was taken into police protection cannot be in the future."]
        required("accommodation", protection.accommodation, "Say where the child is accommodated.")
    if person is None and new_child is None and child.person_id is None:
        errors["person"] = ["Choose the child's existing record or enter details to create one."]
    if errors:
        raise ValidationError(errors)

    with transaction.atomic():
        child = IncidentChild.objects.select_for_update(of=("self",)).select_related(
            "incident", "incident__incident_type", "incident__address", "incident__force", "person").get(pk=child.pk)
        incident = child.incident
        if hasattr(child, "assessment"):
            raise ValidationError("An assessment has already been completed for this child.")
        if child.person_id is not None:
            if person is not None and person.pk != child.person_id:
                raise ValidationError({"person": "This child is already linked to a person record."})
            person = child.person
        elif person is None:
            if new_child.date_of_birth and new_child.date_of_birth > incident_date(incident):
                raise ValidationError({"date_of_birth": f"The child's date of birth is after the incident date "
                                                        f"({incident_date(incident):%d/%m/%Y})."})
            person = create_person_for_incident(incident=incident, by=by, details=new_child, request=request)
        check_person_for_incident(person, force=incident.force, occurred_at=incident.occurred_at)
        on = incident_date(incident)
        if person.date_of_birth and not person.is_child(on):
            raise ValidationError({"person": f"{person} was 18 or over on the incident date, so is not a child. "
                                             "Choose the right record, or ask a supervisor to record why no "
                                             "assessment is needed."})
        if IncidentChild.objects.filter(incident=incident, person=person).exclude(pk=child.pk).exists():
            raise ValidationError({"person": f"{person} is already listed as another child on this incident."})

        nim = rules.is_not_independently_mobile(on=on, date_of_birth=person.date_of_birth,
                                                marked_not_mobile=not_independently_mobile)
        forced = rules.nim_forces_referral(not_mobile=nim, injury=injury_seen)
        if forced and referral_decision != A.Referral.REFER:
            referral_decision = A.Referral.REFER
            referral_rationale = ("Referral made automatically: injury to a baby who is not independently mobile "
                                  "(domain.md A6). " + referral_rationale.strip())

        child.person = person
        child.save(update_fields=["person"])
        if not IncidentPerson.objects.filter(incident=incident, person=person).exists():
            IncidentPerson.objects.create(incident=incident, person=person, role=IncidentPerson.Role.CHILD_PRESENT,
                                          added_by=by)
        assessment = SafeguardingAssessment.objects.create(
            child=child, person=person, seen_and_heard=seen_and_heard.strip(), child_spoken_to=child_spoken_to,
            child_said=child_said.strip(), child_demeanour=child_demeanour.strip(),
            not_spoken_reason=not_spoken_reason.strip(), immediate_needs=immediate_needs.strip(),
            risk_grade=risk_grade, immediate_action=immediate_action, safe_adult_name=safe_adult_name.strip(),
            action_detail=action_detail.strip(), not_independently_mobile=nim, injury_seen=injury_seen,
            referral_decision=referral_decision, referral_rationale=referral_rationale.strip(), completed_by=by,
        )
        audit.record(action=Action.DECISION, actor=by, obj=assessment, person_id=person.pk, force_id=incident.force_id,
                     request=request, reason=assessment.referral_rationale,
                     changes={"incident": [None, incident.reference], "risk_grade": [None, risk_grade],
                              "immediate_action": [None, immediate_action],
                              "referral_decision": [None, referral_decision], "nim_injury": [None, forced]})

        if referral_decision == A.Referral.REFER:
            _make_referral(assessment=assessment, incident=incident, person=person, by=by, urgent=forced,
                           organisation=organisation, request=request)
        if forced:
            core_services.create_task(
                force=incident.force, kind=kinds.NIM_PAEDIATRIC.code, owner=by, by=by, person=person,
                subject=assessment, priority=Task.Priority.HIGH, due_at=rules.same_day_deadline(timezone.now()),
                title=f"Same-day paediatric assessment for {person}",
                detail="Any bruise or injury on a baby who is not independently mobile needs an urgent "
                       "paediatric assessment today, whatever the explanation given (domain.md A6).",
            )
        if immediate_action == A.Action.POLICE_PROTECTION:
            _start_police_protection(assessment=assessment, incident=incident, person=person, by=by,
                                     details=protection, request=request)
        if incident.incident_type.is_domestic_abuse and rules.is_school_age(
            on=on, date_of_birth=person.date_of_birth, age=child.age if person.date_of_birth is None else None
        ):
            _make_encompass(assessment=assessment, incident=incident, child=child, person=person, by=by,
                            school=school, where_child_was=where_child_was, request=request)
        if not incident.children.pending().exists():
            complete_open_tasks(incident, kind=kinds.ASSESSMENT.code, by=by,
                                outcome="Safeguarding assessments completed for every child.")
    return assessment


def _make_referral(*, assessment, incident, person, by, urgent, organisation, request) -> Referral:
    organisation = organisation or route_referral(person, incident)
    if organisation is None:
        raise ValidationError({"organisation": "No children's social care partner is set up for this child's area: "
                                               "choose one."})
    if organisation.kind != Organisation.Kind.CHILDRENS_SOCIAL_CARE or organisation.force_id != incident.force_id:
        raise ValidationError({"organisation": "Choose a children's social care partner of this force."})
    summary = (
        f"{incident.incident_type} at {incident.location or incident.address or 'an address not recorded'} "
        f"on {timezone.localtime(incident.occurred_at):%d/%m/%Y %H:%M} (police reference {incident.reference}).\n"
        f"Seen and heard: {assessment.seen_and_heard}\n"
        f"Voice of the child: {voice_of_child(assessment)}\n"
        f"Immediate safety and needs: {assessment.immediate_needs}\n"
        f"Action taken: {assessment.get_immediate_action_display()}"
        f"{' (' + assessment.safe_adult_name + ')' if assessment.safe_adult_name else ''}\n"
        f"Reason for referral: {assessment.referral_rationale}"
    )
    now = timezone.now()
    referral = Referral.objects.create(
        force=incident.force, incident=incident, assessment=assessment, person=person, organisation=organisation,
        grade=assessment.risk_grade, summary=summary, urgent=urgent or assessment.risk_grade == A.RiskGrade.HIGH,
        due_at=rules.referral_due(incident.occurred_at, conf.referral_due_hours()), sent_at=now, sent_by=by,
    )
    PartnerShare.objects.create(person=person, organisation=organisation, shared_by=by, shared_at=now,
                                reason=f"Safeguarding referral from incident {incident.reference}")
    audit.record(action=Action.SHARE, actor=by, obj=referral, person_id=person.pk, request=request,
                 changes={"organisation": [None, organisation.name], "grade": [None, referral.grade],
                          "due_at": [None, referral.due_at], "urgent": [None, referral.urgent]})
    decision_due = end_of_day(add_working_days(timezone.localdate(now), 1))
    core_services.create_task(
        force=incident.force, kind=kinds.REFERRAL_DECISION.code, organisation=organisation, by=by, person=person,
        subject=referral, due_at=decision_due,
        priority=Task.Priority.HIGH if referral.urgent else Task.Priority.NORMAL,
        title=f"Referral from police incident {incident.reference}: acknowledge and decide",
    )
    return referral


def voice_of_child(assessment: SafeguardingAssessment) -> str:
    if assessment.child_spoken_to:
        parts = [f"said: {assessment.child_said}" if assessment.child_said else "",
                 f"demeanour: {assessment.child_demeanour}" if assessment.child_demeanour else ""]
        return "Spoken to; " + "; ".join(p for p in parts if p)
    return f"Not spoken to: {assessment.not_spoken_reason}"


def _make_encompass(*, assessment, incident, child, person, by, school, where_child_was, request):
    on = incident_date(incident)
    school = school or school_for(person, on)
    if school is not None and (school.kind != Organisation.Kind.SCHOOL or school.force_id != incident.force_id):
        raise ValidationError({"school": "Choose a school known to this force."})
    now = timezone.now()
    notification = EncompassNotification.objects.create(
        force=incident.force, incident=incident, assessment=assessment, person=person, school=school,
        child_present=child.basis != IncidentChild.Basis.RESIDENT, where_child_was=where_child_was.strip()[:300],
        voice_of_child=voice_of_child(assessment), circumstances=assessment.seen_and_heard,
        due_at=rules.encompass_due(incident.occurred_at, conf.school_day_start(), conf.school_holidays()),
        sent_at=now if school else None, sent_by=by if school else None,
    )
    audit.record(action=Action.SHARE if school else Action.CREATE, actor=by, obj=notification, person_id=person.pk,
                 request=request, changes={"school": [None, school.name if school else None],
                                           "due_at": [None, notification.due_at]})
    if school is None:
        core_services.create_task(
            force=incident.force, kind=kinds.ENCOMPASS_SEND.code, owner=by, by=by, person=person,
            subject=notification, due_at=notification.due_at, priority=Task.Priority.HIGH,
            title=f"Find {person}'s school and send the Operation Encompass notification",
        )
    return notification


def send_encompass(*, notification: EncompassNotification, school: Organisation, by, request=None):
    if school is None or school.kind != Organisation.Kind.SCHOOL or school.force_id != notification.force_id:
        raise ValidationError({"school": "Choose the child's school."})
    with transaction.atomic():
        notification = EncompassNotification.objects.select_for_update().get(pk=notification.pk)
        if notification.sent_at is not None:
            raise ValidationError("This notification has already been sent.")
        notification.school, notification.sent_at, notification.sent_by = school, timezone.now(), by
        notification.save(update_fields=["school", "sent_at", "sent_by"])
        audit.record(action=Action.SHARE, actor=by, obj=notification, person_id=notification.person_id,
                     request=request, changes={"school": [None, school.name]})
        complete_open_tasks(notification, kind=kinds.ENCOMPASS_SEND.code, by=by, outcome=f"Sent to {school}")
    return notification


def acknowledge_encompass(*, notification: EncompassNotification, by, request=None):
    with transaction.atomic():
        notification = EncompassNotification.objects.select_for_update().get(pk=notification.pk)
        if notification.sent_at is None or notification.school_id != by.organisation_id:
            raise ValidationError("This notification was not sent to your school.")
        if notification.acknowledged_at is not None:
            raise ValidationError("This notification has already been acknowledged.")
        notification.acknowledged_at, notification.acknowledged_by = timezone.now(), by
        notification.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit.record(action=Action.UPDATE, actor=by, obj=notification, person_id=notification.person_id,
                     request=request, changes={"acknowledged": [False, True]})
    return notification


# --- the partner's side of a referral ---------------------------------------------------------------

def acknowledge_referral(*, referral: Referral, by, request=None) -> Referral:
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.organisation_id != by.organisation_id:
            raise ValidationError("This referral was not sent to your organisation.")
        if referral.acknowledged_at is not None:
            raise ValidationError("This referral has already been acknowledged.")
        referral.acknowledged_at, referral.acknowledged_by = timezone.now(), by
        referral.save(update_fields=["acknowledged_at", "acknowledged_by"])
        audit.record(action=Action.UPDATE, actor=by, obj=referral, person_id=referral.person_id, request=request,
                     changes={"acknowledged": [False, True]})
    return referral


def decide_referral(*, referral: Referral, by, decision: str, note: str = "", request=None) -> Referral:
    if decision not in Referral.Decision.values:
        raise ValidationError({"decision": "Choose the decision."})
    with transaction.atomic():
        referral = Referral.objects.select_for_update().get(pk=referral.pk)
        if referral.organisation_id != by.organisation_id:
            raise ValidationError("This referral was not sent to your organisation.")
        if referral.decided_at is not None:
            raise ValidationError("A decision has already been recorded on this referral.")
        now = timezone.now()
        if referral.acknowledged_at is None:
            referral.acknowledged_at, referral.acknowledged_by = now, by
        referral.decision, referral.decision_note = decision, (note or "").strip()
        referral.decided_at, referral.decided_by = now, by
        referral.save(update_fields=["acknowledged_at", "acknowledged_by", "decision", "decision_note",
                                     "decided_at", "decided_by"])
        audit.record(action=Action.DECISION, actor=by, obj=referral, person_id=referral.person_id, request=request,
                     reason=referral.decision_note, changes={"decision": [None, decision]})
        complete_open_tasks(referral, kind=kinds.REFERRAL_DECISION.code, by=by,
                            outcome=f"{referral.get_decision_display()}. {referral.decision_note}".strip())
    return referral


# --- police protection (Children Act 1989 s.46; domain.md D5, rule I8) --------------------------------

PP_NOTICES = (
    ("found_authority", "Inform the local authority where the child was found of the steps taken and why "
                        "(s.46(3)(a))"),
    ("home_authority", "Tell the appropriate authority (where the child ordinarily lives) where the child is "
                       "accommodated (s.46(3)(b))"),
    ("child", "Inform the child of the steps taken, the reasons and possible further steps, and find out their "
              "wishes and feelings (s.46(3)(c)-(d))"),
    ("parents", "Inform the child's parents and everyone else with parental responsibility (s.46(4))"),
    ("lived_with", "Inform the person the child was living with immediately before (s.46(4))"),
)


def _start_police_protection(*, assessment, incident, person, by, details: ProtectionDetails, request):
    taken = details.taken_at
    on = incident_date(incident)
    # Default the two authorities from the incident's area and the child's home area (s.46(3)(a)-(b)).
    found = details.found_authority or _csc_for_area(incident.force_id, incident.address.local_authority
                                                     if incident.address_id else "")
    home = details.home_authority or _csc_for_area(incident.force_id, home_area(person, on)) or found
    protection = PoliceProtection.objects.create(
        force=incident.force, incident=incident, assessment=assessment, person=person, taken_at=taken,
        expires_at=rules.police_protection_expiry(taken), accommodation=details.accommodation.strip()[:300],
        found_authority=found, home_authority=home, designated_officer=details.designated_officer,
    )
    audit.record(action=Action.DECISION, actor=by, obj=protection, person_id=person.pk, request=request,
                 reason="Police protection, Children Act 1989 s.46",
                 changes={"taken_at": [None, taken], "expires_at": [None, protection.expires_at]})
    notify_due = rules.police_protection_notice_due(taken, conf.pp_notify_hours())

    def task(kind, title, due, owner=by, detail="", priority=Task.Priority.HIGH):
        core_services.create_task(force=incident.force, kind=kind, owner=owner, by=by, person=person,
                                  subject=protection, title=title, due_at=due, detail=detail, priority=priority)

    for code, text in PP_NOTICES:
        task(kinds.PP_NOTIFY.code, text, notify_due, detail=f"notice:{code}")
    officer = details.designated_officer or by
    task(kinds.PP_INQUIRY.code, f"Designated officer: inquire into the police protection of {person}", notify_due,
         owner=officer, detail="Release the child when the inquiry is complete unless there is still reasonable "
                               "cause to believe they would be likely to suffer significant harm (s.46(5)).")
    task(kinds.PP_STRATEGY.code, f"Arrange a strategy discussion for {person}", notify_due, owner=officer)
    task(kinds.PP_WARNING.code, f"Police protection of {person} ends soon: release or apply for an EPO",
         rules.police_protection_warning(taken, conf.pp_warning_hours()), owner=officer)
    task(kinds.PP_EXPIRY.code, f"Police protection of {person} must end (72 hours)", protection.expires_at,
         owner=officer, detail="The 72 hours cannot be extended. The police do not hold parental responsibility.")
    return protection


def release_from_protection(*, protection: PoliceProtection, by, reason: str, released_at: datetime | None = None,
                            request=None) -> PoliceProtection:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Say why and to whom the child was released (or that an EPO was granted)."})
    released_at = released_at or timezone.now()
    with transaction.atomic():
        protection = PoliceProtection.objects.select_for_update().get(pk=protection.pk)
        if protection.released_at is not None:
            raise ValidationError("The child has already been released from police protection.")
        if released_at < protection.taken_at:
            raise ValidationError({"released_at": "The release cannot be before the child was taken."})
        protection.released_at, protection.released_by, protection.release_reason = released_at, by, reason
        protection.save(update_fields=["released_at", "released_by", "release_reason"])
        audit.record(action=Action.DECISION, actor=by, obj=protection, person_id=protection.person_id,
                     request=request, reason=reason, changes={"released_at": [None, released_at]})
        for kind in (kinds.PP_WARNING.code, kinds.PP_EXPIRY.code, kinds.PP_INQUIRY.code):
            complete_open_tasks(protection, kind=kind, by=by, outcome=f"Released: {reason}")
    return protection
