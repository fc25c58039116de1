"""The supervisor's queue and the coordinator's dashboard (read only; see queue.py for the queries)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render

from vigil.core.access import require
from vigil.missing import conf, queue
from vigil.missing.access import MissingCap, police
from vigil.missing.search_data import GRAMPIAN_CITATION
from vigil.missing.views import sub_nav


@login_required
def supervisor_queue(request):
    require(request.user, MissingCap.SUPERVISE)
    if request.user.is_partner:
        raise PermissionDenied
    context = queue.supervisor_queue(request.user)
    context.update({"sub_nav": sub_nav(request), "review_hours": conf.review_hours()})
    return render(request, "missing/queue.html", context)


@login_required
def dashboard(request):
    if not police(request.user, MissingCap.DASHBOARD):
        raise PermissionDenied
    context = queue.dashboard(request.user.force_id)
    context.update({"sub_nav": sub_nav(request), "grampian": GRAMPIAN_CITATION})
    return render(request, "missing/dashboard.html", context)
