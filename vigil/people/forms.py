"""Forms for the people pages. They parse and check input; vigil.people.services writes."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError

from vigil.people import services
from vigil.people.models import Marker, Person, PersonAddress, PersonName, Relationship

DATE_HINT = "For example, 27/03/2012"


class PeopleForm(forms.Form):
    """Error messages that name the field, as the GOV.UK Design System asks."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            label = str(field.label or "This field")
            if field.error_messages.get("required") == forms.Field.default_error_messages["required"]:
                verb = "Choose" if isinstance(field, forms.ChoiceField) else "Enter"
                field.error_messages["required"] = f"{verb} {label[0].lower()}{label[1:]}"
            if getattr(field, "max_length", None):
                field.error_messages["max_length"] = f"{label} must be {field.max_length} characters or fewer"
            if isinstance(field, forms.DateField):
                field.error_messages["invalid"] = f"{label} must be a real date, for example 27/03/2012"
            if isinstance(field, forms.IntegerField):
                field.error_messages["invalid"] = f"{label} must be a whole number"


def _date(label: str, required: bool = False, help_text: str = DATE_HINT) -> forms.DateField:
    return forms.DateField(label=label, required=required, help_text=help_text,
                           widget=forms.DateInput(attrs={"type": "date"}))


def _check_order(form, start: str, end: str, message: str) -> None:
    data = form.cleaned_data
    if data.get(start) and data.get(end) and data[end] < data[start]:
        form.add_error(end, message)


class SearchForm(PeopleForm):
    forenames = forms.CharField(label="Forenames", max_length=100, required=False)
    surname = forms.CharField(label="Surname", max_length=100, required=False)
    date_of_birth = _date("Date of birth")
    age_min = forms.IntegerField(label="Aged from", required=False, min_value=0, max_value=130,
                                 widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}))
    age_max = forms.IntegerField(label="Aged up to", required=False, min_value=0, max_value=130,
                                 widget=forms.NumberInput(attrs={"class": "govuk-input--width-3"}))

    def clean(self):
        data = super().clean()
        if not (data.get("surname") or "").strip() and not data.get("date_of_birth") and not self.errors:
            self.add_error("surname", "Enter a surname, or a forename and date of birth")
        elif not (data.get("surname") or data.get("forenames") or "").strip() and not self.errors:
            self.add_error("forenames", "Enter a name to search for")
        if data.get("age_min") is not None and data.get("age_max") is not None and data["age_max"] < data["age_min"]:
            self.add_error("age_max", "The upper age must be the same as or more than the lower age")
        return data

    def query(self) -> dict:
        data = self.cleaned_data
        return {
            "forenames": (data.get("forenames") or "").strip(), "surname": (data.get("surname") or "").strip(),
            "date_of_birth": data.get("date_of_birth"), "age_min": data.get("age_min"), "age_max": data.get("age_max"),
        }


class PersonForm(PeopleForm):
    forenames = forms.CharField(label="Forenames", max_length=100)
    surname = forms.CharField(label="Surname", max_length=100)
    date_of_birth = _date("Date of birth")
    gender = forms.ChoiceField(label="Gender", choices=Person.Gender.choices, initial=Person.Gender.UNKNOWN,
                               widget=forms.RadioSelect(attrs={"class": "govuk-radios--inline"}))
    pnc_id = forms.CharField(label="PNC ID", max_length=20, required=False, help_text="For example, 09/123456X")
    nhs_number = forms.CharField(label="NHS number", max_length=13, required=False,
                                 help_text="10 digits, for example 943 476 5919")
    restricted = forms.BooleanField(
        label="Restrict this record", required=False,
        help_text="Only people and teams named on it may open it, and each opening needs a reason.",
    )

    def clean_date_of_birth(self):
        return services.clean_date_of_birth(self.cleaned_data.get("date_of_birth"))

    def clean_pnc_id(self):
        return services.clean_pnc_id(self.cleaned_data.get("pnc_id", ""))

    def clean_nhs_number(self):
        return services.clean_nhs_number(self.cleaned_data.get("nhs_number", ""))


NEW_RECORD = "new"


class DuplicateDecisionForm(PeopleForm):
    """Shown when a new person looks like people already recorded."""

    decision = forms.ChoiceField(label="Is this one of these people?", widget=forms.RadioSelect,
                                 error_messages={"required": "Choose a record, or choose to create a new one",
                                                 "invalid_choice": "Choose one of the records shown"})
    reason = forms.CharField(label="Why is this a different person?", max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text="Needed when you create a new record. For example, a different date of birth.")

    def __init__(self, *args, matches=(), **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(str(m.person.pk), f"Use {m.person.full_name} (ID {m.person.pk})") for m in matches]
        choices.append((NEW_RECORD, "None of these: create a new record"))
        self.fields["decision"].choices = choices

    def clean(self):
        data = super().clean()
        if data.get("decision") == NEW_RECORD and len((data.get("reason") or "").strip()) < 5:
            self.add_error("reason", "Say why this is a different person from those shown")
        return data


class AliasForm(PeopleForm):
    forenames = forms.CharField(label="Forenames", max_length=100)
    surname = forms.CharField(label="Surname", max_length=100)
    kind = forms.ChoiceField(label="Kind of name", widget=forms.RadioSelect,
                             choices=[c for c in PersonName.Kind.choices if c[0] != PersonName.Kind.PRIMARY])


class AddressForm(PeopleForm):
    line1 = forms.CharField(label="Address line 1", max_length=200)
    line2 = forms.CharField(label="Address line 2", max_length=200, required=False)
    town = forms.CharField(label="Town or city", max_length=100)
    postcode = forms.CharField(label="Postcode", max_length=10, required=False,
                               widget=forms.TextInput(attrs={"class": "govuk-input--width-10", "autocomplete": "off"}))
    local_authority = forms.CharField(label="Local authority", max_length=120, required=False)
    kind = forms.ChoiceField(label="Kind of address", choices=PersonAddress.Kind.choices, widget=forms.RadioSelect,
                             initial=PersonAddress.Kind.HOME)
    from_date = _date("Date they moved in")
    to_date = _date("Date they left", help_text="Leave blank if they still live here")

    def clean(self):
        data = super().clean()
        _check_order(self, "from_date", "to_date", "The date they left must be on or after the date they moved in")
        return data


class EndAddressForm(PeopleForm):
    to_date = _date("Date they left", required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_date"].error_messages["required"] = "Enter the date they left"


class RelationshipForm(PeopleForm):
    kind = forms.ChoiceField(label="This person is the", choices=Relationship.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose the kind of relationship"})
    other = forms.IntegerField(label="Person ID of the other person", min_value=1,
                               error_messages={"required": "Enter the person ID of the other person"},
                               help_text="Find them below if you do not know their ID",
                               widget=forms.NumberInput(attrs={"class": "govuk-input--width-10"}))
    from_date = _date("From")
    to_date = _date("Until", help_text="Leave blank if it continues")
    notes = forms.CharField(label="Notes", max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def clean(self):
        data = super().clean()
        _check_order(self, "from_date", "to_date", "The end date must be on or after the start date")
        return data


class MarkerForm(PeopleForm):
    kind = forms.ChoiceField(label="Warning marker", choices=Marker.Kind.choices, widget=forms.RadioSelect,
                             error_messages={"required": "Choose a warning marker"})
    start_date = _date("Start date", required=True)
    review_date = _date("Review date")
    end_date = _date("End date", help_text="Leave blank while it applies")
    notes = forms.CharField(label="Notes", max_length=500, required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def clean(self):
        data = super().clean()
        _check_order(self, "start_date", "review_date", "The review date must be on or after the start date")
        _check_order(self, "start_date", "end_date", "The end date must be on or after the start date")
        return data


class EndMarkerForm(PeopleForm):
    end_date = _date("End date", required=True)
    reason = forms.CharField(label="Why it no longer applies", max_length=500, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))


class ChooseOtherForm(PeopleForm):
    other = forms.IntegerField(label="Person ID of the duplicate record", min_value=1,
                               error_messages={"required": "Enter the person ID of the duplicate record"},
                               widget=forms.NumberInput(attrs={"class": "govuk-input--width-10"}))


class MergeForm(PeopleForm):
    other = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    reason = forms.CharField(label="Why are these the same person?", max_length=2000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Say why these are the same person"})


class ReasonForm(PeopleForm):
    reason = forms.CharField(label="Why do you need to open this record?", max_length=1000,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": "Give a reason of at least 10 characters"},
                             help_text="At least 10 characters. For example, the incident or case you are working on.")

    def clean_reason(self):
        reason = (self.cleaned_data.get("reason") or "").strip()
        if len(reason) < 10:
            raise ValidationError("Give a reason of at least 10 characters")
        return reason


def apply_service_error(form, exc: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field when it names one the form has."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, [e for err in errors for e in err.messages])
    else:
        form.add_error(None, exc.messages)
