"""The one-page search briefing as a PDF (weasyprint), from the same template as the print view."""

from django.http import HttpResponse
from django.template.loader import render_to_string


def briefing_pdf_response(request, context: dict, *, filename: str) -> HttpResponse:
    # Imported here: loading weasyprint takes a moment and most pages never need it.
    from weasyprint import HTML

    html = render_to_string("missing/briefing_pdf.html", context, request=request)
    pdf = HTML(string=html, base_url=request.build_absolute_uri("/")).write_pdf(pdf_variant="pdf/ua-1")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    return response
