"""Request and response shapes. Writes are validated here and carried out by service functions."""

from __future__ import annotations

import re

from rest_framework import serializers

from vigil.core.models import AuditEvent, Task
from vigil.people.models import Marker, Person, PersonAddress, PersonName, Relationship

MAX_ID = 2**63 - 1
# Royal Mail postcode shape (outward code, space optional, inward code).
POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}$")


def _check_period(attrs, start: str, end: str, message: str, instance=None) -> None:
    first = attrs.get(start, getattr(instance, start, None))
    last = attrs.get(end, getattr(instance, end, None))
    if first and last and last < first:
        raise serializers.ValidationError({end: [message]})


# People -------------------------------------------------------------------------------------------


class PersonSummarySerializer(serializers.ModelSerializer):
    full_name = serializers.CharField(read_only=True)

    class Meta:
        model = Person
        fields = ["id", "forenames", "surname", "full_name", "date_of_birth", "gender", "restricted",
                  "merged_into"]
        read_only_fields = fields


class PersonMatchSerializer(PersonSummarySerializer):
    """A list row; with ?q= also how well and why it matched."""

    score = serializers.SerializerMethodField(help_text="With ?q=: 0 to 100, best first. Otherwise null.")
    reasons = serializers.SerializerMethodField(help_text="With ?q=: why it matched. Otherwise null.")

    class Meta(PersonSummarySerializer.Meta):
        fields = PersonSummarySerializer.Meta.fields + ["score", "reasons"]
        read_only_fields = fields

    def get_score(self, obj) -> int | None:
        match = self.context.get("matches", {}).get(obj.pk)
        return match.score if match else None

    def get_reasons(self, obj) -> list[str] | None:
        match = self.context.get("matches", {}).get(obj.pk)
        return list(match.reasons) if match else None


class PersonSerializer(PersonSummarySerializer):
    age = serializers.SerializerMethodField(help_text="Whole years today (Europe/London), derived when read.")
    is_child = serializers.SerializerMethodField(help_text="Under 18 today, derived when read.")

    class Meta(PersonSummarySerializer.Meta):
        fields = PersonSummarySerializer.Meta.fields + [
            "age", "is_child", "pnc_id", "nhs_number", "created_at", "updated_at",
        ]
        read_only_fields = fields

    def get_age(self, obj: Person) -> int | None:
        return obj.age()

    def get_is_child(self, obj: Person) -> bool:
        return obj.is_child()


class PersonWriteSerializer(serializers.Serializer):
    """Shapes and lengths; the domain checks (date of birth not in the future, NHS number check
    digit, PNC ID format) are vigil.people.services', so the API and the pages agree."""

    forenames = serializers.CharField(max_length=100)
    surname = serializers.CharField(max_length=100)
    date_of_birth = serializers.DateField(required=False, allow_null=True,
                                          help_text="Today or in the past.")
    gender = serializers.ChoiceField(choices=Person.Gender.choices, required=False)
    pnc_id = serializers.CharField(max_length=20, required=False, allow_blank=True,
                                   help_text="Like 09/123456X: year, a slash, the number and a check letter.")
    nhs_number = serializers.CharField(max_length=13, required=False, allow_blank=True,
                                       help_text="Ten digits; spaces are ignored. The check digit is verified.")
    restricted = serializers.BooleanField(required=False, help_text=(
        "Only people and teams named on it may open it, each time with a reason. You are named on it."))


class PersonCreateSerializer(PersonWriteSerializer):
    duplicates_seen = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=MAX_ID), required=False, max_length=50,
        help_text="IDs of the possible duplicates you were shown (answer 409) and decided are other people.",
    )
    decision_reason = serializers.CharField(max_length=500, required=False, allow_blank=True,
                                            help_text="Why this is a different person from those shown.")

    def validate(self, attrs):
        if attrs.get("duplicates_seen") and len(attrs.get("decision_reason", "").strip()) < 5:
            raise serializers.ValidationError(
                {"decision_reason": ["Say why this is a different person from those shown."]})
        return attrs


class DuplicateCandidateSerializer(serializers.Serializer):
    person_id = serializers.IntegerField()
    name = serializers.CharField()
    date_of_birth = serializers.DateField(allow_null=True)
    score = serializers.IntegerField(help_text="0 to 100")
    reasons = serializers.ListField(child=serializers.CharField())


class PossibleDuplicatesSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField()
    candidates = DuplicateCandidateSerializer(many=True)


class PersonNameSerializer(serializers.ModelSerializer):
    kind = serializers.ChoiceField(
        choices=PersonName.Kind.choices, default=PersonName.Kind.ALIAS,
        help_text="Any kind but primary: the primary name is changed on the person itself.",
    )

    class Meta:
        model = PersonName
        fields = ["id", "kind", "forenames", "surname"]
        read_only_fields = ["id"]

    def validate_kind(self, value: str) -> str:
        if value == PersonName.Kind.PRIMARY:
            raise serializers.ValidationError("Change the primary name on the person itself.")
        return value


class AddressSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True, source="address.id")
    kind = serializers.ChoiceField(choices=PersonAddress.Kind.choices, default=PersonAddress.Kind.HOME)
    from_date = serializers.DateField(required=False, allow_null=True)
    to_date = serializers.DateField(required=False, allow_null=True)
    current = serializers.SerializerMethodField(help_text="Lived there today, derived from the dates when read.")
    line1 = serializers.CharField(max_length=200, source="address.line1")
    line2 = serializers.CharField(max_length=200, required=False, allow_blank=True, source="address.line2")
    town = serializers.CharField(max_length=100, source="address.town")
    postcode = serializers.CharField(max_length=10, required=False, allow_blank=True, source="address.postcode")
    local_authority = serializers.CharField(max_length=120, required=False, allow_blank=True,
                                            source="address.local_authority")
    uprn = serializers.CharField(read_only=True, source="address.uprn",
                                 help_text="Unique Property Reference Number, when known.")
    link_id = serializers.IntegerField(read_only=True, source="id", help_text="The person-address link.")

    def get_current(self, obj: PersonAddress) -> bool:
        return obj.is_current()

    def validate_postcode(self, value: str) -> str:
        value = " ".join(value.upper().split())
        if value and not POSTCODE.match(value):
            raise serializers.ValidationError("Enter a real postcode, like MD1 1AA.")
        return value

    def validate(self, attrs):
        _check_period(attrs, "from_date", "to_date", "The end date must be on or after the start date.")
        return attrs


class PersonRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    full_name = serializers.CharField()


class RelationshipSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    direction = serializers.ChoiceField(choices=["from", "to"], read_only=True, help_text=(
        "from: this person is <kind> of the other; to: the other person is <kind> of this person."))
    kind = serializers.ChoiceField(choices=Relationship.Kind.choices,
                                   help_text="On create: this person is the <kind> of the other person.")
    label = serializers.CharField(read_only=True, help_text="How this person relates to the other, in words.")
    other = serializers.IntegerField(min_value=1, max_value=MAX_ID, write_only=True,
                                     help_text="ID of the other person; you must be able to see them.")
    other_person = PersonRefSerializer(read_only=True, allow_null=True, help_text=(
        "Null when the other person is a restricted record you are not named on."))
    from_date = serializers.DateField(required=False, allow_null=True)
    to_date = serializers.DateField(required=False, allow_null=True)
    notes = serializers.CharField(max_length=300, required=False, allow_blank=True)

    def validate(self, attrs):
        _check_period(attrs, "from_date", "to_date", "The end date must be on or after the start date.")
        return attrs


class MarkerSerializer(serializers.ModelSerializer):
    active = serializers.SerializerMethodField(help_text="In force today, derived from the dates when read.")

    class Meta:
        model = Marker
        fields = ["id", "kind", "start_date", "review_date", "end_date", "notes", "active", "created_at"]
        read_only_fields = ["id", "active", "created_at"]

    def get_active(self, obj: Marker) -> bool:
        return obj.is_active()

    def validate(self, attrs):
        _check_period(attrs, "start_date", "end_date", "The end date must be on or after the start date.")
        _check_period(attrs, "start_date", "review_date", "The review date must be on or after the start date.")
        return attrs


# Tasks --------------------------------------------------------------------------------------------


class TaskSerializer(serializers.ModelSerializer):
    overdue = serializers.SerializerMethodField(help_text="Open and past its due time, derived when read.")
    owner_name = serializers.SerializerMethodField()
    team_name = serializers.SerializerMethodField()

    class Meta:
        model = Task
        fields = ["id", "kind", "title", "detail", "status", "priority", "due_at", "overdue", "owner",
                  "owner_name", "team", "team_name", "organisation", "person", "source", "created_at",
                  "completed_at", "completed_by", "outcome"]
        read_only_fields = fields

    def get_overdue(self, obj: Task) -> bool:
        return obj.is_overdue(self.context.get("now"))

    def get_owner_name(self, obj: Task) -> str:
        return obj.owner.display_name if obj.owner_id else ""

    def get_team_name(self, obj: Task) -> str:
        return obj.team.name if obj.team_id else ""


class TaskCompleteSerializer(serializers.Serializer):
    outcome = serializers.CharField(max_length=5000, help_text="What was done.")


# Audit and me -------------------------------------------------------------------------------------


class AuditEventSerializer(serializers.ModelSerializer):
    class Meta:
        model = AuditEvent
        fields = ["seq", "at", "actor_id", "actor_label", "action", "object_type", "object_id", "object_label",
                  "person_id", "force_id", "reason", "changes", "ip", "user_agent", "path", "hash"]
        read_only_fields = fields


class NamedRefSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField()


class TeamRefSerializer(NamedRefSerializer):
    is_supervisor = serializers.BooleanField()


class MeSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    username = serializers.CharField()
    display_name = serializers.CharField()
    force = NamedRefSerializer(allow_null=True)
    organisation = NamedRefSerializer(allow_null=True)
    roles = serializers.ListField(child=serializers.CharField())
    capabilities = serializers.ListField(child=serializers.CharField())
    teams = TeamRefSerializer(many=True)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()
    code = serializers.CharField(required=False)
