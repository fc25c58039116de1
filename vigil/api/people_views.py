"""People endpoints: the same access rules and audit as the people pages.

Every person is fetched through vigil.people.access. A restricted record needs a reason: the
X-Access-Reason header (at least 10 characters), logged as a restricted-access audit event, or a
reason already given on the web page in this session.
"""

from __future__ import annotations

from django.db import transaction
from django_filters.utils import translate_validation
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

from vigil.accounts.roles import Cap
from vigil.api.base import ApiDefaults
from vigil.api.exceptions import ReasonNeeded
from vigil.api.filters import PersonFilter, RankedPersonFilter
from vigil.api.permissions import CanEditPeopleOnWrite, CanViewPeople
from vigil.api.serializers import (
    AddressSerializer,
    ErrorSerializer,
    MarkerSerializer,
    PersonCreateSerializer,
    PersonMatchSerializer,
    PersonNameSerializer,
    PersonSerializer,
    PersonWriteSerializer,
    PossibleDuplicatesSerializer,
    RelationshipSerializer,
)
from vigil.core import audit
from vigil.core.access import ReasonRequired
from vigil.people import services as people_services
from vigil.people.access import get_person_for_user, visible_people
from vigil.people.models import INVERSE_LABEL, Person, Relationship
from vigil.people.search import audit_search, search_people

REASON_HEADER = "X-Access-Reason"
MIN_REASON, MAX_REASON = 10, 1000  # minimum as in vigil.people.access.give_reason

REASON_PARAM = OpenApiParameter(
    REASON_HEADER, OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
    description="Why you are opening a restricted record (10 to 1000 characters). Logged. "
                "Without it a restricted record answers 403 with code reason_required.",
)
DUPLICATE_LIMIT = 10  # as on the create page
ERRORS = {403: ErrorSerializer, 404: ErrorSerializer}
WRITE_ERRORS = {400: OpenApiResponse(description="Field errors: {field: [messages]}"), **ERRORS}


def _header_reason(request) -> str:
    raw = request.headers.get(REASON_HEADER, "")
    try:  # WSGI hands headers over as latin-1; clients send UTF-8
        raw = raw.encode("latin-1").decode("utf-8")
    except UnicodeError:
        pass
    return " ".join(raw.split())


def fetch_person(request, pk, *, log_view: bool, police_only: bool = False) -> Person:
    """The person through the access helper; a restricted one needs a logged reason.

    `police_only`: partners see the shared summary and names only, as on the partner's page."""
    if police_only and not request.user.can(Cap.PERSON_VIEW):
        raise PermissionDenied("Partners see a shared person's details and names only.")
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
    list=extend_schema(
        summary="Find people I may see",
        description="Newest first, cursor-paginated. With `q` the results are instead ranked best first "
                    "(sound-alikes, nicknames, typos, aliases; `date_of_birth` then also finds near dates), "
                    "at most `page_size` of them, with no next page. Every list is audited as a search.",
        responses={200: PersonMatchSerializer(many=True)},
    ),
    create=extend_schema(
        summary="Create a person, after the duplicate check",
        description="If people already recorded look like this one, the answer is 409 with the candidates. "
                    "Send again with `duplicates_seen` (their IDs) and `decision_reason` to create anyway.",
        request=PersonCreateSerializer,
        responses={201: PersonSerializer, 409: PossibleDuplicatesSerializer, **WRITE_ERRORS},
    ),
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
        return PersonMatchSerializer if self.action == "list" else PersonSerializer

    def list(self, request, *args, **kwargs):
        q = request.query_params.get("q", "").strip()
        if q and request.user.can(Cap.PERSON_SEARCH):
            return self._ranked(request, q)
        response = super().list(request, *args, **kwargs)
        query = {k: request.query_params[k] for k in PersonFilter.base_filters if k in request.query_params}
        audit_search(user=request.user, query=query, request=request)
        return response

    def _ranked(self, request, q):
        """?q= through the people search: ranked, so one page of the best matches."""
        filterset = RankedPersonFilter(request.query_params, queryset=self.get_queryset(), request=request)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        query = {**_name_query(q), "date_of_birth": filterset.form.cleaned_data.get("date_of_birth")}
        matches = search_people(request.user, **query, limit=self.paginator.get_page_size(request))
        # Other filters (surname, forenames, PNC ID) still narrow the matches.
        allowed = set(filterset.qs.filter(pk__in=[m.person.pk for m in matches]).values_list("pk", flat=True))
        matches = [m for m in matches if m.person.pk in allowed]
        audit_search(user=request.user, query=query, request=request)
        rows = PersonMatchSerializer([m.person for m in matches], many=True,
                                     context={"matches": {m.person.pk: m for m in matches}}).data
        return Response({"next": None, "previous": None, "results": rows})

    def retrieve(self, request, pk=None):
        return Response(PersonSerializer(fetch_person(request, pk, log_view=True)).data)

    def create(self, request):
        user = request.user
        if user.force_id is None or user.is_partner:
            raise PermissionDenied("Only police users with a force may create people.")
        body = PersonCreateSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        seen = set(data.pop("duplicates_seen", []))
        reason = data.pop("decision_reason", "").strip()
        query = {"forenames": data["forenames"], "surname": data["surname"],
                 "date_of_birth": data.get("date_of_birth")}
        # One transaction: bad input found by the service also undoes the duplicate-check audit entry.
        with transaction.atomic():
            matches = search_people(user, **query, limit=DUPLICATE_LIMIT)
            audit_search(user=user, query=query, request=request,
                         reason="Duplicate check before creating a person")
            candidates = [_candidate(m) for m in matches]
            if not {m.person.pk for m in matches} <= seen:
                # First try, or records have appeared since the list was shown (as on the page).
                return Response(PossibleDuplicatesSerializer({
                    "detail": "People already recorded look like this one. If none of them is this person, "
                              "send again with duplicates_seen (their IDs) and decision_reason.",
                    "code": "possible_duplicates", "candidates": candidates,
                }).data, status=status.HTTP_409_CONFLICT)
            person = people_services.create_person(force=user.force, by=user, candidates_shown=candidates,
                                                   decision_reason=reason, request=request, **data)
        return Response(PersonSerializer(person).data, status=status.HTTP_201_CREATED,
                        headers={"Location": f"{request.path}{person.pk}/"})

    def partial_update(self, request, pk=None):
        person = _writable(fetch_person(request, pk, log_view=False))
        body = PersonWriteSerializer(data=request.data, partial=True)
        body.is_valid(raise_exception=True)
        person = people_services.update_person(person=person, by=request.user, request=request,
                                               **body.validated_data)
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
        name = people_services.add_alias(person=person, by=request.user, request=request, **body.validated_data)
        return Response(PersonNameSerializer(name).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="A person's addresses (police only)", parameters=[REASON_PARAM],
                   responses={200: AddressSerializer(many=True), **ERRORS})
    @extend_schema(methods=["POST"], summary="Add an address", parameters=[REASON_PARAM],
                   request=AddressSerializer, responses={201: AddressSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def addresses(self, request, pk=None):
        if request.method == "GET":
            person = fetch_person(request, pk, log_view=True, police_only=True)
            links = person.addresses.select_related("address").order_by("-from_date", "-id")
            return Response(AddressSerializer(links, many=True).data)
        person = _writable(fetch_person(request, pk, log_view=False))
        body = AddressSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        address_fields = data.pop("address")
        link = people_services.add_address(person=person, by=request.user, request=request, **data,
                                           **address_fields)
        return Response(AddressSerializer(link).data, status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="A person's relationships (police only)", parameters=[REASON_PARAM],
                   responses={200: RelationshipSerializer(many=True), **ERRORS})
    @extend_schema(methods=["POST"], summary="Record a relationship", parameters=[REASON_PARAM],
                   request=RelationshipSerializer, responses={201: RelationshipSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def relationships(self, request, pk=None):
        if request.method == "GET":
            person = fetch_person(request, pk, log_view=True, police_only=True)
            return Response(RelationshipSerializer(_relationships(person, request.user), many=True).data)
        person = _writable(fetch_person(request, pk, log_view=False))
        body = RelationshipSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        data = dict(body.validated_data)
        other = _other_person(person, data.pop("other"), request.user)
        rel = people_services.add_relationship(person=person, other=other, by=request.user, request=request,
                                               **data)
        return Response(RelationshipSerializer(_as_row(rel, "from", visible=True)).data,
                        status=status.HTTP_201_CREATED)

    @extend_schema(methods=["GET"], summary="A person's warning markers (police only)", parameters=[REASON_PARAM],
                   responses={200: MarkerSerializer(many=True), **ERRORS})
    @extend_schema(methods=["POST"], summary="Add a warning marker", parameters=[REASON_PARAM],
                   request=MarkerSerializer, responses={201: MarkerSerializer, **WRITE_ERRORS})
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def markers(self, request, pk=None):
        if request.method == "GET":
            person = fetch_person(request, pk, log_view=True, police_only=True)
            return Response(MarkerSerializer(person.markers.order_by("-start_date", "-id"), many=True).data)
        person = _writable(fetch_person(request, pk, log_view=False))
        body = MarkerSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        marker = people_services.add_marker(person=person, by=request.user, request=request,
                                            **body.validated_data)
        return Response(MarkerSerializer(marker).data, status=status.HTTP_201_CREATED)


def _name_query(q: str) -> dict:
    """"Surname, Forenames" or "Forenames Surname" (one word is a surname)."""
    if "," in q:
        surname, forenames = q.split(",", 1)
    else:
        words = q.split()
        surname, forenames = words[-1], " ".join(words[:-1])
    return {"forenames": forenames.strip(), "surname": surname.strip()}


def _candidate(match) -> dict:
    person = match.person
    return {"person_id": person.pk, "name": person.full_name, "date_of_birth": person.date_of_birth,
            "score": match.score, "reasons": list(match.reasons)}


def _as_row(rel: Relationship, direction: str, *, visible: bool) -> dict:
    other = rel.other if direction == "from" else rel.person
    label = rel.get_kind_display() if direction == "from" else INVERSE_LABEL.get(rel.kind, rel.get_kind_display())
    return {"id": rel.pk, "direction": direction, "kind": rel.kind, "label": str(label),
            "other_person": {"id": other.pk, "full_name": other.full_name} if visible else None,
            "from_date": rel.from_date, "to_date": rel.to_date, "notes": rel.notes}


def _relationships(person: Person, user) -> list[dict]:
    """Both directions. A link to someone this user may not see stays anonymous, as on the page."""
    pairs = [(rel, "from") for rel in person.relationships_from.select_related("other").order_by("id")]
    pairs += [(rel, "to") for rel in person.relationships_to.select_related("person").order_by("id")]
    others = [rel.other_id if direction == "from" else rel.person_id for rel, direction in pairs]
    visible = set(visible_people(user).filter(pk__in=others).values_list("pk", flat=True))
    return [_as_row(rel, direction, visible=other in visible) for (rel, direction), other in zip(pairs, others,
                                                                                                 strict=True)]


def _other_person(person: Person, other_id: int, user) -> Person:
    """The other person, fetched through the access helper: unknown and hidden look the same."""
    if other_id == person.pk:
        raise ValidationError({"other": ["A person cannot be related to themselves."]})
    other = visible_people(user).filter(pk=other_id).first()
    if other is None:
        raise ValidationError({"other": [f"There is no person with ID {other_id} that you can see."]})
    return other
