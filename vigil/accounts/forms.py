"""Forms for user and team administration. They parse input only; the rules (partner needs an
organisation, unique usernames, teams in the force) are in vigil.accounts.services."""

from django import forms

from vigil.accounts.models import Organisation, Team, User
from vigil.accounts.roles import Role


class _UserFields(forms.Form):
    first_name = forms.CharField(label="First name", max_length=150)
    last_name = forms.CharField(label="Last name", max_length=150)
    email = forms.EmailField(label="Email address", required=False, max_length=254,
                             help_text="Needed for single sign-on: it must match the force account's address.")
    rank = forms.TypedChoiceField(label="Rank", choices=User.Rank.choices, coerce=int, initial=User.Rank.NONE)
    collar_number = forms.CharField(label="Collar or staff number", max_length=20, required=False)
    roles = forms.MultipleChoiceField(label="Roles", choices=Role.choices, widget=forms.CheckboxSelectMultiple,
                                      error_messages={"required": "Choose at least one role."})
    teams = forms.ModelMultipleChoiceField(label="Teams", queryset=Team.objects.none(), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    organisation = forms.ModelChoiceField(
        label="Partner organisation", queryset=Organisation.objects.none(), required=False,
        empty_label="None (police officer or staff)", help_text="Partner agency users only.",
    )

    def __init__(self, *args, force, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["teams"].queryset = Team.objects.filter(force=force).order_by("name")
        self.fields["organisation"].queryset = Organisation.objects.filter(force=force).order_by("name")


class UserCreateForm(_UserFields):
    username = forms.CharField(label="Username", max_length=150, validators=[User.username_validator],
                               help_text="Letters, digits and @ . + - _ only. Used to sign in.")
    field_order = ["username", "first_name", "last_name", "email", "rank", "collar_number", "roles", "teams",
                   "organisation"]


class UserEditForm(_UserFields):
    is_active = forms.TypedChoiceField(
        label="Account", coerce=lambda v: v == "1", widget=forms.RadioSelect,
        choices=[("1", "Active: can sign in"), ("0", "Deactivated: cannot sign in")],
    )

    @classmethod
    def initial_for(cls, user: User) -> dict:
        return {
            "first_name": user.first_name, "last_name": user.last_name, "email": user.email,
            "rank": user.rank, "collar_number": user.collar_number, "roles": sorted(user.roles),
            "teams": list(user.teams.all()), "organisation": user.organisation,
            "is_active": "1" if user.is_active else "0",
        }


class ConfirmForm(forms.Form):
    """A POST with only the CSRF token: for actions confirmed on their own page."""


class TeamForm(forms.Form):
    name = forms.CharField(label="Team name", max_length=120)
    parent = forms.ModelChoiceField(label="Reports to", queryset=Team.objects.none(), required=False,
                                    empty_label="No team above this one",
                                    help_text="The team above this one, for escalation.")

    def __init__(self, *args, force, team=None, **kwargs):
        super().__init__(*args, **kwargs)
        teams = Team.objects.filter(force=force).order_by("name")
        if team is not None:
            teams = teams.exclude(pk=team.pk)
        self.fields["parent"].queryset = teams


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label="Person to add", queryset=User.objects.none(),
                                  empty_label="Choose a person")
    is_supervisor = forms.BooleanField(label="Supervises this team", required=False)

    def __init__(self, *args, team, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = (
            User.objects.filter(force_id=team.force_id, is_active=True)
            .exclude(memberships__team=team).order_by("last_name", "first_name", "username")
        )
        self.fields["user"].label_from_instance = lambda u: f"{u.display_name} ({u.username})"
