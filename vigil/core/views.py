from datetime import datetime, time

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vigil.accounts.roles import Cap
from vigil.core import deadlines, services
from vigil.core.access import require
from vigil.core.models import AuditEvent, Task
from vigil.core.querysets import london_day_bounds
from vigil.core.task_access import can_complete, get_task_for_user, my_tasks, supervised_teams

SECTION_LIMIT = 100


def _sections(tasks, now):
    tasks = tasks.open().select_related("owner", "person", "team", "organisation")
    _, end_of_today = london_day_bounds(now)
    return {
        "overdue": tasks.filter(due_at__lt=now).order_by("due_at")[:SECTION_LIMIT],
        "today": tasks.filter(due_at__gte=now, due_at__lt=end_of_today).order_by("due_at")[:SECTION_LIMIT],
        "upcoming": tasks.filter(due_at__gte=end_of_today).order_by("due_at")[:SECTION_LIMIT],
        "counts": tasks.aggregate(
            overdue=Count("id", filter=Q(due_at__lt=now)),
            today=Count("id", filter=Q(due_at__gte=now, due_at__lt=end_of_today)),
            upcoming=Count("id", filter=Q(due_at__gte=end_of_today)),
        ),
    }


@login_required
def my_work(request):
    if not (request.user.can(Cap.TASK_WORK) or request.user.can(Cap.TEAM_VIEW)):
        if request.user.can(Cap.ADMIN_USERS):
            return redirect("accounts:user_list")
        raise PermissionDenied
    now = timezone.now()
    context = _sections(my_tasks(request.user), now)
    context["now"] = now
    # Modules add their own panels (e.g. the supervisor's "child to notice" counts).
    context["panels"] = [panel(request) for panel in MY_WORK_PANELS]
    context["panels"] = [p for p in context["panels"] if p]
    return render(request, "core/my_work.html", context)


# Callables (request) -> dict(title, items=[(label, count, url)]) or None. Modules register here.
MY_WORK_PANELS: list = []


@login_required
def team_work(request):
    require(request.user, Cap.TEAM_VIEW)
    now = timezone.now()
    teams = list(supervised_teams(request.user))
    tasks = Task.objects.filter(force_id=request.user.force_id).filter(
        Q(team__in=teams) | Q(owner__memberships__team__in=teams)
    ).distinct()
    _, end_of_today = london_day_bounds(now)
    by_owner = (
        tasks.open().values("owner__id", "owner__first_name", "owner__last_name", "owner__username")
        .annotate(
            overdue=Count("id", filter=Q(due_at__lt=now)),
            today=Count("id", filter=Q(due_at__gte=now, due_at__lt=end_of_today)),
            upcoming=Count("id", filter=Q(due_at__gte=end_of_today)),
        )
        .order_by("-overdue", "owner__last_name")
    )
    context = _sections(tasks, now)
    context.update({"teams": teams, "by_owner": by_owner, "now": now})
    return render(request, "core/team_work.html", context)


class CompleteForm(forms.Form):
    outcome = forms.CharField(label="What was done", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


@login_required
def task_detail(request, pk):
    task = get_task_for_user(request.user, pk)
    kind = None
    try:
        kind = deadlines.get(task.kind)
    except ValueError:
        pass
    return render(request, "core/task_detail.html", {
        "task": task, "kind": kind, "form": CompleteForm(), "can_complete": can_complete(request.user, task),
        "overdue": task.is_overdue(),
    })


@login_required
@require_POST
def task_complete(request, pk):
    task = get_task_for_user(request.user, pk)
    if not can_complete(request.user, task):
        raise PermissionDenied
    form = CompleteForm(request.POST)
    if form.is_valid():
        try:
            services.complete_task(task=task, by=request.user, outcome=form.cleaned_data["outcome"], request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Task completed: {task.title}")
            return redirect("core:my_work")
    return render(request, "core/task_detail.html", {
        "task": task, "form": form, "can_complete": True, "overdue": task.is_overdue()}, status=400)


class AuditSearchForm(forms.Form):
    person = forms.IntegerField(label="Person ID", required=False, min_value=1,
                                help_text="Who has looked at or changed this person's record?")
    user = forms.CharField(label="User name", required=False, max_length=150)
    action = forms.ChoiceField(label="Action", required=False,
                               choices=[("", "Any")] + list(AuditEvent.Action.choices))
    date_from = forms.DateField(label="From", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="To", required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def clean(self):
        data = super().clean()
        if data.get("date_from") and data.get("date_to") and data["date_to"] < data["date_from"]:
            self.add_error("date_to", "The end date must be on or after the start date.")
        return data


@login_required
def audit_search(request):
    require(request.user, Cap.AUDIT_SEARCH)
    form = AuditSearchForm(request.GET or None)
    events = AuditEvent.objects.filter(force_id=request.user.force_id)
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if data["person"]:
            events = events.filter(person_id=data["person"])
        if data["user"]:
            events = events.filter(actor_label__startswith=data["user"] + " ")
        if data["action"]:
            events = events.filter(action=data["action"])
        if data["date_from"]:
            events = events.filter(at__gte=timezone.make_aware(datetime.combine(data["date_from"], time.min)))
        if data["date_to"]:
            events = events.filter(at__lt=timezone.make_aware(datetime.combine(data["date_to"], time.max)))
    before = request.GET.get("before", "")
    if before.isdigit():
        events = events.filter(seq__lt=int(before))
    page = list(events.order_by("-seq")[:50])
    params = request.GET.copy()
    next_url = ""
    if len(page) == 50:
        params["before"] = page[-1].seq
        next_url = "?" + params.urlencode()
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(request, "core/audit_search.html", {"form": form, "events": page, "next_url": next_url},
                  status=status)
