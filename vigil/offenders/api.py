"""Offender management API: the same capabilities, access helpers, services and audit as the pages.

Mounted by vigil/api/urls.py under /api/v1/: registrants (list, one, record a home visit, record a
risk assessment) and the overdue dashboard figures. Bad input is a 400 with field errors and
saves nothing (services validate before writing); a restricted person's record needs the
X-Access-Reason header as for /people/.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import BasePermission
from rest_framework.response import Response

from vigil.api.base import ApiDefaults
from vigil.offenders import conf, reports, services
from vigil.offenders.access import (
    OffenderCap,
    get_registrant_for_user,
    oversight_scope,
    police_can,
    visible_registrants,
)
from vigil.offenders.models import HomeVisit, Registrant, RiskAssessment
from vigil.offenders.visits import days_overdue
from vigil.people.access import visible_people


class CanViewOffenders(BasePermission):
    message = "You do not have access to registered sex offender records."

    def has_permission(self, request, view):
        if not police_can(request.user, OffenderCap.VIEW):
            return False
        if request.method in ("GET", "HEAD", "OPTIONS"):
            return True
        return police_can(request.user, OffenderCap.EDIT)


class RegistrantSerializer(serializers.ModelSerializer):
    person_id = serializers.IntegerField(read_only=True)
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    manager_id = serializers.IntegerField(read_only=True, allow_null=True)
    next_visit_due = serializers.DateField(read_only=True, allow_null=True)
    visit_days_overdue = serializers.SerializerMethodField()
    review_days_overdue = serializers.SerializerMethodField()

    class Meta:
        model = Registrant
        fields = ["id", "person_id", "person_name", "manager_id", "team_id", "visor_ref", "mappa_category",
                  "mappa_level", "risk_level", "management", "managed_from", "ended_on", "risk_review_due",
                  "visit_clock_from", "next_visit_due", "visit_days_overdue", "review_days_overdue"]
        read_only_fields = fields

    def get_visit_days_overdue(self, obj) -> int:
        return days_overdue(getattr(obj, "next_visit_due", None), timezone.localdate())

    def get_review_days_overdue(self, obj) -> int:
        return days_overdue(obj.risk_review_due, timezone.localdate())


class VisitInSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=HomeVisit.Kind.choices)
    visited_at = serializers.DateTimeField()
    outcome = serializers.ChoiceField(choices=HomeVisit.Outcome.choices)
    second_officer = serializers.IntegerField(required=False, allow_null=True)
    children_seen = serializers.BooleanField(default=False)
    children = serializers.ListField(child=serializers.IntegerField(), required=False, max_length=50)
    children_details = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    observations = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    concerns = serializers.CharField(required=False, allow_blank=True, max_length=5000)
    actions = serializers.CharField(required=False, allow_blank=True, max_length=5000)


class VisitSerializer(serializers.ModelSerializer):
    class Meta:
        model = HomeVisit
        fields = ["id", "kind", "visited_at", "outcome", "officer_id", "second_officer_id", "children_seen",
                  "children_details", "observations", "concerns", "actions"]


class RiskInSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskAssessment
        fields = ["tool", "level", "assessed_on", "next_review_due", "notes"]


class RiskSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskAssessment
        fields = ["id", "tool", "level", "assessed_on", "assessor_id", "next_review_due", "notes"]


def _fetch(request, pk) -> Registrant:
    """The registrant through the access helper, its person read through the people API helper
    (audited; restricted records need X-Access-Reason)."""
    from vigil.api.people_views import fetch_person

    registrant = get_registrant_for_user(request.user, pk)
    registrant.person = fetch_person(request, registrant.person_id, log_view=request.method == "GET")
    return registrant


@extend_schema_view(
    list=extend_schema(summary="Registered sex offenders I may see",
                       description="`?mine=1`: my caseload in order of urgency; `?overdue=visits` or "
                                   "`?overdue=assessments`: only those overdue today."),
    retrieve=extend_schema(summary="One registrant (each read is audited)"),
)
class RegistrantViewSet(ApiDefaults, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    permission_classes = ApiDefaults.permission_classes + [CanViewOffenders]
    serializer_class = RegistrantSerializer
    queryset = Registrant.objects.none()

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Registrant.objects.none()
        today, policy = timezone.localdate(), conf.visit_policy()
        qs = visible_registrants(self.request.user).active().with_next_visit(policy).select_related("person")
        params = self.request.query_params
        if params.get("mine"):
            qs = qs.filter(manager=self.request.user)
        overdue = params.get("overdue")
        if overdue == "visits":
            qs = qs.visit_overdue(today, policy)
        elif overdue == "assessments":
            qs = qs.assessment_overdue(today)
        elif overdue:
            raise serializers.ValidationError({"overdue": ["Use visits or assessments."]})
        return qs

    def retrieve(self, request, pk=None):
        registrant = _fetch(request, pk)
        registrant = (self.get_queryset().filter(pk=registrant.pk).first() or registrant)
        return Response(RegistrantSerializer(registrant).data)

    @extend_schema(summary="Record a home visit", request=VisitInSerializer,
                   responses={201: VisitSerializer, 400: OpenApiResponse(description="Field errors")})
    @action(detail=True, methods=["post"])
    def visits(self, request, pk=None):
        registrant = _fetch(request, pk)
        data = VisitInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = dict(data.validated_data)
        people = visible_people(request.user)
        ids = values.pop("children", [])
        children = list(people.filter(pk__in=ids))
        if len(children) != len(set(ids)):
            raise serializers.ValidationError({"children": ["One or more children were not found."]})
        second = values.pop("second_officer", None)
        officer = None
        if second is not None:
            from vigil.accounts.models import User

            officer = User.objects.filter(pk=second, force_id=request.user.force_id, is_active=True).first()
            if officer is None:
                raise serializers.ValidationError({"second_officer": ["No such officer in your force."]})
        visit = services.record_visit(registrant=registrant, by=request.user, children=children,
                                      second_officer=officer, request=request, **values)
        return Response(VisitSerializer(visit).data, status=status.HTTP_201_CREATED)

    @extend_schema(summary="Record a risk assessment", request=RiskInSerializer,
                   responses={201: RiskSerializer, 400: OpenApiResponse(description="Field errors")})
    @action(detail=True, methods=["post"], url_path="risk-assessments")
    def risk_assessments(self, request, pk=None):
        registrant = _fetch(request, pk)
        data = RiskInSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        assessment = services.record_risk_assessment(registrant=registrant, by=request.user, request=request,
                                                     **data.validated_data)
        return Response(RiskSerializer(assessment).data, status=status.HTTP_201_CREATED)


class DashboardViewSet(ApiDefaults, viewsets.ViewSet):
    """Overdue visits and assessments by risk level for my scope (team or force), and the forecast."""

    permission_classes = ApiDefaults.permission_classes + [CanViewOffenders]

    @extend_schema(summary="Overdue figures by risk level, and the 30-day forecast",
                   responses={200: OpenApiResponse(description="{levels: [...], total: {...}, forecast: n}")})
    def list(self, request):
        from django.core.exceptions import PermissionDenied

        if not police_can(request.user, OffenderCap.OVERSEE):
            raise PermissionDenied
        today, policy = timezone.localdate(), conf.visit_policy()
        teams, managers = oversight_scope(request.user)
        qs = reports.scoped(visible_registrants(request.user), teams=teams, managers=managers)
        rows, total = reports.overdue_table(qs, today, policy)
        plans, _b, _c = reports.forecast(qs, today, policy)
        return Response({
            "on": today, "policy_source": policy.source, "levels": [r.__dict__ for r in rows], "total": total.__dict__,
            "forecast_will_fall_overdue": sum(f.will_fall_overdue for f in plans.values()),
        })
