"""Offender management API routes. vigil/api/urls.py mounts them with
`path("rso/", include("vigil.offenders.api_urls"))`, giving /api/v1/rso/registrants/ etc."""

from rest_framework.routers import SimpleRouter

from vigil.offenders.api import DashboardViewSet, RegistrantViewSet

router = SimpleRouter()
router.register("registrants", RegistrantViewSet, basename="api-rso-registrant")
router.register("dashboard", DashboardViewSet, basename="api-rso-dashboard")
urlpatterns = router.urls
