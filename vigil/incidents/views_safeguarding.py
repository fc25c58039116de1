"""Safeguarding pages: the supervisor's "child to notice" queue, the partner inbox (children's
social care referrals, school notifications), police protection, and the CSV import."""

from __future__ import annotations

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vigil.accounts.models import Organisation
from vigil.core import audit
from vigil.core.access import require
from vigil.incidents import forms, importers, notice, rules, safeguarding
from vigil.incidents.access import (
    IncidentCap,
    can_edit,
    get_notification_for_user,
    get_protection_for_user,
    get_referral_for_user,
    visible_notifications,
    visible_referrals,
)
from vigil.incidents.models import ImportBatch
from vigil.incidents.views import _errors_into

Action = audit.AuditEvent.Action


# --- the supervisor's queue ---------------------------------------------------------------------

@login_required
def child_to_notice(request):
    require(request.user, IncidentCap.QUEUE)
    if request.user.is_partner or request.user.force_id is None:
        raise PermissionDenied
    now = timezone.now()
    rows = notice.queue(request.user.force_id, now)
    return render(request, "incidents/notice.html", {
        "attention": [r for r in rows if r.needs_attention],
        "overridden": [r for r in rows if rules.OVERRIDDEN in r.problems],
        "resolved": [r for r in rows if r.resolved or r.problems == [rules.REFERRAL_UNACKNOWLEDGED]],
        "counts": notice.counts(rows, now), "now": now, "days": notice.RECENT_DAYS,
    })


# --- partner inbox -------------------------------------------------------------------------------

@login_required
def inbox(request):
    require(request.user, IncidentCap.INBOX)
    org = request.user.organisation
    if org is None:
        raise PermissionDenied
    referrals = notifications = None
    if org.kind == Organisation.Kind.SCHOOL:
        notifications = visible_notifications(request.user).select_related("person", "incident__incident_type")
    else:
        referrals = visible_referrals(request.user).select_related("person", "incident__incident_type")
    return render(request, "incidents/inbox.html", {
        "organisation": org, "referrals": referrals, "notifications": notifications, "now": timezone.now(),
    })


# --- referrals and Operation Encompass notifications: the same three steps -------------------------

def _show(request, record, template, context):
    """A referral's or notification's page: every read of a child's record is audited."""
    audit.record(action=Action.VIEW, actor=request.user, obj=record, person_id=record.person_id,
                 force_id=record.force_id, request=request)
    return render(request, template, context)


def _acknowledge(request, record, acknowledge, done, url_name):
    """The receiving partner acknowledges; a refusal is shown as an error message, not a 500."""
    if not request.user.is_partner:
        raise PermissionDenied
    try:
        acknowledge(by=request.user, request=request)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, done)
    return redirect(url_name, pk=record.pk)


def _submit(request, record, form, save, url_name, template, context):
    """Validate the form and save; `save(cleaned_data)` returns the success message. On bad input or a
    refusal the page is shown again with the errors (400)."""
    if form.is_valid():
        try:
            done = save(form.cleaned_data)
        except ValidationError as exc:
            _errors_into(form, exc)
        else:
            messages.success(request, done)
            return redirect(url_name, pk=record.pk)
    return render(request, template, context(request, record, form), status=400)


# --- referrals -----------------------------------------------------------------------------------

def _referral_context(request, referral, decision_form=None):
    is_recipient = request.user.is_partner and referral.organisation_id == request.user.organisation_id
    return {
        "referral": referral, "is_recipient": is_recipient,
        "timeliness": rules.timeliness(due_at=referral.due_at, done_at=referral.sent_at, now=timezone.now()),
        "decision_form": decision_form or forms.DecisionForm(),
    }


@login_required
def referral_detail(request, pk):
    referral = get_referral_for_user(request.user, pk)
    return _show(request, referral, "incidents/referral.html", _referral_context(request, referral))


@login_required
@require_POST
def referral_acknowledge(request, pk):
    referral = get_referral_for_user(request.user, pk)
    return _acknowledge(request, referral, partial(safeguarding.acknowledge_referral, referral=referral),
                        "Referral acknowledged.", "incidents:referral")


@login_required
@require_POST
def referral_decide(request, pk):
    referral = get_referral_for_user(request.user, pk)
    if not request.user.is_partner:
        raise PermissionDenied

    def save(data):
        safeguarding.decide_referral(referral=referral, by=request.user, decision=data["decision"],
                                     note=data["note"], request=request)
        return "Decision recorded."

    return _submit(request, referral, forms.DecisionForm(request.POST), save,
                   "incidents:referral", "incidents/referral.html", _referral_context)


# --- Operation Encompass ----------------------------------------------------------------------------

def _notification_context(request, notification, send_form=None):
    context = {
        "notification": notification,
        "is_school": request.user.is_partner and notification.school_id == request.user.organisation_id,
        "timeliness": rules.timeliness(due_at=notification.due_at, done_at=notification.sent_at,
                                       now=timezone.now()),
    }
    if not request.user.is_partner and notification.sent_at is None and can_edit(request.user):
        context["send_form"] = send_form or forms.SendEncompassForm(force=notification.force)
    return context


@login_required
def encompass_detail(request, pk):
    notification = get_notification_for_user(request.user, pk)
    return _show(request, notification, "incidents/encompass.html", _notification_context(request, notification))


@login_required
@require_POST
def encompass_acknowledge(request, pk):
    notification = get_notification_for_user(request.user, pk)
    return _acknowledge(request, notification, partial(safeguarding.acknowledge_encompass, notification=notification),
                        "Notification acknowledged.", "incidents:encompass")


@login_required
@require_POST
def encompass_send(request, pk):
    notification = get_notification_for_user(request.user, pk)
    if request.user.is_partner or not can_edit(request.user):
        raise PermissionDenied

    def save(data):
        safeguarding.send_encompass(notification=notification, school=data["school"], by=request.user,
                                    request=request)
        return f"Notification sent to {data['school']}."

    return _submit(request, notification, forms.SendEncompassForm(request.POST, force=notification.force), save,
                   "incidents:encompass", "incidents/encompass.html", _notification_context)


# --- police protection ------------------------------------------------------------------------------

@login_required
def protection_detail(request, pk):
    protection = get_protection_for_user(request.user, pk)
    form = forms.ReleaseForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if not can_edit(request.user):
            raise PermissionDenied
        if form.is_valid():
            try:
                safeguarding.release_from_protection(protection=protection, by=request.user,
                                                     reason=form.cleaned_data["reason"], request=request)
            except ValidationError as exc:
                _errors_into(form, exc)
            else:
                messages.success(request, "Release from police protection recorded.")
                return redirect("incidents:protection", pk=protection.pk)
        status = 400
    from vigil.core.models import Task
    from vigil.incidents.services import subject_filter

    tasks = Task.objects.filter(subject_filter(protection)).select_related("owner").order_by("due_at")
    return render(request, "incidents/protection.html", {
        "protection": protection, "form": form, "tasks": tasks, "now": timezone.now(),
        "active": protection.is_active(), "can_release": can_edit(request.user) and protection.released_at is None,
    }, status=status)


# --- CSV import ----------------------------------------------------------------------------------------

@login_required
def import_upload(request):
    require(request.user, IncidentCap.IMPORT)
    form = forms.ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST":
        if form.is_valid():
            upload = form.cleaned_data["file"]
            raw = upload.read(importers.MAX_BYTES + 1)
            try:
                batch, _ = importers.start(force=request.user.force, by=request.user, filename=upload.name, raw=raw)
            except importers.FileProblem as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("incidents:import_preview", pk=batch.pk)
        return render(request, "incidents/import.html", {"form": form, "columns": importers}, status=400)
    return render(request, "incidents/import.html", {"form": form, "columns": importers})


@login_required
def import_preview(request, pk):
    require(request.user, IncidentCap.IMPORT)
    batch = get_object_or_404(ImportBatch, pk=pk, force_id=request.user.force_id, uploaded_by=request.user)
    error = ""
    status = 200
    if request.method == "POST" and batch.status == ImportBatch.Status.PREVIEW:
        if request.POST.get("action") == "cancel":
            batch.status = ImportBatch.Status.CANCELLED
            batch.save(update_fields=["status"])
            messages.info(request, "Import cancelled. Nothing was imported.")
            return redirect("incidents:import")
        try:
            result = importers.run(batch=batch, by=request.user, valid_only=request.POST.get("action") == "valid_only",
                                   request=request)
        except ValidationError as exc:
            error, status = " ".join(exc.messages), 400
        else:
            messages.success(request, f"{len(result['created'])} incidents imported; {result['unchanged']} were "
                                      "already in Vigil and were left unchanged.")
            return redirect("incidents:import_preview", pk=batch.pk)
    preview = importers.preview(batch.content, batch.force) if batch.status == ImportBatch.Status.PREVIEW else None
    return render(request, "incidents/import_preview.html", {
        "batch": batch, "preview": preview, "error": error,
    }, status=status)
