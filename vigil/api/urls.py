from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import SimpleRouter

from vigil.api.docs import SwaggerView
from vigil.api.people_views import PersonViewSet
from vigil.api.views import AuditEventViewSet, MeView, TaskViewSet

router = SimpleRouter()
router.register("people", PersonViewSet, basename="api-person")
router.register("tasks", TaskViewSet, basename="api-task")
router.register("audit-events", AuditEventViewSet, basename="api-audit-event")

urlpatterns = [
    path("me/", MeView.as_view(), name="api-me"),
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("docs/", SwaggerView.as_view(url_name="api-schema"), name="api-docs"),
    path("incidents/", include("vigil.incidents.api")),
    path("rso/", include("vigil.offenders.api_urls")),
    path("missing/", include("vigil.missing.api")),
    *router.urls,
]
