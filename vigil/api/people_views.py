"""People endpoints: the same access rules and audit as the people pages.

Every person is fetched through vigil.people.access. A restricted record needs a reason: the
X-Access-Reason header (at least 10 characters), logged as a restricted-access audit event, or a
reason already given on the web page in this session.
"""

from __future__ import annotations

from django.db import transaction
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_view,
)
from rest_framework import mixins, status, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.response import Response

from vigil.api import writes
from vigil.api.base import ApiDefaults
from vigil.api.exceptions import ReasonNeeded
from vigil.api.filters import PersonFilter
from vigil.api.permissions import CanEditPeopleOnWrite, CanViewPeople
from vigil.api.serializers import (
    AddressSerializer,
    ErrorSerializer,
    MarkerSerializer,
    PersonNameSerializer,
    PersonSerializer,
    PersonSummarySerializer,
    PersonWriteSerializer,
    RelationshipSerializer,
)
from vigil.core import audit
from vigil.core.access import ReasonRequired
from vigil.people import services as people_services
from vigil.people.access import get_person_for_user, visible_people
from vigil.people.models import INVERSE_KIND, INVERSE_LABEL, Person, Relationship

REASON_HEADER = "X-Access-Reason"
MIN_REASON, MAX_REASON = 10, 1000  # minimum as in vigil.people.access.give_reason

REASON_PARAM = OpenApiParameter(
    REASON_HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
    description="Why you are opening a restricted record (10 to 1000 characters). Logged. "
                "Without it a restricted record answers 403 with code reason_required.",
)
ERRORS = {403: ErrorSerializer, 404: ErrorSerializer}
WRITE_ERRORS = {400: OpenApiResponse(description="Field errors: {field: [messages]}"), **ERRORS}


def _header_reason(request) -> str:
    raw = request.headers.get(REASON_HEADER, "")
    try:  # WSGI hands headers over as latin-1; clients send UTF-8
        raw = raw.encode("latin-1").decode("utf-8")
    except UnicodeError:
        pass
    return " ".join(raw.split())


def fetch_person(request, pk, *, log_view: bool) -> Person:
    """The person through the access helper; a restricted one needs a logged reason."""
    try:
        return get_person_for_user(request, pk, log_view=log_view)
    except ReasonRequired as exc:
        person = exc.obj
    reason = _header_reason(request)
    if len(reason) < MIN_REASON:
        raise ReasonNeeded()
    if len(reason) > MAX_REASON:
        raise ReasonNeeded(f"The {REASON_HEADER} header must be at most {MAX_REASON} characters.")
    with transaction.atomic():
        audit.record(action=audit.AuditEvent.Action.RESTRICTED_ACCESS, actor=request.user, obj=person,
                     reason=reason, request=request)
        if log_view:
            audit.record(action=audit.AuditEvent.Action.VIEW, actor=request.user, obj=person, request=request)
    return person


def _writable(person: Person) -> Person:
    if person.merged_into_id:
        raise ValidationError({"non_field_errors": [
            f"This record was merged into person {person.merged_into_id}; change that record instead."]})
    return person


@extend_schema_view(
    list=extend_schema(summary="Find people I may see", responses={200: PersonSummarySerializer(many=True)}),
    create=extend_schema(summary="Create a person", request=PersonWriteSerializer,
                         responses={201: PersonSerializer, **WRITE_ERRORS}),
    retrieve=extend_schema(summary="One person (each read is audited)", parameters=[REASON_PARAM],
                           responses={200: PersonSerializer, **ERRORS}),
    partial_update=extend_schema(summary="Change a person (changes are audited)", parameters=[REASON_PARAM],
                                 request=PersonWriteSerializer, responses={200: PersonSerializer, **WRITE_ERRORS}),
)
class PersonViewSet(ApiDefaults, mixins.ListModelMixin, viewsets.GenericViewSet):
    permission_classes = ApiDefaults.permission_classes + [CanViewPeople, CanEditPeopleOnWrite]
    serializer_class = PersonSerializer
    filterset_class = PersonFilter
    queryset = Person.objects.none()  # for the schema; real lists come from visible_people
    http_method_names = ["get", "post", "patch", "head", "options"]

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Person.objects.none()
        return visible_people(self.request.user)

    def get_serializer_class(self):
        return PersonSummarySerializer if self.action == "list" else PersonSerializer

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        audit.record(action=audit.AuditEvent.Action.SEARCH, actor=request.user, object_type="people.person",
                     request=request)
        return response

    def retrieve(self, request, pk=None):
        return Response(PersonSerializer(fetch_person(request, pk, log_view=True)).data)

    def create(self, request):
        user = request.user
        if user.force_id is None:
            raise PermissionDenied("Only police users with a force may create people.")
        body = PersonWriteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        person = writes.create_person(force=user.force, by=user, request=request, **body.validated_data)
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"{request.path}{person.pk}/"})

    def partial_update(self, request, pk=None):
        person = _writable(fetch_person(request, pk, log_view=False))
        body = PersonWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        person = writes.update_person(person=person, by=request.user, request=request, **body.validated_data)
        return Response(PersonSerializer(person).data)

    # Nested lists are short (one person's names, addresses...), so they are not paginated.

    @extend_schema(methods=["GET"], summary="A person's names and aliases", parameters=[REASON_PARAM],
                   responses={200: PersonNameSerializer(many=True), **ERRORS})
    @extend_schema(methods=["POST"], summary="Add an alias or other name", parameters=[REASON_PARAM],
                   request=PersonNameSerializer, responses={201: PersonNameSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def names(self, request, pk=None):
        if request.method == "GET":
            person = fetch_person(request, pk, log_view=True)
            return Response(PersonNameSerializer(person.names.order_by("kind", "id"), many=True).data)
        person = _writable(fetch_person(request, pk, log_view=False))
        body = PersonNameSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        name = people_services.add_name(person=person, by=request.user, **body.validated_data)
        return Response(PersonNameSerializer(name).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="A person's addresses", parameters=[REASON_PARAM],
                   responses={200: AddressSerializer(many=True), **ERRORS})
    @extend_schema(methods=["POST"], summary="Add an address", parameters=[REASON_PARAM],
                   request=AddressSerializer, responses={201: AddressSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def addresses(self, request, pk=None):
        if request.method == "GET":
            person = fetch_person(request, pk, log_view=True)
            links = person.addresses.select_related("address").order_by("-from_date", "-id")
            return Response(AddressSerializer(links, many=True).data)
        person = _writable(fetch_person(request, pk, log_view=False))
        body = AddressSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        address_fields = data.pop("address")
        link = writes.add_address(person=person, by=request.user, request=request, **data, **address_fields)
        return Response(AddressSerializer(link).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="A person's relationships (with people you may see)",
                   parameters=[REASON_PARAM], responses={200: RelationshipSerializer(many=True), **ERRORS})
    @extend_schema(methods=["POST"], summary="Record a relationship", parameters=[REASON_PARAM],
                   request=RelationshipSerializer, responses={201: RelationshipSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def relationships(self, request, pk=None):
        if request.method == "GET":
            person = fetch_person(request, pk, log_view=True)
            return Response(RelationshipSerializer(_relationships(person, request.user), many=True).data)
        person = _writable(fetch_person(request, pk, log_view=False))
        body = RelationshipSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        other = _other_person(person, data.pop("other"), data["kind"], request.user)
        rel = writes.add_relationship(person=person, other=other, by=request.user, request=request, **data)
        return Response(RelationshipSerializer(_as_row(rel, "from")).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="A person's warning markers", parameters=[REASON_PARAM],
                   responses={200: MarkerSerializer(many=True), **ERRORS})
    @extend_schema(methods=["POST"], summary="Add a warning marker", parameters=[REASON_PARAM],
                   request=MarkerSerializer, responses={201: MarkerSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def markers(self, request, pk=None):
        if request.method == "GET":
            person = fetch_person(request, pk, log_view=True)
            return Response(MarkerSerializer(person.markers.order_by("-start_date", "-id"), many=True).data)
        person = _writable(fetch_person(request, pk, log_view=False))
        body = MarkerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        marker = writes.add_marker(person=person, by=request.user, request=request, **body.validated_data)
        return Response(MarkerSerializer(marker).data, status=status.HTTP_201_CREATED)


def _as_row(rel: Relationship, direction: str) -> dict:
    other = rel.other if direction == "from" else rel.person
    label = rel.get_kind_display() if direction == "from" else INVERSE_LABEL.get(rel.kind, rel.get_kind_display())
    return {"id": rel.pk, "direction": direction, "kind": rel.kind, "label": str(label),
            "other_person": {"id": other.pk, "full_name": other.full_name}, "from_date": rel.from_date,
            "to_date": rel.to_date, "notes": rel.notes}


def _relationships(person: Person, user) -> list[dict]:
    """Both directions; links to people this user may not know exist are left out (ADR 0006)."""
    visible = visible_people(user).values("pk")
    rows = [_as_row(rel, "from") for rel in
            person.relationships_from.filter(other__in=visible).select_related("other").order_by("id")]
    rows += [_as_row(rel, "to") for rel in
             person.relationships_to.filter(person__in=visible).select_related("person").order_by("id")]
    return rows


def _other_person(person: Person, other_id: int, kind: str, user) -> Person:
    if other_id == person.pk:
        raise ValidationError({"other": ["A person cannot have a relationship with themselves."]})
    other = visible_people(user).filter(pk=other_id).first()
    if other is None:
        raise ValidationError({"other": ["No such person, or you may not see them."]})
    if other.merged_into_id:
        raise ValidationError({"other": [f"That record was merged into person {other.merged_into_id}."]})
    inverse = INVERSE_KIND.get(kind)
    if Relationship.objects.filter(person=person, other=other, kind=kind).exists() or (
        inverse and Relationship.objects.filter(person=other, other=person, kind=inverse).exists()
    ):
        raise ValidationError({"kind": ["This relationship is already recorded."]})
    return other
