"""Read side: the supervisor's queue and the coordinator's dashboard.

Everything overdue is derived by SQL comparisons with `now`; counts and shares are aggregates in
SQL; only the rows a page shows (capped) are fetched. No Python loops over all episodes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db.models import Count, Q
from django.utils import timezone

from vigil.accounts.roles import Role
from vigil.core import deadlines
from vigil.core.models import Task
from vigil.missing import conf, rules
from vigil.missing.deadlines import ACTION_PREFIX
from vigil.missing.models import MissingEpisode, PlaceKind, ReturnHomeInterview
from vigil.missing.search_data import GRAMPIAN_LOCATE
from vigil.people.models import Address, Person

ROWS = 50
DASHBOARD_ROWS = 20  # the oldest overdue reviews; the count shows them all
YEAR = timedelta(days=365)


def _episode_ct():
    return ContentType.objects.get_for_model(MissingEpisode)


def overdue_actions(episodes, now=None):
    """Open early-action tasks past their due time for the given episodes (a subquery, not a loop)."""
    return Task.objects.filter(content_type=_episode_ct(), object_id__in=episodes.values("pk"),
                               status=Task.Status.OPEN, kind__startswith=ACTION_PREFIX,
                               due_at__lt=now or timezone.now())


@dataclass
class Row:
    episode: MissingEpisode
    level: int  # rules.escalation_level

    @property
    def overdue(self) -> bool:
        return self.level > 0


def _rows(qs, now, step):
    return [Row(ep, rules.escalation_level(ep.next_review_due, now, step) if ep.next_review_due else 0)
            for ep in qs.select_related("person", "supervisor")[:ROWS]]


def supervisor_queue(user, now=None) -> dict:
    now = now or timezone.now()
    step = conf.escalation_step_hours()
    mine = MissingEpisode.objects.supervised_by(user)
    escalated = MissingEpisode.objects.escalated_to(user, now).order_by("next_review_due")
    seniors = None
    if user.has_role(Role.SENIOR_OFFICER):
        seniors = (MissingEpisode.objects.escalated_to_seniors(user.force_id, step, now)
                   .order_by("next_review_due"))
    actions = (overdue_actions(mine, now).select_related("owner", "person").order_by("due_at"))
    return {
        "now": now,
        "step": step,
        "reviews": _rows(mine.filter(status="open").order_by("next_review_due"), now, step),
        "reviews_overdue": mine.filter(status="open", next_review_due__lt=now).count(),
        "found": list(mine.filter(status="found").select_related("person").order_by("found_at")[:ROWS]),
        "escalated": _rows(escalated, now, step),
        "escalated_count": escalated.count(),
        "seniors": _rows(seniors, now, step) if seniors is not None else None,
        "actions": list(actions[:ROWS]),
        "actions_count": actions.count(),
    }


def dashboard(force_id, now=None) -> dict:
    now = now or timezone.now()
    episodes = MissingEpisode.objects.filter(force_id=force_id)
    by_grade = {row["risk_grade"]: row["n"] for row in episodes.open_by_grade()}
    grades = [(rules.GRADE_LABELS[g], by_grade.get(g, 0)) for g in ("high", "medium", "low", "very_low", "")]

    overdue = episodes.review_overdue(now)
    action_tasks = Task.objects.filter(force_id=force_id, status=Task.Status.OPEN, kind__startswith=ACTION_PREFIX,
                                       due_at__lt=now)

    count, days = conf.repeat_rule()
    repeat = list(episodes.repeat_children(rules.window_start(now, days), count)[:ROWS])
    names = {p.pk: p for p in Person.objects.filter(pk__in=[r["person_id"] for r in repeat])}
    repeat_rows = [(names.get(r["person_id"]), r["n"]) for r in repeat]

    seconds = conf.dashboard_cache_seconds()
    if seconds:
        year = cache.get_or_set(f"missing:dashboard:year:{force_id}", lambda: _year(force_id, now), seconds)
    else:
        year = _year(force_id, now)
    return {
        "now": now,
        "open_total": sum(n for _label, n in grades),
        "grades": grades,
        "durations": episodes.open_durations(rules.OPEN_BANDS, now),
        "overdue_count": overdue.count(),
        "overdue": list(overdue.select_related("person", "supervisor").order_by("next_review_due")[:DASHBOARD_ROWS]),
        "actions_count": action_tasks.count(),
        "action_kinds": _action_kinds(action_tasks),
        "repeat_rule": (count, days),
        "repeat": repeat_rows,
        **year,
    }


def _action_kinds(tasks) -> list[tuple[str, int]]:
    """Overdue early actions by kind: one aggregate with a count per kind. (A GROUP BY kind tempts
    SQLite to walk the whole task table in kind order instead of the few overdue open tasks.)"""
    codes = [code for code, _title, _minutes in conf.DEFAULT_EARLY_ACTIONS]
    row = tasks.aggregate(**{code: Count("id", filter=Q(kind=ACTION_PREFIX + code)) for code in codes})
    return [(deadlines.get(ACTION_PREFIX + code).label, row[code]) for code in codes if row[code]]


def _year(force_id, now) -> dict:
    """The last 12 months: aggregates over history that change slowly (conf.dashboard_cache_seconds)."""
    year_ago = now - YEAR
    episodes = MissingEpisode.objects.filter(force_id=force_id)
    locate = episodes.found_summary(year_ago, rules.LOCATE_BANDS, PlaceKind.values)
    total = locate["total"] or 0
    study = dict((minutes, pct) for pct, minutes in GRAMPIAN_LOCATE)
    locate_rows = [(label, locate[f"b{i}"], round(100 * locate[f"b{i}"] / total) if total else None,
                    study.get(minutes)) for i, (minutes, label) in enumerate(rules.LOCATE_BANDS)]
    rhi = ReturnHomeInterview.objects.filter(force_id=force_id).timeliness(year_ago)
    rhi["share"] = round(100 * rhi["on_time"] / rhi["total"]) if rhi["total"] else None
    where = [(str(label), locate[f"k_{kind}"]) for kind, label in PlaceKind.choices]
    spots = episodes.hotspots(year_ago)
    addresses = Address.objects.in_bulk([aid for aid, _n in spots])
    hotspots = [{"address": str(addresses[aid]) if aid in addresses else "", "found_address_id": aid, "n": n}
                for aid, n in spots]
    return {"year_as_at": now, "locate_total": total, "locate": locate_rows, "rhi": rhi, "where": where,
            "hotspots": hotspots}
