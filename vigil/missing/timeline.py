"""Timeline entries for a person: their missing episodes (reported, found)."""

from django.urls import reverse

from vigil.core.timeline import TimelineEntry, register
from vigil.missing.access import MissingCap, police


@register
def missing_entries(person, user):
    if not police(user, MissingCap.VIEW) or user.force_id != person.force_id:
        return
    for ep in person.missing_episodes.order_by("-reported_at")[:100]:
        url = reverse("missing:detail", args=[ep.pk])
        grade = ep.get_risk_grade_display() or "not graded"
        yield TimelineEntry(ep.reported_at, "Missing", f"Reported missing ({grade} risk)",
                            f"{ep.reference}: last seen {ep.last_seen_place}", url)
        if ep.found_at:
            yield TimelineEntry(ep.found_at, "Missing", "Found", f"{ep.reference}: {ep.found_place}", url)
