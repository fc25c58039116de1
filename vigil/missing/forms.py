"""Forms parse and check input; vigil.missing.services and .profiles do the writing.

Dates and times are entered as London wall-clock times (in the repeated October hour, the first
01:xx is taken).
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.utils import timezone

from vigil.accounts.models import Organisation, User
from vigil.accounts.roles import Role
from vigil.core.clock import LONDON
from vigil.missing import rules
from vigil.missing.models import TEXT_MAX, Grade, MissingEpisode, PlaceKind, ReturnHomeInterview
from vigil.missing.services import RISK_FACTORS
from vigil.people.models import Person

INFO_ROWS = 3


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def date_field(label, required=True, help_text=""):
    return forms.DateField(label=label, widget=DateInput(), required=required, help_text=help_text,
                           error_messages={"required": f"Enter the {label.lower()}.",
                                           "invalid": "Enter a real date, for example 2026-05-01."})


def time_field(label, required=True):
    return forms.TimeField(label=label, widget=TimeInput(), required=required, help_text="24-hour clock, like 16:45.",
                           error_messages={"required": f"Enter the {label.lower()}.",
                                           "invalid": "Enter a time like 16:45."})


def text(label, required=True, rows=3, help_text="", max_length=TEXT_MAX):
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": f"Enter {label[0].lower()}{label[1:]}."})


def line(label, required=True, max_length=200, help_text=""):
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text,
                           error_messages={"required": f"Enter {label[0].lower()}{label[1:]}."})


def combine(day, at) -> datetime | None:
    if day is None or at is None:
        return None
    return datetime.combine(day, at, tzinfo=LONDON)


def split(moment: datetime) -> tuple:
    local = timezone.localtime(moment, LONDON)
    return local.date(), local.time().replace(second=0, microsecond=0)


def supervisors_of(force):
    return (User.objects.filter(force=force, is_active=True, organisation__isnull=True,
                                role_assignments__role__in=[Role.SUPERVISOR, Role.SENIOR_OFFICER])
            .distinct().order_by("last_name", "first_name"))


class ReportForm(forms.Form):
    # The child, when not already on Vigil.
    forenames = line("Child's first names", required=False, max_length=100)
    surname = line("Child's last name", required=False, max_length=100)
    date_of_birth = date_field("Date of birth", required=False)
    gender = forms.ChoiceField(label="Sex", choices=Person.Gender.choices, required=False)
    age_estimate = forms.IntegerField(label="Approximate age", required=False, min_value=0, max_value=120,
                                      help_text="Only if the date of birth is not known.",
                                      widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}))
    # The report.
    reporter_name = line("Reporting person's name")
    reporter_contact = line("Reporting person's phone number or contact")
    reporter_relationship = line("Their relationship to the child", max_length=100,
                                 help_text="For example: mother, foster carer, residential care worker.")
    reported_date = date_field("Date the report was received")
    reported_time = time_field("Time the report was received")
    last_seen_date = date_field("Date last seen")
    last_seen_time = time_field("Time last seen")
    last_seen_place = line("Where the child was last seen", max_length=300,
                           help_text="In words, for example 'leaving Willow House by the back gate'.")
    last_seen_known = forms.ModelChoiceField(label="Last seen at one of the child's addresses", required=False,
                                             queryset=Person.objects.none(), empty_label="Not at a known address")
    last_seen_line1 = line("Or another address: line 1", required=False)
    last_seen_town = line("Town", required=False, max_length=100)
    last_seen_postcode = line("Postcode", required=False, max_length=10)
    last_seen_lat = forms.DecimalField(label="Map point: latitude", required=False, max_digits=9, decimal_places=6,
                                       help_text="Decimal degrees, for example 52.4612.")
    last_seen_lon = forms.DecimalField(label="Map point: longitude", required=False, max_digits=9, decimal_places=6,
                                       help_text="Decimal degrees, for example -1.6205.")
    circumstances = text("Circumstances", rows=5, help_text="What happened before the child went, and why the "
                         "reporting person is worried. Do not mistake a lack of information for safety.")
    description = text("Description", required=False)
    clothing = text("Clothing", required=False)
    placement = forms.ChoiceField(label="Where the child lives", choices=MissingEpisode.Placement.choices,
                                  widget=forms.RadioSelect, initial=MissingEpisode.Placement.HOME)
    placing_authority = forms.ModelChoiceField(label="Placing authority (looked-after children)", required=False,
                                               queryset=Organisation.objects.none(), empty_label="Not looked after")
    supervisor = forms.ModelChoiceField(label="Supervisor who owns the episode", queryset=User.objects.none(),
                                        empty_label="Choose a supervisor",
                                        error_messages={"required": "Choose the supervisor who owns the episode."})

    def __init__(self, *args, force, person=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.person = person
        if person is not None:
            for name in ("forenames", "surname", "date_of_birth", "gender"):
                del self.fields[name]
            if person.date_of_birth:
                del self.fields["age_estimate"]
            self.fields["last_seen_known"].queryset = person.addresses.all().select_related("address")
            self.fields["last_seen_known"].label_from_instance = lambda link: str(link)
        else:
            del self.fields["last_seen_known"]
        self.fields["placing_authority"].queryset = Organisation.objects.filter(
            force=force, kind=Organisation.Kind.CHILDRENS_SOCIAL_CARE)
        self.fields["supervisor"].queryset = supervisors_of(force)

    def clean(self):
        data = super().clean()
        if self.person is None and not self.errors:
            if not (data.get("forenames") or "").strip() or not (data.get("surname") or "").strip():
                self.add_error("forenames", "Enter the child's first names and last name.")
        lat, lon = data.get("last_seen_lat"), data.get("last_seen_lon")
        if (lat is None) != (lon is None):
            self.add_error("last_seen_lat", "Enter both latitude and longitude, or neither.")
        if data.get("last_seen_line1") and not data.get("last_seen_town"):
            self.add_error("last_seen_town", "Enter the town of the address.")
        data["reported_at"] = combine(data.get("reported_date"), data.get("reported_time"))
        data["last_seen_at"] = combine(data.get("last_seen_date"), data.get("last_seen_time"))
        return data


class InfoFields:
    @staticmethod
    def add(form, rows=INFO_ROWS):
        for i in range(1, rows + 1):
            form.fields[f"info_detail_{i}"] = text(f"Information {i}: what was learnt", required=False, rows=2,
                                                   max_length=2000)
            form.fields[f"info_source_{i}"] = line(f"Information {i}: who supplied it (name and contact)",
                                                   required=False, max_length=300)
            form.fields[f"info_date_{i}"] = date_field(f"Information {i}: date obtained", required=False)
            form.fields[f"info_time_{i}"] = time_field(f"Information {i}: time obtained", required=False)

    @staticmethod
    def items(data, rows=INFO_ROWS) -> list[dict]:
        return [{"detail": data.get(f"info_detail_{i}") or "", "source": data.get(f"info_source_{i}") or "",
                 "obtained_at": combine(data.get(f"info_date_{i}"), data.get(f"info_time_{i}"))}
                for i in range(1, rows + 1)]


class GradeForm(forms.Form):
    grade = forms.ChoiceField(label="Risk grade", choices=Grade.choices, widget=forms.RadioSelect,
                              error_messages={"required": "Choose the risk grade."})
    factors = forms.MultipleChoiceField(label="Risk factors present", required=False,
                                        choices=list(RISK_FACTORS.items()), widget=forms.CheckboxSelectMultiple)
    rationale = text("Rationale for the grade", rows=4)
    override_reason = text("Override reason", required=False,
                           help_text="Needed only when the grade is below the minimum for this child.")

    def __init__(self, *args, minimum=None, **kwargs):
        super().__init__(*args, **kwargs)
        InfoFields.add(self)
        # Keep the override reason last, after the information items.
        self.fields["override_reason"] = self.fields.pop("override_reason")
        if minimum is not None and minimum.grade != "very_low":
            self.fields["override_reason"].help_text = (
                f"Needed for any grade below {rules.GRADE_LABELS[minimum.grade]}: {minimum.because}.")

    def information(self):
        return InfoFields.items(self.cleaned_data)


class ReviewForm(forms.Form):
    reviewed_date = date_field("Date of the review")
    reviewed_time = time_field("Time of the review")
    note = text("Review: is the risk assessment right, what has been done and what happens next", rows=5)

    def clean(self):
        data = super().clean()
        data["reviewed_at"] = combine(data.get("reviewed_date"), data.get("reviewed_time"))
        return data


class RescueAlertForm(forms.Form):
    decision = forms.ChoiceField(label="Child Rescue Alert decision", widget=forms.RadioSelect,
                                 choices=MissingEpisode.RescueAlert.choices,
                                 error_messages={"required": "Choose the Child Rescue Alert decision."})
    reason = text("Reason for the decision")


class ActionDoneForm(forms.Form):
    outcome = text("What was done and found", rows=2)


INDICATOR_CHOICES = [(k, v) for k, v in rules.INDICATORS.items() if k not in {"far_from_home", "other_force"}]


class FoundForm(forms.Form):
    found_date = date_field("Date found")
    found_time = time_field("Time found")
    place = line("Where the child was found", max_length=300)
    kind = forms.ChoiceField(label="Kind of place", choices=PlaceKind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose what kind of place it was."})
    address_line1 = line("Address line 1", required=False, help_text="If found at an address.")
    address_town = line("Town", required=False, max_length=100)
    address_postcode = line("Postcode", required=False, max_length=10)
    lat = forms.DecimalField(label="Map point: latitude", required=False, max_digits=9, decimal_places=6)
    lon = forms.DecimalField(label="Map point: longitude", required=False, max_digits=9, decimal_places=6)
    found_by = forms.ChoiceField(label="Who found the child", choices=MissingEpisode.FoundBy.choices,
                                 widget=forms.RadioSelect, error_messages={"required": "Choose who found the child."})
    found_by_detail = line("Name or details of who found them", required=False)
    found_with = line("Who the child was with", required=False, max_length=300)
    condition = forms.ChoiceField(label="Condition when found", choices=MissingEpisode.Condition.choices,
                                  widget=forms.RadioSelect,
                                  error_messages={"required": "Choose the child's condition when found."})
    other_force = forms.BooleanField(label="Found in another force's area", required=False)
    indicators = forms.MultipleChoiceField(label="Exploitation indicators", required=False,
                                           choices=INDICATOR_CHOICES, widget=forms.CheckboxSelectMultiple)
    notes = text("Notes", required=False)

    def clean(self):
        data = super().clean()
        data["found_at"] = combine(data.get("found_date"), data.get("found_time"))
        if (data.get("lat") is None) != (data.get("lon") is None):
            self.add_error("lat", "Enter both latitude and longitude, or neither.")
        if data.get("address_line1") and not data.get("address_town"):
            self.add_error("address_town", "Enter the town of the address.")
        return data


class PreventionForm(forms.Form):
    held_date = date_field("Date of the interview")
    held_time = time_field("Time of the interview")
    where_child_was = text("Where the child was while missing")
    place_kind = forms.ChoiceField(label="Kind of place", choices=PlaceKind.choices, initial=PlaceKind.OTHER)
    with_whom = text("Who they were with", required=False, rows=2)
    why = text("Why the child went missing", required=False)
    harm_disclosed = forms.BooleanField(label="The child disclosed harm", required=False)
    indicators = forms.MultipleChoiceField(label="Exploitation indicators", required=False,
                                           choices=INDICATOR_CHOICES, widget=forms.CheckboxSelectMultiple)
    notes = text("Notes", required=False)

    def clean(self):
        data = super().clean()
        data["held_at"] = combine(data.get("held_date"), data.get("held_time"))
        return data


class WaiverForm(forms.Form):
    reason = text("Why no prevention interview is needed", rows=4)


class SupervisorForm(forms.Form):
    supervisor = forms.ModelChoiceField(label="New supervisor", queryset=User.objects.none(),
                                        error_messages={"required": "Choose the new supervisor."})
    reason = text("Why the supervisor is changing", rows=2)

    def __init__(self, *args, force, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["supervisor"].queryset = supervisors_of(force)


class ReturnInterviewForm(forms.Form):
    completed_date = date_field("Date of the interview (or of the last attempt)")
    completed_time = time_field("Time of the interview")
    outcome = forms.ChoiceField(label="Outcome", choices=ReturnHomeInterview.Outcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Choose the outcome."})
    where_child_was = text("Where the child was while missing", required=False, rows=2)
    place_kind = forms.ChoiceField(label="Kind of place", choices=PlaceKind.choices, initial=PlaceKind.OTHER)
    with_whom = text("Who they were with", required=False, rows=2)
    indicators = forms.MultipleChoiceField(label="Exploitation indicators", required=False,
                                           choices=INDICATOR_CHOICES, widget=forms.CheckboxSelectMultiple)
    learning = text("What was learnt, to share with the police", required=False, rows=5)

    def clean(self):
        data = super().clean()
        data["completed_at"] = combine(data.get("completed_date"), data.get("completed_time"))
        return data


class ProfileForm(forms.Form):
    description = text("Physical description", required=False)
    photo = forms.ImageField(label="Recent photograph", required=False,
                             help_text="A JPEG or PNG of the child's face, up to 2 MB.")
    photo_taken = date_field("Date the photograph was taken", required=False)
    phone = line("Child's mobile number", required=False, max_length=40)
    social_media = text("Social media accounts", required=False, rows=2)
    associates = text("Friends and associates", required=False)
    medical = text("Medical needs and medication", required=False, rows=2)
    finance = text("Money and bank cards", required=False, rows=2)
    transport = text("Transport the child uses", required=False, rows=2)
    previous_episodes = text("Previous missing episodes", required=False)
    trigger_plan = text("Trigger plan: what to do at once if the child goes missing", required=False, rows=5)

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        if photo and photo.size > 2 * 1024 * 1024:
            raise forms.ValidationError("The photograph must be 2 MB or smaller.")
        return photo


class ProfilePlaceForm(forms.Form):
    label = line("Name of the place")
    kind = forms.ChoiceField(label="Kind of place", choices=PlaceKind.choices, initial=PlaceKind.OTHER)
    address = line("Address", required=False, max_length=300)
    latitude = forms.DecimalField(label="Latitude", required=False, max_digits=9, decimal_places=6)
    longitude = forms.DecimalField(label="Longitude", required=False, max_digits=9, decimal_places=6)
    notes = line("Notes", required=False, max_length=500)


class MoveProfileForm(forms.Form):
    organisation = forms.ModelChoiceField(label="New care provider", queryset=Organisation.objects.none(),
                                          error_messages={"required": "Choose the new care provider."})

    def __init__(self, *args, force, exclude=None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Organisation.objects.filter(force=force, kind=Organisation.Kind.CARE_PROVIDER)
        if exclude is not None:
            qs = qs.exclude(pk=exclude)
        self.fields["organisation"].queryset = qs


class FindChildForm(forms.Form):
    forenames = line("First names", required=False, max_length=100)
    surname = line("Last name", max_length=100)
