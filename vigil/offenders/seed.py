"""Registered sex offenders for `vigil seed` (registered in vigil.seed.EXTENSIONS by OffendersConfig.ready).

Every person the core seed marked as an RSO becomes a registrant; the demo scale adds adult men
until the home force has enough for every page to show something (the core seed's rates give
about a dozen). Risk levels follow the national mix (figures.md 1.1 / domain.md C10: 2 % very
high, 18 % high, 30 % medium, 50 % low). Each registrant gets a conviction whose notification
period is still running, notification history with the open periodic deadline, risk assessments,
up to five years of home visits at the (historical, configurable) frequencies - about one in ten
now overdue - some breaches, some children at their addresses with the tasks they raise, and a
year of weekly overdue figures for the trend chart. Bulk writes, no audit events (as the core seed).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from datetime import date, datetime, time, timedelta

from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType

from vigil.accounts.models import RoleAssignment, TeamMembership, User
from vigil.accounts.roles import Role
from vigil.core import deadlines as core_deadlines
from vigil.core.clock import LONDON, end_of_day
from vigil.core.models import Task
from vigil.offenders import conf, rules, statute
from vigil.offenders import deadlines as D
from vigil.offenders.models import (
    Breach,
    ChildLink,
    Conviction,
    HomeVisit,
    Intelligence,
    Notification,
    Obligation,
    OverdueSnapshot,
    Registrant,
    RiskAssessment,
)
from vigil.offenders.visits import Level
from vigil.people.models import Marker, Person, PersonAddress

OMU = "Offender Management Unit"
MIX = ((Level.VERY_HIGH, 0.02), (Level.HIGH, 0.18), (Level.MEDIUM, 0.30), (Level.LOW, 0.50))
# Months between risk reviews in the seed data, by level (a seed choice, not policy).
REVIEW_MONTHS = {Level.VERY_HIGH: 3, Level.HIGH: 6, Level.MEDIUM: 12, Level.LOW: 12}
CASELOAD = 60  # registrants per offender manager in forces without enough officers (figures.md 1.1: 50-100)
DEMO_TARGET = 90
HISTORY_YEARS = 5
OFFENCES = ("Sexual assault (SOA 2003 s.3)", "Making indecent images of children (PCA 1978 s.1)",
            "Possessing indecent images of children (CJA 1988 s.160)", "Rape (SOA 2003 s.1)",
            "Sexual activity with a child (SOA 2003 s.9)", "Exposure (SOA 2003 s.66)",
            "Voyeurism (SOA 2003 s.67)", "Meeting a child following sexual grooming (SOA 2003 s.15)")
OBSERVATIONS = ("Address clean and tidy; no concerns.", "Spoke about work and family contact.",
                "New laptop seen; device checked under SHPO condition.", "Appeared anxious; discussed support.",
                "Partner present; relationship disclosed at last visit.", "Bedroom checked: consistent with living alone.")


def _allocate(n: int, rng) -> list[str]:
    """The national mix for n registrants: largest remainder, then shuffled (at least one very high)."""
    exact = [(level, share * n) for level, share in MIX]
    counts = {level: math.floor(x) for level, x in exact}
    for level, _x in sorted(exact, key=lambda e: e[1] - math.floor(e[1]), reverse=True)[: n - sum(counts.values())]:
        counts[level] += 1
    if n >= 10 and counts[Level.VERY_HIGH] == 0:
        counts[Level.VERY_HIGH], counts[Level.LOW] = 1, counts[Level.LOW] - 1
    levels = [level.value for level, count in counts.items() for _ in range(count)]
    rng.shuffle(levels)
    return levels


def _when(day: date, rng) -> datetime:
    return datetime.combine(day, time(rng.choice((9, 10, 11, 13, 14, 15, 16, 17, 18, 19, 20)), rng.choice((0, 15, 30, 45))),
                            tzinfo=LONDON)


class _Force:
    """Builds one force's registrants and their histories in memory, then writes them."""

    def __init__(self, ctx, force, rng, people, policy, ct):
        self.ctx, self.force, self.rng, self.policy, self.ct = ctx, force, rng, policy, ct
        self.today, self.now = ctx.today, ctx.now
        self.people = people
        self.rows = defaultdict(list)
        self.histories = []  # (registrant, [(assessed_on, level, review)], [completed visit days])

    def task(self, registrant, kind, title, due_at, *, high=False, detail="") -> Task:
        owner = registrant.manager
        t = Task(id=self.ctx.ids.next(Task), force=self.force, kind=kind.code, title=title[:300], detail=detail,
                 due_at=due_at, owner=owner, team=None if owner else registrant.team, person_id=registrant.person_id,
                 content_type=self.ct, object_id=registrant.pk, source=core_deadlines.get(kind.code).source,
                 priority=Task.Priority.HIGH if high else Task.Priority.NORMAL, created_at=self.now)
        self.rows[Task].append(t)
        return t

    def add(self, model, **values):
        obj = model(id=self.ctx.ids.next(model), **values)
        self.rows[model].append(obj)
        return obj

    def registrant(self, person, level, manager, team, home_id, others):
        rng, today = self.rng, self.today
        years_managed = rng.choice((1, 2, 3, 4, 5, 6, 8, 10, 12))
        managed_from = today - timedelta(days=int(365.25 * years_managed) + rng.randint(0, 300))
        age_then = rules.age_on(person.date_of_birth, managed_from)
        if age_then < 18:
            managed_from = rules.add_months(person.date_of_birth, 12 * 18 + rng.randint(1, 36))
        # The conviction: custody ends before management starts; the period must still be running.
        disposal = rng.choices(("imprisonment", "other", "caution", "conditional-discharge", "hospital", "life"),
                               (0.6, 0.22, 0.05, 0.04, 0.03, 0.06))[0]
        term = rng.choice((4, 8, 12, 18, 24, 36, 48, 72)) if disposal == "imprisonment" else None
        relevant = managed_from - timedelta(days=int((term or 1) * 15.2) + rng.randint(1, 20))
        relevant = max(relevant, rules.add_months(person.date_of_birth, 12 * 18))
        discharge = rng.choice((12, 24, 36)) if disposal == "conditional-discharge" else None
        period = rules.notification_period(relevant_date=relevant, age_on_relevant_date=rules.age_on(
            person.date_of_birth, relevant), disposal=disposal, term_months=term, discharge_months=discharge)
        if period.ends_on is not None and period.ends_on <= today:
            disposal, term, discharge = "imprisonment", 36, None  # indefinite: still managed
        registrant = self.add(
            Registrant, force=self.force, person=person, manager=manager, team=team,
            visor_ref=f"VR{self.force.pk:02d}/{person.pk:07d}", mappa_category=1,
            mappa_level=rng.choices((1, 2, 3), (0.95, 0.045, 0.005))[0], managed_from=managed_from,
            home_address_id=home_id, risk_level=level, visit_clock_from=managed_from,
            no_fixed_abode=home_id is None or rng.random() < 0.02, created_at=self.now)
        self.add(Conviction, registrant=registrant, kind="caution" if disposal == "caution" else "conviction",
                 offence=rng.choice(OFFENCES), relevant_date=relevant, age_on_relevant_date=rules.age_on(
                     person.date_of_birth, relevant), disposal=disposal, term_months=term,
                 discharge_months=discharge, court="Midtown Crown Court" if disposal != "caution" else "",
                 recorded_at=self.now)
        self.notifications(registrant, managed_from)
        assessments = self.assessments(registrant, level, managed_from, others)
        visits = self.visits(registrant, level, managed_from, others)
        self.histories.append((registrant, assessments, visits))
        return registrant

    def notifications(self, registrant, start):
        rng, today = self.rng, self.today
        day = start + timedelta(days=rng.randint(0, 2))
        self.add(Notification, registrant=registrant, kind="s83", notified_at=_when(day, rng),
                 address_id=registrant.home_address_id, station="Midtown Police Station", recorded_at=self.now)
        last = day
        while True:
            nxt = rules.periodic_notification_due(last_notified_on=last, no_fixed_abode=False)
            if nxt > today - timedelta(days=7):
                break
            last = nxt - timedelta(days=rng.randint(0, 10))
            self.add(Notification, registrant=registrant, kind="s85", notified_at=_when(last, rng),
                     station="Midtown Police Station", recorded_at=self.now)
        if registrant.no_fixed_abode:
            last = today - timedelta(days=rng.randint(0, 6))
            self.add(Notification, registrant=registrant, kind="s85", notified_at=_when(last, rng),
                     no_fixed_abode=True, recorded_at=self.now)
        due = rules.periodic_notification_due(last_notified_on=last, no_fixed_abode=registrant.no_fixed_abode)
        missed = rng.random() < 0.03 and not registrant.no_fixed_abode
        if missed:  # a periodic notification not made: due a few weeks ago
            due = today - timedelta(days=rng.randint(3, 40))
            last = rules.add_months(due, -12)
        obligation = self.add(Obligation, registrant=registrant, kind="periodic", event_on=last, due_on=due,
                              source=statute.NFA_DAYS.source if registrant.no_fixed_abode else statute.ANNUAL_MONTHS.source,
                              created_at=self.now)
        title = f"Periodic re-notification (s.85): {registrant.person.full_name}"
        obligation.task = self.task(registrant, D.PERIODIC, title, end_of_day(due), detail=obligation.source)
        if missed:
            summary = f"Periodic re-notification was due by {due:%d %B %Y} and has not been given."
            breach = self.add(Breach, registrant=registrant, obligation=obligation, kind="missed", summary=summary,
                              opened_on=due + timedelta(days=1), opened_at=self.now)
            breach.task = self.task(registrant, D.BREACH, f"Breach enquiry (s.91): {registrant.person.full_name}",
                                    end_of_day(today + timedelta(days=1)), high=True, detail=summary)
        elif rng.random() < 0.04:  # an older breach, closed
            opened = today - timedelta(days=rng.randint(400, 1500))
            if opened > registrant.managed_from:
                self.add(Breach, registrant=registrant, kind="late", opened_on=opened, opened_at=_when(opened, rng),
                         summary="Change of address notified 9 days after the move.", outcome="words_of_advice",
                         outcome_notes="Accepted it was an oversight; advised.", closed_at=_when(opened, rng) + timedelta(days=5),
                         closed_by=registrant.manager)

    def assessments(self, registrant, level, start, others):
        rng, today = self.rng, self.today
        first = max(start + timedelta(days=rng.randint(10, 40)), today - timedelta(days=365 * HISTORY_YEARS))
        made, day = [], first
        while day <= today:
            # Levels drift towards the current one; the last assessment gives the current level.
            months = REVIEW_MONTHS[Level(level)]
            made.append(day)
            day = rules.add_months(day, months) + timedelta(days=rng.randint(-10, 20))
        history = []
        for i, day in enumerate(made):
            lvl = level if i == len(made) - 1 or rng.random() < 0.75 else rng.choice(("low", "medium", "high"))
            review = rules.add_months(day, REVIEW_MONTHS[Level(lvl)])
            history.append((day, lvl, review))
        if len(history) > 1 and rng.random() < 0.08:  # overdue review: the latest one was never done
            history.pop()
            day, _lvl, _review = history[-1]
            history[-1] = (day, level, rules.add_months(day, REVIEW_MONTHS[Level(level)]))
        for day, lvl, review in history:
            self.add(RiskAssessment, registrant=registrant, tool=rng.choices(("arms", "rm2000_s", "osp_c"), (0.7, 0.2, 0.1))[0],
                     level=lvl, assessed_on=day, assessor=registrant.manager or others[0], next_review_due=review,
                     recorded_at=self.now)
        if history:
            registrant.risk_level, registrant.risk_review_due = history[-1][1], history[-1][2]
        else:
            registrant.risk_review_due = start + timedelta(days=conf.first_assessment_days())
        return history

    def visits(self, registrant, level, start, others):
        rng, today, policy = self.rng, self.today, self.policy
        months = policy.interval(level)
        behind = rng.random() < 0.10  # about one in ten overdue now
        day = max(start + timedelta(days=rng.randint(5, 30)), today - timedelta(days=365 * HISTORY_YEARS))
        planned = []  # (day, outcome)
        while day <= today:
            gap = rules.add_months(day, months) - day
            outcome = rng.choices(("seen", "no_reply", "access_refused", "not_resident"), (0.86, 0.1, 0.03, 0.01))[0]
            planned.append((day, outcome))
            day += timedelta(days=int(gap.days * rng.uniform(0.75, 1.0)) if outcome == "seen" else rng.randint(3, 14))
        if behind:  # the last completed visit was long enough ago to be 1 to 240 days overdue now
            overdue_by = rng.choice((rng.randint(1, 28), rng.randint(29, 90), rng.randint(91, 240)))
            last = rules.add_months(today - timedelta(days=overdue_by), -months)
            planned = [(d, o) for d, o in planned if d < last]
            if last > start:
                planned.append((last, "seen"))
        completed = []
        for day, outcome in planned:
            officer = registrant.manager or others[0]
            colleagues = [o for o in others if o.pk != officer.pk]
            second = rng.choice(colleagues) if colleagues and rng.random() < 0.3 else None
            self.add(HomeVisit, registrant=registrant, kind=rng.choice(("planned", "unannounced")),
                     visited_at=_when(day, rng), address_id=registrant.home_address_id, officer=officer,
                     second_officer=second, outcome=outcome, observations=rng.choice(OBSERVATIONS), recorded_at=self.now)
            if outcome == "seen":
                completed.append(day)
        if completed:
            registrant.visit_clock_from = completed[-1]
        return completed

    def reactive(self, registrant, history):
        if registrant.risk_level != "low" or registrant.mappa_level > 1 or self.rng.random() > 0.35:
            return
        low_since = None
        for day, lvl, _r in reversed(history):
            if lvl != "low":
                break
            low_since = day
        if low_since and low_since <= rules.add_months(self.today, -36):
            registrant.management, registrant.reactive_since = "reactive", rules.add_months(low_since, 36)

    def children(self, registrants):
        """Children living at registrants' notified addresses: a link and a high-priority task each."""
        homes = {r.home_address_id: r for r in registrants if r.home_address_id}
        born_after = rules.add_months(self.today, -12 * 18)
        rows = (PersonAddress.objects.filter(address_id__in=list(homes), to_date__isnull=True,
                                             person__date_of_birth__gt=born_after)
                .values_list("address_id", "person_id", "pk"))
        for address_id, child_id, link_id in rows:
            r = homes[address_id]
            if child_id == r.person_id:
                continue
            # Never the child's name (as links.py): their record may be restricted.
            link = self.add(ChildLink, registrant=r, child_id=child_id, kind="address", address_id=address_id,
                            source_type="person_address", source_id=link_id, found_at=self.now,
                            detail="The child lives at the registrant's notified home address.")
            link.task = self.task(r, D.CHILD_LINK, f"Child link: {r.person.full_name} and a child",
                                  self.now + timedelta(hours=conf.child_link_hours()), high=True,
                                  detail=link.detail + " The registrant's record names the child. Review the risk "
                                                       "management plan and consider a referral.")

    def snapshots(self, weeks=52):
        """Weekly overdue figures for the last year, worked out from the histories built here."""
        policy, counts = self.policy, Counter()
        days = [self.today - timedelta(weeks=w) for w in range(weeks, 0, -1)]
        for registrant, assessments, visits in self.histories:
            for day in days:
                if registrant.managed_from > day:
                    continue
                past = [a for a in assessments if a[0] <= day]
                level = past[-1][1] if past else "not_assessed"
                review = past[-1][2] if past else registrant.managed_from + timedelta(days=conf.first_assessment_days())
                seen = [v for v in visits if v <= day]
                clock_from = seen[-1] if seen else registrant.managed_from
                due = rules.add_months(clock_from, policy.interval(level))
                key = (day, registrant.team_id, level)
                counts[key + ("caseload",)] += 1
                counts[key + ("visits_overdue",)] += due < day
                counts[key + ("visits_overdue_90",)] += (day - due).days >= 91
                counts[key + ("assessments_overdue",)] += review < day
        keys = {k[:3] for k in counts}
        for day, team_id, level in sorted(keys, key=lambda k: (k[0], k[1] or 0, k[2])):
            self.rows[OverdueSnapshot].append(OverdueSnapshot(
                force=self.force, team_id=team_id, taken_on=day, risk_level=level,
                **{f: counts[(day, team_id, level, f)] for f in ("caseload", "visits_overdue", "visits_overdue_90",
                                                                   "assessments_overdue")}))

    def write(self):
        order = (Registrant, Conviction, Notification, Task, Obligation, Breach, RiskAssessment, HomeVisit,
                 Intelligence, ChildLink, OverdueSnapshot)
        for model in order:
            for obj in self.rows.get(model, []):
                for field in ("task",):  # foreign keys set after the task object was made
                    if hasattr(obj, field) and getattr(obj, field, None) is not None:
                        setattr(obj, f"{field}_id", getattr(obj, field).pk)
            self.ctx.bulk_create(self.rows.get(model, []))


def _managers(ctx, force, team, count):
    """Offender managers for a force: the demo logins in the home force, else officers without a login."""
    found = [u for u in User.objects.filter(force=force, role_assignments__role=Role.OFFENDER_MANAGER, is_active=True)
             .order_by("pk")]
    password = make_password(None)
    while len(found) < count:
        n = len(found) + 1
        user = User.objects.create(username=f"om-{force.code}-{n:03d}"[:150], first_name="Officer", last_name=f"OM{n:03d}",
                                   force=force, rank=User.Rank.CONSTABLE, password=password)
        RoleAssignment.objects.create(user=user, role=Role.OFFENDER_MANAGER)
        TeamMembership.objects.create(user=user, team=team)
        found.append(user)
    return found


def seed_offenders(ctx) -> None:
    from vigil.seed.context import reset_sequences

    rng = ctx.rng_for("offenders")
    policy = conf.visit_policy()
    ct = ContentType.objects.get_for_model(Registrant)
    demo = ctx.scale.name == "demo"
    for force in ctx.forces:
        ids = list(dict.fromkeys(ctx.marker_ids(force, Marker.Kind.RSO)))
        adults = [p for p in ctx.people_ids(force, "25-44")] + [p for p in ctx.people_ids(force, "45-64")]
        if demo and force.pk == ctx.home_force.pk and len(ids) < DEMO_TARGET:
            pool = list(Person.objects.filter(pk__in=adults, gender="male", restricted=False).exclude(pk__in=ids)
                        .values_list("pk", flat=True))
            born_after = rules.add_months(ctx.today, -12 * 18)
            with_child = set(PersonAddress.objects.filter(
                person_id__in=pool, to_date__isnull=True, address__residents__to_date__isnull=True,
                address__residents__person__date_of_birth__gt=born_after).values_list("person_id", flat=True))
            alone, family = [p for p in pool if p not in with_child], [p for p in pool if p in with_child]
            rng.shuffle(alone)
            rng.shuffle(family)
            wanted = DEMO_TARGET - len(ids)
            # Most registrants do not live with children; about one in ten does (rule I7 has work to show).
            extra = sorted(family[: max(1, wanted // 10)] + alone[: wanted - max(1, wanted // 10)])
            Marker.objects.bulk_create([Marker(person_id=pk, kind=Marker.Kind.RSO, start_date=ctx.today - timedelta(days=rng.randint(30, 3000)),
                                               review_date=ctx.today + timedelta(days=rng.randint(1, 365)),
                                               notes="Notification requirements apply", created_at=ctx.now) for pk in extra])
            ids += extra
        if not ids:
            continue
        people = Person.objects.in_bulk(ids)
        ids = [i for i in ids if i in people and people[i].date_of_birth and people[i].merged_into_id is None
               and rules.age_on(people[i].date_of_birth, ctx.today) >= 19]
        teams = ctx.teams.get(force.pk, {})
        team = teams.get(OMU) or next(iter(teams.values()), None)
        managers = _managers(ctx, force, team, max(1, -(-len(ids) // CASELOAD)))
        homes = dict(PersonAddress.objects.filter(person_id__in=ids, to_date__isnull=True, kind="home")
                     .order_by("person_id", "-from_date").values_list("person_id", "address_id"))
        builder = _Force(ctx, force, rng, people, policy, ct)
        made = []
        levels = _allocate(len(ids), rng)
        for n, (pk, level) in enumerate(zip(ids, levels, strict=True)):
            # The demo offender manager gets the biggest share, so their queue is full.
            manager = managers[0] if (demo and n % 5 < 2) else managers[n % len(managers)]
            r = builder.registrant(people[pk], level, manager, team, homes.get(pk), managers)
            builder.reactive(r, builder.histories[-1][1])
            made.append(r)
        builder.children(made)
        for r in rng.sample(made, k=max(1, len(made) // 50)):
            builder.add(Intelligence, registrant=r, received_on=ctx.today - timedelta(days=rng.randint(20, 400)),
                        summary="Seen loitering near a school at home time (unconfirmed).", source="Neighbourhood team",
                        recorded_at=ctx.now)
        builder.snapshots()
        builder.write()
    reset_sequences([Registrant, Conviction, Notification, Task, Obligation, Breach, RiskAssessment, HomeVisit,
                     Intelligence, ChildLink])
