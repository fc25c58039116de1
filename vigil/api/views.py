"""API views for the signed-in user, their tasks and the audit trail (people are in people_views)."""

from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_view
from rest_framework import mixins, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response
from rest_framework.views import APIView

from vigil.api.base import ApiDefaults
from vigil.api.filters import AuditEventFilter, TaskFilter
from vigil.api.pagination import CursorPagination
from vigil.api.permissions import CanSearchAudit, CanWorkTasks
from vigil.api.serializers import (
    AuditEventSerializer,
    ErrorSerializer,
    MeSerializer,
    TaskCompleteSerializer,
    TaskSerializer,
)
from vigil.core import services
from vigil.core.models import AuditEvent, Task
from vigil.core.task_access import can_complete, get_task_for_user, my_tasks


class MeView(ApiDefaults, APIView):
    @extend_schema(responses=MeSerializer, summary="Who am I: roles, capabilities and teams")
    def get(self, request):
        user = request.user
        memberships = user.memberships.select_related("team").order_by("team__name")
        data = {
            "id": user.pk,
            "username": user.username,
            "display_name": user.display_name,
            "force": {"id": user.force_id, "name": user.force.name} if user.force_id else None,
            "organisation": (
                {"id": user.organisation_id, "name": user.organisation.name} if user.organisation_id else None
            ),
            "roles": sorted(user.roles),
            "capabilities": sorted(user.capabilities) if user.is_active else [],
            "teams": [{"id": m.team_id, "name": m.team.name, "is_supervisor": m.is_supervisor}
                      for m in memberships],
        }
        return Response(MeSerializer(data).data)


class TaskPagination(CursorPagination):
    ordering = ("due_at", "id")


@extend_schema_view(
    list=extend_schema(summary="My tasks: mine, and my teams' unowned ones (as on My work)"),
    retrieve=extend_schema(summary="One task I may see"),
)
class TaskViewSet(ApiDefaults, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = TaskSerializer
    permission_classes = ApiDefaults.permission_classes + [CanWorkTasks]
    filterset_class = TaskFilter
    pagination_class = TaskPagination
    queryset = Task.objects.none()  # for the schema; real lists come from the access helpers

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or (user.is_partner and not user.organisation_id):
            return Task.objects.none()
        return my_tasks(user).select_related("owner", "team")

    def get_object(self):
        return get_task_for_user(self.request.user, self.kwargs["pk"])

    def get_serializer_context(self):
        return {**super().get_serializer_context(), "now": timezone.now()}

    @extend_schema(
        request=TaskCompleteSerializer,
        responses={200: TaskSerializer, 400: OpenApiResponse(description="Bad input, or the task is closed"),
                   403: ErrorSerializer, 404: ErrorSerializer},
        summary="Complete a task",
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, pk=None):
        task = self.get_object()
        if not can_complete(request.user, task):
            raise PermissionDenied("You may not complete this task.")
        body = TaskCompleteSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        task = services.complete_task(task=task, by=request.user, outcome=body.validated_data["outcome"],
                                      request=request)
        return Response(self.get_serializer(task).data)


class AuditPagination(CursorPagination):
    ordering = "-seq"


@extend_schema_view(list=extend_schema(summary="Search the audit trail of my force"))
class AuditEventViewSet(ApiDefaults, mixins.ListModelMixin, viewsets.GenericViewSet):
    serializer_class = AuditEventSerializer
    permission_classes = ApiDefaults.permission_classes + [CanSearchAudit]
    filterset_class = AuditEventFilter
    pagination_class = AuditPagination
    queryset = AuditEvent.objects.none()

    def get_queryset(self):
        user = self.request.user
        if getattr(self, "swagger_fake_view", False) or user.force_id is None:
            return AuditEvent.objects.none()
        # Own force only, as on the audit search page.
        return AuditEvent.objects.filter(force_id=user.force_id)
