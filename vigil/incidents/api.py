"""API v1 for incidents, referrals and school notifications, mounted at /api/v1/incidents/.

Same access helpers, services and audit as the pages. Bad input is a 400 with field errors and
writes nothing (the services are all-or-nothing); closing a flagged incident without an
assessment is a 400 that says why.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from vigil.accounts.models import User
from vigil.api.base import ApiDefaults
from vigil.api.pagination import CursorPagination
from vigil.core import audit
from vigil.incidents import rules, safeguarding, services
from vigil.incidents.access import (
    HiddenPerson,
    IncidentCap,
    can_edit,
    get_incident_for_user,
    get_notification_for_user,
    get_referral_for_user,
    hidden_people,
    reads_safeguarding,
    visible_incidents,
    visible_notifications,
    visible_referrals,
)
from vigil.incidents.models import (
    EncompassNotification,
    Incident,
    IncidentChild,
    IncidentPerson,
    IncidentType,
    Referral,
)
from vigil.people.access import visible_people
from vigil.people.models import Address

# --- serializers ---------------------------------------------------------------------------------


class LinkSerializer(serializers.ModelSerializer):
    person_name = serializers.SerializerMethodField(help_text="Hidden for a restricted person you are not named on.")

    class Meta:
        model = IncidentPerson
        fields = ["id", "person", "person_name", "role"]
        read_only_fields = ["id", "person_name"]

    def get_person_name(self, obj) -> str:
        user = self.context["request"].user
        if obj.person.restricted and hidden_people(user, [obj.person_id]):
            return HiddenPerson.full_name
        return obj.person.full_name


class ChildSerializer(serializers.ModelSerializer):
    assessed = serializers.SerializerMethodField()
    related_person_name = serializers.SerializerMethodField(
        help_text="The arrested parent or carer the child was found through (related_person); "
                  "hidden for a restricted person you are not named on. The reason never names anyone.")

    class Meta:
        model = IncidentChild
        fields = ["id", "person", "basis", "age", "reason", "related_person", "related_person_name", "assessed"]
        read_only_fields = fields

    def get_assessed(self, obj) -> bool:
        return hasattr(obj, "assessment")

    def get_related_person_name(self, obj) -> str | None:
        if obj.related_person_id is None:
            return None
        if obj.related_person.restricted and hidden_people(self.context["request"].user, [obj.related_person_id]):
            return HiddenPerson.full_name
        return obj.related_person.full_name


class IncidentSerializer(serializers.ModelSerializer):
    incident_type = serializers.SlugRelatedField(slug_field="code", read_only=True)
    people = LinkSerializer(many=True, read_only=True)
    children = ChildSerializer(many=True, read_only=True)
    screening = serializers.SerializerMethodField()
    can_close = serializers.SerializerMethodField(help_text="False while a flagged child has no assessment.")

    class Meta:
        model = Incident
        fields = ["id", "reference", "incident_type", "occurred_at", "location", "address", "narrative",
                  "attending_officer", "status", "closed_at", "closed_by", "closure_note", "source",
                  "da_risk_tool", "da_risk_level", "marac_referral", "child_flag", "screening", "children",
                  "people", "override_reason", "override_by", "override_at", "can_close", "created_at"]
        read_only_fields = fields

    def get_screening(self, obj) -> dict:
        return {"screened_at": obj.screened_at, "reasons": obj.screening_reasons,
                "evidence": obj.screening_evidence, "ages": obj.screening_ages,
                "indicators": obj.screening_indicators}

    def get_can_close(self, obj) -> bool:
        return obj.is_open and not services.closure_blockers(obj)


MAX_ID = 2**63 - 1


class PersonRoleSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1, max_value=MAX_ID)
    role = serializers.ChoiceField(choices=IncidentPerson.Role.choices)


class IncidentWriteSerializer(serializers.Serializer):
    reference = serializers.CharField(max_length=40)
    incident_type = serializers.SlugRelatedField(slug_field="code", queryset=IncidentType.objects.filter(active=True))
    occurred_at = serializers.DateTimeField()
    # No length limit here: the service answers over-long narratives with its own clear message.
    narrative = serializers.CharField(allow_blank=True, trim_whitespace=False)
    location = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    address = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=MAX_ID)
    attending_officer = serializers.IntegerField(required=False, allow_null=True, min_value=1, max_value=MAX_ID)
    people = PersonRoleSerializer(many=True, required=False, default=list)
    da_risk_tool = serializers.ChoiceField(choices=Incident.RiskTool.choices, required=False, allow_blank=True,
                                           default="")
    da_risk_level = serializers.ChoiceField(choices=Incident.RiskLevel.choices, required=False, allow_blank=True,
                                            default="")
    marac_referral = serializers.BooleanField(required=False, default=False)


class CloseSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class ReferralSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    incident_reference = serializers.CharField(source="incident.reference", read_only=True)
    timeliness = serializers.SerializerMethodField(help_text="on_time or late: derived when read.")
    grade = serializers.CharField(read_only=True, help_text="high, medium or standard (the assessment's grade).")

    class Meta:
        model = Referral
        fields = ["id", "incident", "incident_reference", "person", "person_name", "organisation", "grade",
                  "urgent", "summary", "due_at", "sent_at", "timeliness", "acknowledged_at", "acknowledged_by",
                  "decision", "decision_note", "decided_at", "decided_by"]
        read_only_fields = fields

    def get_timeliness(self, obj) -> str:
        return rules.timeliness(due_at=obj.due_at, done_at=obj.sent_at, now=timezone.now())


class DecisionSerializer(serializers.Serializer):
    decision = serializers.ChoiceField(choices=Referral.Decision.choices)
    note = serializers.CharField(required=False, allow_blank=True, max_length=5000, default="")


class NotificationSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    incident_reference = serializers.CharField(source="incident.reference", read_only=True)

    class Meta:
        model = EncompassNotification
        fields = ["id", "incident", "incident_reference", "person", "person_name", "school", "child_present",
                  "where_child_was", "voice_of_child", "circumstances", "due_at", "sent_at", "acknowledged_at"]
        read_only_fields = fields


# --- views ---------------------------------------------------------------------------------------------

def _person(user, pk):
    person = visible_people(user).filter(pk=pk).first()
    if person is None:
        raise serializers.ValidationError({"people": [f"No person {pk} that you may see."]})
    return person


def _resolve(user, data: dict) -> dict:
    out = dict(data)
    if "people" in data:
        out["people"] = [(_person(user, p["person"]), p["role"]) for p in data["people"]]
    if data.get("address"):
        out["address"] = Address.objects.filter(force_id=user.force_id, pk=data["address"]).first()
        if out["address"] is None:
            raise serializers.ValidationError({"address": ["No such address in your force."]})
    if data.get("attending_officer"):
        out["attending_officer"] = User.objects.filter(force_id=user.force_id, pk=data["attending_officer"]).first()
        if out["attending_officer"] is None:
            raise serializers.ValidationError({"attending_officer": ["No such officer in your force."]})
    return out


class IncidentPagination(CursorPagination):
    ordering = "-id"


@extend_schema_view(
    list=extend_schema(summary="Incidents in my force (?child_flag=true, ?status=open)"),
    retrieve=extend_schema(summary="One incident, with its screening result and children"),
    create=extend_schema(request=IncidentWriteSerializer, responses={201: IncidentSerializer},
                         summary="Record an incident; it is screened for children"),
    partial_update=extend_schema(request=IncidentWriteSerializer, responses={200: IncidentSerializer},
                                 summary="Change an incident; narrative, time or address changes rescreen it"),
)
class IncidentViewSet(ApiDefaults, viewsets.GenericViewSet):
    serializer_class = IncidentSerializer
    pagination_class = IncidentPagination
    queryset = Incident.objects.none()
    lookup_value_regex = r"[0-9]+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not request.user.can(IncidentCap.VIEW) or request.user.is_partner:
            raise PermissionDenied("You do not have access to incidents.")
        if request.method not in ("GET", "HEAD", "OPTIONS") and not can_edit(request.user):
            raise PermissionDenied("You may not change incidents.")

    def get_queryset(self):
        qs = visible_incidents(self.request.user).select_related("incident_type").prefetch_related(
            "people__person", "children__assessment", "children__related_person")
        params = self.request.query_params
        if params.get("child_flag") in ("true", "false"):
            qs = qs.filter(child_flag=params["child_flag"] == "true")
        if params.get("status") in Incident.Status.values:
            qs = qs.filter(status=params["status"])
        return qs

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(IncidentSerializer(page, many=True, context={"request": request}).data)

    def retrieve(self, request, pk=None):
        incident = get_incident_for_user(request.user, pk)
        audit.record(action=audit.AuditEvent.Action.VIEW, actor=request.user, obj=incident, request=request)
        return Response(IncidentSerializer(incident, context={"request": request}).data)

    def create(self, request):
        body = IncidentWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = _resolve(request.user, body.validated_data)
        incident = services.create_incident(force=request.user.force, by=request.user, source=Incident.Source.API,
                                            request=request, **data)
        return Response(IncidentSerializer(incident, context={"request": request}).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"{request.path}{incident.pk}/"})

    def partial_update(self, request, pk=None):
        incident = get_incident_for_user(request.user, pk)
        body = IncidentWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        data = _resolve(request.user, body.validated_data)
        if "people" in data:
            raise serializers.ValidationError({"people": ["Link people with POST .../people/."]})
        services.update_incident(incident=incident, by=request.user, request=request, **data)
        return Response(IncidentSerializer(get_incident_for_user(request.user, pk), context={"request": request}).data)

    @extend_schema(request=CloseSerializer, responses={200: IncidentSerializer},
                   summary="Close; refused (400) while a flagged child has no assessment or override")
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        incident = get_incident_for_user(request.user, pk)
        body = CloseSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        services.close_incident(incident=incident, by=request.user, note=body.validated_data["note"],
                                request=request)
        return Response(IncidentSerializer(get_incident_for_user(request.user, pk), context={"request": request}).data)

    @extend_schema(request=PersonRoleSerializer, responses={201: LinkSerializer},
                   summary="Link a person in a role; rescreens the incident")
    @action(detail=True, methods=["post"], url_path="people")
    def people(self, request, pk=None):
        incident = get_incident_for_user(request.user, pk)
        body = PersonRoleSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        person = _person(request.user, body.validated_data["person"])
        link = services.link_person(incident=incident, person=person, role=body.validated_data["role"],
                                    by=request.user, request=request)
        return Response(LinkSerializer(link, context={"request": request}).data, status=status.HTTP_201_CREATED)


@extend_schema_view(
    list=extend_schema(summary="Referrals: a partner sees those sent to their organisation"),
    retrieve=extend_schema(summary="One referral"),
)
class ReferralViewSet(ApiDefaults, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ReferralSerializer
    queryset = Referral.objects.none()
    pagination_class = IncidentPagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not reads_safeguarding(request.user):
            raise PermissionDenied("You do not have access to referrals.")

    def get_queryset(self):
        return visible_referrals(self.request.user).select_related("person", "incident")

    def retrieve(self, request, pk=None):
        referral = get_referral_for_user(request.user, pk)
        audit.record(action=audit.AuditEvent.Action.VIEW, actor=request.user, obj=referral,
                     person_id=referral.person_id, force_id=referral.force_id, request=request)
        return Response(ReferralSerializer(referral).data)

    def _recipient(self, request, pk):
        referral = get_referral_for_user(request.user, pk)
        if not request.user.is_partner:
            raise PermissionDenied("Only the receiving organisation can do this.")
        return referral

    @extend_schema(request=None, responses={200: ReferralSerializer}, summary="Acknowledge (receiving partner)")
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        referral = safeguarding.acknowledge_referral(referral=self._recipient(request, pk), by=request.user,
                                                     request=request)
        return Response(ReferralSerializer(referral).data)

    @extend_schema(request=DecisionSerializer, responses={200: ReferralSerializer},
                   summary="Record the decision (receiving partner)")
    @action(detail=True, methods=["post"])
    def decision(self, request, pk=None):
        referral = self._recipient(request, pk)
        body = DecisionSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        referral = safeguarding.decide_referral(referral=referral, by=request.user, request=request,
                                                **body.validated_data)
        return Response(ReferralSerializer(referral).data)


@extend_schema_view(
    list=extend_schema(summary="Operation Encompass notifications: a school sees only its own pupils'"),
    retrieve=extend_schema(summary="One notification"),
)
class NotificationViewSet(ApiDefaults, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = NotificationSerializer
    queryset = EncompassNotification.objects.none()
    pagination_class = IncidentPagination

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not reads_safeguarding(request.user):
            raise PermissionDenied("You do not have access to school notifications.")

    def get_queryset(self):
        return visible_notifications(self.request.user).select_related("person", "incident")

    def retrieve(self, request, pk=None):
        notification = get_notification_for_user(request.user, pk)
        audit.record(action=audit.AuditEvent.Action.VIEW, actor=request.user, obj=notification,
                     person_id=notification.person_id, force_id=notification.force_id, request=request)
        return Response(NotificationSerializer(notification).data)


router = SimpleRouter()
router.register("referrals", ReferralViewSet, basename="api-referral")
router.register("school-notifications", NotificationViewSet, basename="api-encompass")
router.register("", IncidentViewSet, basename="api-incident")
urlpatterns = router.urls
