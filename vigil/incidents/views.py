"""Incident pages: list, record, view, edit, link people, close, override, assess a child.

Views parse input, fetch through the access helpers (which 404 what the user may not see), call
a service and render. Every write answers bad input with the form, its messages and a 400.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from vigil.core import audit
from vigil.core.access import require
from vigil.incidents import forms, safeguarding, services
from vigil.incidents.access import (
    IncidentCap,
    can_edit,
    can_override,
    get_incident_for_user,
    mask_people,
    visible_incidents,
    visible_notifications,
    visible_protections,
    visible_referrals,
)
from vigil.incidents.models import Incident, IncidentChild, IncidentPerson
from vigil.incidents.screening import highlight
from vigil.people.access import visible_people

PAGE = 50


def _errors_into(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form: on its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _require_edit(user) -> None:
    if not can_edit(user):
        raise PermissionDenied


@login_required
def incident_list(request):
    require(request.user, IncidentCap.VIEW)
    qs = visible_incidents(request.user).select_related("incident_type")
    q = request.GET.get("q", "").strip()[:40]
    if q:
        qs = qs.filter(Q(reference__icontains=q) | Q(location__icontains=q))
    flag = request.GET.get("flag", "")
    if flag == "child":
        qs = qs.filter(child_flag=True)
    status = request.GET.get("status", "")
    if status in Incident.Status.values:
        qs = qs.filter(status=status)
    before = request.GET.get("before", "")
    if before.isdigit():
        qs = qs.filter(pk__lt=int(before))
    page = list(qs.order_by("-pk")[:PAGE])
    params = request.GET.copy()
    next_url = ""
    if len(page) == PAGE:
        params["before"] = page[-1].pk
        next_url = "?" + params.urlencode()
    return render(request, "incidents/list.html", {
        "incidents": page, "q": q, "flag": flag, "status": status, "next_url": next_url,
        "can_create": can_edit(request.user), "can_import": request.user.can(IncidentCap.IMPORT),
    })


def _address_from(form, request):
    data = form.cleaned_data
    if not data.get("address_line1"):
        return None
    return services.find_or_create_address(
        force=request.user.force, line1=data["address_line1"], town=data["address_town"],
        postcode=data.get("address_postcode", ""), local_authority=data.get("address_authority", ""),
        by=request.user, request=request)


@login_required
def incident_create(request):
    require(request.user, IncidentCap.VIEW)
    _require_edit(request.user)
    force = request.user.force
    form = forms.IncidentForm(request.POST or None, force=force, initial={"attending_officer": request.user.pk})
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():  # the new address and the incident, or neither
                    incident = services.create_incident(
                        force=force, by=request.user, reference=data["reference"], incident_type=data["incident_type"],
                        occurred_at=data["occurred_at"], narrative=data["narrative"], location=data["location"],
                        address=_address_from(form, request), attending_officer=data["attending_officer"],
                        da_risk_tool=data["da_risk_tool"], da_risk_level=data["da_risk_level"],
                        marac_referral=data["marac_referral"], request=request,
                    )
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                if incident.child_flag:
                    messages.warning(request, "A child is involved in this incident: complete a safeguarding "
                                              "assessment for each child.")
                else:
                    messages.success(request, f"Incident {incident.reference} recorded.")
                return redirect("incidents:detail", pk=incident.pk)
        return render(request, "incidents/form.html", {"form": form, "creating": True}, status=400)
    return render(request, "incidents/form.html", {"form": form, "creating": True})


@login_required
def incident_edit(request, pk):
    incident = get_incident_for_user(request.user, pk)
    _require_edit(request.user)
    form = forms.IncidentForm(request.POST or None, force=incident.force,
                              initial=forms.IncidentForm.initial_for(incident))
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            changes = {name: data[name] for name in ("reference", "incident_type", "occurred_at", "location",
                                                     "narrative", "attending_officer", "da_risk_tool",
                                                     "da_risk_level", "marac_referral")}
            try:
                with transaction.atomic():
                    changes["address"] = _address_from(form, request)
                    changes = {k: v for k, v in changes.items() if getattr(incident, k) != v}
                    if changes:
                        services.update_incident(incident=incident, by=request.user, request=request, **changes)
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(request, "Incident updated." if changes else "Nothing was changed.")
                return redirect("incidents:detail", pk=incident.pk)
        return render(request, "incidents/form.html", {"form": form, "incident": incident}, status=400)
    return render(request, "incidents/form.html", {"form": form, "incident": incident})


def _detail_context(request, incident):
    user = request.user
    children = mask_people(user, incident.children.select_related("person", "related_person", "assessment",
                                                                 "assessment__completed_by"))
    mask_people(user, children, field="related_person")  # the arrested parent or carer
    return {
        "incident": incident,
        "narrative_html": highlight(incident.narrative, incident.screening_evidence),
        "children": children,
        "pending": [c for c in children if not hasattr(c, "assessment")],
        # A restricted person's name stays hidden from users not named on their record.
        "people": mask_people(user, incident.people.select_related("person")),
        "referrals": visible_referrals(user).filter(incident=incident).select_related("organisation", "person"),
        "notifications": visible_notifications(user).filter(incident=incident).select_related("school", "person"),
        "protections": visible_protections(user).filter(incident=incident).select_related("person"),
        "blockers": services.closure_blockers(incident),
        "can_edit": can_edit(request.user),
        "can_override": can_override(request.user) and incident.child_flag and not incident.is_overridden,
        "close_form": forms.CloseForm(),
        "assessment_due": services.assessment_due(incident) if incident.child_flag else None,
    }


@login_required
def incident_detail(request, pk):
    incident = get_incident_for_user(request.user, pk)
    audit.record(action=audit.AuditEvent.Action.VIEW, actor=request.user, obj=incident, request=request)
    return render(request, "incidents/detail.html", _detail_context(request, incident))


@login_required
@require_POST
def incident_close(request, pk):
    incident = get_incident_for_user(request.user, pk)
    _require_edit(request.user)
    form = forms.CloseForm(request.POST)
    if form.is_valid():
        try:
            services.close_incident(incident=incident, by=request.user, note=form.cleaned_data["note"],
                                    request=request)
        except ValidationError as exc:
            form.add_error(None, exc.messages)
        else:
            messages.success(request, f"Incident {incident.reference} closed.")
            return redirect("incidents:detail", pk=incident.pk)
    context = _detail_context(request, incident)
    context["close_form"] = form
    return render(request, "incidents/detail.html", context, status=400)


@login_required
def incident_reopen(request, pk):
    incident = get_incident_for_user(request.user, pk)
    _require_edit(request.user)
    form = forms.ReopenForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.reopen_incident(incident=incident, by=request.user, reason=form.cleaned_data["reason"],
                                         request=request)
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(request, "Incident reopened.")
                return redirect("incidents:detail", pk=incident.pk)
        return render(request, "incidents/reopen.html", {"form": form, "incident": incident}, status=400)
    return render(request, "incidents/reopen.html", {"form": form, "incident": incident})


@login_required
def incident_override(request, pk):
    incident = get_incident_for_user(request.user, pk)
    if not can_override(request.user):
        raise PermissionDenied
    form = forms.OverrideForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            try:
                services.record_override(incident=incident, by=request.user, reason=form.cleaned_data["reason"],
                                         request=request)
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(request, "Your decision that no assessment is needed has been recorded.")
                return redirect("incidents:detail", pk=incident.pk)
        return render(request, "incidents/override.html", {"form": form, "incident": incident}, status=400)
    return render(request, "incidents/override.html", {"form": form, "incident": incident})


def _person_from(request, form, *, field="existing_person"):
    """The person the form names: an existing visible record, or None to create one."""
    pk = form.cleaned_data.get(field)
    if not pk:
        return None
    person = visible_people(request.user).filter(pk=pk).first()
    if person is None:
        raise ValidationError({field: "There is no person record with that number that you can see."})
    return person


@login_required
def link_person(request, pk):
    incident = get_incident_for_user(request.user, pk)
    _require_edit(request.user)
    form = forms.LinkPersonForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                with transaction.atomic():  # a new person is kept only if the link is made
                    person = _person_from(request, form)
                    if person is None:
                        if data.get("date_of_birth") and data["date_of_birth"] > services.incident_date(incident):
                            raise ValidationError({"date_of_birth": "The date of birth is after the incident date."})
                        person = safeguarding.create_person_for_incident(
                            incident=incident, by=request.user, request=request,
                            details=safeguarding.NewChild(data["forenames"], data["surname"],
                                                          data.get("date_of_birth"), data.get("gender") or "unknown"))
                    services.link_person(incident=incident, person=person, role=data["role"], by=request.user,
                                         request=request)
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(request, f"{person} linked as {dict(IncidentPerson.Role.choices)[data['role']]}.")
                return redirect("incidents:detail", pk=incident.pk)
        return render(request, "incidents/link_person.html", {"form": form, "incident": incident}, status=400)
    return render(request, "incidents/link_person.html", {"form": form, "incident": incident})


@login_required
@require_POST
def unlink_person(request, pk, link_pk):
    incident = get_incident_for_user(request.user, pk)
    _require_edit(request.user)
    link = get_object_or_404(IncidentPerson, pk=link_pk, incident=incident)
    services.unlink_person(link=link, by=request.user, request=request)
    messages.success(request, f"{mask_people(request.user, [link])[0].person} removed from the incident.")
    return redirect("incidents:detail", pk=incident.pk)


@login_required
def assess_child(request, pk, child_pk):
    incident = get_incident_for_user(request.user, pk)
    _require_edit(request.user)
    child = get_object_or_404(IncidentChild.objects.select_related("person"), pk=child_pk, incident=incident)
    if hasattr(child, "assessment"):
        messages.info(request, "An assessment has already been completed for this child.")
        return redirect("incidents:detail", pk=incident.pk)
    needs_person = child.person_id is None
    initial = {"organisation": None}
    form = forms.AssessmentForm(request.POST or None, incident=incident, needs_person=needs_person, initial=initial)
    routed_to = safeguarding.route_referral(child.person, incident) if child.person_id else None
    context = {"form": form, "incident": incident, "child": mask_people(request.user, [child])[0],
               "routed_to": routed_to,
               "suggestions": safeguarding.possible_records(incident, request.user) if needs_person else []}
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                person = _person_from(request, form) if needs_person else None
                new_child = None
                if needs_person and person is None:
                    new_child = safeguarding.NewChild(data["forenames"], data["surname"], data.get("date_of_birth"),
                                                      data.get("gender") or "unknown")
                protection = None
                if data["immediate_action"] == "police_protection":
                    protection = safeguarding.ProtectionDetails(
                        taken_at=data["pp_taken_at"], accommodation=data["accommodation"],
                        designated_officer=data.get("designated_officer"))
                assessment = safeguarding.complete_assessment(
                    child=child, by=request.user, person=person, new_child=new_child,
                    seen_and_heard=data["seen_and_heard"], child_spoken_to=data["spoken"],
                    child_said=data["child_said"], child_demeanour=data["child_demeanour"],
                    not_spoken_reason=data["not_spoken_reason"], immediate_needs=data["immediate_needs"],
                    risk_grade=data["risk_grade"], immediate_action=data["immediate_action"],
                    safe_adult_name=data["safe_adult_name"], action_detail=data["action_detail"],
                    not_independently_mobile=data["not_independently_mobile"], injury_seen=data["injury_seen"],
                    referral_decision=data["referral_decision"], referral_rationale=data["referral_rationale"],
                    organisation=data.get("organisation"), school=data.get("school"),
                    where_child_was=data.get("where_child_was", ""), protection=protection, request=request,
                )
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                _assessment_messages(request, assessment)
                return redirect("incidents:detail", pk=incident.pk)
        return render(request, "incidents/assess.html", context, status=400)
    return render(request, "incidents/assess.html", context)


def _assessment_messages(request, assessment) -> None:
    messages.success(request, f"Safeguarding assessment completed for {assessment.person}.")
    referral = getattr(assessment, "referral", None)
    if referral is not None:
        messages.success(request, f"Referral sent to {referral.organisation}.")
    notification = getattr(assessment, "encompass_notification", None)
    if notification is not None:
        if notification.sent_at:
            messages.success(request, f"Operation Encompass notification sent to {notification.school}.")
        else:
            messages.warning(request, "The child's school is not known: find it and send the Operation Encompass "
                                      "notification before the next school day.")
    if assessment.not_independently_mobile and assessment.injury_seen:
        messages.warning(request, "Injury to a non-mobile baby: a referral was made and a same-day paediatric "
                                  "assessment task created.")
    if hasattr(assessment, "police_protection"):
        messages.warning(request, "Police protection recorded: the 72-hour limit and notification tasks are on "
                                  "My work.")


def reverse_detail(incident) -> str:
    return reverse("incidents:detail", args=[incident.pk])
