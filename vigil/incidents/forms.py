"""Forms parse and check input; the services in services.py / safeguarding.py do the writing."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from vigil.accounts.models import Organisation, User
from vigil.core.clock import LONDON
from vigil.incidents.models import NARRATIVE_MAX, Incident, IncidentPerson, IncidentType, Referral
from vigil.incidents.models import SafeguardingAssessment as A
from vigil.people.models import Person

YES_NO = [("yes", "Yes"), ("no", "No")]
MAX_ID = 2**63 - 1


def _aware(day, at) -> datetime:
    return datetime.combine(day, at, tzinfo=LONDON)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def officers_of(force):
    return User.objects.filter(force=force, is_active=True, organisation__isnull=True).order_by("last_name",
                                                                                               "first_name")


class IncidentForm(forms.Form):
    reference = forms.CharField(label="Incident reference", max_length=40,
                                error_messages={"required": "Enter the incident reference."},
                                help_text="The control-room or crime reference, for example MID-24-000123.")
    incident_type = forms.ModelChoiceField(label="Type of incident", queryset=IncidentType.objects.none(),
                                           empty_label="Choose a type",
                                           error_messages={"required": "Choose the type of incident."})
    occurred_date = forms.DateField(label="Date it happened", widget=DateInput(),
                                    error_messages={"required": "Enter the date the incident happened.",
                                                    "invalid": "Enter a real date, for example 2026-05-01."})
    occurred_time = forms.TimeField(label="Time it happened", widget=TimeInput(), help_text="24-hour clock, for "
                                    "example 16:45.", error_messages={"required": "Enter the time it happened."})
    location = forms.CharField(label="Location", max_length=300, required=False,
                               help_text="Where it happened, for example 'layby on the A61 southbound'.")
    address_line1 = forms.CharField(label="Address line 1", max_length=200, required=False,
                                    help_text="If it happened at an address. Used to find children who live there.")
    address_town = forms.CharField(label="Town", max_length=100, required=False)
    address_postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    address_authority = forms.CharField(label="Local authority area", max_length=120, required=False,
                                        help_text="Used to route referrals to children's social care.")
    attending_officer = forms.ModelChoiceField(label="Attending officer", queryset=User.objects.none(),
                                               required=False)
    narrative = forms.CharField(
        label="Narrative", widget=forms.Textarea(attrs={"rows": 10}), strip=True,
        error_messages={"required": "Enter the narrative: what happened, who was there and what was done."},
        help_text=f"What happened, who was there and what was done. Up to {NARRATIVE_MAX:,} characters. "
                  "It is screened for children.",
    )
    da_risk_tool = forms.ChoiceField(label="Domestic abuse risk tool", required=False,
                                     choices=[("", "Not applicable")] + list(Incident.RiskTool.choices))
    da_risk_level = forms.ChoiceField(label="Domestic abuse risk level", required=False,
                                      choices=[("", "Not applicable")] + list(Incident.RiskLevel.choices))
    marac_referral = forms.BooleanField(label="Referred to MARAC", required=False)

    def __init__(self, *args, force, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["incident_type"].queryset = IncidentType.objects.filter(active=True)
        self.fields["attending_officer"].queryset = officers_of(force)
        self.fields["narrative"].max_length = None  # the service gives the one clear message

    def clean(self):
        data = super().clean()
        if data.get("occurred_date") and data.get("occurred_time"):
            data["occurred_at"] = _aware(data["occurred_date"], data["occurred_time"])
        address = [data.get(n) for n in ("address_line1", "address_town", "address_postcode")]
        if any(address) and not (data.get("address_line1") and data.get("address_town")):
            self.add_error("address_line1", "Enter at least the first line and town of the address, or leave the "
                                            "address blank.")
        return data

    @classmethod
    def initial_for(cls, incident: Incident) -> dict:
        local = timezone.localtime(incident.occurred_at)
        address = incident.address
        return {
            "reference": incident.reference, "incident_type": incident.incident_type_id,
            "occurred_date": local.date(), "occurred_time": local.time().replace(second=0, microsecond=0),
            "location": incident.location, "narrative": incident.narrative,
            "attending_officer": incident.attending_officer_id,
            "address_line1": address.line1 if address else "", "address_town": address.town if address else "",
            "address_postcode": address.postcode if address else "",
            "address_authority": address.local_authority if address else "",
            "da_risk_tool": incident.da_risk_tool, "da_risk_level": incident.da_risk_level,
            "marac_referral": incident.marac_referral,
        }


class PersonDetailsMixin(forms.Form):
    forenames = forms.CharField(label="First names", max_length=100, required=False)
    surname = forms.CharField(label="Last name", max_length=100, required=False)
    date_of_birth = forms.DateField(label="Date of birth", required=False, widget=DateInput())
    gender = forms.ChoiceField(label="Gender", choices=Person.Gender.choices, initial=Person.Gender.UNKNOWN,
                               required=False)


class LinkPersonForm(PersonDetailsMixin):
    role = forms.ChoiceField(label="Role in the incident", choices=IncidentPerson.Role.choices,
                             widget=forms.RadioSelect)
    existing_person = forms.IntegerField(label="Existing person record number", required=False, min_value=1,
                                         max_value=MAX_ID,
                                         help_text="Or leave blank and enter the person's details below to create "
                                                   "a new record.")

    field_order = ["role", "existing_person", "forenames", "surname", "date_of_birth", "gender"]

    def clean(self):
        data = super().clean()
        if not data.get("existing_person") and not (data.get("forenames") and data.get("surname")):
            raise ValidationError("Enter an existing person record number, or the first names and last name of "
                                  "a new person.")
        return data


class AssessmentForm(PersonDetailsMixin):
    """The child safeguarding assessment (domain.md A2, A5, I1). Without JavaScript every section
    shows; the service checks which fields the chosen options need."""

    existing_person = forms.IntegerField(
        label="Existing person record number for the child", required=False, min_value=1, max_value=MAX_ID,
        help_text="If the child already has a record. Otherwise enter their details to create one.",
    )
    seen_and_heard = forms.CharField(label="What was seen and heard", widget=forms.Textarea(attrs={"rows": 4}))
    child_spoken_to = forms.ChoiceField(label="Was the child spoken to?", choices=YES_NO, widget=forms.RadioSelect)
    child_said = forms.CharField(label="What the child said", required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}), help_text="In their own words.")
    child_demeanour = forms.CharField(label="The child's demeanour", required=False,
                                      widget=forms.Textarea(attrs={"rows": 2}))
    not_spoken_reason = forms.CharField(label="Why the child could not be spoken to", required=False,
                                        widget=forms.Textarea(attrs={"rows": 2}),
                                        help_text="For example: a baby; asleep; too distressed.")
    immediate_needs = forms.CharField(label="The child's immediate safety and needs",
                                      widget=forms.Textarea(attrs={"rows": 3}))
    risk_grade = forms.ChoiceField(label="Risk grade", choices=A.RiskGrade.choices, widget=forms.RadioSelect)
    immediate_action = forms.ChoiceField(label="Immediate action", choices=A.Action.choices,
                                         widget=forms.RadioSelect)
    safe_adult_name = forms.CharField(label="Name of the safe adult", max_length=200, required=False)
    action_detail = forms.CharField(label="Details of the action taken", required=False,
                                    widget=forms.Textarea(attrs={"rows": 2}))
    not_independently_mobile = forms.BooleanField(
        label="The child is not independently mobile (not crawling, bottom-shuffling, cruising or walking)",
        required=False, help_text="Every baby under 6 months counts as not mobile.",
    )
    injury_seen = forms.BooleanField(label="Any bruise, injury or mark that might be one was seen", required=False)
    referral_decision = forms.ChoiceField(label="Referral to children's social care", choices=A.Referral.choices,
                                          widget=forms.RadioSelect)
    referral_rationale = forms.CharField(label="Rationale for the referral decision",
                                         widget=forms.Textarea(attrs={"rows": 3}))
    organisation = forms.ModelChoiceField(
        label="Children's social care team", queryset=Organisation.objects.none(), required=False,
        empty_label="The team for the child's home area",
        help_text="Leave as it is to send the referral to the team for the child's home area.",
    )
    school = forms.ModelChoiceField(label="Child's school (domestic abuse: Operation Encompass)",
                                    queryset=Organisation.objects.none(), required=False,
                                    empty_label="The school on the child's record")
    where_child_was = forms.CharField(label="Where the child was during the incident", max_length=300,
                                      required=False)
    pp_taken_date = forms.DateField(label="Date taken into police protection", required=False, widget=DateInput())
    pp_taken_time = forms.TimeField(label="Time taken into police protection", required=False, widget=TimeInput())
    accommodation = forms.CharField(label="Where the child is accommodated", max_length=300, required=False)
    designated_officer = forms.ModelChoiceField(label="Designated officer", queryset=User.objects.none(),
                                                required=False)

    field_order = ["existing_person", "forenames", "surname", "date_of_birth", "gender"]

    def __init__(self, *args, incident: Incident, needs_person: bool, **kwargs):
        super().__init__(*args, **kwargs)
        force = incident.force
        self.needs_person = needs_person
        self.fields["organisation"].queryset = Organisation.objects.filter(
            force=force, kind=Organisation.Kind.CHILDRENS_SOCIAL_CARE)
        self.fields["school"].queryset = Organisation.objects.filter(force=force, kind=Organisation.Kind.SCHOOL)
        self.fields["designated_officer"].queryset = officers_of(force)
        if not needs_person:
            for name in ("existing_person", "forenames", "surname", "date_of_birth", "gender"):
                del self.fields[name]
        if not incident.incident_type.is_domestic_abuse:
            del self.fields["school"]
            del self.fields["where_child_was"]

    def clean(self):
        data = super().clean()
        data["spoken"] = data.get("child_spoken_to") == "yes"
        if self.needs_person and not data.get("existing_person") and not (data.get("forenames")
                                                                          and data.get("surname")):
            self.add_error("forenames", "Enter the child's existing record number, or their first names and last "
                                        "name to create a record.")
        if data.get("immediate_action") == A.Action.POLICE_PROTECTION:
            if not (data.get("pp_taken_date") and data.get("pp_taken_time")):
                self.add_error("pp_taken_date", "Enter the date and time the child was taken into police protection.")
            if not data.get("accommodation"):
                self.add_error("accommodation", "Say where the child is accommodated.")
        if data.get("pp_taken_date") and data.get("pp_taken_time"):
            data["pp_taken_at"] = _aware(data["pp_taken_date"], data["pp_taken_time"])
        return data


class CloseForm(forms.Form):
    note = forms.CharField(label="Closing note", required=False, widget=forms.Textarea(attrs={"rows": 2}),
                           max_length=5000)


class ReopenForm(forms.Form):
    reason = forms.CharField(label="Why reopen the incident", widget=forms.Textarea(attrs={"rows": 2}),
                             max_length=5000)


class OverrideForm(forms.Form):
    reason = forms.CharField(
        label="Why no safeguarding assessment is needed", widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
        help_text="This decision and its reason stay visible in the child to notice queue.",
    )


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(label="Decision", choices=Referral.Decision.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="Notes", required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class SendEncompassForm(forms.Form):
    school = forms.ModelChoiceField(label="The child's school", queryset=Organisation.objects.none())

    def __init__(self, *args, force, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["school"].queryset = Organisation.objects.filter(force=force, kind=Organisation.Kind.SCHOOL)


class ReleaseForm(forms.Form):
    reason = forms.CharField(label="Released to whom, and why (or EPO granted)",
                             widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file", help_text="A UTF-8 CSV export with a header row. See the column list.")
