from django.contrib import admin
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="core:my_work", permanent=False)),
    path("accounts/", include("allauth.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("work/", include("vigil.core.urls")),
    path("people/", include("vigil.people.urls")),
    path("incidents/", include("vigil.incidents.urls")),
    path("missing/", include("vigil.missing.urls")),
    path("offenders/", include("vigil.offenders.urls")),
    path("admin/", include("vigil.accounts.urls")),
    path("api/v1/", include("vigil.api.urls")),
    path("accessibility/", TemplateView.as_view(template_name="accessibility.html"), name="accessibility"),
    path("django-admin/", admin.site.urls),
]
