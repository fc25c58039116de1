"""API v1 for missing children, mounted at /api/v1/missing/ (vigil/api/urls.py:
`path("missing/", include("vigil.missing.api"))`).

Same access helpers, services and audit as the pages. Bad input is a 400 with field errors and
writes nothing (the services are all-or-nothing); overdue states are derived when read.
"""

from __future__ import annotations

from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_view
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.routers import SimpleRouter

from vigil.accounts.models import Organisation, User
from vigil.api.base import ApiDefaults
from vigil.api.pagination import CursorPagination
from vigil.api.people_views import fetch_person
from vigil.core import audit
from vigil.missing import conf, profiles, queue, rules, services
from vigil.missing.access import (
    MissingCap,
    can_complete_return_interview,
    can_edit,
    can_keep_profile,
    can_supervise,
    get_episode_for_user,
    get_profile_for_user,
    get_return_interview_for_user,
    police,
    visible_episodes,
    visible_profiles,
    visible_return_interviews,
)
from vigil.missing.models import (
    CarerProfile,
    Grade,
    MissingEpisode,
    PlaceKind,
    ReturnHomeInterview,
    RiskAssessment,
)
from vigil.missing.planning import search_plan
from vigil.people.models import Address

Action = audit.AuditEvent.Action


# --- serializers ---------------------------------------------------------------------------------------

class AssessmentSerializer(serializers.ModelSerializer):
    class Meta:
        model = RiskAssessment
        fields = ["id", "grade", "factors", "rationale", "information", "minimum_grade", "minimum_because",
                  "override_reason", "markers", "assessed_by", "assessed_at"]
        read_only_fields = fields


class EpisodeSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    review_overdue = serializers.SerializerMethodField(help_text="Derived when read.")
    escalation_level = serializers.SerializerMethodField(
        help_text="0 none; 1 overdue (next rank up); 2 overdue beyond the escalation step (senior officers).")

    class Meta:
        model = MissingEpisode
        fields = ["id", "reference", "person", "person_name", "status", "reported_at", "reported_by", "reporter_name",
                  "reporter_contact", "reporter_relationship", "last_seen_at", "last_seen_place", "last_seen_address",
                  "last_seen_lat", "last_seen_lon", "circumstances", "description", "clothing", "placement",
                  "placing_authority", "age_at_report", "age_estimated", "home_area", "risk_grade", "graded_at",
                  "supervisor", "escalate_to", "next_review_due", "review_overdue", "escalation_level",
                  "rescue_alert", "rescue_alert_reason", "found_at", "found_place", "found_kind", "found_by",
                  "found_with", "found_condition", "found_distance_km", "minutes_to_locate",
                  "exploitation_indicators", "waiver_reason", "closed_at"]
        read_only_fields = fields

    def get_review_overdue(self, obj) -> bool:
        return self.get_escalation_level(obj) > 0

    def get_escalation_level(self, obj) -> int:
        if not obj.next_review_due:
            return 0
        return rules.escalation_level(obj.next_review_due, timezone.now(), conf.escalation_step_hours())


class ReportSerializer(serializers.Serializer):
    person = serializers.IntegerField(min_value=1)
    reporter_name = serializers.CharField(max_length=200, allow_blank=True)
    reporter_contact = serializers.CharField(max_length=200, allow_blank=True)
    reporter_relationship = serializers.CharField(max_length=100, allow_blank=True)
    reported_at = serializers.DateTimeField(required=False)
    last_seen_at = serializers.DateTimeField()
    last_seen_place = serializers.CharField(max_length=300, allow_blank=True)
    last_seen_address = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    last_seen_lat = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    last_seen_lon = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    circumstances = serializers.CharField(allow_blank=True)
    description = serializers.CharField(required=False, allow_blank=True, default="")
    clothing = serializers.CharField(required=False, allow_blank=True, default="")
    placement = serializers.ChoiceField(choices=MissingEpisode.Placement.choices, default="home")
    placing_authority = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    age_estimate = serializers.IntegerField(required=False, allow_null=True, min_value=0, max_value=120)
    supervisor = serializers.IntegerField(required=False, allow_null=True, min_value=1)


class InformationSerializer(serializers.Serializer):
    detail = serializers.CharField(max_length=2000)
    source = serializers.CharField(max_length=300)
    obtained_at = serializers.DateTimeField()


class GradeSerializer(serializers.Serializer):
    grade = serializers.ChoiceField(choices=Grade.choices)
    rationale = serializers.CharField(allow_blank=True)
    information = InformationSerializer(many=True)
    factors = serializers.ListField(child=serializers.ChoiceField(choices=list(services.RISK_FACTORS)), default=list)
    override_reason = serializers.CharField(required=False, allow_blank=True, default="")


class ReviewSerializer(serializers.Serializer):
    reviewed_at = serializers.DateTimeField()
    note = serializers.CharField(allow_blank=True)


class FoundSerializer(serializers.Serializer):
    found_at = serializers.DateTimeField()
    place = serializers.CharField(max_length=300, allow_blank=True)
    kind = serializers.ChoiceField(choices=PlaceKind.choices)
    found_by = serializers.ChoiceField(choices=MissingEpisode.FoundBy.choices)
    condition = serializers.ChoiceField(choices=MissingEpisode.Condition.choices)
    found_by_detail = serializers.CharField(required=False, allow_blank=True, default="", max_length=200)
    found_with = serializers.CharField(required=False, allow_blank=True, default="", max_length=300)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    address = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    lat = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    lon = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    other_force = serializers.BooleanField(required=False, default=False)
    indicators = serializers.ListField(child=serializers.ChoiceField(choices=list(rules.INDICATORS)), default=list)


class PreventionSerializer(serializers.Serializer):
    held_at = serializers.DateTimeField()
    where_child_was = serializers.CharField(allow_blank=True)
    with_whom = serializers.CharField(required=False, allow_blank=True, default="")
    why = serializers.CharField(required=False, allow_blank=True, default="")
    harm_disclosed = serializers.BooleanField(required=False, default=False)
    indicators = serializers.ListField(child=serializers.ChoiceField(choices=list(rules.INDICATORS)), default=list)
    notes = serializers.CharField(required=False, allow_blank=True, default="")
    place_kind = serializers.ChoiceField(choices=PlaceKind.choices, default="other")


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(allow_blank=True)


class ReturnInterviewSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="episode.person.full_name", read_only=True)
    returned_at = serializers.DateTimeField(source="episode.found_at", read_only=True)
    on_time = serializers.SerializerMethodField(help_text="True done by the due time; null not done yet.")

    class Meta:
        model = ReturnHomeInterview
        fields = ["id", "episode", "person_name", "organisation", "returned_at", "requested_at", "due_at",
                  "completed_at", "on_time", "outcome", "where_child_was", "with_whom", "indicators", "learning"]
        read_only_fields = fields

    def get_on_time(self, obj) -> bool | None:
        return rules.rhi_on_time(obj.due_at, obj.completed_at)


class CompleteReturnInterviewSerializer(serializers.Serializer):
    completed_at = serializers.DateTimeField()
    outcome = serializers.ChoiceField(choices=ReturnHomeInterview.Outcome.choices)
    where_child_was = serializers.CharField(required=False, allow_blank=True, default="")
    with_whom = serializers.CharField(required=False, allow_blank=True, default="")
    indicators = serializers.ListField(child=serializers.ChoiceField(choices=list(rules.INDICATORS)), default=list)
    learning = serializers.CharField(required=False, allow_blank=True, default="")
    place_kind = serializers.ChoiceField(choices=PlaceKind.choices, default="other")


# --- views ---------------------------------------------------------------------------------------------

def _in_force(model, pk, force_id, field, **filters):
    if not pk:
        return None
    obj = model.objects.filter(pk=pk, force_id=force_id, **filters).first()
    if obj is None:
        raise serializers.ValidationError({field: [f"No such record {pk} in your force."]})
    return obj


class EpisodePagination(CursorPagination):
    ordering = "-id"


@extend_schema_view(
    list=extend_schema(summary="Missing episodes in my force (?status=open|found|closed; default open and found)"),
    retrieve=extend_schema(summary="One episode, with its risk grading history"),
    create=extend_schema(request=ReportSerializer, responses={201: EpisodeSerializer},
                         summary="Report a missing child (under 18): sets the supervisor, first review and early actions"),
)
class EpisodeViewSet(ApiDefaults, viewsets.GenericViewSet):
    serializer_class = EpisodeSerializer
    pagination_class = EpisodePagination
    queryset = MissingEpisode.objects.none()
    lookup_value_regex = r"[0-9]+"

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        if not police(request.user, MissingCap.VIEW):
            raise PermissionDenied("You do not have access to missing episodes.")

    def get_queryset(self):
        qs = visible_episodes(self.request.user).select_related("person")
        wanted = self.request.query_params.get("status")
        return qs.filter(status=wanted) if wanted in MissingEpisode.Status.values else qs.active()

    def _episode(self, request, pk, *, edit=False, supervise=False):
        if edit and not can_edit(request.user):
            raise PermissionDenied("You may not change missing episodes.")
        if supervise and not can_supervise(request.user):
            raise PermissionDenied("Only a supervisor may do this.")
        episode = get_episode_for_user(request.user, pk)
        if episode.person.restricted:
            fetch_person(request, episode.person_id, log_view=False)
        return episode

    def _detail(self, episode):
        data = EpisodeSerializer(episode).data
        data["assessments"] = AssessmentSerializer(episode.assessments.all(), many=True).data
        return data

    def list(self, request):
        page = self.paginate_queryset(self.get_queryset())
        return self.get_paginated_response(EpisodeSerializer(page, many=True).data)

    def retrieve(self, request, pk=None):
        episode = self._episode(request, pk)
        audit.record(action=Action.VIEW, actor=request.user, obj=episode, person_id=episode.person_id, request=request)
        return Response(self._detail(episode))

    def create(self, request):
        if not (request.user.can(MissingCap.REPORT) and can_edit(request.user)):
            raise PermissionDenied("You may not report missing children.")
        body = ReportSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        user = request.user
        person = fetch_person(request, data.pop("person"), log_view=False)
        data["last_seen_address"] = _in_force(Address, data.get("last_seen_address"), user.force_id, "last_seen_address")
        data["placing_authority"] = _in_force(Organisation, data.get("placing_authority"), user.force_id,
                                              "placing_authority", kind=Organisation.Kind.CHILDRENS_SOCIAL_CARE)
        data["supervisor"] = _in_force(User, data.get("supervisor"), user.force_id, "supervisor")
        episode = services.report_missing(force=user.force, by=user, person=person, request=request, **data)
        return Response(self._detail(episode), status=status.HTTP_201_CREATED,
                        headers={"Location": f"{request.path}{episode.pk}/"})

    def _act(self, request, pk, service, body_class=None, *, edit=False, supervise=False, prepare=None):
        """One action on an episode: check who may, validate the body (400, nothing written), call the
        service with its fields, answer with the episode as it now is."""
        episode = self._episode(request, pk, edit=edit, supervise=supervise)
        data = {}
        if body_class is not None:
            body = body_class(data=request.data)
            body.is_valid(raise_exception=True)
            data = dict(body.validated_data)
        if prepare is not None:
            prepare(data)
        service(episode=episode, by=request.user, request=request, **data)
        return Response(self._detail(get_episode_for_user(request.user, pk)))

    @extend_schema(request=GradeSerializer, responses={200: EpisodeSerializer},
                   summary="Grade the risk; below the minimum needs override_reason; high notifies the senior officer")
    @action(detail=True, methods=["post"])
    def grade(self, request, pk=None):
        return self._act(request, pk, services.grade_risk, GradeSerializer, edit=True)

    @extend_schema(request=ReviewSerializer, responses={200: EpisodeSerializer},
                   summary="Supervisor review; sets the next review time by grade")
    @action(detail=True, methods=["post"])
    def review(self, request, pk=None):
        return self._act(request, pk, services.review_episode, ReviewSerializer, supervise=True)

    @extend_schema(request=FoundSerializer, responses={200: EpisodeSerializer},
                   summary="Record as found; sends the return home interview request (due 72 h after return)")
    @action(detail=True, methods=["post"])
    def found(self, request, pk=None):
        def prepare(data):
            data["address"] = _in_force(Address, data.get("address"), request.user.force_id, "address")

        return self._act(request, pk, services.record_found, FoundSerializer, edit=True, prepare=prepare)

    @extend_schema(request=PreventionSerializer, responses={200: EpisodeSerializer},
                   summary="Record the prevention interview (safe and well check)")
    @action(detail=True, methods=["post"], url_path="prevention-interview")
    def prevention_interview(self, request, pk=None):
        return self._act(request, pk, services.record_prevention_interview, PreventionSerializer, edit=True)

    @extend_schema(request=ReasonSerializer, responses={200: EpisodeSerializer},
                   summary="Supervisor waiver of the prevention interview, with a reason")
    @action(detail=True, methods=["post"])
    def waiver(self, request, pk=None):
        return self._act(request, pk, services.waive_prevention_interview, ReasonSerializer, supervise=True)

    @extend_schema(request=None, responses={200: EpisodeSerializer},
                   summary="Close; refused (400) without a prevention interview or waiver")
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        return self._act(request, pk, services.close_episode, edit=True)

    @extend_schema(responses={200: dict}, summary="Ranked places to search and the distance table (with its source)")
    @action(detail=True, methods=["get"], url_path="search-plan")
    def search_plan(self, request, pk=None):
        episode = self._episode(request, pk)
        plan = search_plan(episode, request.user)
        table = plan["table"]
        return Response({
            "table": {"title": table.title, "citation": table.citation, "caveats": list(table.caveats),
                      "rings": [{"percent": p, "km": km} for p, km in table.rings]},
            "origin": plan["origin"],
            "places": [{"rank": p.rank, "label": p.label, "kind": p.kind, "score": p.score, "reasons": p.reasons,
                        "sources": p.sources, "distance_km": p.distance_km, "lat": p.lat, "lon": p.lon}
                       for p in plan["ranked"]],
        })

    @extend_schema(responses={200: dict}, summary="My supervision queue (reviews, escalations, overdue actions)")
    @action(detail=False, methods=["get"])
    def queue(self, request):
        if not can_supervise(request.user):
            raise PermissionDenied("Only a supervisor has a queue.")
        q = queue.supervisor_queue(request.user)

        def rows(items):
            return [{"episode": r.episode.pk, "reference": r.episode.reference, "next_review_due": r.episode.next_review_due,
                     "escalation_level": r.level} for r in items or []]

        return Response({"reviews": rows(q["reviews"]), "escalated": rows(q["escalated"]),
                         "senior": rows(q["seniors"]), "actions_overdue": [
                             {"task": t.pk, "title": t.title, "due_at": t.due_at, "episode": t.object_id}
                             for t in q["actions"]]})

    @extend_schema(responses={200: dict}, summary="Coordinator dashboard figures for my force")
    @action(detail=False, methods=["get"])
    def dashboard(self, request):
        if not police(request.user, MissingCap.DASHBOARD):
            raise PermissionDenied("You do not have access to the dashboard.")
        d = queue.dashboard(request.user.force_id)
        return Response({
            "open_by_grade": {str(k): v for k, v in d["grades"]},
            "open_by_duration": {str(k): v for k, v in d["durations"]},
            "reviews_overdue": d["overdue_count"], "actions_overdue": d["actions_count"],
            "repeat_rule": {"episodes": d["repeat_rule"][0], "days": d["repeat_rule"][1]},
            "repeat_children": [{"person": p.pk if p else None, "episodes": n} for p, n in d["repeat"]],
            "time_to_locate": [{"within": label, "found": n, "percent": share, "grampian_12_14_percent": study}
                               for label, n, share, study in d["locate"]],
            "return_interviews": d["rhi"], "where_found": {str(k): v for k, v in d["where"]},
            "hotspots": [{"address": h["found_address_id"], "times": h["n"]} for h in d["hotspots"]],
        })


@extend_schema_view(
    list=extend_schema(summary="Return home interviews: a children's social care partner sees its own"),
    retrieve=extend_schema(summary="One return home interview request"),
)
class ReturnInterviewViewSet(ApiDefaults, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ReturnInterviewSerializer
    queryset = ReturnHomeInterview.objects.none()
    pagination_class = EpisodePagination
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return visible_return_interviews(self.request.user).select_related("episode", "episode__person")

    def retrieve(self, request, pk=None):
        rhi = get_return_interview_for_user(request.user, pk)
        # Audited as the page does (views_partner.rhi_detail): a read of the child's episode.
        audit.record(action=Action.VIEW, actor=request.user, obj=rhi.episode, person_id=rhi.episode.person_id,
                     force_id=rhi.force_id, request=request, changes={"return_interview": [None, rhi.pk]})
        return Response(ReturnInterviewSerializer(rhi).data)

    @extend_schema(request=CompleteReturnInterviewSerializer, responses={200: ReturnInterviewSerializer},
                   summary="Record the interview and share what was learnt (the receiving partner)")
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        rhi = get_return_interview_for_user(request.user, pk)
        if not can_complete_return_interview(request.user, rhi):
            raise PermissionDenied("Only the local authority it was sent to can record it.")
        body = CompleteReturnInterviewSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        rhi = services.complete_return_interview(rhi=rhi, by=request.user, request=request, **body.validated_data)
        return Response(ReturnInterviewSerializer(get_return_interview_for_user(request.user, rhi.pk)).data)


class ProfilePlaceSerializer(serializers.Serializer):
    id = serializers.IntegerField(read_only=True)
    label = serializers.CharField(max_length=200)
    kind = serializers.ChoiceField(choices=PlaceKind.choices, default="other")
    address = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")
    latitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    longitude = serializers.DecimalField(max_digits=9, decimal_places=6, required=False, allow_null=True)
    notes = serializers.CharField(max_length=500, required=False, allow_blank=True, default="")


class ProfileSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    places = ProfilePlaceSerializer(many=True, read_only=True)

    class Meta:
        model = CarerProfile
        fields = ["id", "person", "person_name", "organisation", "description", "photo_taken", "associates", "phone",
                  "social_media", "medical", "finance", "transport", "previous_episodes", "trigger_plan", "places",
                  "updated_at"]
        read_only_fields = ["id", "person", "person_name", "organisation", "places", "updated_at"]


@extend_schema_view(
    list=extend_schema(summary="Carers' profiles: a care provider sees those it keeps; police those of their force"),
    retrieve=extend_schema(summary="One carer's profile (Philomena Protocol)"),
    partial_update=extend_schema(request=ProfileSerializer, responses={200: ProfileSerializer},
                                 summary="Update the profile (the care provider keeping it)"),
)
class ProfileViewSet(ApiDefaults, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = ProfileSerializer
    queryset = CarerProfile.objects.none()
    pagination_class = EpisodePagination
    lookup_value_regex = r"[0-9]+"

    def get_queryset(self):
        return visible_profiles(self.request.user).select_related("person").prefetch_related("places")

    def retrieve(self, request, pk=None):
        profile = get_profile_for_user(request.user, pk)
        audit.record(action=Action.VIEW, actor=request.user, obj=profile, person_id=profile.person_id,
                     force_id=profile.person.force_id, request=request)
        return Response(ProfileSerializer(profile).data)

    def _kept(self, request, pk):
        profile = get_profile_for_user(request.user, pk)
        if not can_keep_profile(request.user, profile):
            raise PermissionDenied("Only the care provider keeping this profile may change it.")
        return profile

    def partial_update(self, request, pk=None):
        profile = self._kept(request, pk)
        body = ProfileSerializer(profile, data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        profiles.update_profile(profile=profile, by=request.user, request=request, **body.validated_data)
        return Response(ProfileSerializer(get_profile_for_user(request.user, pk)).data)

    @extend_schema(request=ProfilePlaceSerializer, responses={201: ProfilePlaceSerializer},
                   summary="Add a place the child visits")
    @action(detail=True, methods=["post"])
    def places(self, request, pk=None):
        profile = self._kept(request, pk)
        body = ProfilePlaceSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        place = profiles.add_place(profile=profile, by=request.user, request=request, **body.validated_data)
        return Response(ProfilePlaceSerializer(place).data, status=status.HTTP_201_CREATED)


router = SimpleRouter()
router.register("profiles", ProfileViewSet, basename="api-missing-profile")
router.register("return-interviews", ReturnInterviewViewSet, basename="api-missing-rhi")
router.register("episodes", EpisodeViewSet, basename="api-missing-episode")
urlpatterns = router.urls
