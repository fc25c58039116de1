"""Offender management pages. Views parse input, check access, call services.py, render.

Every page about one registrant reads the person through vigil.people.access (audited, restricted
records need a reason); bad input answers 400 with the form's messages and saves nothing.
"""

from __future__ import annotations

from functools import wraps
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from vigil.accounts.models import User
from vigil.core.access import ReasonRequired
from vigil.core.models import Task
from vigil.offenders import charts, conf, forms, reports, rules, services
from vigil.offenders.access import (
    OffenderCap,
    can_edit,
    can_manage,
    can_oversee,
    get_registrant_for_user,
    hide_restricted,
    offender_managers,
    oversight_scope,
    require,
)
from vigil.offenders.links import children_at
from vigil.offenders.models import Breach, CustodyPeriod, Notification, Registrant
from vigil.offenders.querysets import assessment_overdue_q, due_by_q, overdue_q
from vigil.offenders.visits import (
    LEVEL_LABELS,
    OVERDUE_BUCKETS,
    days_overdue,
    is_predictable,
    suggest_slot,
)
from vigil.people.access import (
    HiddenPerson,
    get_person_for_user,
    hidden_people,
    mask_people,
    visible_people,
)

QUEUE_LIMIT = 500


def _policy_context():
    policy = conf.visit_policy()
    return {"policy": policy, "intervals": [(LEVEL_LABELS[lvl], policy.interval(lvl)) for lvl in LEVEL_LABELS]}


def _registrant_page(*, cap=OffenderCap.VIEW, allow_ended=False):
    """Login, capability, the registrant through the access helper, and the person read through
    vigil.people.access (which audits a GET and asks for a reason on a restricted record)."""

    def wrap(view):
        @login_required
        @wraps(view)
        def inner(request, pk, *args, **kwargs):
            require(request.user, cap)
            registrant = get_registrant_for_user(request.user, pk)
            if cap != OffenderCap.VIEW and not allow_ended and not registrant.is_active:
                messages.info(request, "Management of this registrant has ended: the record is read-only.")
                return redirect("offenders:detail", registrant.pk)
            try:
                registrant.person = get_person_for_user(request, registrant.person_id,
                                                        log_view=request.method == "GET")
            except ReasonRequired:
                url = reverse("people:restricted_reason", args=[registrant.person_id])
                return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
            return view(request, registrant, *args, **kwargs)

        return inner

    return wrap


def _form_page(request, registrant, form, write, *, title, template="offenders/form.html", extra=None):
    """POST: validate, call `write(cleaned_data)` (a service), back to the record; else 400."""
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                message = write(form.cleaned_data)
            except ValidationError as exc:
                forms.apply_service_error(form, exc)
            else:
                messages.success(request, message)
                return redirect("offenders:detail", registrant.pk)
        status = 400
    context = {"form": form, "registrant": registrant, "title": title, **_policy_context(), **(extra or {})}
    return render(request, template, context, status=status)


def _nav(request):
    team = request.GET.get("team", "")
    # Reversed once per page, not once per row.
    return {"perms_oversee": can_oversee(request.user), "team_query": urlencode({"team": team}) if team else "",
            "queue_url": reverse("offenders:queue"),
            "detail_url": reverse("offenders:detail", args=[0]).removesuffix("0/")}


def _post(request):
    return request.POST if request.method == "POST" else None


# --- queue ----------------------------------------------------------------------------------------


LEVEL_TAGS = {"very_high": "red", "high": "orange", "medium": "yellow", "low": "green", "not_assessed": "grey"}


def _day(value) -> str:
    # Plain strftime: Django's date filter costs about as much as the rest of a queue row.
    return f"{value.day} {value:%b %Y}" if value else ""


def _label(r):
    """Display values worked out once in Python rather than per row in the template."""
    r.level_colour, r.level_label = LEVEL_TAGS.get(r.risk_level, "grey"), LEVEL_LABELS.get(r.risk_level, "")
    r.next_visit_text = _day(getattr(r, "next_visit_due", None))
    r.review_text = _day(r.risk_review_due)
    return r


def _queue_rows(user, qs, today, policy):
    rows = hide_restricted(user, qs.by_urgency(today, policy).select_related("person")[:QUEUE_LIMIT])
    ids = [r.pk for r in rows]
    flags = dict(Task.objects.open().filter(object_id__in=ids, priority=Task.Priority.HIGH,
                                            content_type__model="registrant")
                 .values("object_id").annotate(n=Count("pk")).values_list("object_id", "n"))
    breaches = dict(Breach.objects.filter(registrant_id__in=ids, closed_at__isnull=True)
                    .values("registrant_id").annotate(n=Count("pk")).values_list("registrant_id", "n"))
    for r in rows:
        _label(r)
        r.visit_days_overdue = days_overdue(r.next_visit_due, today)
        r.review_days_overdue = days_overdue(r.risk_review_due, today)
        r.high_tasks = flags.get(r.pk, 0)
        r.open_breaches = breaches.get(r.pk, 0)
    return rows


@login_required
def queue(request):
    require(request.user, OffenderCap.VIEW)
    user, today, policy = request.user, timezone.localdate(), conf.visit_policy()
    manager = user
    if request.GET.get("manager"):
        if not can_oversee(user):
            raise PermissionDenied
        manager = get_object_or_404(User, pk=request.GET["manager"] if request.GET["manager"].isdigit() else 0,
                                    force_id=user.force_id)
    qs = Registrant.objects.filter(force_id=user.force_id, manager=manager).active()
    rows = _queue_rows(user, qs, today, policy)
    summary = qs.aggregate(
        caseload=Count("pk"),
        visits=Count("pk", filter=overdue_q(today, policy)),
        assessments=Count("pk", filter=assessment_overdue_q(today)),
        due_soon=Count("pk", filter=due_by_q(today.fromordinal(today.toordinal() + 14), policy)
                       & ~overdue_q(today, policy)),
    )
    return render(request, "offenders/queue.html", {
        "manager": manager, "own": manager == user, "rows": rows, "summary": summary, "today": today,
        "limit": QUEUE_LIMIT, **_nav(request), **_policy_context(),
    })


# --- dashboards -------------------------------------------------------------------------------------


def _scope(request):
    """(registrants, teams, label) for a dashboard: a supervisor's teams, or the whole force; an
    optional ?team= narrows it to one team in that scope. Counts include every registrant in
    scope (a number names nobody); lists drop restricted records the user may not see
    (access.hide_restricted)."""
    user = request.user
    require(user, OffenderCap.OVERSEE)
    teams, managers = oversight_scope(user)
    label = "Force"
    chosen = request.GET.get("team", "")
    if chosen:
        from vigil.accounts.models import Team

        allowed = Team.objects.filter(force_id=user.force_id)
        if teams is not None:
            allowed = allowed.filter(pk__in=[t.pk for t in teams])
        team = get_object_or_404(allowed, pk=chosen if chosen.isdigit() else 0)
        teams, managers, label = [team], set(team.memberships.values_list("user_id", flat=True)), team.name
    elif teams is not None:
        label = ", ".join(t.name for t in teams) or "Your teams"
    return reports.scoped(Registrant.objects.filter(force_id=user.force_id), teams=teams, managers=managers), \
        teams, label


def _scope_managers(request, teams):
    if teams is None:
        return None
    from vigil.accounts.models import TeamMembership

    return set(TeamMembership.objects.filter(team__in=teams).values_list("user_id", flat=True))


@login_required
def dashboard(request):
    qs, teams, label = _scope(request)
    today, policy = timezone.localdate(), conf.visit_policy()
    groups = qs.overdue_groups(today, policy)  # one pass feeds the level table, managers and forecast
    rows, total = reports.overdue_table(qs, today, policy, groups)
    plans, books, _caps = reports.forecast(qs, today, policy, groups)
    managers = reports.by_manager(qs, today, policy, groups)
    for m in managers:
        f = plans.get(m["manager_id"] or 0)
        m["forecast"] = f.will_fall_overdue if f else 0
    return render(request, "offenders/dashboard.html", {
        "rows": rows, "total": total, "buckets": [b[2] for b in OVERDUE_BUCKETS], "scope_label": label,
        "teams": teams, "managers": managers,
        "most_overdue": [_label(r) for r in reports.most_overdue(books, request.user, today)],
        "forecast_total": sum(f.will_fall_overdue for f in plans.values()), "today": today,
        **_nav(request), **_policy_context(),
    })


@login_required
def trend(request):
    qs, teams, label = _scope(request)
    today, policy = timezone.localdate(), conf.visit_policy()
    points = reports.trend(request.user.force_id, teams, today, qs, policy)
    labels = [p["taken_on"].strftime("%d %b %y") for p in points]
    chart = charts.line_chart(
        title=f"Overdue home visits and risk assessments: {label}", labels=labels, chart_id="overdue-trend",
        series=[charts.Series("Visits overdue", [p["visits"] or 0 for p in points]),
                charts.Series("Visits over 90 days overdue", [p["visits_90"] or 0 for p in points]),
                charts.Series("Assessments overdue", [p["assessments"] or 0 for p in points])],
    )
    return render(request, "offenders/trend.html", {
        "chart": chart, "points": points, "scope_label": label, "teams": teams, **_nav(request),
        **_policy_context()})


@login_required
def forecast(request):
    qs, teams, label = _scope(request)
    scope_managers = _scope_managers(request, teams)
    today, policy = timezone.localdate(), conf.visit_policy()
    plans, books, caps = reports.forecast(qs, today, policy)
    names = {u.pk: u for u in User.objects.filter(pk__in=[m for m in plans if m])}
    rows = sorted(((names.get(m), f) for m, f in plans.items() if m),
                  key=lambda r: (-r[1].will_fall_overdue, -r[1].overdue_now, r[0].last_name if r[0] else ""))
    suggestions = []
    if teams is not None or request.GET.get("team"):
        planned = reports.moves(books, caps, today, offender_managers(request.user.force_id, scope_managers))
        shown = hide_restricted(request.user, Registrant.objects.select_related("person").filter(
            pk__in=[mv.key for mv in planned]))
        registrants = {r.pk: r for r in shown}
        for mv in planned:
            if mv.key in registrants:  # restricted records the user may not see are left out
                suggestions.append((registrants[mv.key], names.get(mv.from_manager), names.get(mv.to_manager), mv))
    return render(request, "offenders/forecast.html", {
        "rows": rows, "unallocated": plans.get(0), "scope_label": label, "suggestions": suggestions,
        "suggest_scope": teams is not None or bool(request.GET.get("team")), "today": today,
        "window": reports.WINDOW_DAYS, "default_capacity": conf.visits_per_day(),
        "total": sum(f.will_fall_overdue for f in plans.values()), "teams": teams, **_nav(request),
        **_policy_context(),
    })


# --- one registrant -----------------------------------------------------------------------------------


def _review_date(registrant, period, conviction):
    """Indefinite requirements: the s.91B qualifying date, from the first notification after the
    last release (domain.md C9 [S]), or None if not yet known."""
    if period is None or not period.indefinite:
        return None
    released = [p.released_on for p in registrant.custody_periods.all() if p.released_on]
    notes = registrant.notifications.filter(kind__in=[Notification.Kind.INITIAL, Notification.Kind.CHANGE,
                                                      Notification.Kind.PERIODIC])
    if released:
        notes = notes.filter(notified_at__date__gte=max(released))
    first = notes.order_by("notified_at").first()
    if first is None:
        return None
    return rules.review_qualifying_date(relevant_notification_on=timezone.localtime(first.notified_at).date(),
                                        age_on_relevant_date=conviction.age_on_relevant_date)


def _mask_children_seen(user, visits) -> None:
    """Each visit's `children_seen_list`: the children chosen on it, a restricted child this user is
    not named on shown as HiddenPerson (no name, no link)."""
    hidden = hidden_people(user, [c.pk for v in visits for c in v.children.all() if c.restricted])
    for v in visits:
        v.children_seen_list = [HiddenPerson() if c.pk in hidden else c for c in v.children.all()]


@_registrant_page()
def detail(request, registrant):
    today, policy = timezone.localdate(), conf.visit_policy()
    person = registrant.person  # read and audited by the decorator
    registrant = (Registrant.objects.with_next_visit(policy).select_related("manager", "team", "home_address")
                  .get(pk=registrant.pk))
    registrant.person = person
    visits = list(registrant.visits.select_related("officer", "second_officer").prefetch_related("children")[:20])
    child_links = mask_people(request.user, registrant.child_links.select_related("child", "task"), field="child")
    _mask_children_seen(request.user, visits)
    period, conviction = services.notification_period(registrant)
    slot = predictable = None
    if registrant.next_visit_due is not None:
        previous = [v.visited_at for v in visits]
        slot = suggest_slot(previous=previous, due_on=registrant.next_visit_due, today=today, rules=conf.slot_rules())
        predictable = is_predictable(previous, rules=conf.slot_rules())
    obligations = list(registrant.obligations.order_by("-event_on", "-pk")[:20])
    for o in obligations:
        o.missed = o.status == "open" and o.due_on is not None and o.due_on < today
    return render(request, "offenders/detail.html", {
        "registrant": registrant, "person": registrant.person, "today": today,
        "visit_days_overdue": days_overdue(registrant.next_visit_due, today),
        "review_days_overdue": days_overdue(registrant.risk_review_due, today),
        "period": period, "period_conviction": conviction, "review_on": _review_date(registrant, period, conviction),
        "convictions": registrant.convictions.all(), "orders": registrant.orders.all(),
        "custody": registrant.custody_periods.all(), "obligations": obligations,
        "notifications": registrant.notifications.select_related("address")[:20],
        "breaches": registrant.breaches.all(), "assessments": registrant.risk_assessments.select_related("assessor")[:20],
        "visits": visits, "intelligence": registrant.intelligence.all()[:10],
        "child_links": child_links,
        "tasks": services.registrant_tasks(registrant).open().order_by("priority", "due_at"),
        "slot": slot, "predictable": predictable, "can_edit": can_edit(request.user),
        "can_manage": can_manage(request.user),
        "reactive_blockers": services.reactive_reasons(registrant, today) if not registrant.is_reactive else [],
        **_policy_context(),
    })


@login_required
def register(request):
    require(request.user, OffenderCap.EDIT)
    raw = request.GET.get("person") or request.POST.get("person") or ""
    try:
        person = get_person_for_user(request, raw, log_view=request.method == "GET")
    except ReasonRequired:
        url = reverse("people:restricted_reason", args=[raw])
        return redirect(f"{url}?{urlencode({'next': request.get_full_path()})}")
    except Http404:
        if raw:
            raise
        return render(request, "offenders/register_start.html", {}, status=200)
    existing = Registrant.objects.filter(person=person).first()
    if existing is not None:
        messages.info(request, f"{person.full_name} is already registered.")
        return redirect("offenders:detail", existing.pk)
    form = forms.RegisterForm(_post(request), force_id=request.user.force_id,
                              initial={"manager": request.user.pk if can_edit(request.user) else None,
                                       "managed_from": timezone.localdate()})
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                registrant = services.register_offender(
                    person=person, by=request.user, managed_from=data["managed_from"], manager=data["manager"],
                    visor_ref=data["visor_ref"], mappa_category=data["mappa_category"],
                    mappa_level=data["mappa_level"], in_custody=data["in_custody"],
                    initial_notified_on=data["initial_notified_on"], conviction=form.conviction(), request=request)
            except ValidationError as exc:
                forms.apply_service_error(form, exc)
            else:
                messages.success(request, f"{person.full_name} is now managed as a registered sex offender.")
                return redirect("offenders:detail", registrant.pk)
        status = 400
    return render(request, "offenders/register.html", {"form": form, "person": person}, status=status)


@_registrant_page(cap=OffenderCap.EDIT)
def edit(request, registrant):
    form = forms.RegistrantForm(_post(request), initial={
        "visor_ref": registrant.visor_ref, "mappa_category": registrant.mappa_category,
        "mappa_level": registrant.mappa_level})

    def write(data):
        services.update_registrant(registrant=registrant, by=request.user, request=request, **data)
        return "Record updated."

    return _form_page(request, registrant, form, write, title="Change ViSOR and MAPPA details")


@_registrant_page(cap=OffenderCap.EDIT)
def conviction_add(request, registrant):
    form = forms.ConvictionFields(_post(request))

    def write(data):
        services.add_conviction(registrant=registrant, by=request.user, request=request, **form.conviction())
        return "Conviction added."

    return _form_page(request, registrant, form, write, title="Add a conviction, finding or caution")


@_registrant_page(cap=OffenderCap.EDIT)
def order_add(request, registrant):
    form = forms.OrderForm(_post(request))

    def write(data):
        services.add_order(registrant=registrant, by=request.user, request=request, **data)
        return "Order added."

    return _form_page(request, registrant, form, write, title="Add an order")


@_registrant_page(cap=OffenderCap.EDIT)
def custody_add(request, registrant):
    form = forms.CustodyForm(_post(request))

    def write(data):
        services.add_custody(registrant=registrant, by=request.user, request=request, **data)
        return "Time in custody, hospital or abroad recorded; deadlines recalculated."

    return _form_page(request, registrant, form, write, title="Record time in custody, hospital or abroad")


@_registrant_page(cap=OffenderCap.EDIT)
def custody_end(request, registrant, period_pk):
    period = get_object_or_404(CustodyPeriod, pk=period_pk, registrant=registrant)
    form = forms.ReleaseForm(_post(request))

    def write(data):
        services.end_custody(period=period, by=request.user, request=request, **data)
        return "Release recorded: a change notification is due within 3 days (s.84(1)(d))."

    return _form_page(request, registrant, form, write, title=f"Record release or return: {period}")


@_registrant_page(cap=OffenderCap.EDIT)
def notification_add(request, registrant, kind):
    if kind not in Notification.Kind.values:
        raise Http404("No such kind of notification.")
    form = forms.NotificationForm(_post(request), kind=kind, initial={
        "notified_on": timezone.localdate(), "notified_time": timezone.localtime().strftime("%H:%M")})

    def write(data):
        fields = {k: data.get(k) for k in ("change", "event_on", "line1", "line2", "town", "postcode",
                                           "departure_at", "details_known_on", "destination", "return_on",
                                           "stay_began_at", "station", "details") if k in data}
        if "no_fixed_abode" in data:
            fields["no_fixed_abode"] = data["no_fixed_abode"]
        fields = {k: ("" if v is None and k in ("change", "line1", "line2", "town", "postcode", "destination",
                                                  "station", "details") else v) for k, v in fields.items()}
        services.record_notification(registrant=registrant, by=request.user, kind=kind,
                                     notified_at=data["notified_at"], request=request, **fields)
        return f"{Notification.Kind(kind).label} recorded."

    return _form_page(request, registrant, form, write, title=f"Record: {Notification.Kind(kind).label}")


@_registrant_page(cap=OffenderCap.EDIT)
def risk_add(request, registrant):
    form = forms.RiskAssessmentForm(_post(request), initial={"assessed_on": timezone.localdate()})

    def write(data):
        a = services.record_risk_assessment(registrant=registrant, by=request.user, request=request, **data)
        return f"Risk assessment recorded: {a.get_level_display()}."

    return _form_page(request, registrant, form, write, title="Record a risk assessment")


@_registrant_page(cap=OffenderCap.EDIT)
def visit_add(request, registrant):
    today = timezone.localdate()
    ids = [p.pk for p in children_at(registrant.home_address_id, today, exclude_person_id=registrant.person_id)] \
        if registrant.home_address_id else []
    candidates = visible_people(request.user).filter(pk__in=ids)
    form = forms.VisitForm(_post(request), force_id=registrant.force_id, officer_id=request.user.pk,
                           candidates=candidates, initial={"visited_on": today})

    def write(data):
        v = services.record_visit(
            registrant=registrant, by=request.user, kind=data["kind"], visited_at=data["visited_at"],
            outcome=data["outcome"], second_officer=data.get("second_officer"),
            children_seen=data.get("children_seen", False), children=data.get("children") or [],
            children_details=data.get("children_details", ""), observations=data.get("observations", ""),
            concerns=data.get("concerns", ""), actions=data.get("actions", ""), request=request)
        extra = " A child link task has been raised for the offender manager." if v.children_seen else ""
        return f"Home visit recorded: {v.get_outcome_display()}.{extra}"

    return _form_page(request, registrant, form, write, title="Record a home visit",
                      extra={"address": registrant.home_address})


@_registrant_page(cap=OffenderCap.EDIT)
def intelligence_add(request, registrant):
    form = forms.IntelligenceForm(_post(request), initial={"received_on": timezone.localdate()})

    def write(data):
        services.record_intelligence(registrant=registrant, by=request.user, request=request, **data)
        return "Intelligence recorded; a risk reassessment task has been created."

    return _form_page(request, registrant, form, write, title="Record new intelligence")


@_registrant_page(cap=OffenderCap.MANAGE)
def management(request, registrant):
    form = forms.ManagementForm(_post(request), initial={"mode": registrant.management})

    def write(data):
        services.set_management(registrant=registrant, by=request.user, request=request, **data)
        return f"Management set to {registrant.get_management_display().lower()}."

    blockers = services.reactive_reasons(registrant)
    return _form_page(request, registrant, form, write, title="Active or reactive management",
                      template="offenders/management.html", extra={"blockers": blockers,
                                                                    "criteria": conf.reactive_criteria()})


@_registrant_page(cap=OffenderCap.MANAGE)
def reassign(request, registrant):
    today, policy = timezone.localdate(), conf.visit_policy()
    teams, managers = oversight_scope(request.user)
    pool = reports.scoped(Registrant.objects.filter(force_id=request.user.force_id), teams=teams, managers=managers)
    candidates = offender_managers(request.user.force_id, managers)
    suggested_id = reports.recipient_for(registrant, pool, today, policy, candidates)
    suggested = User.objects.filter(pk=suggested_id).first() if suggested_id else None
    initial = {"manager": request.GET.get("to") or (suggested.pk if suggested else None)}
    form = forms.ReassignForm(_post(request), force_id=registrant.force_id, initial=initial)

    def write(data):
        services.reassign(registrant=registrant, manager=data["manager"], by=request.user, reason=data["reason"],
                          request=request)
        return f"Reassigned to {data['manager'].display_name}."

    return _form_page(request, registrant, form, write, title="Reassign to another offender manager",
                      template="offenders/reassign.html", extra={"suggested": suggested})


@_registrant_page(cap=OffenderCap.MANAGE)
def end(request, registrant):
    if not registrant.is_active:
        raise Http404("Management of this registrant has already ended.")
    form = forms.EndForm(_post(request), initial={"ended_on": timezone.localdate()})

    def write(data):
        services.end_registration(registrant=registrant, by=request.user, request=request, **data)
        return "Management ended; open deadlines and tasks are closed."

    return _form_page(request, registrant, form, write, title="End management")


@_registrant_page(cap=OffenderCap.EDIT)
def breach_add(request, registrant):
    form = forms.BreachForm(_post(request), initial={"opened_on": timezone.localdate()})

    def write(data):
        services.open_breach(registrant=registrant, by=request.user, request=request, **data)
        return "Breach opened; an enquiry task has been created."

    return _form_page(request, registrant, form, write, title="Open a breach (s.91)")


@_registrant_page(cap=OffenderCap.MANAGE, allow_ended=True)
def breach_close(request, registrant, breach_pk):
    breach = get_object_or_404(Breach, pk=breach_pk, registrant=registrant, closed_at__isnull=True)
    form = forms.BreachCloseForm(_post(request))

    def write(data):
        services.close_breach(breach=breach, by=request.user, request=request, **data)
        return "Breach closed."

    return _form_page(request, registrant, form, write, title=f"Close breach: {breach.get_kind_display()}",
                      extra={"breach": breach})
