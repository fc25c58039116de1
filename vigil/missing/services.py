"""Writes for missing episodes: report, grade, review, early actions, found, interviews, close, patterns.

Keyword-only functions. Each checks its input first and raises ValidationError with a message a
person can act on, then writes inside one transaction with its audit event (so bad input saves
nothing). Due times come from vigil.missing.rules with the configured values (vigil.missing.conf).
Carers' profiles: vigil.missing.profiles.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from vigil.accounts.models import Organisation
from vigil.core import audit
from vigil.core import services as core_services
from vigil.core.clock import add_elapsed, to_london
from vigil.core.models import Task
from vigil.missing import chain, conf, deadlines, rules
from vigil.missing.models import (
    TEXT_MAX,
    Grade,
    KnownPlace,
    MissingEpisode,
    PlaceKind,
    PreventionInterview,
    ReturnHomeInterview,
    RiskAssessment,
    SupervisorReview,
)
from vigil.missing.search import distance_km
from vigil.people import services as people_services
from vigil.people.matching import address_match_key
from vigil.people.models import Address, Marker, Person

Action = audit.AuditEvent.Action

# domain.md B3 [V, partial list] first; the rest are commonly asked questions, a local list [U].
RISK_FACTORS = {
    "weather": "Adverse weather",
    "medication": "Missed or needed medication",
    "disability": "Disability or illness affecting safety, mobility, communication or decisions",
    "environment": "Dangerous environment (water, roads, isolated places)",
    "out_of_character": "Out of character",
    "crime_victim": "May be the victim of crime or at risk of harm",
    "exploitation": "Exploitation concerns (sexual or criminal)",
    "self_harm": "Risk of self-harm or suicide, or mental health concerns",
    "substances": "Drugs or alcohol",
    "online": "Contact with unknown adults online",
    "conflict": "Family conflict or domestic abuse at home",
    "harmed_before": "Came to harm when missing before",
    "young": "Young age or lack of road sense",
}


def _errors(**fields) -> ValidationError:
    return ValidationError({k: v for k, v in fields.items() if v})


def _text(value, field: str, label: str, *, required: bool = True, limit: int = TEXT_MAX) -> str:
    text = (value or "").strip()
    if required and not text:
        raise ValidationError({field: f"Enter {label}."})
    if len(text) > limit:
        raise ValidationError({field: f"{label[0].upper()}{label[1:]} must be {limit:,} characters or fewer."})
    return text


def _aware(moment, field: str, label: str) -> datetime:
    if not isinstance(moment, datetime):
        raise ValidationError({field: f"Enter {label}."})
    if timezone.is_naive(moment):
        raise ValidationError({field: f"The {label} must include its time zone."})
    return moment


def clean_point(lat, lon, field: str) -> tuple[Decimal | None, Decimal | None]:
    if lat in (None, "") and lon in (None, ""):
        return None, None
    try:
        lat, lon = Decimal(str(lat)), Decimal(str(lon))
    except (InvalidOperation, ValueError, TypeError):
        raise ValidationError({field: "Enter both latitude and longitude as decimal degrees, like 52.4612 and -1.6205."})
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValidationError({field: "Latitude must be between -90 and 90 and longitude between -180 and 180."})
    return lat.quantize(Decimal("0.000001")), lon.quantize(Decimal("0.000001"))


def find_or_create_address(*, force, line1: str, town: str, postcode: str = "", local_authority: str = "",
                           by=None, request=None) -> Address:
    line1, town, postcode = (line1 or "").strip(), (town or "").strip(), " ".join((postcode or "").upper().split())
    if not line1 or not town:
        raise ValidationError({"address_line1": "Enter the first line of the address and the town."})
    key = address_match_key(line1, postcode)
    existing = Address.objects.filter(force=force, match_key=key).order_by("pk").first()
    if existing is not None:
        return existing
    address = Address(force=force, line1=line1[:200], town=town[:100], postcode=postcode[:10],
                      local_authority=(local_authority or "").strip()[:120], match_key=key)
    address.full_clean(exclude=["force"], validate_unique=False)
    with transaction.atomic():
        address.save()
        audit.record(action=Action.CREATE, actor=by, obj=address, request=request, changes={"address": [None, str(address)]})
    return address


def _task(episode, *, kind, title, due_at, by, owner=None, organisation=None, detail="", priority=Task.Priority.HIGH):
    return core_services.create_task(
        force=episode.force, kind=kind, title=title, due_at=due_at, by=by, owner=owner, organisation=organisation,
        person=episode.person, subject=episode, detail=detail, priority=priority,
    )


def episode_tasks(episode):
    ct = ContentType.objects.get_for_model(MissingEpisode)
    return Task.objects.filter(content_type=ct, object_id=episode.pk)


def _cancel_open_tasks(episode, *, by, kinds_prefix: str, outcome: str, request=None) -> list[int]:
    """Close tasks that no longer need doing (e.g. early actions once the child is found)."""
    now = timezone.now()
    tasks = list(episode_tasks(episode).filter(status=Task.Status.OPEN, kind__startswith=kinds_prefix))
    for task in tasks:
        task.status, task.completed_at, task.completed_by, task.outcome = Task.Status.CANCELLED, now, by, outcome
        task.save(update_fields=["status", "completed_at", "completed_by", "outcome"])
    if tasks:
        audit.record(action=Action.UPDATE, actor=by, obj=episode, person_id=episode.person_id, request=request,
                     changes={"tasks_cancelled": [None, [t.pk for t in tasks]]}, reason=outcome)
    return [t.pk for t in tasks]


# --- report -----------------------------------------------------------------------------------------

@dataclass(frozen=True)
class NewChild:
    forenames: str
    surname: str
    date_of_birth: object = None
    gender: str = Person.Gender.UNKNOWN


def _check_child(person: Person | None, new_child: NewChild | None, *, force, last_seen_at, age_estimate):
    if person is None and new_child is None:
        raise ValidationError({"person": "Choose the missing child, or enter their details."})
    if person is not None:
        if person.force_id != force.pk:
            raise ValidationError({"person": "That person record belongs to another force."})
        if person.merged_into_id:
            raise ValidationError({"person": f"{person} was merged into another record: report on that record."})
        dob = person.date_of_birth
    else:
        if not (new_child.forenames or "").strip() or not (new_child.surname or "").strip():
            raise ValidationError({"forenames": "Enter the child's first names and last name."})
        dob = new_child.date_of_birth
    age = rules.age_at(dob, last_seen_at) if dob else age_estimate
    problem = rules.child_age_error(age)
    if problem:
        raise ValidationError({"date_of_birth" if person is None else "person": problem})
    return age, dob is None


def report_missing(
    *, force, by, reporter_name: str, reporter_contact: str, reporter_relationship: str, last_seen_at: datetime,
    last_seen_place: str, circumstances: str, person: Person | None = None, new_child: NewChild | None = None,
    age_estimate: int | None = None, last_seen_address: Address | None = None, last_seen_lat=None,
    last_seen_lon=None, description: str = "", clothing: str = "",
    placement: str = MissingEpisode.Placement.HOME, placing_authority: Organisation | None = None,
    supervisor=None, reported_at: datetime | None = None, request=None,
) -> MissingEpisode:
    """Open a missing episode: the child (an existing record, or a new one), the reporting person,
    last seen, circumstances. Sets the supervisor, the first review and the early-action tasks, and
    applies the repeat-missing rule, all or nothing."""
    now = timezone.now()
    reported_at = now if reported_at is None else _aware(reported_at, "reported_at", "time of the report")
    last_seen_at = _aware(last_seen_at, "last_seen_at", "date and time the child was last seen")
    errors: dict[str, list[str]] = {}

    def check(fn):
        try:
            return fn()
        except ValidationError as exc:
            for key, msgs in exc.message_dict.items():
                errors.setdefault(key, []).extend(msgs)
            return None

    age_info = check(lambda: _check_child(person, new_child, force=force, last_seen_at=last_seen_at,
                                          age_estimate=age_estimate))
    values = {
        "reporter_name": check(lambda: _text(reporter_name, "reporter_name", "the reporting person's name", limit=200)),
        "reporter_contact": check(lambda: _text(reporter_contact, "reporter_contact",
                                                "a phone number or other contact for the reporting person", limit=200)),
        "reporter_relationship": check(lambda: _text(reporter_relationship, "reporter_relationship",
                                                     "the reporting person's relationship to the child", limit=100)),
        "last_seen_place": check(lambda: _text(last_seen_place, "last_seen_place", "where the child was last seen",
                                               limit=300)),
        "circumstances": check(lambda: _text(circumstances, "circumstances", "the circumstances")),
        "description": check(lambda: _text(description, "description", "the description", required=False)),
        "clothing": check(lambda: _text(clothing, "clothing", "the clothing", required=False)),
    }
    point = check(lambda: clean_point(last_seen_lat, last_seen_lon, "last_seen_lat")) or (None, None)
    if rules.last_seen_error(last_seen_at, now=now):
        errors.setdefault("last_seen_at", []).append(rules.last_seen_error(last_seen_at, now=now))
    if rules.utc(reported_at) > now + rules.FUTURE_TOLERANCE:
        errors.setdefault("reported_at", []).append("The time of the report cannot be in the future.")
    elif rules.utc(last_seen_at) > rules.utc(reported_at) + rules.FUTURE_TOLERANCE:
        errors.setdefault("last_seen_at", []).append("The child cannot have been last seen after the report was made.")
    if placement not in MissingEpisode.Placement.values:
        errors.setdefault("placement", []).append("Choose where the child lives.")
    if placing_authority is not None and (placing_authority.force_id != force.pk or
                                          placing_authority.kind != Organisation.Kind.CHILDRENS_SOCIAL_CARE):
        errors.setdefault("placing_authority", []).append("Choose a children's social care partner of this force.")
    if last_seen_address is not None and last_seen_address.force_id != force.pk:
        errors.setdefault("last_seen_address", []).append("That address belongs to another force.")
    supervisor = supervisor or chain.supervisor_for(by)
    if supervisor is None:
        errors.setdefault("supervisor", []).append(
            "No supervisor is set up in this force to own the episode. Ask an administrator to set one up.")
    elif supervisor.force_id != force.pk:
        errors.setdefault("supervisor", []).append("Choose a supervisor in this force.")
    if errors:
        raise ValidationError(errors)
    age, estimated = age_info

    with transaction.atomic():
        if person is None:
            person = people_services.create_person(
                force=force, by=by, forenames=new_child.forenames, surname=new_child.surname,
                date_of_birth=new_child.date_of_birth, gender=new_child.gender or Person.Gender.UNKNOWN,
                decision_reason="Created when reported missing", request=request)
        on = to_london(reported_at).date()
        episode = MissingEpisode(
            force=force, reference=f"new-{uuid.uuid4().hex[:20]}", person=person, reported_at=reported_at,
            reported_by=by, last_seen_at=last_seen_at, last_seen_address=last_seen_address,
            last_seen_lat=point[0], last_seen_lon=point[1], placement=placement, placing_authority=placing_authority,
            age_at_report=age, age_estimated=estimated, home_area=chain.home_area(person, on),
            supervisor=supervisor, escalate_to=chain.escalation_target(supervisor),
            next_review_due=rules.review_due(reported_at, "", conf.review_hours()), **values,
        )
        episode.save()
        episode.reference = f"MIS-{to_london(reported_at):%Y}-{episode.pk:06d}"
        episode.save(update_fields=["reference"])
        audit.record(action=Action.CREATE, actor=by, obj=episode, person_id=person.pk, request=request,
                     changes={"reference": [None, episode.reference], "person": [None, person.pk],
                              "reported_at": [None, reported_at], "last_seen_at": [None, last_seen_at],
                              "supervisor": [None, supervisor.pk], "next_review_due": [None, episode.next_review_due]})
        phone = getattr(getattr(person, "carer_profile", None), "phone", "")
        for action in conf.early_actions():
            detail = f"Number from the carer's profile: {phone}" if action.code == "call_phone" and phone else ""
            _task(episode, kind=deadlines.ACTION_PREFIX + action.code, title=f"{action.title}: {person.full_name}",
                  due_at=rules.action_due(reported_at, action.minutes), by=by, owner=by, detail=detail)
        check_repeat(episode=episode, by=by, request=request)
    return episode


# --- risk grading (rule I2) --------------------------------------------------------------------------

def active_marker_kinds(person, on) -> list[str]:
    return sorted(set(Marker.objects.filter(person=person).active(on).values_list("kind", flat=True)))


def minimum_for(episode, on=None) -> rules.Minimum:
    on = on or to_london(timezone.now()).date()
    return rules.minimum_grade(
        age=episode.age_at_report, marker_kinds=active_marker_kinds(episode.person, on),
        child_minimum=conf.minimum_grade_for_children(), marker_minimum=conf.minimum_grade_with_markers(),
        raising_markers=conf.higher_minimum_markers())


def _clean_information(information, now) -> list[dict]:
    items = []
    for i, item in enumerate(information or [], start=1):
        detail = (item.get("detail") or "").strip()
        source = (item.get("source") or "").strip()
        obtained = item.get("obtained_at")
        if not (detail or source or obtained):
            continue
        if not detail or not source or not isinstance(obtained, datetime):
            raise ValidationError({"information": f"Item {i}: enter what was learnt, who supplied it (name and "
                                                  f"contact) and when it was obtained."})
        if timezone.is_naive(obtained) or rules.utc(obtained) > now + rules.FUTURE_TOLERANCE:
            raise ValidationError({"information": f"Item {i}: the time it was obtained cannot be in the future."})
        items.append({"detail": detail[:2000], "source": source[:300], "obtained_at": obtained.isoformat()})
    if not items:
        raise ValidationError({"information": "Record at least one item of information used, who supplied it and "
                                              "when it was obtained (APP risk assessment)."})
    return items


def grade_risk(*, episode: MissingEpisode, by, grade: str, rationale: str, information, factors=(),
               override_reason: str = "", request=None) -> RiskAssessment:
    now = timezone.now()
    if grade not in Grade.values:
        raise ValidationError({"grade": "Choose the risk grade."})
    unknown = set(factors) - set(RISK_FACTORS)
    if unknown:
        raise ValidationError({"factors": "Choose risk factors from the list."})
    rationale = _text(rationale, "rationale", "the rationale for the grade")
    items = _clean_information(information, now)
    override_reason = (override_reason or "").strip()
    minimum = minimum_for(episode)
    if rules.needs_override(grade, minimum.grade) and not override_reason:
        raise ValidationError({"override_reason": (
            f"Grading below {rules.GRADE_LABELS[minimum.grade]} needs an override reason: {minimum.because}. "
            f"Say why {rules.GRADE_LABELS[grade].lower()} risk is right, or choose a higher grade.")})
    with transaction.atomic():
        episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
        if episode.status != MissingEpisode.Status.OPEN:
            raise ValidationError("This child has been found: the risk grade can no longer change.")
        before = episode.risk_grade
        assessment = RiskAssessment.objects.create(
            episode=episode, grade=grade, factors=sorted(set(factors)), rationale=rationale, information=items,
            minimum_grade=minimum.grade, minimum_because=minimum.because,
            override_reason=override_reason if rules.needs_override(grade, minimum.grade) else "",
            markers=active_marker_kinds(episode.person, to_london(now).date()), assessed_by=by, assessed_at=now)
        # A new grade never postpones a review already due; a higher one may bring it forward.
        due = min(episode.next_review_due, rules.review_due(now, grade, conf.review_hours()), key=rules.utc)
        changes = {"risk_grade": [before, grade], "next_review_due": [episode.next_review_due, due]}
        episode.risk_grade, episode.graded_at, episode.next_review_due, episode.updated_at = grade, now, due, now
        episode.save(update_fields=["risk_grade", "graded_at", "next_review_due", "updated_at"])
        audit.record(action=Action.DECISION, actor=by, obj=episode, person_id=episode.person_id, request=request,
                     reason=assessment.override_reason or rationale, changes=changes)
        if grade == Grade.HIGH and before != Grade.HIGH:
            senior = chain.senior_officer_for(episode.supervisor) or episode.supervisor
            _task(episode, kind=deadlines.SENIOR_OVERSIGHT.code,
                  title=f"High-risk missing child {episode.person.full_name}: oversight and Child Rescue Alert decision",
                  due_at=rules.review_due(now, Grade.HIGH, conf.review_hours()), by=by, owner=senior,
                  detail=f"Graded high by {by.display_name}: {rationale[:500]}")
    return assessment


def decide_rescue_alert(*, episode: MissingEpisode, by, decision: str, reason: str, request=None) -> MissingEpisode:
    if decision not in MissingEpisode.RescueAlert.values:
        raise ValidationError({"decision": "Choose the Child Rescue Alert decision."})
    reason = _text(reason, "reason", "the reason for the decision")
    with transaction.atomic():
        episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
        before = episode.rescue_alert
        episode.rescue_alert, episode.rescue_alert_reason = decision, reason
        episode.rescue_alert_by, episode.rescue_alert_at = by, timezone.now()
        episode.save(update_fields=["rescue_alert", "rescue_alert_reason", "rescue_alert_by", "rescue_alert_at"])
        audit.record(action=Action.DECISION, actor=by, obj=episode, person_id=episode.person_id, request=request,
                     reason=reason, changes={"rescue_alert": [before, decision]})
    return episode


# --- supervision (rule I3) ---------------------------------------------------------------------------

def review_episode(*, episode: MissingEpisode, by, reviewed_at: datetime, note: str, request=None) -> SupervisorReview:
    now = timezone.now()
    reviewed_at = _aware(reviewed_at, "reviewed_at", "date and time of the review")
    note = _text(note, "note", "what was reviewed and decided")
    problem = rules.review_time_error(reviewed_at, reported_at=episode.reported_at, now=now)
    if problem:
        raise ValidationError({"reviewed_at": problem})
    with transaction.atomic():
        episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
        if episode.status != MissingEpisode.Status.OPEN:
            raise ValidationError("Reviews are for open episodes: this child has been found.")
        due = rules.review_due(reviewed_at, episode.risk_grade, conf.review_hours())
        review = SupervisorReview.objects.create(
            episode=episode, reviewed_at=reviewed_at, reviewed_by=by, grade=episode.risk_grade, note=note,
            was_overdue=rules.utc(episode.next_review_due) < rules.utc(reviewed_at), next_review_due=due)
        changes = {"next_review_due": [episode.next_review_due, due]}
        episode.next_review_due, episode.updated_at = due, now
        episode.save(update_fields=["next_review_due", "updated_at"])
        audit.record(action=Action.DECISION, actor=by, obj=episode, person_id=episode.person_id, request=request,
                     reason=note, changes={**changes, "review": [None, review.pk]})
    return review


def reassign_supervisor(*, episode: MissingEpisode, supervisor, by, reason: str, request=None) -> MissingEpisode:
    reason = _text(reason, "reason", "why the supervisor is changing")
    if supervisor is None or supervisor.force_id != episode.force_id or not supervisor.is_active:
        raise ValidationError({"supervisor": "Choose an active supervisor in this force."})
    with transaction.atomic():
        episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
        before = episode.supervisor_id
        episode.supervisor, episode.escalate_to = supervisor, chain.escalation_target(supervisor)
        episode.save(update_fields=["supervisor", "escalate_to"])
        audit.record(action=Action.UPDATE, actor=by, obj=episode, person_id=episode.person_id, request=request,
                     reason=reason, changes={"supervisor": [before, supervisor.pk]})
    return episode


def complete_action(*, episode: MissingEpisode, task: Task, by, outcome: str, request=None) -> Task:
    """Timestamp an early action as done (the time is when it is recorded)."""
    if task.object_id != episode.pk or task.content_type != ContentType.objects.get_for_model(MissingEpisode):
        raise ValidationError("That action is not part of this episode.")
    outcome = _text(outcome, "outcome", "what was done and found")
    return core_services.complete_task(task=task, by=by, outcome=outcome, request=request)


# --- found, prevention interview, close (domain.md B5; rule I4) ---------------------------------------

def record_found(
    *, episode: MissingEpisode, by, found_at: datetime, place: str, kind: str, found_by: str,
    condition: str, found_by_detail: str = "", found_with: str = "", notes: str = "", address: Address | None = None,
    lat=None, lon=None, other_force: bool = False, indicators=(), request=None,
) -> MissingEpisode:
    now = timezone.now()
    found_at = _aware(found_at, "found_at", "date and time the child was found")
    errors = {}
    problem = rules.found_time_error(found_at, last_seen_at=episode.last_seen_at, now=now)
    if problem:
        errors["found_at"] = problem
    place = (place or "").strip()
    if not place:
        errors["place"] = "Enter where the child was found."
    if kind not in PlaceKind.values:
        errors["kind"] = "Choose what kind of place it was."
    if found_by not in MissingEpisode.FoundBy.values:
        errors["found_by"] = "Choose who found the child."
    if condition not in MissingEpisode.Condition.values:
        errors["condition"] = "Choose the child's condition when found."
    if set(indicators) - set(rules.INDICATORS):
        errors["indicators"] = "Choose indicators from the list."
    try:
        point = clean_point(lat, lon, "lat")
    except ValidationError as exc:
        errors.update({k: v[0] for k, v in exc.message_dict.items()})
        point = (None, None)
    if address is not None and address.force_id != episode.force_id:
        errors["address"] = "That address belongs to another force."
    if errors:
        raise _errors(**errors)
    if point[0] is None and address is not None and address.latitude is not None:
        point = (address.latitude, address.longitude)
    home = chain.home_point(episode.person, to_london(found_at).date())
    distance = (distance_km(home[0], home[1], float(point[0]), float(point[1]))
                if home is not None and point[0] is not None else None)
    chosen = list(indicators) + (["other_force"] if other_force else [])
    found_indicators = rules.indicators_found(chosen, distance_km=distance, far_km=conf.far_from_home_km())
    with transaction.atomic():
        episode = MissingEpisode.objects.select_for_update(of=("self",)).select_related("person", "last_seen_address",
                                                                            "placing_authority").get(pk=episode.pk)
        if episode.status != MissingEpisode.Status.OPEN:
            raise ValidationError("This child has already been recorded as found.")
        episode.status = MissingEpisode.Status.FOUND
        episode.found_at, episode.found_place, episode.found_address = found_at, place[:300], address
        episode.found_lat, episode.found_lon, episode.found_kind = point[0], point[1], kind
        episode.found_by, episode.found_by_detail = found_by, (found_by_detail or "").strip()[:200]
        episode.found_with, episode.found_condition = (found_with or "").strip()[:300], condition
        episode.found_notes, episode.found_other_force = (notes or "").strip()[:TEXT_MAX], bool(other_force)
        episode.found_distance_km = round(distance, 2) if distance is not None else None
        episode.minutes_to_locate = max(0, rules.minutes_between(episode.reported_at, found_at))
        episode.found_recorded_by, episode.next_review_due, episode.updated_at = by, None, now
        episode.exploitation_indicators = found_indicators
        episode.save()
        audit.record(action=Action.UPDATE, actor=by, obj=episode, person_id=episode.person_id, request=request,
                     changes={"status": ["open", "found"], "found_at": [None, found_at], "found_place": [None, place],
                              "indicators": [None, found_indicators]})
        _cancel_open_tasks(episode, by=by, kinds_prefix=deadlines.ACTION_PREFIX, request=request,
                           outcome="Not needed: the child was found before this was done.")
        _task(episode, kind=deadlines.PREVENTION.code,
              title=f"Prevention interview (safe and well check): {episode.person.full_name}",
              due_at=rules.prevention_due(found_at, episode.risk_grade, conf.prevention_interview_hours()),
              by=by, owner=by)
        _request_return_interview(episode, by=by, request=request)
        if found_indicators:
            raise_exploitation(episode=episode, by=by, indicators=found_indicators, source="where and how found",
                               request=request)
    return episode


def _request_return_interview(episode, *, by, request=None) -> ReturnHomeInterview | None:
    """Automatically, on found: the request to the local authority, due 72 h after return (B5)."""
    org = chain.return_interview_authority(episode)
    if org is None:
        coordinator = chain.coordinator_for(episode.force_id) or episode.supervisor
        _task(episode, kind=deadlines.RETURN_INTERVIEW.code, by=by, owner=coordinator,
              title=f"Arrange a return home interview for {episode.person.full_name}: no local authority partner found",
              due_at=rules.rhi_due(episode.found_at, conf.rhi_hours()),
              detail=f"No children's social care partner is set up for the area '{episode.home_area or 'unknown'}'.")
        return None
    due = rules.rhi_due(episode.found_at, conf.rhi_hours())
    task = _task(episode, kind=deadlines.RETURN_INTERVIEW.code, by=by, organisation=org, due_at=due,
                 title=f"Return home interview: {episode.person.full_name} (returned {to_london(episode.found_at):%d/%m/%Y %H:%M})")
    rhi = ReturnHomeInterview.objects.create(episode=episode, force_id=episode.force_id, organisation=org,
                                             requested_at=timezone.now(), due_at=due, task=task)
    audit.record(action=Action.SHARE, actor=by, obj=episode, person_id=episode.person_id, request=request,
                 changes={"return_interview_requested": [None, org.name], "due_at": [None, due]})
    return rhi


def _learnt_place(episode, *, source, label, kind, lat=None, lon=None, with_whom="", indicators=(), notes=""):
    label = (label or "").strip()
    if not label:
        return None
    return KnownPlace.objects.create(
        person=episode.person, episode=episode, source=source, label=label[:300],
        kind=kind if kind in PlaceKind.values else PlaceKind.OTHER, latitude=lat, longitude=lon,
        with_whom=(with_whom or "").strip()[:300], indicators=list(indicators), notes=(notes or "").strip()[:TEXT_MAX])


def record_prevention_interview(
    *, episode: MissingEpisode, by, held_at: datetime, where_child_was: str, officer=None, with_whom: str = "",
    why: str = "", harm_disclosed: bool = False, indicators=(), notes: str = "", place_kind: str = PlaceKind.OTHER,
    request=None,
) -> PreventionInterview:
    now = timezone.now()
    held_at = _aware(held_at, "held_at", "date and time of the interview")
    where = _text(where_child_was, "where_child_was", "where the child was while missing")
    if set(indicators) - set(rules.INDICATORS):
        raise ValidationError({"indicators": "Choose indicators from the list."})
    episode = MissingEpisode.objects.get(pk=episode.pk)  # fresh: the caller's copy may predate "found"
    if episode.found_at is None:
        raise ValidationError("Record the child as found before the prevention interview.")
    if rules.utc(held_at) < rules.utc(episode.found_at):
        raise ValidationError({"held_at": "The interview cannot be before the child was found."})
    if rules.utc(held_at) > now + rules.FUTURE_TOLERANCE:
        raise ValidationError({"held_at": "The interview cannot be dated in the future."})
    with transaction.atomic():
        episode = MissingEpisode.objects.select_for_update(of=("self",)).select_related("person").get(pk=episode.pk)
        if hasattr(episode, "prevention_interview"):
            raise ValidationError("A prevention interview is already recorded for this episode.")
        interview = PreventionInterview.objects.create(
            episode=episode, held_at=held_at, officer=officer or by, where_child_was=where,
            with_whom=(with_whom or "").strip(), why=(why or "").strip(), harm_disclosed=bool(harm_disclosed),
            indicators=list(indicators), notes=(notes or "").strip())
        _learnt_place(episode, source=KnownPlace.Source.PREVENTION, label=where, kind=place_kind,
                      with_whom=with_whom, indicators=indicators, notes=why)
        for task in episode_tasks(episode).filter(kind=deadlines.PREVENTION.code, status=Task.Status.OPEN):
            core_services.complete_task(task=task, by=by, outcome="Prevention interview recorded", request=request)
        audit.record(action=Action.UPDATE, actor=by, obj=episode, person_id=episode.person_id, request=request,
                     changes={"prevention_interview": [None, held_at], "indicators": [None, list(indicators)]})
        new = sorted(set(indicators) - set(episode.exploitation_indicators))
        if new:
            raise_exploitation(episode=episode, by=by, indicators=new, source="prevention interview", request=request)
    return interview


def waive_prevention_interview(*, episode: MissingEpisode, by, reason: str, request=None) -> MissingEpisode:
    reason = _text(reason, "reason", "why the prevention interview is not needed")
    with transaction.atomic():
        episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
        if episode.status != MissingEpisode.Status.FOUND:
            raise ValidationError("A waiver is only for a found child whose episode is not yet closed.")
        if hasattr(episode, "prevention_interview"):
            raise ValidationError("A prevention interview is already recorded: no waiver is needed.")
        episode.waiver_reason, episode.waiver_by, episode.waiver_at = reason, by, timezone.now()
        episode.save(update_fields=["waiver_reason", "waiver_by", "waiver_at"])
        _cancel_open_tasks(episode, by=by, kinds_prefix=deadlines.PREVENTION.code, request=request,
                           outcome=f"Waived by {by.display_name}: {reason[:200]}")
        audit.record(action=Action.DECISION, actor=by, obj=episode, person_id=episode.person_id, request=request,
                     reason=reason, changes={"prevention_interview_waived": [None, True]})
    return episode


def closure_blockers(episode: MissingEpisode) -> list[str]:
    if episode.status == MissingEpisode.Status.OPEN:
        return ["The child has not been found: record where and when they were found first."]
    if episode.status == MissingEpisode.Status.CLOSED:
        return ["This episode is already closed."]
    if not hasattr(episode, "prevention_interview") and not episode.waiver_at:
        return ["This episode cannot be closed without a prevention interview (safe and well check). Record the "
                "interview, or a supervisor can waive it with a reason."]
    return []


def close_episode(*, episode: MissingEpisode, by, request=None) -> MissingEpisode:
    with transaction.atomic():
        episode = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
        problems = closure_blockers(episode)
        if problems:
            raise ValidationError(problems)
        episode.status, episode.closed_at, episode.closed_by = MissingEpisode.Status.CLOSED, timezone.now(), by
        episode.save(update_fields=["status", "closed_at", "closed_by"])
        audit.record(action=Action.UPDATE, actor=by, obj=episode, person_id=episode.person_id, request=request,
                     changes={"status": ["found", "closed"]})
    return episode


# --- return home interview (partner) -------------------------------------------------------------------

def complete_return_interview(
    *, rhi: ReturnHomeInterview, by, completed_at: datetime, outcome: str, where_child_was: str = "",
    with_whom: str = "", indicators=(), learning: str = "", place_kind: str = PlaceKind.OTHER, request=None,
) -> ReturnHomeInterview:
    """The partner records the interview and shares what was learnt; it updates the child's record."""
    now = timezone.now()
    completed_at = _aware(completed_at, "completed_at", "date and time of the interview")
    if outcome not in ReturnHomeInterview.Outcome.values:
        raise ValidationError({"outcome": "Choose the outcome."})
    if set(indicators) - set(rules.INDICATORS):
        raise ValidationError({"indicators": "Choose indicators from the list."})
    rhi = ReturnHomeInterview.objects.select_related("episode").get(pk=rhi.pk)  # fresh: the caller's copy may be stale
    episode = rhi.episode
    if rules.utc(completed_at) < rules.utc(episode.found_at):
        raise ValidationError({"completed_at": "The interview cannot be before the child returned."})
    if rules.utc(completed_at) > now + rules.FUTURE_TOLERANCE:
        raise ValidationError({"completed_at": "The interview cannot be dated in the future."})
    if outcome == ReturnHomeInterview.Outcome.COMPLETED and not (learning or "").strip():
        raise ValidationError({"learning": "Enter what was learnt, to share with the police."})
    with transaction.atomic():
        rhi = ReturnHomeInterview.objects.select_for_update(of=("self",)).select_related("episode", "episode__person").get(pk=rhi.pk)
        if rhi.completed_at:
            raise ValidationError("This return interview is already recorded.")
        rhi.completed_at, rhi.completed_by, rhi.outcome = completed_at, by, outcome
        rhi.where_child_was, rhi.with_whom = (where_child_was or "").strip(), (with_whom or "").strip()
        rhi.indicators, rhi.learning = list(indicators), (learning or "").strip()
        rhi.save()
        episode = rhi.episode
        _learnt_place(episode, source=KnownPlace.Source.RHI, label=rhi.where_child_was, kind=place_kind,
                      with_whom=rhi.with_whom, indicators=indicators, notes=rhi.learning)
        if rhi.task_id and rhi.task.status == Task.Status.OPEN:
            core_services.complete_task(task=rhi.task, by=by, outcome=rhi.get_outcome_display(), request=request)
        audit.record(action=Action.UPDATE, actor=by, obj=episode, person_id=episode.person_id, request=request,
                     changes={"return_interview": [None, outcome], "completed_at": [None, completed_at],
                              "on_time": [None, rules.rhi_on_time(rhi.due_at, completed_at)]})
        new = sorted(set(indicators) - set(episode.exploitation_indicators))
        if new:
            raise_exploitation(episode=episode, by=by, indicators=new, source="return home interview", request=request)
    return rhi


# --- patterns (domain.md B6; rule I4) ------------------------------------------------------------------

def check_repeat(*, episode: MissingEpisode, by, request=None) -> bool:
    """Apply the repeat-missing rule to the child's reports; flag the child (marker) and task the
    coordinator to convene a multi-agency meeting, once while the marker is active."""
    count, days = conf.repeat_rule()
    start = rules.window_start(episode.reported_at, days)
    times = list(MissingEpisode.objects.filter(person=episode.person, reported_at__gte=start,
                                               reported_at__lte=episode.reported_at).values_list("reported_at", flat=True))
    if not rules.is_repeat(times, newest=episode.reported_at, count=count, days=days):
        return False
    on = to_london(episode.reported_at).date()
    if Marker.objects.filter(person=episode.person, kind=Marker.Kind.REPEAT_MISSING).active(on).exists():
        return False
    with transaction.atomic():
        people_services.add_marker(person=episode.person, kind=Marker.Kind.REPEAT_MISSING, start_date=on, by=by,
                                   review_date=on + timedelta(days=days),
                                   notes=f"{len(times)} missing episodes in {days} days (rule: {count} in {days})",
                                   request=request)
        owner = chain.coordinator_for(episode.force_id) or episode.supervisor
        _task(episode, kind=deadlines.MEETING.code, by=by, owner=owner, priority=Task.Priority.NORMAL,
              title=f"Convene a multi-agency meeting: {episode.person.full_name} missing {len(times)} times in {days} days",
              due_at=add_elapsed(episode.reported_at, timedelta(days=conf.meeting_days())))
    return True


def raise_exploitation(*, episode: MissingEpisode, by, indicators, source: str, request=None) -> None:
    """Exploitation indicators raise an exploitation flag (marker) and a referral to children's social care."""
    labels = ", ".join(rules.INDICATORS[i] for i in indicators)
    on = to_london(timezone.now()).date()
    with transaction.atomic():
        merged = [c for c in rules.INDICATORS if c in set(episode.exploitation_indicators) | set(indicators)]
        MissingEpisode.objects.filter(pk=episode.pk).update(exploitation_indicators=merged)
        episode.exploitation_indicators = merged
        if not Marker.objects.filter(person=episode.person, kind=Marker.Kind.EXPLOITATION).active(on).exists():
            people_services.add_marker(person=episode.person, kind=Marker.Kind.EXPLOITATION, start_date=on, by=by,
                                       notes=f"Raised from missing episode {episode.reference} ({source}): {labels}"[:500],
                                       request=request)
        org = chain.return_interview_authority(episode)
        owner = None if org else (chain.coordinator_for(episode.force_id) or episode.supervisor)
        _task(episode, kind=deadlines.EXPLOITATION.code, by=by, organisation=org, owner=owner,
              title=f"Exploitation referral: {episode.person.full_name} (missing episode {episode.reference})",
              detail=f"Indicators from the {source}: {labels}.",
              due_at=add_elapsed(timezone.now(), timedelta(hours=conf.referral_hours())))
        audit.record(action=Action.DECISION, actor=by, obj=episode, person_id=episode.person_id, request=request,
                     changes={"exploitation_indicators": [None, merged]}, reason=f"Exploitation flag from the {source}")
