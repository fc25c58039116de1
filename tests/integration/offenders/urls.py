"""The project URLs plus the offender API, mounted as vigil/api/urls.py will mount it (until the API
engineer adds the include line, tests use this URLconf)."""

from django.urls import include, path

from vigil.urls import urlpatterns as project

urlpatterns = [path("api/v1/rso/", include("vigil.offenders.api_urls")), *project]
