"""Missing episode pages: list, report (with everything known on screen), the episode, grading,
reviews, early actions, found, prevention interview, waiver, close, search plan and briefing.

Views parse input, fetch through the access helpers (404 for what the user may not see), call a
service and render. Bad input gets the form back with its messages and a 400; nothing is saved.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from vigil.core import audit
from vigil.core.access import ReasonRequired, require
from vigil.missing import conf, forms, rules, services
from vigil.missing.access import (
    MissingCap,
    can_edit,
    can_supervise,
    get_episode_for_user,
    visible_episodes,
)
from vigil.missing.deadlines import ACTION_PREFIX
from vigil.missing.knowledge import knowledge_for
from vigil.missing.models import MissingEpisode
from vigil.missing.planning import search_plan
from vigil.people.access import get_person_for_user
from vigil.people.search import audit_search, search_people

PAGE = 50


def errors_into(form, exc: ValidationError) -> None:
    """A service's ValidationError onto the form: on its field when the form has one."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.message_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _reason_redirect(request, person_id):
    url = reverse("people:restricted_reason", args=[person_id])
    return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")


def episode_page(*, cap=MissingCap.VIEW, edit=False, supervise=False):
    """Login, capability, the episode through the access helper; a restricted child needs a reason."""

    def wrap(view):
        @login_required
        @wraps(view)
        def inner(request, pk, *args, **kwargs):
            require(request.user, cap)
            if edit and not can_edit(request.user):
                raise PermissionDenied
            if supervise and not can_supervise(request.user):
                raise PermissionDenied
            episode = get_episode_for_user(request.user, pk)
            if episode.person.restricted:
                try:
                    get_person_for_user(request, episode.person_id, log_view=False)
                except ReasonRequired:
                    return _reason_redirect(request, episode.person_id)
            return view(request, episode, *args, **kwargs)

        return inner

    return wrap


def sub_nav(request) -> list[dict]:
    user = request.user
    items = [("Missing now", "missing:list", MissingCap.VIEW), ("Report a missing child", "missing:report",
                                                                   MissingCap.REPORT),
             ("Supervision", "missing:queue", MissingCap.SUPERVISE), ("Dashboard", "missing:dashboard",
                                                                      MissingCap.DASHBOARD),
             ("Local policy", "missing:policy", MissingCap.VIEW)]
    out = []
    for label, name, cap in items:
        if user.can(cap):
            url = reverse(name)
            out.append({"label": label, "url": url, "active": request.path == url})
    return out


# --- list and report --------------------------------------------------------------------------------

@login_required
def episode_list(request):
    require(request.user, MissingCap.VIEW)
    if request.user.is_partner:
        raise PermissionDenied
    status = request.GET.get("status", "active")
    qs = visible_episodes(request.user).select_related("person", "supervisor")
    if status == "active":
        qs = qs.active()
    elif status in MissingEpisode.Status.values:
        qs = qs.filter(status=status)
    q = request.GET.get("q", "").strip()[:60]
    if q:
        qs = qs.filter(Q(reference__icontains=q) | Q(person__surname__icontains=q) | Q(person__forenames__icontains=q))
    before = request.GET.get("before", "")
    if before.isdigit():
        qs = qs.filter(pk__lt=int(before))
    page = list(qs.order_by("-pk")[:PAGE])
    params = request.GET.copy()
    next_url = ""
    if len(page) == PAGE:
        params["before"] = page[-1].pk
        next_url = "?" + params.urlencode()
    now = timezone.now()
    return render(request, "missing/list.html", {
        "episodes": page, "q": q, "status": status, "next_url": next_url, "now": now, "sub_nav": sub_nav(request),
        "can_report": request.user.can(MissingCap.REPORT),
    })


@login_required
def report_start(request):
    """Find the child first so their record (and everything known about them) is used."""
    require(request.user, MissingCap.REPORT)
    form = forms.FindChildForm(request.GET or None)
    matches = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            query = {"forenames": form.cleaned_data["forenames"], "surname": form.cleaned_data["surname"]}
            matches = search_people(request.user, **query, limit=25)
            audit_search(user=request.user, query=query, request=request, reason="Missing child report")
        else:
            status = 400
    return render(request, "missing/report_start.html", {"form": form, "matches": matches,
                                                         "sub_nav": sub_nav(request)}, status=status)


def _address(request, data):
    if not data.get("last_seen_line1"):
        return data.get("last_seen_known").address if data.get("last_seen_known") else None
    return services.find_or_create_address(
        force=request.user.force, line1=data["last_seen_line1"], town=data["last_seen_town"],
        postcode=data.get("last_seen_postcode", ""), by=request.user, request=request)


@login_required
def report(request):
    require(request.user, MissingCap.REPORT)
    if not can_edit(request.user):
        raise PermissionDenied
    person = None
    raw = request.GET.get("person") or request.POST.get("person") or ""
    if raw:
        try:
            person = get_person_for_user(request, raw, log_view=request.method == "GET")
        except ReasonRequired:
            return _reason_redirect(request, raw)
    force = request.user.force
    now = timezone.localtime(timezone.now())
    initial = {"reported_date": now.date(), "reported_time": now.time().replace(second=0, microsecond=0),
               "supervisor": getattr(services.chain.supervisor_for(request.user), "pk", None)}
    form = forms.ReportForm(request.POST or None, force=force, person=person, initial=initial)
    knowledge = knowledge_for(person, request.user) if person is not None else None
    context = {"form": form, "person": person, "k": knowledge, "sub_nav": sub_nav(request),
               "age": person.age() if person else None}
    if person is not None:
        episode_probe = MissingEpisode(age_at_report=person.age() or 0, person=person)
        context["minimum"] = services.minimum_for(episode_probe)
    if request.method != "POST":
        return render(request, "missing/report.html", context)
    if form.is_valid():
        data = form.cleaned_data
        new_child = None
        if person is None:
            new_child = services.NewChild(forenames=data["forenames"], surname=data["surname"],
                                          date_of_birth=data.get("date_of_birth"), gender=data.get("gender") or "unknown")
        try:
            episode = services.report_missing(
                force=force, by=request.user, person=person, new_child=new_child,
                age_estimate=data.get("age_estimate"), reporter_name=data["reporter_name"],
                reporter_contact=data["reporter_contact"], reporter_relationship=data["reporter_relationship"],
                reported_at=data["reported_at"], last_seen_at=data["last_seen_at"],
                last_seen_place=data["last_seen_place"], last_seen_address=_address(request, data),
                last_seen_lat=data.get("last_seen_lat"), last_seen_lon=data.get("last_seen_lon"),
                circumstances=data["circumstances"], description=data["description"], clothing=data["clothing"],
                placement=data["placement"], placing_authority=data.get("placing_authority"),
                supervisor=data["supervisor"], request=request)
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, f"Missing episode {episode.reference} opened. Grade the risk now.")
            return redirect("missing:detail", pk=episode.pk)
    return render(request, "missing/report.html", context, status=400)


# --- the episode ------------------------------------------------------------------------------------

def _detail_context(request, episode, **extra):
    now = timezone.now()
    tasks = list(services.episode_tasks(episode).select_related("owner", "organisation", "completed_by")
                 .order_by("due_at"))
    level = rules.escalation_level(episode.next_review_due, now, conf.escalation_step_hours()) \
        if episode.next_review_due else 0
    context = {
        "episode": episode, "person": episode.person, "now": now, "sub_nav": sub_nav(request),
        "k": knowledge_for(episode.person, request.user, exclude=episode),
        "minimum": services.minimum_for(episode),
        "assessments": list(episode.assessments.select_related("assessed_by")),
        "reviews": list(episode.reviews.select_related("reviewed_by")),
        "actions": [t for t in tasks if t.kind.startswith(ACTION_PREFIX)],
        "other_tasks": [t for t in tasks if not t.kind.startswith(ACTION_PREFIX)],
        "prevention": getattr(episode, "prevention_interview", None),
        "rhi": getattr(episode, "return_interview", None),
        "blockers": services.closure_blockers(episode),
        "level": level,
        "can_edit": can_edit(request.user), "can_supervise": can_supervise(request.user),
        "rescue_alert_needed": episode.is_open and episode.risk_grade == "high" and not episode.rescue_alert,
        "action_form": forms.ActionDoneForm(),
        "indicator_labels": [rules.INDICATORS[c] for c in episode.exploitation_indicators if c in rules.INDICATORS],
    }
    context.update(extra)
    return context


@episode_page()
def episode_detail(request, episode):
    audit.record(action=audit.AuditEvent.Action.VIEW, actor=request.user, obj=episode, person_id=episode.person_id,
                 request=request)
    return render(request, "missing/detail.html", _detail_context(request, episode))


def _form_page(request, episode, *, form, template, save, success, extra=None):
    """GET shows the form; POST validates, calls `save(data)`, redirects on success or shows a 400."""
    context = {"episode": episode, "person": episode.person, "form": form, "sub_nav": sub_nav(request),
               **(extra or {})}
    if request.method != "POST":
        return render(request, template, context)
    if form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, success)
            return redirect("missing:detail", pk=episode.pk)
    return render(request, template, context, status=400)


@episode_page(edit=True)
def grade(request, episode):
    minimum = services.minimum_for(episode)
    form = forms.GradeForm(request.POST or None, minimum=minimum,
                           initial={"grade": episode.risk_grade or None})
    k = knowledge_for(episode.person, request.user, exclude=episode)

    def save(data):
        assessment = services.grade_risk(
            episode=episode, by=request.user, grade=data["grade"], rationale=data["rationale"],
            information=form.information(), factors=data["factors"], override_reason=data["override_reason"],
            request=request)
        if assessment.grade == "high":
            messages.warning(request, "High risk: the senior officer has been notified. Decide now whether to "
                                      "request a Child Rescue Alert.")

    return _form_page(request, episode, form=form, template="missing/grade.html", save=save,
                      success="Risk grade recorded.", extra={"minimum": minimum, "k": k})


@episode_page(supervise=True)
def review(request, episode):
    now = timezone.localtime(timezone.now())
    form = forms.ReviewForm(request.POST or None, initial={"reviewed_date": now.date(),
                                                           "reviewed_time": now.time().replace(second=0, microsecond=0)})
    return _form_page(
        request, episode, form=form, template="missing/form.html",
        save=lambda d: services.review_episode(episode=episode, by=request.user, reviewed_at=d["reviewed_at"],
                                               note=d["note"], request=request),
        success="Review recorded; the next review time is set.",
        extra={"title": "Supervisor review", "button": "Record the review"})


@episode_page(supervise=True)
def rescue_alert(request, episode):
    form = forms.RescueAlertForm(request.POST or None)
    return _form_page(
        request, episode, form=form, template="missing/form.html",
        save=lambda d: services.decide_rescue_alert(episode=episode, by=request.user, decision=d["decision"],
                                                    reason=d["reason"], request=request),
        success="Child Rescue Alert decision recorded.",
        extra={"title": "Child Rescue Alert decision", "button": "Record the decision",
               "lead": "A Child Rescue Alert is for a child under 18 at risk of serious harm, when there is enough "
                       "information for the public to help (APP: consider it for a child potentially at "
                       "significant risk of harm)."})


@episode_page(supervise=True)
def change_supervisor(request, episode):
    form = forms.SupervisorForm(request.POST or None, force=episode.force)
    return _form_page(
        request, episode, form=form, template="missing/form.html",
        save=lambda d: services.reassign_supervisor(episode=episode, supervisor=d["supervisor"], by=request.user,
                                                    reason=d["reason"], request=request),
        success="Supervisor changed.", extra={"title": "Change the supervisor", "button": "Change the supervisor"})


@episode_page(edit=True)
@require_POST
def action_done(request, episode, task_pk):
    task = services.episode_tasks(episode).filter(pk=task_pk, kind__startswith=ACTION_PREFIX).first()
    if task is None:
        raise Http404("No such action on this episode.")
    form = forms.ActionDoneForm(request.POST, auto_id=f"%s-{task.pk}")  # the id the page gives its textarea
    if form.is_valid():
        try:
            services.complete_action(episode=episode, task=task, by=request.user, outcome=form.cleaned_data["outcome"],
                                     request=request)
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, f"Done: {task.title}")
            return redirect("missing:detail", pk=episode.pk)
    return render(request, "missing/detail.html", _detail_context(request, episode, action_form=form,
                                                                  failed_task=task.pk), status=400)


@episode_page(edit=True)
def found(request, episode):
    if not episode.is_open:
        messages.info(request, "This child has already been recorded as found.")
        return redirect("missing:detail", pk=episode.pk)
    now = timezone.localtime(timezone.now())
    form = forms.FoundForm(request.POST or None, initial={"found_date": now.date(),
                                                          "found_time": now.time().replace(second=0, microsecond=0)})

    def save(d):
        address = None
        if d.get("address_line1"):
            address = services.find_or_create_address(force=episode.force, line1=d["address_line1"],
                                                      town=d["address_town"], postcode=d.get("address_postcode", ""),
                                                      by=request.user, request=request)
        services.record_found(
            episode=episode, by=request.user, found_at=d["found_at"], place=d["place"], kind=d["kind"],
            found_by=d["found_by"], found_by_detail=d["found_by_detail"], found_with=d["found_with"],
            condition=d["condition"], notes=d["notes"], address=address, lat=d.get("lat"), lon=d.get("lon"),
            other_force=d["other_force"], indicators=d["indicators"], request=request)

    return _form_page(request, episode, form=form, template="missing/form.html", save=save,
                      success="Recorded as found. The return home interview request has gone to the local authority.",
                      extra={"title": "Record the child as found", "button": "Record as found"})


@episode_page(edit=True)
def prevention(request, episode):
    now = timezone.localtime(timezone.now())
    form = forms.PreventionForm(request.POST or None, initial={"held_date": now.date(),
                                                               "held_time": now.time().replace(second=0, microsecond=0)})
    return _form_page(
        request, episode, form=form, template="missing/form.html",
        save=lambda d: services.record_prevention_interview(
            episode=episode, by=request.user, held_at=d["held_at"], where_child_was=d["where_child_was"],
            with_whom=d["with_whom"], why=d["why"], harm_disclosed=d["harm_disclosed"], indicators=d["indicators"],
            notes=d["notes"], place_kind=d["place_kind"], request=request),
        success="Prevention interview recorded. What was learnt is on the child's record for next time.",
        extra={"title": "Prevention interview (safe and well check)", "button": "Record the interview"})


@episode_page(supervise=True)
def waiver(request, episode):
    form = forms.WaiverForm(request.POST or None)
    return _form_page(
        request, episode, form=form, template="missing/form.html",
        save=lambda d: services.waive_prevention_interview(episode=episode, by=request.user, reason=d["reason"],
                                                           request=request),
        success="Prevention interview waived.",
        extra={"title": "Waive the prevention interview", "button": "Record the waiver",
               "lead": "Only when an interview is not possible or not appropriate. Your name and reason are recorded."})


@episode_page(edit=True)
@require_POST
def close(request, episode):
    try:
        services.close_episode(episode=episode, by=request.user, request=request)
    except ValidationError as exc:
        return render(request, "missing/detail.html",
                      _detail_context(request, episode, close_errors=exc.messages), status=400)
    messages.success(request, f"Missing episode {episode.reference} closed.")
    return redirect("missing:detail", pk=episode.pk)


# --- search plan and briefing -----------------------------------------------------------------------

@episode_page()
def search(request, episode):
    plan = search_plan(episode, request.user)
    return render(request, "missing/search.html", {"episode": episode, "person": episode.person, "sub_nav": sub_nav(request),
                                                   **plan})


@episode_page()
def briefing(request, episode):
    context = {"episode": episode, "person": episode.person, **search_plan(episode, request.user, max_places=10),
               "now": timezone.now()}
    audit.record(action=audit.AuditEvent.Action.EXPORT, actor=request.user, obj=episode, person_id=episode.person_id,
                 request=request, changes={"briefing": [None, "html"]})
    return render(request, "missing/briefing.html", context)


@episode_page()
def briefing_pdf(request, episode):
    from vigil.missing.pdf import briefing_pdf_response

    context = {"episode": episode, "person": episode.person, **search_plan(episode, request.user, max_places=10),
               "now": timezone.now(), "pdf": True}
    audit.record(action=audit.AuditEvent.Action.EXPORT, actor=request.user, obj=episode, person_id=episode.person_id,
                 request=request, changes={"briefing": [None, "pdf"]})
    return briefing_pdf_response(request, context, filename=f"{episode.reference}-briefing.pdf")


@login_required
def policy(request):
    require(request.user, MissingCap.VIEW)
    return render(request, "missing/policy.html", {"rows": conf.policy_rows(), "sub_nav": sub_nav(request)})

