"""GOV.UK Design System markup for Django forms (docs/adr/0004-frontend.md).

`{{ form }}` renders govuk/forms/form.html, and each `{{ form.field.as_field_group }}`
renders govuk/forms/field.html. The renderer has its own template engine that looks in
vigil/templates first and then in Django's built-in form templates, so it needs no
"django.forms" in INSTALLED_APPS; widget templates under vigil/templates/django/forms/
override Django's.
"""

from pathlib import Path

import django.forms
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property

TEMPLATES_DIR = Path(__file__).resolve().parent.parent / "templates"


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [TEMPLATES_DIR, Path(django.forms.__file__).parent / "templates"],
                "NAME": "govukforms",
                # Named here so the form templates load it even where vigil.core is not an installed app.
                "OPTIONS": {"libraries": {"govuk": "vigil.core.templatetags.govuk"}},
            }
        )
