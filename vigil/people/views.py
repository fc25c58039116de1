"""People pages: search, create (with the duplicate check), the person page, edit, links, merge.

Every person is fetched through vigil.people.access; writes go through vigil.people.services.
Bad input gets the form back with its message and a 400, and nothing is written.
"""

from __future__ import annotations

from datetime import date
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme

from vigil.accounts.roles import Cap
from vigil.core.access import ReasonRequired, require
from vigil.core.timeline import entries_for
from vigil.people import services
from vigil.people.access import get_person_for_user, give_reason, visible_people
from vigil.people.forms import (
    NEW_RECORD,
    AddressForm,
    AliasForm,
    ChooseOtherForm,
    DuplicateDecisionForm,
    EndAddressForm,
    EndMarkerForm,
    MarkerForm,
    MergeForm,
    PersonForm,
    ReasonForm,
    RelationshipForm,
    SearchForm,
    apply_service_error,
)
from vigil.people.models import INVERSE_LABEL, Marker, PersonAddress, PersonName
from vigil.people.search import Match, audit_search, search_people

SEARCH_LIMIT = 50
DUPLICATE_LIMIT = 10
PICKER_LIMIT = 20


class _Redirect(Exception):
    def __init__(self, response):
        self.response = response


def _reason_url(request, pk) -> str:
    return f"{reverse('people:restricted_reason', args=[pk])}?{urlencode({'next': request.get_full_path()})}"


def _fetch(request, pk, *, log_view: bool = True, follow_merge: bool = True):
    """The person for this request; redirects (raised as _Redirect) for a restricted record that
    needs a reason, and for a merged record (to the record it was merged into)."""
    try:
        person = get_person_for_user(request, pk, log_view=log_view)
    except ReasonRequired:
        raise _Redirect(redirect(_reason_url(request, pk)))
    if follow_merge and person.merged_into_id:
        messages.info(request, f"Record {person.pk} ({person.full_name}) was merged into this record.")
        raise _Redirect(redirect("people:detail", person.merged_into_id))
    return person


def _person_view(*, cap: str | None = None, log_get: bool = True):
    """Decorator for pages about one person: login, capability, fetch with access checks."""

    def wrap(view):
        @login_required
        def inner(request, pk, *args, **kwargs):
            if cap is not None:
                require(request.user, cap)
            try:
                person = _fetch(request, pk, log_view=log_get and request.method == "GET")
            except _Redirect as exc:
                return exc.response
            return view(request, person, *args, **kwargs)

        inner.__name__ = view.__name__
        inner.__doc__ = view.__doc__
        return inner

    return wrap


def _require_police_editor(user) -> None:
    require(user, Cap.PERSON_EDIT)
    if user.is_partner or user.force_id is None:
        raise PermissionDenied


def _picker(request, *, exclude_pk=None):
    """A small name search on pages that need another person (relationship, merge)."""
    bound = any(key.startswith("find-") for key in request.GET)
    form = SearchForm(request.GET if bound else None, prefix="find")
    matches: list[Match] = []
    if form.is_bound and form.is_valid() and request.user.can(Cap.PERSON_SEARCH):
        query = form.query()
        matches = [m for m in search_people(request.user, **query, limit=PICKER_LIMIT) if m.person.pk != exclude_pk]
        audit_search(user=request.user, query=query, request=request)
    return form, matches


# ---------------------------------------------------------------------------------------------
# Search


@login_required
def search(request):
    require(request.user, Cap.PERSON_SEARCH)
    form = SearchForm(request.GET or None)
    matches: list[Match] | None = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            query = form.query()
            matches = search_people(request.user, **query, limit=SEARCH_LIMIT)
            audit_search(user=request.user, query=query, request=request)
        else:
            status = 400
    return render(request, "people/search.html", {
        "form": form, "matches": matches, "can_create": request.user.can(Cap.PERSON_EDIT),
        "limit_reached": matches is not None and len(matches) >= SEARCH_LIMIT,
    }, status=status)


# ---------------------------------------------------------------------------------------------
# Create, with the duplicate check


def _candidate(match: Match) -> dict:
    person = match.person
    return {"person_id": person.pk, "name": person.full_name, "date_of_birth": person.date_of_birth,
            "score": match.score, "reasons": match.reasons}


def _shown_ids(request) -> set[int]:
    return {int(v) for v in request.POST.get("shown", "").split(",") if v.strip().isdigit()}


@login_required
def create(request):
    _require_police_editor(request.user)
    if request.method != "POST":
        return render(request, "people/create.html", {"form": PersonForm()})
    form = PersonForm(request.POST)
    if not form.is_valid():
        return render(request, "people/create.html", {"form": form}, status=400)
    data = form.cleaned_data
    query = {"forenames": data["forenames"], "surname": data["surname"], "date_of_birth": data["date_of_birth"]}
    matches = search_people(request.user, **query, limit=DUPLICATE_LIMIT)
    audit_search(user=request.user, query=query, request=request, reason="Duplicate check before creating a person")
    candidates = [_candidate(m) for m in matches]
    match_ids = {m.person.pk for m in matches}
    deciding = "decision" in request.POST

    if matches and (not deciding or not match_ids <= _shown_ids(request)):
        # First submit, or records have appeared since the list was shown: show the list (again).
        decision_form = DuplicateDecisionForm(matches=matches)
        return render(request, "people/duplicates.html", {
            "form": form, "decision_form": decision_form, "matches": matches,
            "shown": ",".join(str(pk) for pk in sorted(match_ids)),
        })

    reason = ""
    if matches:
        decision_form = DuplicateDecisionForm(request.POST, matches=matches)
        if not decision_form.is_valid():
            return render(request, "people/duplicates.html", {
                "form": form, "decision_form": decision_form, "matches": matches,
                "shown": ",".join(str(pk) for pk in sorted(match_ids)),
            }, status=400)
        choice, reason = decision_form.cleaned_data["decision"], decision_form.cleaned_data["reason"].strip()
        if choice != NEW_RECORD:
            chosen = next(m.person for m in matches if str(m.person.pk) == choice)
            services.use_existing_person(person=chosen, by=request.user, candidates_shown=candidates,
                                         decision_reason=reason, request=request)
            messages.success(request, f"You chose the existing record for {chosen.full_name}.")
            return redirect("people:detail", chosen.pk)
    try:
        person = services.create_person(
            force=request.user.force, by=request.user, candidates_shown=candidates, decision_reason=reason,
            request=request, **data,
        )
    except ValidationError as exc:
        apply_service_error(form, exc)
        return render(request, "people/create.html", {"form": form}, status=400)
    messages.success(request, f"Record created for {person.full_name}.")
    return redirect("people:detail", person.pk)


# ---------------------------------------------------------------------------------------------
# The person page


def _sorted_addresses(person, today):
    links = list(person.addresses.select_related("address"))
    current = [a for a in links if a.is_current(today)]
    past = [a for a in links if not a.is_current(today)]
    def key(link):
        return link.from_date or date.min

    return sorted(current, key=key, reverse=True), sorted(past, key=key, reverse=True)


def _relationships(person, user):
    rows = []
    for rel in person.relationships_from.select_related("other"):
        rows.append({"label": rel.get_kind_display(), "person": rel.other, "rel": rel})
    for rel in person.relationships_to.select_related("person"):
        label = INVERSE_LABEL.get(rel.kind, rel.get_kind_display())
        rows.append({"label": label, "person": rel.person, "rel": rel})
    # Name only the people this user may see; a restricted link stays anonymous.
    visible = set(visible_people(user).filter(pk__in=[r["person"].pk for r in rows]).values_list("pk", flat=True))
    for row in rows:
        row["visible"] = row["person"].pk in visible
    return rows


def _markers(person, today):
    active, other = [], []
    for marker in person.markers.all():
        item = {"marker": marker, "review_overdue": False, "review_due_today": False}
        if marker.is_active(today):
            if marker.review_date is not None:
                item["review_overdue"] = marker.review_date < today
                item["review_due_today"] = marker.review_date == today
            active.append(item)
        else:
            item["not_started"] = marker.start_date > today
            other.append(item)
    return active, other


@login_required
def detail(request, pk):
    try:
        person = _fetch(request, pk)
    except _Redirect as exc:
        return exc.response
    user = request.user
    today = timezone.localdate()
    names = list(person.names.order_by("kind", "pk"))
    context = {
        "person": person, "age": person.age(today), "today": today,
        "primary_name": next((n for n in names if n.kind == PersonName.Kind.PRIMARY), None),
        "other_names": [n for n in names if n.kind != PersonName.Kind.PRIMARY],
    }
    if user.is_partner:
        context["shares"] = person.shares.filter(organisation_id=user.organisation_id, revoked_at__isnull=True)
        return render(request, "people/detail_partner.html", context)
    current, past = _sorted_addresses(person, today)
    active, other_markers = _markers(person, today)
    can_edit = user.can(Cap.PERSON_EDIT)
    context.update({
        "current_addresses": current, "past_addresses": past,
        "relationships": _relationships(person, user),
        "active_markers": active, "other_markers": other_markers,
        "timeline": entries_for(person, user),
        "can_edit": can_edit, "can_merge": user.can(Cap.PERSON_MERGE),
    })
    return render(request, "people/detail.html", context)


@login_required
def restricted_reason(request, pk):
    """Ask why a restricted record is being opened; the reason goes into the audit trail."""
    person = get_object_or_404(visible_people(request.user), pk=pk)
    detail_url = reverse("people:detail", args=[person.pk])
    next_url = request.POST.get("next") or request.GET.get("next") or detail_url
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()},
                                           require_https=request.is_secure()):
        next_url = detail_url
    if not person.restricted or request.user.is_partner:
        return redirect(next_url)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            give_reason(request, person, form.cleaned_data["reason"])
        except ValueError as exc:
            form.add_error("reason", str(exc))
        else:
            return redirect(next_url)
    status = 400 if form.is_bound else 200
    return render(request, "people/restricted_reason.html", {"form": form, "person_id": person.pk,
                                                             "next": next_url}, status=status)


# ---------------------------------------------------------------------------------------------
# Edit and links


def _form_page(request, person, form_class, template, write, *, initial=None, title="", extra=None):
    """GET shows the form; POST validates, calls `write(data)`, and goes back to the person page."""
    _require_police_editor(request.user)
    form = form_class(request.POST if request.method == "POST" else None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                message = write(form.cleaned_data)
            except ValidationError as exc:
                apply_service_error(form, exc)
            else:
                messages.success(request, message)
                return redirect("people:detail", person.pk)
        status = 400
    context = {"form": form, "person": person, "title": title, **(extra or {})}
    return render(request, template, context, status=status)


@_person_view(cap=Cap.PERSON_EDIT)
def edit(request, person):
    initial = {name: getattr(person, name) for name in services.PERSON_FIELDS}

    def write(data):
        services.update_person(person=person, by=request.user, request=request, **data)
        return "Details saved."

    return _form_page(request, person, PersonForm, "people/form.html", write, initial=initial,
                      title="Change details")


@_person_view(cap=Cap.PERSON_EDIT)
def alias_add(request, person):
    def write(data):
        services.add_alias(person=person, by=request.user, request=request, **data)
        return "Name added."

    return _form_page(request, person, AliasForm, "people/form.html", write, title="Add another name",
                      initial={"kind": PersonName.Kind.ALIAS})


@_person_view(cap=Cap.PERSON_EDIT)
def address_add(request, person):
    def write(data):
        services.add_address(person=person, by=request.user, request=request, **data)
        return "Address added."

    return _form_page(request, person, AddressForm, "people/form.html", write, title="Add an address")


@_person_view(cap=Cap.PERSON_EDIT)
def address_end(request, person, link_pk):
    link = get_object_or_404(PersonAddress.objects.select_related("address", "person"), pk=link_pk, person=person)

    def write(data):
        services.end_address(person_address=link, by=request.user, request=request, to_date=data["to_date"])
        return "Address end date saved."

    return _form_page(request, person, EndAddressForm, "people/form.html", write,
                      title=f"When did they leave {link.address}?")


@_person_view(cap=Cap.PERSON_EDIT)
def relationship_add(request, person):
    find_form, found = _picker(request, exclude_pk=person.pk)
    initial = {}
    if request.GET.get("other", "").isdigit():
        initial["other"] = int(request.GET["other"])

    def write(data):
        other_pk = data.pop("other")
        if other_pk == person.pk:
            raise ValidationError({"other": "A person cannot be related to themselves."})
        other = visible_people(request.user).filter(pk=other_pk).first()
        if other is None:
            raise ValidationError({"other": f"There is no person with ID {other_pk} that you can see."})
        rel = services.add_relationship(person=person, other=other, by=request.user, request=request, **data)
        return f"Relationship added: {rel.get_kind_display().lower()} {other.full_name}."

    return _form_page(request, person, RelationshipForm, "people/relationship_form.html", write, initial=initial,
                      title="Add a relationship", extra={"find_form": find_form, "found": found})


@_person_view(cap=Cap.PERSON_EDIT)
def marker_add(request, person):
    def write(data):
        marker = services.add_marker(person=person, by=request.user, request=request, **data)
        return f"Warning marker added: {marker.get_kind_display()}."

    return _form_page(request, person, MarkerForm, "people/form.html", write, title="Add a warning marker",
                      initial={"start_date": timezone.localdate()})


@_person_view(cap=Cap.PERSON_EDIT)
def marker_end(request, person, marker_pk):
    marker = get_object_or_404(Marker, pk=marker_pk, person=person)

    def write(data):
        services.end_marker(marker=marker, by=request.user, request=request, end_date=data["end_date"],
                            reason=data.get("reason", ""))
        return f"Warning marker ended: {marker.get_kind_display()}."

    return _form_page(request, person, EndMarkerForm, "people/form.html", write,
                      title=f"End the marker: {marker.get_kind_display()}", initial={"end_date": timezone.localdate()})


# ---------------------------------------------------------------------------------------------
# Merge


def _other_for_merge(request, form, survivor):
    """The record chosen to merge into `survivor`, or None with the problem on the form."""
    other_pk = form.cleaned_data["other"]
    if other_pk == survivor.pk:
        form.add_error("other", "A record cannot be merged with itself.")
        return None
    try:
        other = get_person_for_user(request, other_pk, log_view=request.method == "GET")
    except Http404:
        form.add_error("other", f"There is no person with ID {other_pk} that you can see.")
        return None
    except ReasonRequired:
        form.add_error("other", f"Record {other_pk} is restricted: open it and give a reason first.")
        return None
    if other.merged_into_id:
        form.add_error("other", f"Record {other_pk} has already been merged into record {other.merged_into_id}.")
        return None
    return other


@_person_view(cap=Cap.PERSON_MERGE)
def merge(request, survivor):
    """Merge a duplicate record into this one (this record survives): choose, compare, confirm."""
    find_form, found = _picker(request, exclude_pk=survivor.pk)
    other = None
    confirm_form = None
    status = 200
    if request.method == "POST":
        choose_form = ChooseOtherForm(request.POST)
        confirm_form = MergeForm(request.POST)
        if choose_form.is_valid():
            other = _other_for_merge(request, choose_form, survivor)
        if other is not None and confirm_form.is_valid():
            try:
                services.merge_people(survivor=survivor, merged=other, by=request.user,
                                      reason=confirm_form.cleaned_data["reason"], request=request)
            except ValidationError as exc:
                apply_service_error(confirm_form, exc)
            else:
                messages.success(request, f"Record {other.pk} was merged into this record.")
                return redirect("people:detail", survivor.pk)
        status = 400
    else:
        choose_form = ChooseOtherForm(request.GET if "other" in request.GET else None)
        if choose_form.is_bound:
            if choose_form.is_valid():
                other = _other_for_merge(request, choose_form, survivor)
            if other is None:
                status = 400
        if other is not None:
            confirm_form = MergeForm(initial={"other": other.pk})
    if other is None:
        confirm_form = None
    context = {
        "person": survivor, "other": other, "choose_form": choose_form, "form": confirm_form,
        "find_form": find_form, "found": found,
        "survivor_counts": services.linked_counts(survivor),
        "other_counts": services.linked_counts(other) if other else {},
    }
    return render(request, "people/merge.html", context, status=status)
