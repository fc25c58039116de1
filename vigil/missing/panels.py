"""My work panels: the supervisor's missing queue, the coordinator's patterns, a partner's requests."""

from django.urls import reverse
from django.utils import timezone

from vigil.accounts.models import Organisation
from vigil.missing import conf, rules
from vigil.missing.access import (
    MissingCap,
    can_supervise,
    is_care_provider,
    partner_of,
    police,
    visible_profiles,
    visible_return_interviews,
)
from vigil.missing.models import MissingEpisode
from vigil.missing.queue import overdue_actions


def supervision_panel(request):
    user = request.user
    if not can_supervise(user):
        return None
    now = timezone.now()
    mine = MissingEpisode.objects.supervised_by(user)
    url = reverse("missing:queue")
    return {
        "title": "Missing children",
        "items": [
            ("Episodes you supervise", mine.count(), url),
            ("Reviews overdue", mine.filter(status="open", next_review_due__lt=now).count(), url + "#reviews"),
            ("Escalated to you", MissingEpisode.objects.escalated_to(user, now).count(), url + "#escalated"),
            ("Early actions overdue", overdue_actions(mine, now).count(), url + "#actions"),
        ],
    }


def coordinator_panel(request):
    user = request.user
    if not police(user, MissingCap.DASHBOARD) or can_supervise(user):
        return None
    now = timezone.now()
    episodes = MissingEpisode.objects.filter(force_id=user.force_id)
    count, days = conf.repeat_rule()
    url = reverse("missing:dashboard")
    return {
        "title": "Missing children",
        "items": [
            ("Children missing now", episodes.open().count(), url),
            ("Reviews overdue", episodes.review_overdue(now).count(), url + "#overdue"),
            (f"Children missing {count} or more times in {days} days",
             episodes.repeat_children(rules.window_start(now, days), count).count(), url + "#repeat"),
        ],
    }


def partner_panel(request):
    user = request.user
    if not user.is_authenticated or not user.is_partner:
        return None
    if is_care_provider(user):
        return {"title": "Missing children", "items": [
            ("Carers' profiles you keep", visible_profiles(user).count(), reverse("missing:profiles"))]}
    if not (partner_of(user, Organisation.Kind.CHILDRENS_SOCIAL_CARE) and user.can(MissingCap.RHI)):
        return None
    rhis = visible_return_interviews(user)
    url = reverse("missing:rhi_inbox")
    return {"title": "Return home interviews", "items": [
        ("Waiting", rhis.pending().count(), url),
        ("Past the 72-hour due time", rhis.overdue().count(), url),
    ]}


PANELS = (supervision_panel, coordinator_panel, partner_panel)
