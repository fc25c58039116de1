"""The supervisor's "child to notice" counts on My work (domain.md A3, rule I1)."""

from django.urls import reverse
from django.utils import timezone

from vigil.incidents import notice
from vigil.incidents.access import IncidentCap


def child_to_notice_panel(request):
    user = request.user
    if user.is_partner or user.force_id is None or not user.can(IncidentCap.QUEUE):
        return None
    now = timezone.now()
    counts = notice.counts(notice.queue(user.force_id, now), now)
    url = reverse("incidents:notice")
    return {
        "title": "Child to notice",
        "items": [
            ("Safeguarding assessments overdue", counts["assessment_overdue"], url + "#attention"),
            ("Awaiting assessment (not yet due)", counts["awaiting_assessment"], url + "#attention"),
            ("Flags overridden in the last 7 days", counts["overridden"], url + "#overridden"),
            ("Late referrals or school notifications (last 7 days)", counts["late"], url + "#attention"),
        ],
    }
