"""Template helpers for GOV.UK Design System markup: `{% load govuk %}`."""

import copy
import itertools
import re

from django import forms, template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# GOV.UK class for each Django widget type (BoundField.widget_type); anything else is a text-like input.
WIDGET_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "nullbooleanselect": "govuk-select",
    "file": "govuk-file-upload",
    "clearablefile": "govuk-file-upload",
    "checkbox": "govuk-checkboxes__input",
}
# These have no error modifier in GOV.UK Frontend.
NO_ERROR_CLASS = {"checkbox"}


def _join(*parts):
    return " ".join(p for p in parts if p)


@register.filter
def add_class(field, css_class):
    """`{{ form.name|add_class:"govuk-input--width-10" }}`: render the widget with an extra class."""
    existing = field.field.widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": _join(existing, css_class)})


@register.filter
def govuk_kind(field):
    """How field.html lays a field out: "choices" (radios or checkboxes), "checkbox", "hidden" or "input"."""
    widget = field.field.widget
    if isinstance(widget, (forms.RadioSelect, forms.CheckboxSelectMultiple)):
        return "choices"
    if isinstance(widget, forms.CheckboxInput):
        return "checkbox"
    return "hidden" if widget.is_hidden else "input"


@register.filter
def govuk_error_target(field):
    """The id an error summary link should point to: the input itself, or the first radio or checkbox."""
    if govuk_kind(field) == "choices":
        subwidgets = field.subwidgets
        return subwidgets[0].id_for_label if subwidgets else field.auto_id
    return field.id_for_label or field.auto_id


@register.filter
def govuk_describedby(field):
    """Ids of the hint and error message, matching Django's own `{id}_helptext` / `{id}_error`."""
    if not field.auto_id:
        return ""
    return _join(
        field.field.widget.attrs.get("aria-describedby", ""),
        f"{field.auto_id}_helptext" if field.help_text else "",
        f"{field.auto_id}_error" if field.errors else "",
    )


@register.filter
def widget_class(field):
    """The class a widget was given in the form (e.g. "govuk-radios--inline"), for the container."""
    return field.field.widget.attrs.get("class", "")


@register.filter
def govuk_choice_group(field):
    """Either govuk-radios or govuk-checkboxes: the class prefix for a multiple-choice field."""
    # CheckboxSelectMultiple subclasses RadioSelect, so test it first.
    if isinstance(field.field.widget, forms.CheckboxSelectMultiple):
        return "govuk-checkboxes"
    return "govuk-radios"


@register.simple_tag
def govuk_widget(field):
    """Render a field's widget with the GOV.UK class, error modifier and aria-describedby."""
    widget = field.field.widget
    kind = "checkbox" if govuk_kind(field) == "checkbox" else field.widget_type
    base = WIDGET_CLASSES.get(kind, "govuk-input")
    error = f"{base}--error" if field.errors and kind not in NO_ERROR_CLASS else ""
    # A single checkbox's own class goes on its govuk-checkboxes container (see field.html).
    extra = "" if kind == "checkbox" else widget.attrs.get("class", "")
    attrs = {"class": _join(base, error, extra)}
    described = govuk_describedby(field)
    if described:
        attrs["aria-describedby"] = described
    if kind == "email":
        attrs.setdefault("spellcheck", "false")
    if isinstance(widget, forms.DateInput) or "type" in widget.attrs:
        widget = copy.copy(widget)
        # attrs={"type": ...} would print a second type attribute: make it the input type instead.
        widget.attrs = {k: v for k, v in widget.attrs.items() if k != "type"}
        widget.input_type = field.field.widget.attrs.get("type", widget.input_type)
        if isinstance(widget, forms.DateInput):
            # A native date picker: accessible, no JavaScript; it submits ISO dates, which
            # Django's DateField always accepts.
            widget.input_type = "date"
            widget.format = "%Y-%m-%d"
    return field.as_widget(widget=widget, attrs=attrs)


@register.simple_tag
def split_messages(messages):
    """Django messages as (success, other) lists: each kind becomes one notification banner."""
    success, other = [], []
    for message in messages:
        (success if message.level_tag == "success" else other).append(message)
    return success, other


_CAPTION = re.compile(r"<caption\b([^>]*)>")
_ID = re.compile(r'\sid="([^"]+)"')
_caption_ids = itertools.count(1)  # unique in the process, so unique on any one page


@register.tag
def scroll_table(parser, token):
    """`{% scroll_table %}<table>…</table>{% endscroll_table %}`: a wide table scrolls sideways in its own
    region (class vigil-table-scroll in css/app.css), so on a phone the page itself does not. The region
    is focusable, for keyboard scrolling, and named by the table's caption."""
    nodelist = parser.parse(("endscroll_table",))
    parser.delete_first_token()
    return ScrollTableNode(nodelist)


class ScrollTableNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        table = str(self.nodelist.render(context))
        caption = _CAPTION.search(table)
        if caption is None:  # nothing to name a focusable region by: only contain the overflow
            return format_html('<div class="vigil-table-scroll">{}</div>', mark_safe(table))
        found = _ID.search(caption.group(1))
        caption_id = found.group(1) if found else f"table-caption-{next(_caption_ids)}"
        if not found:
            at = caption.start() + len("<caption")
            table = f'{table[:at]} id="{caption_id}"{table[at:]}'
        return format_html('<div class="vigil-table-scroll" role="region" aria-labelledby="{}" tabindex="0">{}</div>',
                           caption_id, mark_safe(table))
