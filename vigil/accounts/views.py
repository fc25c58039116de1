"""User and team administration (system administrators: Cap.ADMIN_USERS, their own force only),
and the page shown to a locked-out sign-in."""

from allauth.mfa.models import Authenticator
from axes.helpers import get_cool_off
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from vigil.accounts import services
from vigil.accounts.forms import ConfirmForm, MemberForm, TeamForm, UserCreateForm, UserEditForm
from vigil.accounts.models import RoleAssignment, Team, TeamMembership, User
from vigil.accounts.roles import Cap
from vigil.core.access import require

PAGE_SIZE = 50
LINK_SESSION_KEY = "accounts:password-link"


# --- access: one helper per kind of record (docs/adr/0006-access-control.md) ----------------------

def _admin_force_id(request) -> int:
    require(request.user, Cap.ADMIN_USERS)
    if request.user.force_id is None:
        raise Http404
    return request.user.force_id


def get_user_for_admin(request, pk) -> User:
    """Another force's user looks exactly like a missing one (404)."""
    return get_object_or_404(User.objects.select_related("force", "organisation"),
                             pk=pk, force_id=_admin_force_id(request))


def get_team_for_admin(request, pk) -> Team:
    return get_object_or_404(Team.objects.select_related("force", "parent"), pk=pk, force_id=_admin_force_id(request))


def _users_with_detail(qs):
    return qs.select_related("organisation").prefetch_related(
        Prefetch("role_assignments", queryset=RoleAssignment.objects.order_by("role")),
        Prefetch("memberships", queryset=TeamMembership.objects.select_related("team").order_by("team__name")),
    ).annotate(has_totp=Exists(Authenticator.objects.filter(user=OuterRef("pk"), type=Authenticator.Type.TOTP)))


# --- users --------------------------------------------------------------------------------------

@login_required
def user_list(request):
    force_id = _admin_force_id(request)
    users = User.objects.filter(force_id=force_id)
    query = request.GET.get("q", "").strip()[:100]
    if query:
        users = users.filter(Q(username__icontains=query) | Q(first_name__icontains=query)
                             | Q(last_name__icontains=query) | Q(collar_number__iexact=query))
    page = Paginator(_users_with_detail(users).order_by("last_name", "first_name", "username"),
                     PAGE_SIZE).get_page(request.GET.get("page"))
    params = request.GET.copy()
    prev_url = next_url = ""
    if page.has_previous():
        params["page"] = page.previous_page_number()
        prev_url = "?" + params.urlencode()
    if page.has_next():
        params["page"] = page.next_page_number()
        next_url = "?" + params.urlencode()
    return render(request, "accounts/user_list.html", {
        "page": page, "query": query, "prev_url": prev_url, "next_url": next_url,
    })


@login_required
@require_http_methods(["GET", "POST"])
def user_create(request):
    _admin_force_id(request)
    force = request.user.force
    form = UserCreateForm(request.POST or None, force=force)
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                user = services.create_user(
                    force=force, username=data["username"], first_name=data["first_name"],
                    last_name=data["last_name"], email=data["email"], rank=data["rank"],
                    collar_number=data["collar_number"], roles=data["roles"], teams=data["teams"],
                    organisation=data["organisation"], by=request.user, request=request,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                _stash_link(request, user)
                messages.success(request, f"Account created for {user.display_name}.")
                return redirect("accounts:user_password_link", pk=user.pk)
        return render(request, "accounts/user_form.html", {"form": form, "creating": True}, status=400)
    return render(request, "accounts/user_form.html", {"form": form, "creating": True})


@login_required
@require_http_methods(["GET", "POST"])
def user_edit(request, pk):
    user = get_user_for_admin(request, pk)
    if request.method == "POST":
        form = UserEditForm(request.POST, force=user.force)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.update_user(
                    user=user, first_name=data["first_name"], last_name=data["last_name"], email=data["email"],
                    rank=data["rank"], collar_number=data["collar_number"], roles=data["roles"],
                    teams=data["teams"], organisation=data["organisation"], is_active=data["is_active"],
                    by=request.user, request=request,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Changes saved for {user.display_name}.")
                return redirect("accounts:user_list")
        status = 400
    else:
        form = UserEditForm(initial=UserEditForm.initial_for(user), force=user.force)
        status = 200
    has_totp = Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
    return render(request, "accounts/user_form.html", {
        "form": form, "subject": user, "has_totp": has_totp, "creating": False,
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def user_mfa_reset(request, pk):
    user = get_user_for_admin(request, pk)
    if request.method == "POST":
        services.reset_mfa(user=user, by=request.user, request=request)
        messages.success(request, f"Second factor reset for {user.display_name}. They will set up a new "
                                  "authenticator app when they next sign in.")
        return redirect("accounts:user_edit", pk=user.pk)
    has_mfa = Authenticator.objects.filter(user=user).exists()
    return render(request, "accounts/user_mfa_reset.html", {"subject": user, "has_mfa": has_mfa,
                                                            "form": ConfirmForm()})


def _stash_link(request, user) -> None:
    url = services.password_link(user=user, by=request.user, request=request)
    request.session[LINK_SESSION_KEY] = {"user": user.pk, "url": url}


@login_required
@require_http_methods(["GET", "POST"])
def user_password_link(request, pk):
    """GET shows a link issued just before, once (it is then dropped from the session);
    POST clears the password and issues a new link."""
    user = get_user_for_admin(request, pk)
    if request.method == "POST":
        _stash_link(request, user)
        return redirect("accounts:user_password_link", pk=user.pk)
    stashed = request.session.pop(LINK_SESSION_KEY, None)
    url = stashed["url"] if stashed and stashed.get("user") == user.pk else ""
    return render(request, "accounts/user_password_link.html", {"subject": user, "url": url,
                                                                "form": ConfirmForm()})


# --- teams --------------------------------------------------------------------------------------

@login_required
def team_list(request):
    force_id = _admin_force_id(request)
    teams = (Team.objects.filter(force_id=force_id).select_related("parent")
             .prefetch_related(Prefetch("memberships", queryset=TeamMembership.objects.select_related("user")))
             .order_by("name"))
    return render(request, "accounts/team_list.html", {"teams": teams})


@login_required
@require_http_methods(["GET", "POST"])
def team_create(request):
    _admin_force_id(request)
    force = request.user.force
    form = TeamForm(request.POST or None, force=force)
    if request.method == "POST":
        if form.is_valid():
            try:
                team = services.create_team(force=force, name=form.cleaned_data["name"],
                                            parent=form.cleaned_data["parent"], by=request.user, request=request)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, f"Team created: {team.name}. Now add its members.")
                return redirect("accounts:team_edit", pk=team.pk)
        return render(request, "accounts/team_form.html", {"form": form, "creating": True}, status=400)
    return render(request, "accounts/team_form.html", {"form": form, "creating": True})


def _team_page(request, team, *, form=None, member_form=None, status=200):
    return render(request, "accounts/team_form.html", {
        "team": team, "creating": False,
        "form": form or TeamForm(initial={"name": team.name, "parent": team.parent}, force=team.force, team=team),
        "member_form": member_form or MemberForm(team=team),
        "memberships": team.memberships.select_related("user").order_by("-is_supervisor", "user__last_name",
                                                                          "user__first_name"),
    }, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def team_edit(request, pk):
    team = get_team_for_admin(request, pk)
    if request.method != "POST":
        return _team_page(request, team)
    form = TeamForm(request.POST, force=team.force, team=team)
    if form.is_valid():
        try:
            services.update_team(team=team, name=form.cleaned_data["name"], parent=form.cleaned_data["parent"],
                                 by=request.user, request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, "Team details saved.")
            return redirect("accounts:team_edit", pk=team.pk)
    return _team_page(request, team, form=form, status=400)


@login_required
@require_POST
def team_member_add(request, pk):
    team = get_team_for_admin(request, pk)
    form = MemberForm(request.POST, team=team)
    if form.is_valid():
        try:
            services.set_membership(team=team, user=form.cleaned_data["user"],
                                    is_supervisor=form.cleaned_data["is_supervisor"], by=request.user,
                                    request=request)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"{form.cleaned_data['user'].display_name} added to {team.name}.")
            return redirect("accounts:team_edit", pk=team.pk)
    return _team_page(request, team, member_form=form, status=400)


@login_required
@require_POST
def team_member_change(request, pk, user_pk):
    """One button per action on the members table: make or stop being supervisor, or remove."""
    team = get_team_for_admin(request, pk)
    membership = get_object_or_404(TeamMembership.objects.select_related("user"), team=team, user_id=user_pk)
    action = request.POST.get("action")
    if action == "remove":
        services.remove_membership(team=team, user=membership.user, by=request.user, request=request)
        messages.success(request, f"{membership.user.display_name} removed from {team.name}.")
    elif action in {"supervisor", "member"}:
        services.set_membership(team=team, user=membership.user, is_supervisor=action == "supervisor",
                                by=request.user, request=request)
        messages.success(request, f"Changes saved for {membership.user.display_name}.")
    else:
        messages.error(request, "Choose an action from the members table.")
        return _team_page(request, team, status=400)
    return redirect("accounts:team_edit", pk=team.pk)


# --- lockout ------------------------------------------------------------------------------------

def locked_out(request, original_response=None, credentials=None):
    """django-axes calls this (AXES_LOCKOUT_CALLABLE) when a username is locked."""
    cool_off = get_cool_off(request)
    minutes = round(cool_off.total_seconds() / 60) if cool_off else None
    return render(request, "accounts/locked_out.html", {
        "failure_limit": settings.AXES_FAILURE_LIMIT, "minutes": minutes,
        "login_url": reverse("account_login"),
    }, status=settings.AXES_HTTP_RESPONSE_CODE)


def csrf_failure(request, reason=""):
    """CSRF_FAILURE_VIEW: our 403 page (it says a form may have expired) instead of Django's."""
    return render(request, "403.html", {"csrf_failure": True}, status=403)
