"""Swagger UI served from our own static files, with its start-up script as a separate file
(SpectacularSwaggerSplitView) and no inline style, so the strict CSP holds."""

from drf_spectacular.views import SpectacularSwaggerSplitView


class SwaggerView(SpectacularSwaggerSplitView):
    template_name = "api/swagger_ui.html"
