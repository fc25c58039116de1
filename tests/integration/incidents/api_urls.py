"""The project's URLs plus the incidents API at /api/v1/incidents/ (until vigil/api/urls.py includes it)."""

from django.urls import include, path

from vigil.urls import urlpatterns as project

urlpatterns = [path("api/v1/incidents/", include("vigil.incidents.api")), *project]
