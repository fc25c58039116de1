"""`{% load missing_tags %}`: `{{ grade|grade_tag }}` renders a risk grade as a GOV.UK tag.

A filter rather than an included template: lists of episodes render one per row, and an include per
row costs more than the row itself (docs/performance.md, "Missing children")."""

from django import template
from django.utils.html import format_html

register = template.Library()

TAGS = {
    "high": ("red", "High"), "medium": ("orange", "Medium"), "low": ("yellow", "Low"),
    "very_low": ("grey", "Very low"), "": ("purple", "Not graded"),
}


@register.filter
def grade_tag(grade):
    colour, label = TAGS.get(grade or "", TAGS[""])
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)


STATUS = {"open": ("red", "Missing"), "found": ("yellow", "Found: not closed"), "closed": ("green", "Closed")}


@register.filter
def status_tag(status):
    colour, label = STATUS.get(status, ("grey", status))
    return format_html('<strong class="govuk-tag govuk-tag--{}">{}</strong>', colour, label)
