"""Partner pages: children's social care's return home interviews; care providers' carers' profiles
(police read the profiles from the episode pages and here)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from vigil.accounts.models import Organisation
from vigil.core import audit
from vigil.missing import forms, profiles, rules, services
from vigil.missing.access import (
    MissingCap,
    can_complete_return_interview,
    can_keep_profile,
    get_profile_for_user,
    get_return_interview_for_user,
    is_care_provider,
    partner_of,
    police,
    visible_profiles,
    visible_return_interviews,
)
from vigil.missing.models import CarerProfile
from vigil.missing.views import errors_into, sub_nav
from vigil.people.access import visible_people

Action = audit.AuditEvent.Action


@login_required
def partner_home(request):
    if is_care_provider(request.user):
        return redirect("missing:profiles")
    if partner_of(request.user, Organisation.Kind.CHILDRENS_SOCIAL_CARE):
        return redirect("missing:rhi_inbox")
    if not request.user.is_partner:
        raise PermissionDenied
    # A school or other agency: nothing of this module is shared with them; say so plainly.
    return render(request, "missing/partner_none.html", {"organisation": request.user.organisation})


# --- return home interviews ----------------------------------------------------------------------------

@login_required
def rhi_inbox(request):
    user = request.user
    if not (partner_of(user, Organisation.Kind.CHILDRENS_SOCIAL_CARE) and user.can(MissingCap.RHI)):
        raise PermissionDenied
    qs = visible_return_interviews(user).select_related("episode", "episode__person")
    now = timezone.now()
    return render(request, "missing/rhi_inbox.html", {
        "organisation": user.organisation, "now": now,
        "pending": list(qs.pending().order_by("due_at")[:200]),
        "done": list(qs.filter(completed_at__isnull=False).order_by("-completed_at")[:50]),
    })


@login_required
def rhi_detail(request, pk):
    user = request.user
    if not (user.can(MissingCap.RHI) or police(user, MissingCap.VIEW)):
        raise PermissionDenied
    rhi = get_return_interview_for_user(user, pk)
    can_complete = can_complete_return_interview(user, rhi) and rhi.completed_at is None
    now = timezone.localtime(timezone.now())
    form = forms.ReturnInterviewForm(request.POST or None, initial={
        "completed_date": now.date(), "completed_time": now.time().replace(second=0, microsecond=0)})
    status = 200
    if request.method == "POST":
        if not can_complete:
            raise PermissionDenied
        if form.is_valid():
            d = form.cleaned_data
            try:
                services.complete_return_interview(
                    rhi=rhi, by=user, completed_at=d["completed_at"], outcome=d["outcome"],
                    where_child_was=d["where_child_was"], with_whom=d["with_whom"], indicators=d["indicators"],
                    learning=d["learning"], place_kind=d["place_kind"], request=request)
            except ValidationError as exc:
                errors_into(form, exc)
            else:
                messages.success(request, "Return home interview recorded and shared with the police.")
                return redirect("missing:rhi_detail", pk=rhi.pk)
        status = 400
    else:
        audit.record(action=Action.VIEW, actor=user, obj=rhi.episode, person_id=rhi.episode.person_id,
                     force_id=rhi.force_id, request=request, changes={"return_interview": [None, rhi.pk]})
    return render(request, "missing/rhi_detail.html", {
        "rhi": rhi, "episode": rhi.episode, "person": rhi.episode.person, "form": form, "can_complete": can_complete,
        "on_time": rules.rhi_on_time(rhi.due_at, rhi.completed_at), "overdue": rhi.completed_at is None
        and rhi.due_at < timezone.now(), "indicator_labels": [rules.INDICATORS.get(c, c) for c in rhi.indicators],
    }, status=status)


# --- carers' profiles ------------------------------------------------------------------------------------

def _profiles_user(user):
    if not (is_care_provider(user) or police(user, MissingCap.VIEW)):
        raise PermissionDenied


@login_required
def profile_list(request):
    user = request.user
    _profiles_user(user)
    mine = list(visible_profiles(user).select_related("person", "organisation").order_by("person__surname")[:500])
    without = []
    if is_care_provider(user):
        have = {p.person_id for p in mine}
        without = [p for p in visible_people(user).filter(carer_profile__isnull=True).order_by("surname")[:200]
                   if p.is_child() and p.pk not in have]
    return render(request, "missing/profile_list.html", {"profiles": mine, "without": without,
                                                         "is_provider": is_care_provider(user),
                                                         "sub_nav": [] if user.is_partner else sub_nav(request)})


def _profile_fields(data) -> dict:
    return {name: data.get(name) for name in profiles.PROFILE_FIELDS}


@login_required
def profile_create(request):
    user = request.user
    if not can_keep_profile(user):
        raise PermissionDenied
    try:
        person = visible_people(user).get(pk=request.GET.get("person") or request.POST.get("person") or 0)
    except (ValueError, TypeError, visible_people(user).model.DoesNotExist):
        raise Http404("No such child shared with your organisation.")
    form = forms.ProfileForm(request.POST or None, request.FILES or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                profile = profiles.create_profile(person=person, organisation=user.organisation, by=user,
                                                  photo=form.cleaned_data.get("photo"), request=request,
                                                  **_profile_fields(form.cleaned_data))
            except ValidationError as exc:
                errors_into(form, exc)
            else:
                messages.success(request, f"Profile for {person.full_name} created.")
                return redirect("missing:profile", pk=profile.pk)
        status = 400
    return render(request, "missing/profile_form.html", {"form": form, "person": person, "creating": True},
                  status=status)


@login_required
def profile_detail(request, pk):
    user = request.user
    _profiles_user(user)
    profile = get_profile_for_user(user, pk)
    audit.record(action=Action.VIEW, actor=user, obj=profile, person_id=profile.person_id,
                 force_id=profile.person.force_id, request=request)
    return render(request, "missing/profile_detail.html", {
        "profile": profile, "person": profile.person, "places": profile.places.all(),
        "moves": profile.moves.select_related("from_organisation", "to_organisation")[:20],
        "can_keep": can_keep_profile(user, profile), "place_form": forms.ProfilePlaceForm(),
        "sub_nav": [] if user.is_partner else sub_nav(request),
    })


def _kept_profile(request, pk) -> CarerProfile:
    profile = get_profile_for_user(request.user, pk)
    if not can_keep_profile(request.user, profile):
        raise PermissionDenied
    return profile


@login_required
def profile_edit(request, pk):
    profile = _kept_profile(request, pk)
    initial = {name: getattr(profile, name) for name in profiles.PROFILE_FIELDS}
    form = forms.ProfileForm(request.POST or None, request.FILES or None, initial=initial)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                profiles.update_profile(profile=profile, by=request.user, photo=form.cleaned_data.get("photo"),
                                        request=request, **_profile_fields(form.cleaned_data))
            except ValidationError as exc:
                errors_into(form, exc)
            else:
                messages.success(request, "Profile updated.")
                return redirect("missing:profile", pk=profile.pk)
        status = 400
    return render(request, "missing/profile_form.html", {"form": form, "person": profile.person, "profile": profile},
                  status=status)


@login_required
@require_POST
def profile_place_add(request, pk):
    profile = _kept_profile(request, pk)
    form = forms.ProfilePlaceForm(request.POST)
    if form.is_valid():
        try:
            profiles.add_place(profile=profile, by=request.user, request=request, **form.cleaned_data)
        except ValidationError as exc:
            errors_into(form, exc)
        else:
            messages.success(request, "Place added.")
            return redirect("missing:profile", pk=profile.pk)
    return render(request, "missing/profile_detail.html", {
        "profile": profile, "person": profile.person, "places": profile.places.all(), "moves": profile.moves.all()[:20],
        "can_keep": True, "place_form": form}, status=400)


@login_required
@require_POST
def profile_place_remove(request, pk, place_pk):
    profile = _kept_profile(request, pk)
    place = profile.places.filter(pk=place_pk).first()
    if place is None:
        raise Http404("No such place on this profile.")
    profiles.remove_place(place=place, by=request.user, request=request)
    messages.success(request, "Place removed.")
    return redirect("missing:profile", pk=profile.pk)


@login_required
def profile_move(request, pk):
    profile = _kept_profile(request, pk)
    form = forms.MoveProfileForm(request.POST or None, force=profile.organisation.force, exclude=profile.organisation_id)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                profiles.move_profile(profile=profile, to_organisation=form.cleaned_data["organisation"],
                                      by=request.user, request=request)
            except ValidationError as exc:
                errors_into(form, exc)
            else:
                messages.success(request, f"The profile has moved with {profile.person.full_name} to "
                                          f"{form.cleaned_data['organisation']}.")
                return redirect("missing:profiles")
        status = 400
    return render(request, "missing/profile_move.html", {"form": form, "profile": profile, "person": profile.person},
                  status=status)


@login_required
def profile_photo(request, pk):
    _profiles_user(request.user)
    profile = get_profile_for_user(request.user, pk)
    if not profile.photo:
        raise Http404("No photograph.")
    try:
        handle = profile.photo.open("rb")
    except FileNotFoundError:
        raise Http404("No photograph.")
    response = FileResponse(handle, content_type="image/jpeg" if profile.photo.name.lower().endswith(
        (".jpg", ".jpeg")) else "image/png")
    response["Cache-Control"] = "private, no-store"
    return response

