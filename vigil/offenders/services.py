"""Writes for offender management. Keyword-only functions, one transaction each, audited in the
same transaction. Each validates before writing and raises ValidationError with a message a
person can act on, so a bad input saves nothing.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from vigil.accounts.roles import Role
from vigil.core import audit, clock
from vigil.core import services as core_services
from vigil.core.models import Task
from vigil.offenders import conf, deadlines, rules, statute
from vigil.offenders.access import OffenderCap
from vigil.offenders.models import (
    Breach,
    Conviction,
    CustodyPeriod,
    HomeVisit,
    Intelligence,
    Notification,
    Obligation,
    Order,
    Registrant,
    RiskAssessment,
    RiskLevel,
)
from vigil.offenders.visits import next_visit_due, reactive_blockers
from vigil.people.matching import address_match_key
from vigil.people.models import Address, Marker, PersonAddress

A = audit.AuditEvent.Action
# SOA 2003 Part 2 came into force on 1 May 2004 (SI 2004/874) [S: not in domain.md]; s.83(1) counts
# from the relevant date "or, if later, the commencement of this Part".
PART2_COMMENCED = date(2004, 5, 1)
CUSTODY_DISPOSALS = {"imprisonment", "dto", "life", "ipp", "hospital", "hospital-restriction"}


def _today() -> date:
    return timezone.localdate()


def _local_day(moment: datetime) -> date:
    return clock.to_london(moment).date()


def _record(action, *, by, obj, registrant, request=None, changes=None, reason=""):
    return audit.record(action=action, actor=by, obj=obj, person_id=registrant.person_id,
                        force_id=registrant.force_id, request=request, changes=changes or {}, reason=reason)


def _text(value) -> str:
    return (value or "").strip()


def _not_future(day: date | None, field: str, what: str) -> None:
    if day is not None and day > _today():
        raise ValidationError({field: f"{what} cannot be in the future."})


def _not_before_birth(person, day: date | None, field: str, what: str) -> None:
    if day is not None and person.date_of_birth and day < person.date_of_birth:
        raise ValidationError({field: f"{what} cannot be before the date of birth "
                                      f"({person.date_of_birth:%d %B %Y})."})


# --- tasks ----------------------------------------------------------------------------------------


def _owner(registrant) -> dict:
    if registrant.manager_id:
        return {"owner": registrant.manager}
    if registrant.team_id:
        return {"team": registrant.team}
    raise ValidationError("This registrant has no named offender manager or team to give the task to.")


def _task(registrant, kind, title, due_at, *, by, detail="", high=False):
    return core_services.create_task(
        force=registrant.force, kind=kind.code, title=title, due_at=due_at, by=by, person=registrant.person,
        subject=registrant, detail=detail, priority=Task.Priority.HIGH if high else Task.Priority.NORMAL,
        **_owner(registrant),
    )


def _close_task(task, *, by, outcome):
    if task is not None and task.status == Task.Status.OPEN:
        core_services.complete_task(task=task, by=by, outcome=outcome)


def registrant_tasks(registrant):
    ct = ContentType.objects.get_for_model(Registrant)
    return Task.objects.filter(content_type=ct, object_id=registrant.pk)


# --- convictions and the notification period -------------------------------------------------------


def clean_conviction(*, person, kind, offence, relevant_date, age_on_relevant_date, disposal,
                     term_months=None, discharge_months=None, court="") -> dict:
    """Check one conviction against the s.82 rules; returns the cleaned values or raises
    ValidationError naming the field (relevant date before birth, missing or negative term,
    conditional discharge without its period, ...)."""
    errors = {}
    offence = _text(offence)
    if not offence:
        errors["offence"] = "Enter the offence."
    if relevant_date is None:
        errors["relevant_date"] = "Enter the date of the conviction, finding or caution."
    if age_on_relevant_date is None and not person.date_of_birth:
        errors["age_on_relevant_date"] = "Enter their age on the relevant date (the date of birth is not known)."
    if kind not in Conviction.Kind.values:
        errors["kind"] = "Choose conviction, finding or caution."
    if disposal not in statute.Disposal._value2member_map_:
        errors["disposal"] = "Choose the disposal."
    custody = disposal in ("imprisonment", "dto")
    if custody and term_months is None:
        errors["term_months"] = "Enter the term in months for imprisonment or a detention and training order."
    elif custody and term_months < 1:
        errors["term_months"] = "The term must be at least 1 month."
    elif not custody and term_months is not None:
        errors["term_months"] = ("A term applies only to imprisonment or a detention and training order: "
                                 "leave it blank or change the disposal.")
    if disposal == "conditional-discharge" and discharge_months is None:
        errors["discharge_months"] = "Enter the period of the conditional discharge in months."
    elif disposal == "conditional-discharge" and discharge_months < 1:
        errors["discharge_months"] = "The conditional discharge period must be at least 1 month."
    elif disposal != "conditional-discharge" and discharge_months is not None:
        errors["discharge_months"] = ("A discharge period applies only to a conditional discharge: "
                                      "leave it blank or change the disposal.")
    if not errors and (kind == Conviction.Kind.CAUTION) != (disposal == "caution"):
        errors["disposal"] = "A caution has the disposal \"Caution\", and only a caution has it."
    if errors:
        raise ValidationError(errors)
    _not_future(relevant_date, "relevant_date", "The relevant date")
    _not_before_birth(person, relevant_date, "relevant_date", "The relevant date")
    if person.date_of_birth:
        actual = rules.age_on(person.date_of_birth, relevant_date)
        if age_on_relevant_date is not None and age_on_relevant_date != actual:
            raise ValidationError({"age_on_relevant_date": f"Their date of birth makes them {actual} on the "
                                                           f"relevant date, not {age_on_relevant_date}."})
        age_on_relevant_date = actual
    values = dict(kind=kind, offence=offence, relevant_date=relevant_date, age_on_relevant_date=age_on_relevant_date,
                  disposal=disposal, term_months=term_months, discharge_months=discharge_months, court=_text(court))
    try:
        notification_period_for(Conviction(**values))
    except ValueError as exc:
        message = str(exc)
        raise ValidationError({"disposal": message[:1].upper() + message[1:] + "."})
    return values


def notification_period_for(conviction) -> rules.NotificationPeriod:
    return rules.notification_period(
        relevant_date=conviction.relevant_date, age_on_relevant_date=conviction.age_on_relevant_date,
        disposal=conviction.disposal, term_months=conviction.term_months,
        discharge_months=conviction.discharge_months,
    )


def notification_period(registrant) -> tuple[rules.NotificationPeriod | None, Conviction | None]:
    """The period that ends last over all convictions (indefinite beats any finite one).
    Aggregation of consecutive or concurrent sentences (s.82(3)-(4)) is [U]: not attempted."""
    best = best_conviction = None
    for conviction in registrant.convictions.all():
        period = notification_period_for(conviction)
        if best is None or best.ends_on is not None and (period.ends_on is None or period.ends_on > best.ends_on):
            best, best_conviction = period, conviction
    return best, best_conviction


def add_conviction(*, registrant, by, request=None, **fields) -> Conviction:
    values = clean_conviction(person=registrant.person, **fields)
    with transaction.atomic():
        conviction = Conviction.objects.create(registrant=registrant, recorded_by=by, **values)
        _record(A.CREATE, by=by, obj=conviction, registrant=registrant, request=request,
                changes={k: [None, v] for k, v in values.items()})
    return conviction


# --- registration -------------------------------------------------------------------------------


def _check_manager(force, manager, team):
    if manager is not None:
        if (manager.force_id != force.pk or not manager.is_active or not manager.can(OffenderCap.EDIT)
                or not manager.has_role(Role.OFFENDER_MANAGER)):
            raise ValidationError({"manager": "Choose an active offender manager in this force."})
    if team is not None and team.force_id != force.pk:
        raise ValidationError({"team": "Choose a team in this force."})
    if manager is None and team is None:
        raise ValidationError({"manager": "Choose the named offender manager (or at least their team)."})


def _home_team(manager):
    return manager.teams.order_by("pk").first() if manager is not None else None


def register_offender(
    *, person, by, managed_from: date, conviction: dict, manager=None, team=None, visor_ref: str = "",
    mappa_category: int = 1, mappa_level: int = 1, in_custody: bool = False, initial_notified_on: date | None = None,
    request=None,
) -> Registrant:
    """Start managing a relevant offender: the registrant, the conviction that brings the
    notification requirements, an RSO marker on the person, and the initial-notification
    deadline (s.83), or the periodic one if the initial notification was already given."""
    if person.force_id != by.force_id:
        raise ValidationError("You can only register people in your own force.")
    if person.merged_into_id:
        raise ValidationError("This record was merged into another: register the surviving record.")
    if Registrant.objects.filter(person=person).exists():
        raise ValidationError("This person is already registered.")
    team = team or _home_team(manager)
    _check_manager(person.force, manager, team)
    _not_future(managed_from, "managed_from", "The start of management")
    _not_before_birth(person, managed_from, "managed_from", "The start of management")
    _not_future(initial_notified_on, "initial_notified_on", "The initial notification")
    values = clean_conviction(person=person, **conviction)
    if initial_notified_on and initial_notified_on < values["relevant_date"]:
        raise ValidationError({"initial_notified_on": "The initial notification cannot be before the relevant date."})
    if mappa_category not in (1, 2, 3, 4) or mappa_level not in (1, 2, 3):
        raise ValidationError({"mappa_level": "Choose a MAPPA category 1 to 4 and level 1 to 3."})
    if in_custody and values["disposal"] not in CUSTODY_DISPOSALS:
        raise ValidationError({"in_custody": "Only a custodial or hospital disposal can leave them detained."})
    with transaction.atomic():
        registrant = Registrant.objects.create(
            force=person.force, person=person, manager=manager, team=team, visor_ref=_text(visor_ref),
            mappa_category=mappa_category, mappa_level=mappa_level, managed_from=managed_from,
            visit_clock_from=managed_from, created_by=by,
            risk_review_due=managed_from + timedelta(days=conf.first_assessment_days()),
        )
        Conviction.objects.create(registrant=registrant, recorded_by=by, **values)
        if in_custody:
            kind = CustodyPeriod.Kind.HOSPITAL if values["disposal"].startswith("hospital") else CustodyPeriod.Kind.CUSTODY
            CustodyPeriod.objects.create(registrant=registrant, kind=kind, from_date=values["relevant_date"],
                                         recorded_by=by)
        if not person.markers.active().filter(kind=Marker.Kind.RSO).exists():
            Marker.objects.create(person=person, kind=Marker.Kind.RSO, start_date=min(managed_from, _today()),
                                  notes="Notification requirements apply (SOA 2003 Part 2)", created_by=by)
        _record(A.CREATE, by=by, obj=registrant, registrant=registrant, request=request, changes={
            "manager": [None, getattr(manager, "pk", None)], "visor_ref": [None, registrant.visor_ref],
            "mappa": [None, f"category {mappa_category}, level {mappa_level}"],
            "conviction": [None, f"{values['offence']} ({values['relevant_date']}, {values['disposal']})"],
        })
        if initial_notified_on:
            start = datetime.combine(initial_notified_on, datetime.min.time().replace(hour=12), tzinfo=clock.LONDON)
            record_notification(registrant=registrant, by=by, kind=Notification.Kind.INITIAL, notified_at=start,
                                details="Recorded at registration", request=request)
        else:
            start = max(values["relevant_date"], PART2_COMMENCED)
            _open_obligation(registrant, Obligation.Kind.INITIAL, start, by=by)
    return registrant


def update_registrant(*, registrant, by, visor_ref: str, mappa_category: int, mappa_level: int, request=None):
    if mappa_category not in (1, 2, 3, 4) or mappa_level not in (1, 2, 3):
        raise ValidationError({"mappa_level": "Choose a MAPPA category 1 to 4 and level 1 to 3."})
    fields = ("visor_ref", "mappa_category", "mappa_level")
    before = audit.snapshot(registrant, fields)
    with transaction.atomic():
        registrant.visor_ref = _text(visor_ref)
        registrant.mappa_category, registrant.mappa_level = mappa_category, mappa_level
        registrant.save(update_fields=list(fields))
        _record(A.UPDATE, by=by, obj=registrant, registrant=registrant, request=request,
                changes=audit.diff(before, audit.snapshot(registrant, fields)))
        if registrant.is_reactive and mappa_level > conf.reactive_criteria().max_mappa_level:
            _revert_to_active(registrant, by=by, reason=f"MAPPA level raised to {mappa_level}")
    return registrant


def add_order(*, registrant, by, kind, made_on, conditions, ends_on=None, court="", request=None) -> Order:
    if kind not in Order.Kind.values:
        raise ValidationError({"kind": "Choose the kind of order."})
    if made_on is None:
        raise ValidationError({"made_on": "Enter the date the order was made."})
    _not_future(made_on, "made_on", "The date the order was made")
    if ends_on is not None and ends_on < made_on:
        raise ValidationError({"ends_on": "The end date must be on or after the date the order was made."})
    if not _text(conditions):
        raise ValidationError({"conditions": "Enter the conditions (prohibitions) of the order."})
    with transaction.atomic():
        order = Order.objects.create(registrant=registrant, kind=kind, made_on=made_on, ends_on=ends_on,
                                     conditions=_text(conditions), court=_text(court), recorded_by=by)
        _record(A.CREATE, by=by, obj=order, registrant=registrant, request=request,
                changes={"kind": [None, kind], "made_on": [None, made_on], "ends_on": [None, ends_on]})
    return order


# --- obligations ------------------------------------------------------------------------------------


def _disregarded(registrant) -> list[tuple[date, date | None]]:
    return [(p.from_date, p.released_on) for p in registrant.custody_periods.all()]


def _due(registrant, kind, event_on) -> date | None:
    spells = _disregarded(registrant)
    if kind == Obligation.Kind.INITIAL:
        return rules.initial_notification_due(start=event_on, disregarded=spells)
    if kind == Obligation.Kind.CHANGE:
        return rules.change_notification_due(changed_on=event_on, disregarded=spells)
    return rules.periodic_notification_due(last_notified_on=event_on, no_fixed_abode=registrant.no_fixed_abode,
                                           disregarded=spells)


_KIND_DEADLINE = {
    Obligation.Kind.INITIAL: (deadlines.INITIAL, statute.INITIAL_DAYS.source),
    Obligation.Kind.CHANGE: (deadlines.CHANGE, statute.CHANGE_DAYS.source),
    Obligation.Kind.PERIODIC: (deadlines.PERIODIC, statute.ANNUAL_MONTHS.source),
}


def _obligation_task(registrant, obligation, *, by):
    kind, _source = _KIND_DEADLINE[obligation.kind]
    return _task(registrant, kind, f"{obligation.get_kind_display()}: {registrant.person.full_name}",
                 clock.end_of_day(obligation.due_on), by=by,
                 detail=f"Last day {obligation.due_on:%d %B %Y}. {obligation.source}")


def _open_obligation(registrant, kind, event_on, *, by) -> Obligation:
    _deadline, source = _KIND_DEADLINE[kind]
    if kind == Obligation.Kind.PERIODIC and registrant.no_fixed_abode:
        source = statute.NFA_DAYS.source
    obligation = Obligation.objects.create(registrant=registrant, kind=kind, event_on=event_on,
                                           due_on=_due(registrant, kind, event_on), source=source)
    if obligation.due_on is not None:
        obligation.task = _obligation_task(registrant, obligation, by=by)
        obligation.save(update_fields=["task"])
    _record(A.CREATE, by=by, obj=obligation, registrant=registrant,
            changes={"kind": [None, kind], "due_on": [None, obligation.due_on]})
    return obligation


def _recompute_open(registrant, *, by):
    """Custody, hospital or travel changed: move the open deadlines (s.83(6), s.84(5), s.85(3))."""
    for obligation in registrant.obligations.open().select_related("task"):
        due = _due(registrant, obligation.kind, obligation.event_on)
        if due == obligation.due_on:
            continue
        before = obligation.due_on
        obligation.due_on = due
        _close_task(obligation.task, by=by, outcome="Deadline moved (time in custody, hospital or abroad)")
        obligation.task = _obligation_task(registrant, obligation, by=by) if due else None
        obligation.save(update_fields=["due_on", "task"])
        _record(A.UPDATE, by=by, obj=obligation, registrant=registrant, changes={"due_on": [before, due]})


def _meet(obligation, notification, *, by):
    day = _local_day(notification.notified_at)
    obligation.status, obligation.met_by, obligation.met_on = Obligation.Status.MET, notification, day
    obligation.save(update_fields=["status", "met_by", "met_on"])
    _close_task(obligation.task, by=by, outcome=f"Notified on {day:%d %B %Y}")
    if obligation.due_on is not None and day > obligation.due_on:
        _open_breach(obligation.registrant, by=None, kind=Breach.Kind.LATE, obligation=obligation,
                     opened_on=obligation.due_on + timedelta(days=1),
                     summary=f"{obligation.get_kind_display()} was due by {obligation.due_on:%d %B %Y} "
                             f"and given on {day:%d %B %Y}.")


def _cancel(obligation, *, by, note):
    obligation.status, obligation.closed_note = Obligation.Status.CANCELLED, note[:300]
    obligation.save(update_fields=["status", "closed_note"])
    _close_task(obligation.task, by=by, outcome=note)


def add_custody(*, registrant, by, kind, from_date, released_on=None, request=None) -> CustodyPeriod:
    if kind not in CustodyPeriod.Kind.values:
        raise ValidationError({"kind": "Choose custody, hospital or abroad."})
    if from_date is None:
        raise ValidationError({"from_date": "Enter the date it started."})
    _not_future(from_date, "from_date", "The start date")
    _not_future(released_on, "released_on", "The release date")
    if released_on is not None and released_on < from_date:
        raise ValidationError({"released_on": "The release date must be on or after the start date."})
    with transaction.atomic():
        period = CustodyPeriod.objects.create(registrant=registrant, kind=kind, from_date=from_date,
                                              released_on=released_on, recorded_by=by)
        _record(A.CREATE, by=by, obj=period, registrant=registrant, request=request,
                changes={"kind": [None, kind], "from_date": [None, from_date], "released_on": [None, released_on]})
        _recompute_open(registrant, by=by)
    return period


def end_custody(*, period, by, released_on, request=None) -> CustodyPeriod:
    """Release (s.84(1)(d)): a change notification is due within 3 days of release."""
    registrant = period.registrant
    if released_on is None:
        raise ValidationError({"released_on": "Enter the date of release or return."})
    if period.released_on is not None:
        raise ValidationError("This period already has an end date.")
    _not_future(released_on, "released_on", "The release date")
    if released_on < period.from_date:
        raise ValidationError({"released_on": "The release date must be on or after the start date."})
    with transaction.atomic():
        period.released_on = released_on
        period.save(update_fields=["released_on"])
        _record(A.UPDATE, by=by, obj=period, registrant=registrant, request=request,
                changes={"released_on": [None, released_on]})
        _recompute_open(registrant, by=by)
        # Already notified before: release is a s.84(1)(d) change. (Before the initial notification,
        # the initial deadline covers it: its clock has just been moved to the release day.)
        if period.kind != CustodyPeriod.Kind.ABROAD and registrant.notifications.exists():
            _open_obligation(registrant, Obligation.Kind.CHANGE, released_on, by=by)
    return period


# --- notifications --------------------------------------------------------------------------------


def _address(force, line1, line2, town, postcode) -> Address:
    postcode = " ".join((postcode or "").upper().split())
    key = address_match_key(line1 or "", postcode)
    address = Address.objects.filter(force=force, match_key=key).order_by("pk").first()
    if address is None:
        address = Address(force=force, line1=_text(line1), line2=_text(line2), town=_text(town),
                          postcode=postcode, match_key=key)
        address.full_clean(exclude=["force"], validate_unique=False)
        address.save()
    return address


def _move_home(registrant, address, moved_on, *, by):
    person = registrant.person
    for link in person.addresses.filter(kind=PersonAddress.Kind.HOME, to_date__isnull=True).exclude(address=address):
        link.to_date = max(moved_on - timedelta(days=1), link.from_date or moved_on - timedelta(days=1))
        link.save(update_fields=["to_date"])
    if not person.addresses.filter(address=address, to_date__isnull=True).exists():
        PersonAddress.objects.create(person=person, address=address, kind=PersonAddress.Kind.HOME, from_date=moved_on)
    audit.record(action=A.UPDATE, actor=by, obj=person, changes={"home_address": [None, str(address)]})


def record_notification(
    *, registrant, by, kind, notified_at: datetime, change: str = "", event_on: date | None = None,
    line1: str = "", line2: str = "", town: str = "", postcode: str = "", no_fixed_abode: bool | None = None,
    departure_at: datetime | None = None, details_known_on: date | None = None, destination: str = "",
    return_on: date | None = None, stay_began_at: datetime | None = None, station: str = "", details: str = "",
    request=None,
) -> Notification:
    """Record a notification given in person (s.87) and what it does: meets the deadline it
    answers (a late one opens a s.91 breach), moves the annual date (s.83, s.84, s.85 only: C5),
    records the new home address, and checks the address for children (rule I7)."""
    from vigil.offenders import links

    K = Notification.Kind
    if kind not in K.values:
        raise ValidationError({"kind": "Choose the kind of notification."})
    if notified_at is None or timezone.is_naive(notified_at):
        raise ValidationError({"notified_at": "Enter when the notification was given."})
    if notified_at > timezone.now():
        raise ValidationError({"notified_at": "A notification cannot be dated in the future."})
    day = _local_day(notified_at)
    person = registrant.person
    _not_before_birth(person, day, "notified_at", "The notification")
    has_address = bool(_text(line1) or _text(postcode))
    if has_address and not (_text(line1) and _text(town)):
        raise ValidationError({"line1": "Enter the first line of the address and the town."})
    if kind == K.CHANGE:
        if change not in Notification.Change.values:
            raise ValidationError({"change": "Choose what changed."})
        if event_on is None:
            raise ValidationError({"event_on": "Enter the date of the change."})
        if event_on > day:
            raise ValidationError({"event_on": "The change cannot be after the notification."})
        if change == Notification.Change.HOME_ADDRESS and not has_address and not no_fixed_abode:
            raise ValidationError({"line1": "Enter the new home address, or tick no fixed abode."})
    if kind == K.TRAVEL:
        if departure_at is None or details_known_on is None:
            raise ValidationError({"departure_at": "Enter the departure date and time and when the details were known."})
        if details_known_on > _local_day(departure_at):
            raise ValidationError({"details_known_on": "The details cannot become known after the departure date."})
        if details_known_on > day:
            raise ValidationError({"details_known_on": "The details cannot become known after the notification."})
        if return_on is not None and return_on < _local_day(departure_at):
            raise ValidationError({"return_on": "The return date must be on or after the departure date."})
        if not _text(destination):
            raise ValidationError({"destination": "Enter the country of destination."})
    if kind == K.HOUSEHOLD:
        if stay_began_at is None:
            raise ValidationError({"stay_began_at": "Enter when the stay began."})
        if stay_began_at > notified_at:
            raise ValidationError({"stay_began_at": "The stay cannot begin after the notification."})
        if not has_address:
            raise ValidationError({"line1": "Enter the address of the household."})
    with transaction.atomic():
        address = _address(registrant.force, line1, line2, town, postcode) if has_address else None
        notification = Notification.objects.create(
            registrant=registrant, kind=kind, notified_at=notified_at, change=change if kind == K.CHANGE else "",
            event_on=event_on, address=address, no_fixed_abode=bool(no_fixed_abode),
            departure_at=departure_at, details_known_on=details_known_on, destination=_text(destination),
            return_on=return_on, stay_began_at=stay_began_at, station=_text(station), details=_text(details),
            received_by=by,
        )
        _record(A.CREATE, by=by, obj=notification, registrant=registrant, request=request,
                changes={"kind": [None, kind], "notified_at": [None, notified_at], "change": [None, change],
                         "address": [None, str(address) if address else None]})
        open_ = registrant.obligations.open()
        if kind in (K.INITIAL, K.CHANGE, K.PERIODIC):
            gives_home = kind != K.CHANGE or change == Notification.Change.HOME_ADDRESS
            if gives_home and (address is not None or kind == K.CHANGE):
                registrant.home_address = address
                if address is not None:
                    _move_home(registrant, address, event_on or day, by=by)
            if gives_home and no_fixed_abode is not None:
                registrant.no_fixed_abode = bool(no_fixed_abode)
            registrant.save(update_fields=["home_address", "no_fixed_abode"])
            answers = {K.INITIAL: Obligation.Kind.INITIAL, K.CHANGE: Obligation.Kind.CHANGE,
                       K.PERIODIC: Obligation.Kind.PERIODIC}[kind]
            for obligation in open_.filter(kind=answers, event_on__lte=day):
                _meet(obligation, notification, by=by)
            if kind == K.CHANGE and event_on is not None:
                due = rules.change_notification_due(changed_on=event_on, disregarded=_disregarded(registrant))
                met = open_.filter(kind=Obligation.Kind.CHANGE).exists()
                if due is not None and day > due and not met:
                    _open_breach(registrant, by=None, kind=Breach.Kind.LATE, opened_on=due + timedelta(days=1),
                                 summary=f"Change ({notification.get_change_display().lower()}) on "
                                         f"{event_on:%d %B %Y} was due by {due:%d %B %Y}, notified {day:%d %B %Y}.")
            # s.85(1): the next periodic notification runs from this one (moved by s.84 changes).
            for obligation in registrant.obligations.open().filter(kind=Obligation.Kind.PERIODIC):
                _cancel(obligation, by=by, note=f"Moved by the {notification.get_kind_display()} on {day:%d %B %Y}")
            _open_obligation(registrant, Obligation.Kind.PERIODIC, day, by=by)
            if registrant.home_address_id and gives_home:
                links.check_address(registrant, registrant.home_address, by=by,
                                    source_type="notification", source_id=notification.pk, on=day)
        elif kind == K.TRAVEL:
            deadline = rules.travel_notification_deadline(departure_at=departure_at, details_known_on=details_known_on)
            if notified_at > deadline:
                _open_breach(registrant, by=None, kind=Breach.Kind.TRAVEL, opened_on=_local_day(deadline),
                             summary=f"Travel to {destination} departing {clock.to_london(departure_at):%d %B %Y %H:%M} "
                                     f"had to be notified by {clock.to_london(deadline):%d %B %Y %H:%M}.")
            CustodyPeriod.objects.create(registrant=registrant, kind=CustodyPeriod.Kind.ABROAD,
                                         from_date=_local_day(departure_at), released_on=return_on, recorded_by=by)
            _recompute_open(registrant, by=by)
        elif kind == K.HOUSEHOLD:
            due = rules.household_notification_due(began_at=stay_began_at, disregarded=_disregarded(registrant))
            if due is not None and day > due:
                _open_breach(registrant, by=None, kind=Breach.Kind.HOUSEHOLD, opened_on=due + timedelta(days=1),
                             summary=f"A stay with a child from {clock.to_london(stay_began_at):%d %B %Y %H:%M} "
                                     f"had to be notified by {due:%d %B %Y} (default, domain.md C6 [U]).")
            links.household(registrant, notification, by=by)
    return notification


# --- breaches (s.91) --------------------------------------------------------------------------------


def _open_breach(registrant, *, by, kind, summary, opened_on, obligation=None) -> Breach:
    breach = Breach.objects.create(registrant=registrant, obligation=obligation, kind=kind, summary=summary,
                                   opened_on=opened_on, opened_by=by)
    due = clock.end_of_day(clock.add_working_days(_today(), conf.breach_review_working_days()))
    breach.task = _task(registrant, deadlines.BREACH, f"Breach enquiry (s.91): {registrant.person.full_name}", due,
                        by=by, detail=summary, high=True)
    breach.save(update_fields=["task"])
    _record(A.CREATE, by=by, obj=breach, registrant=registrant,
            changes={"kind": [None, kind], "opened_on": [None, opened_on], "summary": [None, summary]})
    if registrant.is_reactive:
        _revert_to_active(registrant, by=by, reason="A breach of the notification requirements")
    return breach


def open_breach(*, registrant, by, kind, summary, opened_on, request=None) -> Breach:
    if kind not in Breach.Kind.values:
        raise ValidationError({"kind": "Choose what kind of breach this is."})
    if not _text(summary):
        raise ValidationError({"summary": "Describe the breach."})
    if opened_on is None:
        raise ValidationError({"opened_on": "Enter the first day of the failure."})
    _not_future(opened_on, "opened_on", "The first day of the failure")
    with transaction.atomic():
        return _open_breach(registrant, by=by, kind=kind, summary=_text(summary), opened_on=opened_on)


def close_breach(*, breach, by, outcome, notes, request=None) -> Breach:
    if outcome not in Breach.Outcome.values:
        raise ValidationError({"outcome": "Choose the outcome."})
    if not _text(notes):
        raise ValidationError({"notes": "Record the reasons for the outcome."})
    with transaction.atomic():
        breach = Breach.objects.select_for_update().get(pk=breach.pk)
        if breach.closed_at is not None:
            raise ValidationError("This breach is already closed.")
        breach.outcome, breach.outcome_notes = outcome, _text(notes)
        breach.closed_at, breach.closed_by = timezone.now(), by
        breach.save(update_fields=["outcome", "outcome_notes", "closed_at", "closed_by"])
        _close_task(breach.task, by=by, outcome=breach.get_outcome_display())
        _record(A.DECISION, by=by, obj=breach, registrant=breach.registrant, request=request,
                changes={"outcome": [None, outcome]}, reason=breach.outcome_notes)
    return breach


def open_missed_breaches(*, now: datetime | None = None, limit: int = 1000) -> int:
    """Open a s.91 breach for every open obligation whose last day has passed (cron-safe: each
    obligation is claimed with a row lock and has at most one breach)."""
    today = _local_day(now or timezone.now())
    opened = 0
    ids = list(Obligation.objects.missed(today).filter(breaches__isnull=True).values_list("pk", flat=True)[:limit])
    for pk in ids:
        with transaction.atomic():
            obligation = (Obligation.objects.select_for_update(skip_locked=True, of=("self",)).filter(pk=pk, status="open")
                          .select_related("registrant__person", "registrant__manager", "registrant__team").first())
            if obligation is None or obligation.breaches.exists():
                continue
            _open_breach(obligation.registrant, by=None, kind=Breach.Kind.MISSED, obligation=obligation,
                         opened_on=obligation.due_on + timedelta(days=1),
                         summary=f"{obligation.get_kind_display()} was due by {obligation.due_on:%d %B %Y} "
                                 "and has not been given.")
            opened += 1
    return opened


# --- risk and management --------------------------------------------------------------------------


def _revert_to_active(registrant, *, by, reason):
    registrant.management, registrant.reactive_since = Registrant.Management.ACTIVE, None
    registrant.save(update_fields=["management", "reactive_since"])
    _record(A.DECISION, by=by, obj=registrant, registrant=registrant, reason=reason,
            changes={"management": ["reactive", "active"]})


def record_risk_assessment(*, registrant, by, tool, level, assessed_on, next_review_due, assessor=None,
                           notes: str = "", request=None) -> RiskAssessment:
    if tool not in RiskAssessment.Tool.values:
        raise ValidationError({"tool": "Choose the risk assessment tool."})
    if level not in dict(RiskAssessment.LEVELS):
        raise ValidationError({"level": "Choose the risk level: low, medium, high or very high."})
    if assessed_on is None:
        raise ValidationError({"assessed_on": "Enter the date of the assessment."})
    _not_future(assessed_on, "assessed_on", "The assessment date")
    _not_before_birth(registrant.person, assessed_on, "assessed_on", "The assessment date")
    if next_review_due is None:
        raise ValidationError({"next_review_due": "Enter when the next review is due."})
    if next_review_due <= assessed_on:
        raise ValidationError({"next_review_due": "The next review must be after the assessment date."})
    assessor = assessor or by
    policy = conf.visit_policy()
    with transaction.atomic():
        registrant = Registrant.objects.select_for_update().get(pk=registrant.pk)
        assessment = RiskAssessment.objects.create(
            registrant=registrant, tool=tool, level=level, assessed_on=assessed_on, assessor=assessor,
            next_review_due=next_review_due, notes=_text(notes), recorded_by=by)
        latest = registrant.risk_assessments.order_by("-assessed_on", "-pk").first()
        changes = {"tool": [None, tool], "level": [None, level], "next_review_due": [None, next_review_due]}
        if latest.pk == assessment.pk:
            before_due = next_visit_due(clock_from=registrant.visit_clock_from, level=registrant.risk_level,
                                        policy=policy)
            changes["risk_level"] = [registrant.risk_level, level]
            changes["next_visit_due"] = [before_due, next_visit_due(clock_from=registrant.visit_clock_from,
                                                                    level=level, policy=policy)]
            registrant.risk_level, registrant.risk_review_due = level, next_review_due
            registrant.save(update_fields=["risk_level", "risk_review_due"])
            for task in registrant_tasks(registrant).open().filter(kind=deadlines.RISK_REVIEW.code):
                _close_task(task, by=by, outcome=f"Risk assessed: {assessment.get_level_display()}")
        _record(A.CREATE, by=by, obj=assessment, registrant=registrant, request=request, changes=changes)
        if registrant.is_reactive and registrant.risk_level != RiskLevel.LOW:
            _revert_to_active(registrant, by=by, reason=f"Risk level now {registrant.get_risk_level_display()}")
    return assessment


def record_intelligence(*, registrant, by, received_on, summary, source: str = "", request=None) -> Intelligence:
    """New intelligence: reassess risk, and reactive management ends (domain.md C10, rule I6)."""
    if received_on is None:
        raise ValidationError({"received_on": "Enter the date the intelligence was received."})
    _not_future(received_on, "received_on", "The date received")
    if not _text(summary):
        raise ValidationError({"summary": "Summarise the intelligence."})
    with transaction.atomic():
        item = Intelligence.objects.create(registrant=registrant, received_on=received_on, summary=_text(summary),
                                           source=_text(source), recorded_by=by)
        _record(A.CREATE, by=by, obj=item, registrant=registrant, request=request,
                changes={"received_on": [None, received_on]})
        due = clock.end_of_day(_today() + timedelta(days=conf.intelligence_review_days()))
        _task(registrant, deadlines.RISK_REVIEW, f"Reassess risk after new intelligence: {registrant.person.full_name}",
              due, by=by, detail=_text(summary)[:500])
        if registrant.is_reactive:
            _revert_to_active(registrant, by=by, reason="New intelligence received")
    return item


def reactive_reasons(registrant, today: date | None = None) -> list[str]:
    today = today or _today()
    return reactive_blockers(
        today=today, assessments=registrant.risk_assessments.values_list("assessed_on", "level"),
        breaches=registrant.breaches.values_list("opened_on", flat=True),
        intelligence=registrant.intelligence.values_list("received_on", flat=True),
        mappa_level=registrant.mappa_level, criteria=conf.reactive_criteria(),
    )


def set_management(*, registrant, by, mode, reason: str, request=None) -> Registrant:
    if mode not in Registrant.Management.values:
        raise ValidationError({"mode": "Choose active or reactive management."})
    if not _text(reason):
        raise ValidationError({"reason": "Give the reason for the decision."})
    if mode == registrant.management:
        raise ValidationError({"mode": f"The registrant is already managed {registrant.get_management_display().lower()}."})
    if mode == Registrant.Management.REACTIVE:
        blockers = reactive_reasons(registrant)
        if blockers:
            raise ValidationError({"mode": ["Reactive management is not allowed: " + " ".join(blockers)]})
    with transaction.atomic():
        before = registrant.management
        registrant.management = mode
        registrant.reactive_since = _today() if mode == Registrant.Management.REACTIVE else None
        registrant.save(update_fields=["management", "reactive_since"])
        _record(A.DECISION, by=by, obj=registrant, registrant=registrant, request=request, reason=_text(reason),
                changes={"management": [before, mode]})
    return registrant


# --- home visits ----------------------------------------------------------------------------------


def record_visit(
    *, registrant, by, kind, visited_at: datetime, outcome, officer=None, second_officer=None,
    children_seen: bool = False, children=(), children_details: str = "", observations: str = "",
    concerns: str = "", actions: str = "", request=None,
) -> HomeVisit:
    """A home visit. A completed one (default: the offender was seen) restarts the visit clock; a
    child seen at the address raises a child link and a high-priority task (rule I7); "not
    resident" raises a task to find them (possible s.84 failure)."""
    from vigil.offenders import links

    officer = officer or by
    if kind not in HomeVisit.Kind.values:
        raise ValidationError({"kind": "Choose planned or unannounced."})
    if outcome not in HomeVisit.Outcome.values:
        raise ValidationError({"outcome": "Choose the outcome of the visit."})
    if visited_at is None or timezone.is_naive(visited_at):
        raise ValidationError({"visited_at": "Enter the date and time of the visit."})
    if visited_at > timezone.now():
        raise ValidationError({"visited_at": "A visit cannot be dated in the future."})
    day = _local_day(visited_at)
    _not_before_birth(registrant.person, day, "visited_at", "The visit")
    if second_officer is not None and second_officer.pk == officer.pk:
        raise ValidationError({"second_officer": "The second officer must be someone other than the lead officer."})
    for user, field in ((officer, "officer"), (second_officer, "second_officer")):
        if user is not None and user.force_id != registrant.force_id:
            raise ValidationError({field: "Choose an officer in this force."})
    children = list(children)
    for child in children:
        if child.force_id != registrant.force_id or not child.is_child(day):
            raise ValidationError({"children": f"{child.full_name} was not a child on the visit date."})
    if children and not children_seen:
        children_seen = True
    if children_seen and not children and not _text(children_details):
        raise ValidationError({"children_details": "Describe the children seen, or choose them from the list."})
    with transaction.atomic():
        registrant = Registrant.objects.select_for_update().get(pk=registrant.pk)
        visit = HomeVisit.objects.create(
            registrant=registrant, kind=kind, visited_at=visited_at, address=registrant.home_address, officer=officer,
            second_officer=second_officer, outcome=outcome, children_seen=children_seen,
            children_details=_text(children_details), observations=_text(observations), concerns=_text(concerns),
            actions=_text(actions), recorded_by=by)
        visit.children.set(children)
        changes = {"kind": [None, kind], "visited_at": [None, visited_at], "outcome": [None, outcome],
                   "children_seen": [None, children_seen]}
        if outcome in conf.completing_outcomes() and day > registrant.visit_clock_from:
            changes["visit_clock_from"] = [registrant.visit_clock_from, day]
            registrant.visit_clock_from = day
            registrant.save(update_fields=["visit_clock_from"])
        _record(A.CREATE, by=by, obj=visit, registrant=registrant, request=request, changes=changes)
        if children_seen:
            links.visit(registrant, visit, children, by=by)
        if outcome == HomeVisit.Outcome.NOT_RESIDENT:
            _task(registrant, deadlines.WHEREABOUTS, f"Not at notified address: {registrant.person.full_name}",
                  clock.end_of_day(_today()), by=by, high=True,
                  detail=f"Visit on {day:%d %B %Y}: not resident at {registrant.home_address or 'the notified address'}. "
                         "Establish whereabouts; consider a breach of s.84 (change of home address not notified).")
    return visit


# --- reassignment -----------------------------------------------------------------------------------


def reassign(*, registrant, manager, by, reason: str, request=None) -> Registrant:
    """Give the registrant to another offender manager; their open tasks move with them."""
    if not _text(reason):
        raise ValidationError({"reason": "Say why the registrant is being reassigned."})
    if manager is None:
        raise ValidationError({"manager": "Choose the offender manager."})
    if manager.pk == registrant.manager_id:
        raise ValidationError({"manager": "The registrant is already managed by this officer."})
    team = _home_team(manager) or registrant.team
    _check_manager(registrant.force, manager, team)
    with transaction.atomic():
        registrant = Registrant.objects.select_for_update().get(pk=registrant.pk)
        before = (registrant.manager_id, registrant.team_id)
        previous = registrant.manager_id
        registrant.manager, registrant.team = manager, team
        registrant.save(update_fields=["manager", "team"])
        _record(A.UPDATE, by=by, obj=registrant, registrant=registrant, request=request, reason=_text(reason),
                changes={"manager": [before[0], manager.pk], "team": [before[1], getattr(team, "pk", None)]})
        tasks = registrant_tasks(registrant).open()
        if previous is not None:
            tasks = tasks.filter(owner_id=previous)
        for task in tasks:
            core_services.reassign_task(task=task, owner=manager, by=by, reason=_text(reason), request=request)
    return registrant


def end_registration(*, registrant, by, ended_on: date, reason: str, note: str = "", request=None) -> Registrant:
    """Stop managing a registrant (period ended, discharged on review, moved force, died): open
    deadlines and their tasks are closed, and nothing about them shows as overdue any more."""
    if reason not in Registrant.EndReason.values:
        raise ValidationError({"reason": "Choose why management ends."})
    if ended_on is None:
        raise ValidationError({"ended_on": "Enter the date management ends."})
    _not_future(ended_on, "ended_on", "The end date")
    if ended_on < registrant.managed_from:
        raise ValidationError({"ended_on": "The end date cannot be before management started."})
    if reason == Registrant.EndReason.PERIOD_ENDED:
        period, _c = notification_period(registrant)
        if period is None or period.ends_on is None or period.ends_on >= ended_on:
            raise ValidationError({"reason": "The notification period has not ended: it is "
                                             + ("indefinite." if period and period.indefinite
                                                else f"due to end on {period.ends_on:%d %B %Y}." if period
                                                else "not known (no conviction recorded).")})
    with transaction.atomic():
        registrant = Registrant.objects.select_for_update().get(pk=registrant.pk)
        if registrant.ended_on is not None:
            raise ValidationError("Management of this registrant has already ended.")
        registrant.ended_on, registrant.end_reason = ended_on, reason
        registrant.save(update_fields=["ended_on", "end_reason"])
        for obligation in registrant.obligations.open().select_related("task"):
            _cancel(obligation, by=by, note=f"Management ended: {registrant.get_end_reason_display()}")
        for task in registrant_tasks(registrant).open():
            _close_task(task, by=by, outcome=f"Management ended: {registrant.get_end_reason_display()}")
        _record(A.DECISION, by=by, obj=registrant, registrant=registrant, request=request, reason=_text(note),
                changes={"ended_on": [None, ended_on], "end_reason": [None, reason]})
    return registrant
