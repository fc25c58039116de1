"""My work panels: an offender manager's caseload figures; a supervisor's team figures."""

from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from vigil.offenders import conf
from vigil.offenders.access import (
    OffenderCap,
    can_oversee,
    oversight_scope,
    police_can,
)
from vigil.offenders.models import Registrant
from vigil.offenders.querysets import assessment_overdue_q, due_by_q, overdue_q


def caseload_panel(request):
    user = request.user
    if not police_can(user, OffenderCap.EDIT):
        return None
    today, policy = timezone.localdate(), conf.visit_policy()
    qs = Registrant.objects.filter(force_id=user.force_id, manager=user).active()
    counts = qs.aggregate(n=Count("pk"), visits=Count("pk", filter=overdue_q(today, policy)),
                          assessments=Count("pk", filter=assessment_overdue_q(today)),
                          soon=Count("pk", filter=due_by_q(today.fromordinal(today.toordinal() + 14), policy)))
    if not counts["n"]:
        return None
    url = reverse("offenders:queue")
    return {"title": "Your registered sex offender caseload", "items": [
        ("Home visits overdue", counts["visits"], url),
        ("Risk assessments overdue", counts["assessments"], url),
        ("Home visits due in the next 14 days (including overdue)", counts["soon"], url),
        ("Registrants you manage", counts["n"], url),
    ]}


def oversight_panel(request):
    user = request.user
    if not can_oversee(user):
        return None
    from vigil.offenders import reports

    today, policy = timezone.localdate(), conf.visit_policy()
    teams, managers = oversight_scope(user)
    qs = reports.scoped(Registrant.objects.filter(force_id=user.force_id), teams=teams, managers=managers).active()
    counts = qs.aggregate(n=Count("pk"), visits=Count("pk", filter=overdue_q(today, policy)),
                          assessments=Count("pk", filter=assessment_overdue_q(today)))
    if not counts["n"]:
        return None
    url = reverse("offenders:dashboard")
    return {"title": "Registered sex offenders: overdue work", "items": [
        ("Home visits overdue", counts["visits"], url),
        ("Risk assessments overdue", counts["assessments"], url),
        ("Registrants managed", counts["n"], url),
    ]}
