"""Writes for incidents: record, edit, link people, screen for children, close, override.

Keyword-only functions; each validates, writes inside one transaction and records its audit
event in the same transaction. Screening runs inside the write that changed the narrative,
the date, the address or the people, so no incident is ever left unscreened.
Assessments, referrals, school notifications and police protection: vigil.incidents.safeguarding.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from vigil.core import audit
from vigil.core import services as core_services
from vigil.core.clock import LONDON
from vigil.core.models import Task
from vigil.incidents import conf, rules
from vigil.incidents.access import can_override
from vigil.incidents.models import (
    NARRATIVE_MAX,
    Incident,
    IncidentChild,
    IncidentPerson,
    IncidentType,
)
from vigil.incidents.screening import screen_narrative
from vigil.people.models import PersonAddress, Relationship

Action = audit.AuditEvent.Action

EDITABLE_FIELDS = (
    "reference", "incident_type", "occurred_at", "location", "address", "narrative", "attending_officer",
    "da_risk_tool", "da_risk_level", "marac_referral",
)
RESCREEN_FIELDS = {"narrative", "occurred_at", "address"}
FUTURE_TOLERANCE = timedelta(minutes=5)  # clocks on handheld devices drift


def incident_date(incident_or_moment):
    moment = incident_or_moment if isinstance(incident_or_moment, datetime) else incident_or_moment.occurred_at
    return moment.astimezone(LONDON).date()


# --- validation -----------------------------------------------------------------------------------

def clean_narrative(narrative) -> str:
    text = (narrative or "").strip()
    if not text:
        raise ValidationError({"narrative": "Enter the narrative: what happened, who was there and what was done."})
    if len(text) > NARRATIVE_MAX:
        raise ValidationError({"narrative": f"The narrative must be {NARRATIVE_MAX:,} characters or fewer "
                                            f"(it has {len(text):,})."})
    return text


def clean_reference(force, reference, *, exclude_pk=None) -> str:
    ref = (reference or "").strip()
    if not ref:
        raise ValidationError({"reference": "Enter the incident reference."})
    if len(ref) > 40:
        raise ValidationError({"reference": "The reference must be 40 characters or fewer."})
    clash = Incident.objects.filter(force=force, reference__iexact=ref)
    if exclude_pk:
        clash = clash.exclude(pk=exclude_pk)
    if clash.exists():
        raise ValidationError({"reference": f"An incident with reference {ref} already exists."})
    return ref


def clean_occurred_at(occurred_at) -> datetime:
    if not isinstance(occurred_at, datetime):
        raise ValidationError({"occurred_at": "Enter the date and time of the incident."})
    if timezone.is_naive(occurred_at):
        raise ValidationError({"occurred_at": "The time of the incident must include its time zone."})
    if occurred_at > timezone.now() + FUTURE_TOLERANCE:
        raise ValidationError({"occurred_at": "The incident cannot be in the future."})
    return occurred_at


def clean_type(incident_type) -> IncidentType:
    if not isinstance(incident_type, IncidentType):
        raise ValidationError({"incident_type": "Choose the type of incident."})
    return incident_type


def check_person_for_incident(person, *, force, occurred_at, field: str = "person") -> None:
    """The same force, not a merged record, and not born after the incident."""
    if person.force_id != force.pk:
        raise ValidationError({field: "That person record belongs to another force."})
    if person.merged_into_id:
        raise ValidationError({field: f"{person} was merged into another record: link that record instead."})
    day = incident_date(occurred_at)
    if person.date_of_birth and person.date_of_birth > day:
        raise ValidationError({field: f"{person}'s date of birth ({person.date_of_birth:%d/%m/%Y}) is after the "
                                      f"incident date ({day:%d/%m/%Y}). Check both dates."})


def check_marac(da_risk_level: str, marac_referral: bool) -> None:
    """A high-risk domestic abuse assessment (DASH or DARA) goes to MARAC (domain.md A4, rule I10)."""
    if da_risk_level == Incident.RiskLevel.HIGH and not marac_referral:
        raise ValidationError({"marac_referral": "A high-risk domestic abuse case must be referred to MARAC."})


def _check_role(role) -> str:
    if role not in IncidentPerson.Role.values:
        raise ValidationError({"role": "Choose the person's role in the incident."})
    return role


# --- record and edit --------------------------------------------------------------------------------

def create_incident(
    *, force, by, reference, incident_type, occurred_at, narrative, location: str = "", address=None,
    attending_officer=None, people=(), source: str = Incident.Source.WEB, da_risk_tool: str = "",
    da_risk_level: str = "", marac_referral: bool = False, request=None,
) -> Incident:
    """Record an incident, link its people and screen it for children, all or nothing."""
    errors: dict[str, list] = {}
    values = {}
    for name, check in (
        ("reference", lambda: clean_reference(force, reference)),
        ("incident_type", lambda: clean_type(incident_type)),
        ("occurred_at", lambda: clean_occurred_at(occurred_at)),
        ("narrative", lambda: clean_narrative(narrative)),
    ):
        try:
            values[name] = check()
        except ValidationError as exc:
            errors.update(exc.message_dict)
    if "occurred_at" in values:
        for person, role in people:
            try:
                _check_role(role)
                check_person_for_incident(person, force=force, occurred_at=values["occurred_at"], field="people")
            except ValidationError as exc:
                for key, msgs in exc.message_dict.items():
                    errors.setdefault(key, []).extend(msgs)
    if address is not None and address.force_id != force.pk:
        errors["address"] = ["That address belongs to another force."]
    try:
        check_marac(da_risk_level, marac_referral)
    except ValidationError as exc:
        errors.update(exc.message_dict)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        incident = Incident.objects.create(
            force=force, location=(location or "").strip()[:300], address=address,
            attending_officer=attending_officer, source=source, da_risk_tool=da_risk_tool,
            da_risk_level=da_risk_level, marac_referral=marac_referral, created_by=by, **values,
        )
        for person, role in people:
            IncidentPerson.objects.get_or_create(incident=incident, person=person, role=role,
                                                 defaults={"added_by": by})
        audit.record(
            action=Action.CREATE, actor=by, obj=incident, request=request,
            changes={"reference": [None, incident.reference], "type": [None, incident.incident_type.code],
                     "people": [None, [f"{p.pk}:{r}" for p, r in people]], "source": [None, source]},
        )
        screen_incident(incident=incident, by=by, request=request)
    return incident


def update_incident(*, incident: Incident, by, request=None, **changes) -> Incident:
    unknown = set(changes) - set(EDITABLE_FIELDS)
    if unknown:
        raise TypeError(f"not editable: {sorted(unknown)}")
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if "reference" in changes:
            changes["reference"] = clean_reference(incident.force, changes["reference"], exclude_pk=incident.pk)
        if "incident_type" in changes:
            clean_type(changes["incident_type"])
        if "occurred_at" in changes:
            clean_occurred_at(changes["occurred_at"])
            for link in incident.people.select_related("person"):
                check_person_for_incident(link.person, force=incident.force, occurred_at=changes["occurred_at"],
                                          field="occurred_at")
        if "narrative" in changes:
            changes["narrative"] = clean_narrative(changes["narrative"])
        check_marac(changes.get("da_risk_level", incident.da_risk_level),
                    changes.get("marac_referral", incident.marac_referral))
        if changes.get("address") is not None and changes["address"].force_id != incident.force_id:
            raise ValidationError({"address": "That address belongs to another force."})
        before = audit.snapshot(incident, [f"{n}_id" if n in {"incident_type", "address", "attending_officer"}
                                           else n for n in changes])
        for name, value in changes.items():
            setattr(incident, name, value)
        incident.updated_at = timezone.now()
        incident.save()
        after = audit.snapshot(incident, list(before))
        delta = audit.diff(before, after)
        if delta:
            # Narrative text is not copied into the audit trail; the change itself is.
            if "narrative" in delta:
                delta["narrative"] = [len(delta["narrative"][0] or ""), len(delta["narrative"][1] or "")]
            audit.record(action=Action.UPDATE, actor=by, obj=incident, request=request, changes=delta)
        if RESCREEN_FIELDS & set(changes):
            screen_incident(incident=incident, by=by, request=request)
    return incident


def link_person(*, incident: Incident, person, role: str, by, request=None) -> IncidentPerson:
    _check_role(role)
    check_person_for_incident(person, force=incident.force, occurred_at=incident.occurred_at)
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if IncidentPerson.objects.filter(incident=incident, person=person, role=role).exists():
            raise ValidationError({"person": f"{person} is already linked to this incident in that role."})
        link = IncidentPerson.objects.create(incident=incident, person=person, role=role, added_by=by)
        audit.record(action=Action.UPDATE, actor=by, obj=incident, person_id=person.pk, request=request,
                     changes={"person_linked": [None, f"{person.pk}:{role}"]})
        screen_incident(incident=incident, by=by, request=request)
    return link


def unlink_person(*, link: IncidentPerson, by, request=None) -> None:
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=link.incident_id)
        person_id, role = link.person_id, link.role
        link.delete()
        audit.record(action=Action.UPDATE, actor=by, obj=incident, person_id=person_id, request=request,
                     changes={"person_unlinked": [f"{person_id}:{role}", None]})
        screen_incident(incident=incident, by=by, request=request)


# --- screening (domain.md A5, rule I1) ---------------------------------------------------------------

def _compact(text: str) -> str:
    return re.sub(r"[^a-z0-9]", "", (text or "").lower())


def same_address_ids(address) -> list[int]:
    """This address and other records of the very same address (a second spelling or postcode
    format). The match key narrows the search; the house number and flat must also agree, because
    the key alone can cover a whole street."""
    from vigil.people.models import Address

    ids = [address.pk]
    if address.match_key:
        for other in Address.objects.filter(force_id=address.force_id, match_key=address.match_key).exclude(
                pk=address.pk).only("pk", "line1", "line2"):
            if _compact(other.line1) == _compact(address.line1) and _compact(other.line2) == _compact(address.line2):
                ids.append(other.pk)
    return ids


def _residents(incident: Incident, on):
    if incident.address_id is None:
        return []
    rows = (
        PersonAddress.objects.filter(address_id__in=same_address_ids(incident.address))
        .filter(Q(from_date__isnull=True) | Q(from_date__lte=on), Q(to_date__isnull=True) | Q(to_date__gte=on))
        .filter(person__merged_into__isnull=True)
        .select_related("person")
    )
    return [rules.Resident(r.person_id, r.person.date_of_birth) for r in rows]


def _dependants(incident: Incident, on):
    ids = set(incident.people.filter(role=IncidentPerson.Role.ARRESTED).values_list("person_id", flat=True))
    if not ids:
        return []
    in_force = Q(from_date__isnull=True) | Q(from_date__lte=on), Q(to_date__isnull=True) | Q(to_date__gte=on)
    found = []
    # "person is PARENT/CARER of other" and "person is CHILD of other" both say who the child is.
    for rel in Relationship.objects.filter(*in_force, person_id__in=ids,
                                           kind__in=[Relationship.Kind.PARENT, Relationship.Kind.CARER]
                                           ).select_related("other"):
        found.append(rules.Dependant(rel.other_id, rel.person_id, rel.other.date_of_birth))
    for rel in Relationship.objects.filter(*in_force, other_id__in=ids, kind=Relationship.Kind.CHILD
                                           ).select_related("person"):
        found.append(rules.Dependant(rel.person_id, rel.other_id, rel.person.date_of_birth))
    return found


def screen_incident(*, incident: Incident, by=None, request=None) -> Incident:
    """Work out which children the incident involves and raise the flag (never lower it)."""
    on = incident_date(incident)
    links = list(incident.people.select_related("person"))
    linked = [rules.LinkedPerson(link.person_id, link.role, link.get_role_display(), link.person.date_of_birth)
              for link in links]
    narrative = screen_narrative(incident.narrative, on)
    findings = rules.find_children(
        on=on, linked=linked, residents=_residents(incident, on), dependants=_dependants(incident, on),
        narrative_flag=narrative.required, narrative_ages=narrative.ages,
    )
    existing = [rules.ExistingChild(c.id, c.person_id, c.basis, c.age) for c in incident.children.all()]
    plan = rules.reconcile_children(existing, findings)
    now = timezone.now()
    with transaction.atomic():
        for row_id, finding in plan.attach:
            IncidentChild.objects.filter(pk=row_id, person__isnull=True).update(
                person_id=finding.person_id, related_person_id=finding.related_person_id,
                reason=f"{finding.reason} (also in the narrative)"[:300])
        for finding in plan.add:
            IncidentChild.objects.create(incident=incident, person_id=finding.person_id, basis=finding.basis,
                                         age=finding.age, reason=finding.reason[:300],
                                         related_person_id=finding.related_person_id, found_at=now)
        reasons = [f.reason for f in findings if f.basis != rules.NARRATIVE]
        if narrative.required:
            reasons.append("The narrative indicates a child is involved")
        newly_flagged = not incident.child_flag and (bool(findings) or narrative.required)
        before = {"child_flag": incident.child_flag, "indicators": incident.screening_indicators}
        incident.child_flag = incident.child_flag or bool(findings) or narrative.required
        if newly_flagged:
            incident.child_flagged_at = now
        incident.screened_at = now
        incident.screening_reasons = reasons
        incident.screening_evidence = narrative.evidence
        incident.screening_ages = narrative.ages
        incident.screening_indicators = narrative.indicators
        incident.save(update_fields=["child_flag", "child_flagged_at", "screened_at", "screening_reasons",
                                     "screening_evidence", "screening_ages", "screening_indicators"])
        audit.record(
            action=Action.UPDATE, actor=by, obj=incident, request=request, reason="Child screening",
            changes={
                "child_flag": [before["child_flag"], incident.child_flag],
                "children_added": [None, len(plan.add)],
                "indicators": [before["indicators"], incident.screening_indicators],
                "screener": [None, narrative.screener],
            },
        )
        if incident.child_flag and not incident.is_overridden and incident.children.pending().exists():
            _ensure_assessment_task(incident, by)
    return incident


def assessment_due(incident: Incident) -> datetime:
    """The PPN due time; for domestic abuse, the next school day if that comes first (A3, A4)."""
    due = rules.referral_due(incident.occurred_at, conf.referral_due_hours())
    if incident.incident_type.is_domestic_abuse:
        due = min(due, rules.encompass_due(incident.occurred_at, conf.school_day_start(), conf.school_holidays()))
    return due


def _ensure_assessment_task(incident: Incident, by) -> None:
    from vigil.incidents.deadlines import ASSESSMENT

    open_tasks = Task.objects.filter(subject_filter(incident), kind=ASSESSMENT.code, status=Task.Status.OPEN)
    if open_tasks.exists():
        return
    owner = incident.attending_officer or incident.created_by or by
    if owner is None:
        return
    core_services.create_task(
        force=incident.force, kind=ASSESSMENT.code, owner=owner, by=by, subject=incident,
        title=f"Child safeguarding assessment for incident {incident.reference}",
        detail="Screening found a child involved. Complete an assessment for each child before closing.",
        due_at=assessment_due(incident), priority=Task.Priority.HIGH,
    )


def subject_filter(obj) -> Q:
    from django.contrib.contenttypes.models import ContentType

    return Q(content_type=ContentType.objects.get_for_model(type(obj)), object_id=obj.pk)


def complete_open_tasks(obj, *, kind: str, by, outcome: str) -> None:
    for task in Task.objects.filter(subject_filter(obj), kind=kind, status=Task.Status.OPEN):
        core_services.complete_task(task=task, by=by, outcome=outcome)


# --- closing and the supervisor's override (rule I1) ----------------------------------------------

def closure_blockers(incident: Incident) -> list[str]:
    if not incident.child_flag or incident.is_overridden:
        return []
    pending = incident.children.pending().count()
    if not pending:
        return []
    noun = "child" if pending == 1 else "children"
    return [f"This incident involves {pending} {noun} without a completed safeguarding assessment. Complete "
            f"an assessment for each child, or ask a supervisor to record why none is needed."]


def close_incident(*, incident: Incident, by, note: str = "", request=None) -> Incident:
    with transaction.atomic():
        incident = Incident.objects.select_for_update(of=("self",)).select_related("incident_type").get(pk=incident.pk)
        if not incident.is_open:
            raise ValidationError("This incident is already closed.")
        blockers = closure_blockers(incident)
        if blockers:
            raise ValidationError(blockers)
        incident.status = Incident.Status.CLOSED
        incident.closed_at = timezone.now()
        incident.closed_by = by
        incident.closure_note = (note or "").strip()
        incident.save(update_fields=["status", "closed_at", "closed_by", "closure_note"])
        audit.record(action=Action.UPDATE, actor=by, obj=incident, request=request, reason=incident.closure_note,
                     changes={"status": ["open", "closed"]})
    return incident


def reopen_incident(*, incident: Incident, by, reason: str, request=None) -> Incident:
    if len((reason or "").strip()) < 10:
        raise ValidationError({"reason": "Say why the incident is being reopened (at least 10 characters)."})
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if incident.is_open:
            raise ValidationError("This incident is already open.")
        incident.status, incident.closed_at, incident.closed_by = Incident.Status.OPEN, None, None
        incident.save(update_fields=["status", "closed_at", "closed_by"])
        audit.record(action=Action.UPDATE, actor=by, obj=incident, request=request, reason=reason.strip(),
                     changes={"status": ["closed", "open"]})
    return incident


def record_override(*, incident: Incident, by, reason: str, request=None) -> Incident:
    """A supervisor records why no safeguarding assessment is needed. It lifts the closure block
    and stays visible in the "child to notice" queue with its reason (rule I1)."""
    from vigil.incidents.deadlines import ASSESSMENT

    if not can_override(by):
        raise PermissionDenied("Only a supervisor can record why no assessment is needed.")
    reason = (reason or "").strip()
    if len(reason) < 20:
        raise ValidationError({"reason": "Explain why no safeguarding assessment is needed (at least 20 characters)."})
    with transaction.atomic():
        incident = Incident.objects.select_for_update().get(pk=incident.pk)
        if not incident.child_flag:
            raise ValidationError("This incident is not flagged as involving a child.")
        if incident.is_overridden:
            raise ValidationError("A supervisor has already recorded a decision on this incident.")
        incident.override_reason, incident.override_by, incident.override_at = reason, by, timezone.now()
        incident.save(update_fields=["override_reason", "override_by", "override_at"])
        audit.record(action=Action.DECISION, actor=by, obj=incident, request=request, reason=reason,
                     changes={"safeguarding_override": [None, True]})
        complete_open_tasks(incident, kind=ASSESSMENT.code, by=by,
                            outcome=f"Supervisor recorded that no assessment is needed: {reason}")
    return incident


def find_or_create_address(*, force, line1: str, town: str, postcode: str = "", local_authority: str = "", by=None,
                           request=None):
    """The force's address with the same match key, or a new one (people.matching.address_match_key)."""
    from vigil.people.matching import address_match_key
    from vigil.people.models import Address

    line1, town, postcode = line1.strip(), town.strip(), postcode.strip().upper()
    key = address_match_key(line1, postcode)
    existing = next((a for a in Address.objects.filter(force=force, match_key=key, line2="")
                     if _compact(a.line1) == _compact(line1)), None)
    if existing is not None:
        if local_authority and not existing.local_authority:
            existing.local_authority = local_authority.strip()
            existing.save(update_fields=["local_authority"])
        return existing
    with transaction.atomic():
        address = Address.objects.create(force=force, line1=line1, town=town, postcode=postcode,
                                         local_authority=local_authority.strip(), match_key=key)
        audit.record(action=Action.CREATE, actor=by, obj=address, request=request,
                     changes={"address": [None, str(address)]})
    return address
