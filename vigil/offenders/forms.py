"""Forms parse input; the rules live in services.py, whose ValidationErrors are shown on the form."""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.core.exceptions import ValidationError

from vigil.accounts.models import User
from vigil.core.clock import LONDON
from vigil.offenders.access import offender_managers
from vigil.offenders.models import (
    Breach,
    Conviction,
    CustodyPeriod,
    HomeVisit,
    Notification,
    Order,
    Registrant,
    RiskAssessment,
)


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%H:%M")


def _enter(label):
    return {"required": f"Enter the {label[0].lower()}{label[1:]}.",
            "invalid": f"Enter the {label[0].lower()}{label[1:]} as a real date or time."}


def _date(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, help_text=help_text, widget=forms.DateInput(),
                           error_messages=_enter(label))


def _time(label, *, required=True, help_text="24-hour clock, for example 19:30"):
    return forms.TimeField(label=label, required=required, help_text=help_text, widget=TimeInput(),
                           error_messages=_enter(label))


def _text(label, *, required=False, rows=3, max_length=5000, help_text=""):
    return forms.CharField(label=label, required=required, max_length=max_length, help_text=help_text,
                           widget=forms.Textarea(attrs={"rows": rows}),
                           error_messages={"required": f"Enter the {label[0].lower()}{label[1:]}."})


def combine(form, date_field, time_field, target):
    """Join a date and a time field into an aware Europe/London datetime under `target`."""
    day, at = form.cleaned_data.get(date_field), form.cleaned_data.get(time_field)
    if day and at:
        form.cleaned_data[target] = datetime.combine(day, at, tzinfo=LONDON)
    else:
        form.cleaned_data[target] = None


def officers(force_id):
    return User.objects.filter(force_id=force_id, is_active=True).order_by("last_name", "first_name")


def managers(force_id):
    return User.objects.filter(pk__in=offender_managers(force_id)).order_by("last_name", "first_name")


class UserChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return obj.display_name


class ConvictionFields(forms.Form):
    kind = forms.ChoiceField(label="Conviction, finding or caution", choices=Conviction.Kind.choices,
                             widget=forms.RadioSelect,
                             error_messages={"required": "Choose conviction, finding or caution."})
    offence = forms.CharField(label="Offence", max_length=300, error_messages={"required": "Enter the offence."})
    relevant_date = _date("Relevant date", help_text="The date of the conviction, finding or caution (s.82(6)).")
    age_on_relevant_date = forms.IntegerField(
        label="Age on the relevant date", required=False, min_value=0, max_value=120,
        help_text="Worked out from the date of birth when it is known.")
    disposal = forms.ChoiceField(label="Disposal", choices=Conviction.DISPOSALS, widget=forms.RadioSelect,
                                 error_messages={"required": "Choose the disposal."})
    term_months = forms.IntegerField(
        label="Term in months", required=False,
        help_text="Imprisonment or detention and training order only: the full term the court gave.")
    discharge_months = forms.IntegerField(label="Conditional discharge period in months", required=False)
    court = forms.CharField(label="Court", max_length=200, required=False)

    def conviction(self) -> dict:
        data = self.cleaned_data
        return {name: data.get(name) for name in ConvictionFields.base_fields}


class RegisterForm(ConvictionFields):
    manager = UserChoice(label="Named offender manager", queryset=User.objects.none(),
                         error_messages={"required": "Choose the named offender manager."})
    managed_from = _date("Managed from", help_text="When this force started managing them.")
    visor_ref = forms.CharField(label="ViSOR reference", max_length=40, required=False)
    mappa_category = forms.TypedChoiceField(label="MAPPA category", coerce=int, initial=1,
                                            choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")])
    mappa_level = forms.TypedChoiceField(label="MAPPA level", coerce=int, initial=1,
                                         choices=[(1, "1"), (2, "2"), (3, "3")])
    in_custody = forms.BooleanField(label="Still in custody or hospital for this offence", required=False)
    initial_notified_on = _date("Initial notification given on", required=False,
                                help_text="Leave blank if they have not yet made the initial notification.")

    field_order = ["manager", "managed_from", "visor_ref", "mappa_category", "mappa_level", "kind", "offence",
                   "relevant_date", "age_on_relevant_date", "disposal", "term_months", "discharge_months", "court",
                   "in_custody", "initial_notified_on"]

    def __init__(self, *args, force_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = managers(force_id)


class RegistrantForm(forms.Form):
    visor_ref = forms.CharField(label="ViSOR reference", max_length=40, required=False)
    mappa_category = forms.TypedChoiceField(label="MAPPA category", coerce=int,
                                            choices=[(1, "1"), (2, "2"), (3, "3"), (4, "4")])
    mappa_level = forms.TypedChoiceField(label="MAPPA level", coerce=int, choices=[(1, "1"), (2, "2"), (3, "3")])


class OrderForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of order", choices=Order.Kind.choices)
    made_on = _date("Made on")
    ends_on = _date("Ends on", required=False, help_text="Leave blank if it runs until further order.")
    conditions = _text("Conditions (prohibitions)", required=True, rows=4)
    court = forms.CharField(label="Court", max_length=200, required=False)


class CustodyForm(forms.Form):
    kind = forms.ChoiceField(label="Where", choices=CustodyPeriod.Kind.choices, widget=forms.RadioSelect)
    from_date = _date("From")
    released_on = _date("Released or returned on", required=False, help_text="Leave blank if still detained or abroad.")


class ReleaseForm(forms.Form):
    released_on = _date("Released or returned on")


class NotificationForm(forms.Form):
    """Fields shown depend on the kind (see KIND_FIELDS); unused ones are removed."""

    notified_on = _date("Date notified")
    notified_time = _time("Time notified")
    station = forms.CharField(label="Police station", max_length=200, required=False)
    change = forms.ChoiceField(label="What changed", choices=Notification.Change.choices, widget=forms.RadioSelect,
                               error_messages={"required": "Choose what changed."})
    event_on = _date("Date of the change")
    line1 = forms.CharField(label="Address line 1", max_length=200, required=False)
    line2 = forms.CharField(label="Address line 2", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100, required=False)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False)
    no_fixed_abode = forms.BooleanField(
        label="No sole or main residence (notifies a place where they can regularly be found: weekly notification)",
        required=False)
    departure_on = _date("Departure date")
    departure_time = _time("Departure time")
    details_known_on = _date("Travel details known on")
    destination = forms.CharField(label="Country of destination", max_length=200,
                                  error_messages={"required": "Enter the country of destination."})
    return_on = _date("Return date", required=False)
    stay_began_on = _date("Stay began on")
    stay_began_time = _time("Stay began at")
    details = _text("Other details given")

    KIND_FIELDS = {
        Notification.Kind.INITIAL: ("line1", "line2", "town", "postcode", "no_fixed_abode"),
        Notification.Kind.PERIODIC: ("line1", "line2", "town", "postcode", "no_fixed_abode"),
        Notification.Kind.CHANGE: ("change", "event_on", "line1", "line2", "town", "postcode", "no_fixed_abode"),
        Notification.Kind.TRAVEL: ("departure_on", "departure_time", "details_known_on", "destination", "return_on"),
        Notification.Kind.HOUSEHOLD: ("stay_began_on", "stay_began_time", "line1", "line2", "town", "postcode"),
        Notification.Kind.OTHER: (),
    }
    COMMON = ("notified_on", "notified_time", "station", "details")

    def __init__(self, *args, kind, **kwargs):
        super().__init__(*args, **kwargs)
        keep = set(self.COMMON) | set(self.KIND_FIELDS[kind])
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        if kind == Notification.Kind.HOUSEHOLD:
            self.fields["line1"].label = "Address of the household: line 1"

    def clean(self):
        super().clean()
        combine(self, "notified_on", "notified_time", "notified_at")
        if "departure_on" in self.fields:
            combine(self, "departure_on", "departure_time", "departure_at")
        if "stay_began_on" in self.fields:
            combine(self, "stay_began_on", "stay_began_time", "stay_began_at")
        return self.cleaned_data


class RiskAssessmentForm(forms.Form):
    tool = forms.ChoiceField(label="Tool", choices=RiskAssessment.Tool.choices)
    level = forms.ChoiceField(label="Risk level", choices=RiskAssessment.LEVELS, widget=forms.RadioSelect,
                              error_messages={"required": "Choose the risk level."})
    assessed_on = _date("Assessed on")
    next_review_due = _date("Next review due")
    notes = _text("Notes")


class VisitForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of visit", choices=HomeVisit.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose planned or unannounced."})
    visited_on = _date("Date of the visit")
    visited_time = _time("Time of the visit")
    second_officer = UserChoice(label="Second officer", queryset=User.objects.none(), required=False,
                                help_text="For a two-officer visit.")
    outcome = forms.ChoiceField(label="Outcome", choices=HomeVisit.Outcome.choices, widget=forms.RadioSelect,
                                error_messages={"required": "Choose the outcome of the visit."})
    children_seen = forms.BooleanField(label="Children seen at the address", required=False)
    children = forms.ModelMultipleChoiceField(
        label="Children seen", queryset=None, required=False, widget=forms.CheckboxSelectMultiple,
        help_text="Children recorded as living at the address.")
    children_details = _text("Describe any children seen", help_text="Names, approximate ages, relationship to "
                             "the household, if they are not in the list.")
    observations = _text("Observations", rows=4)
    concerns = _text("Concerns")
    actions = _text("Actions")

    def __init__(self, *args, force_id, officer_id, candidates, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["second_officer"].queryset = officers(force_id).exclude(pk=officer_id)
        self.fields["children"].queryset = candidates
        self.fields["children"].label_from_instance = lambda p: f"{p.full_name} (born {p.date_of_birth:%d %B %Y})"
        if not candidates.exists():
            del self.fields["children"]

    def clean(self):
        super().clean()
        combine(self, "visited_on", "visited_time", "visited_at")
        return self.cleaned_data


class IntelligenceForm(forms.Form):
    received_on = _date("Received on")
    summary = _text("Summary", required=True, rows=4)
    source = forms.CharField(label="Source", max_length=200, required=False)


class ManagementForm(forms.Form):
    mode = forms.ChoiceField(label="Management", choices=Registrant.Management.choices, widget=forms.RadioSelect)
    reason = _text("Reason for the decision", required=True)


class ReassignForm(forms.Form):
    manager = UserChoice(label="New offender manager", queryset=User.objects.none(),
                         error_messages={"required": "Choose the new offender manager."})
    reason = _text("Reason", required=True)

    def __init__(self, *args, force_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["manager"].queryset = managers(force_id)


class EndForm(forms.Form):
    reason = forms.ChoiceField(label="Why management ends", choices=Registrant.EndReason.choices,
                               widget=forms.RadioSelect, error_messages={"required": "Choose why management ends."})
    ended_on = _date("Ends on")
    note = _text("Notes")


class BreachForm(forms.Form):
    kind = forms.ChoiceField(label="Kind of breach", choices=Breach.Kind.choices)
    opened_on = _date("First day of the failure")
    summary = _text("What happened", required=True, rows=4)


class BreachCloseForm(forms.Form):
    outcome = forms.ChoiceField(label="Outcome", choices=Breach.Outcome.choices, widget=forms.RadioSelect)
    notes = _text("Reasons", required=True, rows=4)


def apply_service_error(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on its field when the form has it, otherwise at the top."""
    aliases = {"notified_at": "notified_on", "visited_at": "visited_on", "departure_at": "departure_on",
               "stay_began_at": "stay_began_on"}
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            name = aliases.get(name, name)
            form.add_error(name if name in form.fields else None, [m for e in errors for m in e.messages])
    else:
        form.add_error(None, exc.messages)
