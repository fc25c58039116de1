"""Shares with partners and open tasks for the demo logins, so every page has something to show:
My work with overdue, due-today and upcoming tasks; partner inboxes with shared records."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.utils import timezone

from vigil.core import deadlines
from vigil.core.clock import LONDON
from vigil.core.models import Task
from vigil.people.models import Marker, PartnerShare, Person
from vigil.seed.reference_data import CARE_PROVIDERS, PPU

M = Marker.Kind
# Which people each login's tasks are about, and what the tasks say.
TASK_PLAN = {
    "response": (M.DOMESTIC_ABUSE, ("Complete DASH risk assessment for {name}",
                                    "Submit child coming to notice form for {name}",
                                    "Revisit address to speak with {name}")),
    "investigator": (M.CP_PLAN, ("Arrange ABE interview for {name}", "Chase medical findings for {name}",
                                 "Update strategy discussion record for {name}")),
    "offender_manager": (M.RSO, ("Home visit to {name}", "Review risk management plan for {name}",
                                 "Check notified details for {name}")),
    "missing_coordinator": (M.REPEAT_MISSING, ("Review return home interview for {name}",
                                               "Update missing-from-home risk review for {name}",
                                               "Complete trigger plan for {name}")),
    "supervisor": (M.VIOLENCE, ("Quality-check risk assessment for {name}", "Review allocation: {name}",
                                "Agree safeguarding plan for {name}")),
    "senior": (M.EXPLOITATION, ("Review exploitation case: {name}", "Sign off closure report for {name}",
                                "Chair multi-agency meeting about {name}")),
}
SHARE_REASONS = {
    "csc": "Child protection plan: information shared for the strategy discussion (Children Act 1989 s.47)",
    "care": "Child placed with you: missing-from-care protocol and return home interviews",
    "school": "Operation Encompass: domestic abuse incident with a pupil present",
}


class _Due:
    """Due times for each state My work shows, relative to when the seed runs."""

    def __init__(self, now: datetime, rng):
        self.now, self.rng = now, rng
        self.today = timezone.localtime(now, LONDON).date()

    def overdue(self) -> datetime:
        return self.now - timedelta(days=self.rng.randint(1, 6), hours=self.rng.randint(1, 8))

    def today_later(self) -> datetime:
        end = datetime.combine(self.today, time(23, 59), tzinfo=LONDON)
        return min(end, max(datetime.combine(self.today, time(17, 0), tzinfo=LONDON), self.now + timedelta(hours=1)))

    def upcoming(self) -> datetime:
        day = self.today + timedelta(days=self.rng.randint(2, 14))
        return datetime.combine(day, time(self.rng.choice((9, 10, 14, 16))), tzinfo=LONDON)


def _people(ctx, force, label: str, limit: int) -> list[Person]:
    ids = ctx.notable.get((force.pk, label), [])[: limit * 2]
    found = Person.objects.in_bulk(ids)
    return [found[i] for i in ids if i in found and not found[i].restricted][:limit]


def _task(ctx, force, kind, title, due_at, *, owner=None, team=None, organisation=None, person=None,
          by=None, done=False, priority=Task.Priority.NORMAL) -> Task:
    # Built as vigil.core.services.create_task builds it (source from the deadline registry).
    return Task(
        force=force, kind=kind, title=title[:300], due_at=due_at, owner=owner, team=team,
        organisation=organisation, person=person, priority=priority, source=deadlines.get(kind).source,
        created_by=by, created_at=ctx.now - timedelta(days=7),
        status=Task.Status.DONE if done else Task.Status.OPEN,
        completed_at=ctx.now - timedelta(days=1) if done else None, completed_by=owner if done else None,
        outcome="Done." if done else "",
    )


def make_shares(ctx, force, orgs) -> dict[str, list[Person]]:
    rng = ctx.rng_for("shares")
    by = ctx.users.get("investigator")
    shares, shared = [], {}

    def share(org, people, reason, revoke_one=False):
        for i, person in enumerate(people):
            shares.append(PartnerShare(
                person=person, organisation=org, reason=reason, shared_by=by,
                shared_at=ctx.now - timedelta(days=rng.randint(1, 60)),
                revoked_at=ctx.now - timedelta(hours=2) if revoke_one and i == len(people) - 1 else None,
            ))
        shared[org.name] = people[: len(people) - (1 if revoke_one else 0)]

    for org in orgs.values():
        if org.kind == "csc":
            children = _people(ctx, force, f"area:{org.area}:{M.CP_PLAN}", 6)
            children += _people(ctx, force, f"area:{org.area}:{M.EXPLOITATION}", 2)
            share(org, children, SHARE_REASONS["csc"], revoke_one=org.area == "Midtown" and len(children) > 2)
    for name in CARE_PROVIDERS:
        org = orgs[name]
        share(org, _people(ctx, force, f"care:{org.pk}", 8), SHARE_REASONS["care"])
    school = orgs.get("Midtown Academy")
    if school is not None:
        share(school, _people(ctx, force, "area:Midtown:pupil", 4), SHARE_REASONS["school"])
    ctx.bulk_create(shares)
    return shared


def make_tasks(ctx, force, teams, orgs, shared) -> None:
    rng = ctx.rng_for("tasks")
    due = _Due(ctx.now, rng)
    users = ctx.users
    boss = users.get("supervisor")
    tasks = []
    reviews = _people(ctx, force, "marker:cp_plan", 12) + _people(ctx, force, "marker:violence", 12)
    for username, (kind, titles) in TASK_PLAN.items():
        owner = users[username]
        people = _people(ctx, force, f"marker:{kind}", 6) or reviews
        if not people:
            continue

        def pick(people=people):
            return people[rng.randrange(len(people))]

        p = pick()
        tasks.append(_task(ctx, force, "general", titles[0].format(name=p.full_name), due.overdue(),
                           owner=owner, person=p, by=boss, priority=Task.Priority.HIGH))
        p = reviews[rng.randrange(len(reviews))] if reviews else pick()
        tasks.append(_task(ctx, force, "people.marker_review", f"Review warning markers for {p.full_name}",
                           due.today_later(), owner=owner, person=p, by=boss))
        for title in titles[1:]:
            p = pick()
            tasks.append(_task(ctx, force, "general", title.format(name=p.full_name), due.upcoming(),
                               owner=owner, person=p, by=boss))
        p = pick()
        tasks.append(_task(ctx, force, "general", titles[0].format(name=p.full_name), due.overdue(),
                           owner=owner, person=p, by=boss, done=True))
    # Unallocated work for the PPU, and overdue work for colleagues, for the supervisor's team view.
    ppu = teams[PPU]
    for p in reviews[:2]:
        tasks.append(_task(ctx, force, "general", f"Allocate new referral about {p.full_name}", due.overdue(),
                           team=ppu, person=p, by=boss))
    for username, user in users.items():
        if username.startswith("officer") and reviews:
            p = reviews[rng.randrange(len(reviews))]
            tasks.append(_task(ctx, force, "general", f"Update risk assessment for {p.full_name}",
                               rng.choice((due.overdue, due.upcoming))(), owner=user, person=p, by=boss))
    # Partners: tasks about records shared with their organisation.
    for username, org_name, title in (
        ("csc", "Midtown Children's Social Care", "Confirm attendance at strategy discussion about {name}"),
        ("care_provider", CARE_PROVIDERS[0], "Arrange return home interview for {name}"),
        ("school", "Midtown Academy", "Acknowledge Operation Encompass notification about {name}"),
    ):
        people = shared.get(org_name) or []
        user = users.get(username)
        if not people or user is None:
            continue
        makers = (due.overdue, due.today_later, due.upcoming)
        for i, when in enumerate(makers):
            p = people[i % len(people)]
            tasks.append(_task(ctx, force, "general", title.format(name=p.full_name), when(), owner=user,
                               organisation=orgs[org_name], person=p, by=users.get("investigator")))
    ctx.bulk_create(tasks)
