"""The project's URLs plus the missing API at /api/v1/missing/ (until vigil/api/urls.py includes it)."""

from django.urls import include, path

from vigil.urls import urlpatterns as project

urlpatterns = [path("api/v1/missing/", include("vigil.missing.api")), *project]
