"""Timeline entries for a person: incidents they were linked to, assessments, referrals."""

from django.urls import reverse

from vigil.core.timeline import TimelineEntry, register
from vigil.incidents.access import IncidentCap


@register
def incident_entries(person, user):
    if user.is_partner or user.force_id != person.force_id or not user.can(IncidentCap.VIEW):
        return
    for link in person.incident_links.select_related("incident", "incident__incident_type"):
        incident = link.incident
        yield TimelineEntry(incident.occurred_at, "Incident",
                            f"{incident.incident_type} ({link.get_role_display().lower()})",
                            f"Incident {incident.reference}", reverse("incidents:detail", args=[incident.pk]))
    for assessment in person.safeguarding_assessments.select_related("child__incident"):
        yield TimelineEntry(assessment.completed_at, "Safeguarding",
                            f"Child safeguarding assessment: {assessment.get_risk_grade_display()} risk",
                            assessment.get_referral_decision_display(),
                            reverse("incidents:detail", args=[assessment.child.incident_id]))
    for referral in person.safeguarding_referrals.select_related("organisation"):
        yield TimelineEntry(referral.sent_at, "Safeguarding", f"Referred to {referral.organisation}",
                            referral.get_decision_display() if referral.decision else "Awaiting decision",
                            reverse("incidents:referral", args=[referral.pk]))
    for pp in person.police_protections.all():
        yield TimelineEntry(pp.taken_at, "Police protection", "Taken into police protection (s.46)",
                            pp.accommodation, reverse("incidents:protection", args=[pp.pk]))
