"""Demo missing-children data for `vigil seed` (registered in vigil.seed.EXTENSIONS by MissingConfig.ready).

Two years of closed episodes in every force, written in bulk (figures.md 1.2: about 2.9 episodes per
missing child a year, about six for looked-after children; times to locate shaped like the Grampian
12-14 table, figures.md 2.1): each child has a few places they go, so where they were found before
means something; prevention interviews or waivers; return home interviews, most within 72 hours
(63 % on average nationally in 2023/24); what was learnt; carers' profiles for looked-after children;
repeat-missing markers where the rule is met today.

Then, in the home force, current episodes through the services (so tasks, due times and audit are
real) in every state: just reported with early actions due, overdue actions, an overdue review
escalated to the next rank and on to senior officers, high risk with a Child Rescue Alert decision,
medium with an override, found and waiting for the prevention interview with the return interview
overdue, and found with the return interview done. All names, places and events are fictional.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from vigil.core.models import Task
from vigil.missing import conf, profiles, rules, services
from vigil.missing.models import (
    CarerProfile,
    KnownPlace,
    MissingEpisode,
    PreventionInterview,
    ProfilePlace,
    ReturnHomeInterview,
    RiskAssessment,
)
from vigil.people.models import Address, Marker, Person, PersonAddress
from vigil.seed.context import reset_sequences

DAYS = 730
# (place kind, weight): where children are found (figures.md 2.1, Grampian 12-14).
FOUND_KINDS = (("home", 25), ("friend", 24), ("public", 19), ("relative", 12), ("shops", 11), ("police", 2),
               ("transport", 2), ("entertainment", 1))
PUBLIC_PLACES = {"public": ("the park by the canal", "the recreation ground", "the high street", "the town centre"),
                 "shops": ("the retail park", "the shopping centre", "the leisure centre"),
                 "transport": ("the bus station", "the railway station"),
                 "entertainment": ("the cinema", "the bowling alley"), "police": ("the police station front counter",)}
FOUND_WITH = ("alone", "school friends", "a friend from the children's home", "her boyfriend", "his cousin",
              "two older males", "a group of older youths", "an adult not known to the family")
CIRCUMSTANCES = (
    "Left after an argument with staff about phone use and did not return by the agreed time.",
    "Went to school as normal; not collected and did not come home. Phone switched off.",
    "Climbed out of the bedroom window overnight. Bed found empty at the 06:00 check.",
    "Said she was going to the shop and did not come back. Has been meeting older males online.",
    "Absconded from the placement with another young person after a visit from a family member.",
)
GRADE_WEIGHTS = {"plain": (("high", 6), ("medium", 70), ("low", 20), ("very_low", 4)),
                 "flagged": (("high", 45), ("medium", 50), ("low", 5))}
ACTIONS = conf.DEFAULT_EARLY_ACTIONS


def _pick(rng, table):
    total = sum(w for _k, w in table)
    x = rng.random() * total
    for key, weight in table:
        x -= weight
        if x <= 0:
            return key
    return table[-1][0]


def _locate_minutes(rng) -> int:
    # Log-normal around the Grampian median (7 h 30); about 80 % within 24 hours.
    return max(15, int(math.exp(rng.gauss(math.log(450), 1.3))))


def _chunks(items, size=5000):
    items = list(items)
    for i in range(0, len(items), size):
        yield items[i:i + size]


class _ForceSeeder:
    def __init__(self, ctx, force, rng):
        self.ctx, self.force, self.rng = ctx, force, rng
        self.now = ctx.now
        self.home = force == ctx.home_force
        self.ct = ContentType.objects.get_for_model(MissingEpisode)
        users = ctx.users if self.home else {}
        self.officer = users.get("response")
        self.supervisor = users.get("supervisor")
        self.rhi_user = users.get("csc")
        self.escalate_to = users.get("senior")
        orgs = ctx.organisations.get(force.pk, {})
        self.csc_by_area = {o.area: o for o in orgs.values() if o.kind == "csc"}
        self.providers = {o.pk: o for o in orgs.values() if o.kind == "care_provider"}

    def _fallback_users(self):
        from vigil.accounts.models import User

        any_user = User.objects.filter(force=self.force, organisation__isnull=True).order_by("pk").first()
        if any_user is None:
            any_user = self.ctx.users.get("response") or next(iter(self.ctx.users.values()))
        self.officer = self.officer or any_user
        self.supervisor = self.supervisor or any_user
        self.rhi_user = self.rhi_user or any_user

    def children(self):
        ctx, rng, boost = self.ctx, self.rng, self.ctx.scale.boost
        looked_after = set(ctx.marker_ids(self.force, "looked_after"))
        flagged = set(ctx.marker_ids(self.force, "cp_plan")) | set(ctx.marker_ids(self.force, "exploitation"))
        chosen = {}
        for band in ("10-13", "14-17"):
            for pid in ctx.people_ids(self.force, band):
                p = min(0.85, 0.35 * boost) if pid in looked_after else min(0.4, (0.10 if pid in flagged else 0.05) * boost)
                if rng.random() < p:
                    chosen[pid] = (pid in looked_after, pid in flagged)
        return chosen

    def run(self) -> int:
        self._fallback_users()
        chosen = self.children()
        if not chosen:
            return 0
        ids = list(chosen)
        people = {}
        for part in _chunks(ids):
            for pid, dob in Person.objects.filter(pk__in=part).values_list("pk", "date_of_birth"):
                people[pid] = dob
        homes = defaultdict(list)  # pid -> [(address id, kind, lat, lon, local authority, from_date)]
        for part in _chunks(ids):
            rows = (PersonAddress.objects.filter(person_id__in=part, to_date__isnull=True)
                    .values_list("person_id", "address_id", "kind", "address__latitude", "address__longitude",
                                 "address__local_authority", "from_date"))
            for pid, aid, kind, lat, lon, la, since in rows:
                homes[pid].append((aid, kind, lat, lon, la, since))
        pool = list(self.ctx.homes.get(self.force.pk, [])) or [a for rows in homes.values() for a, *_ in rows]
        coords = {}
        sample = set(self.rng.sample(pool, min(len(pool), 4000))) if pool else set()
        for part in _chunks(sample):
            coords.update({a: (lat, lon) for a, lat, lon in Address.objects.filter(pk__in=part)
                           .values_list("pk", "latitude", "longitude")})
        haunt_pool = list(coords)
        care = {aid: provider for aid, provider in self.ctx.care_homes.get(self.force.pk, [])}
        episodes, assessments, interviews, rhis, learnt, tasks, profiles_ = [], [], [], [], [], [], []
        ids_alloc = self.ctx.ids
        for pid, (lac, flagged) in chosen.items():
            dob = people.get(pid)
            if dob is None:
                continue
            places = homes.get(pid, [])
            home = next((h for h in places if h[1] == "placement"), places[0] if places else None)
            area = home[4] if home else ""
            haunts = self.rng.sample(haunt_pool, min(len(haunt_pool), self.rng.randint(1, 3))) if haunt_pool else []
            rate = 6.0 if lac else 2.3
            n = max(1, min(40, int(self.rng.expovariate(1 / (rate * 2))) + 1))
            # Episodes cluster: a run of episodes over a few months, somewhere in the two years.
            span = min(DAYS, max(20, int(DAYS * self.rng.uniform(0.15, 0.8))))
            start = self.rng.uniform(0, DAYS - span)
            offsets = sorted(start + self.rng.random() * span for _ in range(n))
            for days_ago in offsets:
                reported = self.now - timedelta(days=days_ago)
                age = rules.age_at(dob, reported)
                if age is None or not 8 <= age < 18:
                    continue
                minutes = _locate_minutes(self.rng)
                found = reported + timedelta(minutes=minutes)
                if found >= self.now - timedelta(hours=80):
                    continue  # current episodes are made through the services (home force) or left out
                episodes.append(self._episode(ids_alloc, pid, age, reported, found, minutes, home, area, haunts, coords,
                                              lac, flagged, assessments, interviews, rhis, learnt, tasks))
            if lac and home and home[0] in care and self.rng.random() < 0.8:
                profiles_.append((pid, care[home[0]], haunts))
        ctx = self.ctx
        ctx.bulk_create(episodes)
        reset_sequences([MissingEpisode])  # explicit ids: move PostgreSQL's sequence past them
        ctx.bulk_create(assessments)
        ctx.bulk_create(interviews)
        ctx.bulk_create(rhis)
        ctx.bulk_create(learnt)
        ctx.bulk_create(tasks)
        self._profiles(profiles_, coords)
        self._repeat_markers(chosen)
        return len(episodes)

    def _episode(self, ids_alloc, pid, age, reported, found, minutes, home, area, haunts, coords, lac, flagged,
                 assessments, interviews, rhis, learnt, tasks):
        rng = self.rng
        eid = ids_alloc.next(MissingEpisode)
        grade = _pick(rng, GRADE_WEIGHTS["flagged" if flagged else "plain"])
        kind = _pick(rng, FOUND_KINDS)
        address_id = None
        if kind == "home" and home:
            address_id, place = home[0], "Returned home"
        elif kind in ("friend", "relative") and haunts:
            address_id = haunts[0] if rng.random() < 0.6 else rng.choice(haunts)
            place = "A friend's address" if kind == "friend" else "A relative's address"
        else:
            kind = kind if kind in PUBLIC_PLACES else "public"
            place = rng.choice(PUBLIC_PLACES[kind]).capitalize()
        lat, lon = coords.get(address_id, (home[2], home[3]) if home and address_id == home[0] else (None, None))
        ep = MissingEpisode(
            id=eid, force=self.force, reference=f"MIS-{reported.year}-{eid:06d}", person_id=pid, status="closed",
            reported_at=reported, reported_by=self.officer, reporter_name=rng.choice(
                ("Residential care worker", "Foster carer", "Mother", "Father", "Grandmother")),
            reporter_contact="07700 900" + f"{rng.randint(0, 999):03d}", reporter_relationship="Carer",
            last_seen_at=reported - timedelta(minutes=rng.randint(30, 300)), last_seen_place="Home",
            last_seen_address_id=home[0] if home else None, circumstances=rng.choice(CIRCUMSTANCES),
            placement="residential" if lac else "home", age_at_report=age, home_area=area, risk_grade=grade,
            graded_at=reported + timedelta(minutes=rng.randint(10, 60)), supervisor=self.supervisor,
            escalate_to=self.escalate_to, found_at=found, found_place=place, found_address_id=address_id,
            found_lat=lat, found_lon=lon, found_kind=kind, found_by=rng.choice(("police", "carer", "returned")),
            found_with=rng.choice(FOUND_WITH), found_condition="safe" if rng.random() < 0.96 else "harmed",
            minutes_to_locate=minutes, found_recorded_by=self.officer, closed_at=found + timedelta(hours=rng.randint(6, 60)),
            closed_by=self.officer, created_at=reported, updated_at=found, exploitation_indicators=[],
        )
        assessments.append(RiskAssessment(
            episode_id=eid, grade=grade, factors=["out_of_character"] if grade != "high" else ["exploitation"],
            rationale="Graded on the carer's account and previous episodes.",
            information=[{"detail": "Carer's account of the circumstances", "source": ep.reporter_name,
                          "obtained_at": reported.isoformat()}],
            minimum_grade="high" if flagged else "medium", minimum_because="",
            override_reason="Known to return within hours; seen by a carer." if flagged and grade != "high" else "",
            assessed_by=self.officer, assessed_at=ep.graded_at))
        if rng.random() < 0.92:
            interviews.append(PreventionInterview(
                episode_id=eid, held_at=found + timedelta(hours=rng.uniform(0.5, 20)), officer=self.officer,
                where_child_was=place, with_whom=ep.found_with, why="Wanted to see friends."))
        else:
            ep.waiver_reason, ep.waiver_by, ep.waiver_at = ("Child refused to speak to police; seen safe by carer.",
                                                            self.supervisor, found + timedelta(hours=2))
        org = self.csc_by_area.get(area)
        if org is not None:
            roll = rng.random()
            done = (found + timedelta(hours=rng.uniform(4, 72)) if roll < 0.63 else
                    found + timedelta(hours=rng.uniform(73, 200)) if roll < 0.9 else None)
            outcome = ("completed" if rng.random() < 0.8 else "declined") if done else ""
            rhis.append(ReturnHomeInterview(
                episode_id=eid, force=self.force, organisation=org, requested_at=found, due_at=found + timedelta(hours=72),
                completed_at=done, completed_by=self.rhi_user if done else None, outcome=outcome,
                where_child_was=place if outcome == "completed" else "", with_whom=ep.found_with if done else "",
                learning="Stayed with friends; says nobody asked her for anything." if outcome == "completed" else ""))
            if outcome == "completed" and rng.random() < 0.3:
                learnt.append(KnownPlace(person_id=ep.person_id, episode_id=eid, source="rhi", label=place, kind=kind,
                                         latitude=lat, longitude=lon, with_whom=ep.found_with,
                                         created_at=done))
        if self.home:
            for code, title, minutes in ACTIONS:
                due = reported + timedelta(minutes=minutes)
                status = "done" if due < found else "cancelled"
                tasks.append(Task(
                    force=self.force, kind=f"missing.action.{code}", title=f"{title}: child {pid}", owner=self.officer,
                    due_at=due, status=status, priority=Task.Priority.HIGH, person_id=pid, content_type=self.ct,
                    object_id=eid, source="Early action (seeded history)", created_at=reported,
                    completed_at=min(found, due + timedelta(minutes=rng.randint(-20, 90))) if status == "done" else found,
                    completed_by=self.officer, outcome="Done." if status == "done" else "Not needed: the child was found."))
        return ep

    def _profiles(self, wanted, coords):
        have = set(CarerProfile.objects.filter(person_id__in=[p for p, *_ in wanted]).values_list("person_id", flat=True))
        made, places = [], []
        for pid, provider, _haunts in wanted:
            if pid in have:
                continue
            profile = CarerProfile(person_id=pid, organisation=provider, phone=f"07700 9{self.rng.randint(0, 99999):05d}",
                                   description="Slim build, dyed hair, usually wears a black puffer jacket.",
                                   associates="Friends from school; older youths met in town.",
                                   trigger_plan="Ring the child's mobile at once, then the friends listed. Check the "
                                                "places listed below before anything else.",
                                   created_at=self.now, updated_at=self.now)
            made.append(profile)
        if not made:
            return
        CarerProfile.objects.bulk_create(made, batch_size=2000)
        self.ctx.counts["missing.CarerProfile"] += len(made)
        by_person = {p.person_id: p for p in CarerProfile.objects.filter(person_id__in=[m.person_id for m in made])}
        for pid, _provider, haunts in wanted:
            profile = by_person.get(pid)
            if profile is None:
                continue
            for aid in haunts[:2]:
                lat, lon = coords.get(aid, (None, None))
                places.append(ProfilePlace(profile=profile, label="Friend's address", kind="friend",
                                           latitude=lat, longitude=lon))
        self.ctx.bulk_create(places)

    def _repeat_markers(self, chosen):
        count, days = conf.repeat_rule()
        start = rules.window_start(self.now, days)
        rows = (MissingEpisode.objects.filter(force=self.force, reported_at__gte=start)
                .repeat_children(start, count).values_list("person_id", flat=True))
        repeat = set(rows)
        flagged = set(Marker.objects.filter(person_id__in=repeat, kind="repeat_missing")
                      .filter(Q(end_date__isnull=True) | Q(end_date__gte=self.ctx.today)).values_list("person_id", flat=True))
        markers = [Marker(person_id=pid, kind="repeat_missing", start_date=self.ctx.today - timedelta(days=3),
                          review_date=self.ctx.today + timedelta(days=days),
                          notes=f"{count} or more missing episodes in {days} days") for pid in repeat - flagged]
        self.ctx.bulk_create(markers)


# --- current episodes in the home force, through the services -------------------------------------------

class _Current:
    def __init__(self, ctx):
        self.ctx = ctx
        self.force = ctx.home_force
        self.users = ctx.users
        self.rng = ctx.rng_for("missing-current")

    def _child(self, *, area="Midtown", marker=None, exclude=()):
        ids = [pid for band in ("10-13", "14-17") for pid in self.ctx.people_ids(self.force, band)]
        if marker:
            children = set(ids)
            ids = [pid for pid in self.ctx.marker_ids(self.force, marker) if pid in children] or ids
        qs = Person.objects.filter(pk__in=ids[:5000])
        if area is not None:
            qs = qs.filter(addresses__to_date__isnull=True, addresses__address__local_authority=area)
        qs = qs.exclude(pk__in=exclude).exclude(missing_episodes__status__in=("open", "found")).distinct()
        return next((p for p in qs.order_by("pk")[:50] if p.is_child()), None)

    def report(self, child, *, hours_ago, by=None):
        reported = self.ctx.now - timedelta(hours=hours_ago)
        link = child.addresses.filter(to_date__isnull=True).select_related("address").first()
        return services.report_missing(
            force=self.force, by=by or self.users["response"], person=child, reporter_name="Dawn Pike",
            reporter_contact="07700 900456", reporter_relationship="Residential care worker", reported_at=reported,
            last_seen_at=reported - timedelta(minutes=50), last_seen_place="Leaving by the back gate",
            last_seen_address=link.address if link else None, circumstances=self.rng.choice(CIRCUMSTANCES),
            clothing="Black puffer jacket, grey joggers, white trainers", placement="residential"
            if link and link.kind == "placement" else "home", supervisor=self.users["supervisor"])

    def grade(self, episode, grade, override=""):
        info = [{"detail": "Carer's account and previous episodes", "source": "Dawn Pike, 07700 900456",
                 "obtained_at": episode.reported_at + timedelta(minutes=5)}]
        return services.grade_risk(episode=episode, by=self.users["response"], grade=grade, information=info,
                                   rationale="Graded on the carer's account, the warning markers and previous episodes.",
                                   override_reason=override)

    def run(self):
        users, used = self.users, []
        if not all(k in users for k in ("response", "supervisor", "senior", "csc")):
            return 0

        def take(**kw):
            child = self._child(exclude=used, **kw) or self._child(area=None, exclude=used, **kw)
            if child is not None:
                used.append(child.pk)
            return child

        made = 0
        # Just reported: early actions due, not yet graded.
        if (child := take(marker="looked_after")) is not None:
            self.report(child, hours_ago=0.2)
            made += 1
        # High risk (CP plan): review overdue and escalated; Child Rescue Alert decided.
        if (child := take(marker="cp_plan")) is not None:
            ep = self.report(child, hours_ago=5)
            self.grade(ep, "high")
            services.decide_rescue_alert(episode=ep, by=users["supervisor"], decision="not_met",
                                         reason="No information suggesting abduction; local enquiries first.")
            made += 1
        # Medium with an override reason; some actions done, some overdue; one review done.
        if (child := take(marker="exploitation")) is not None:
            ep = self.report(child, hours_ago=3)
            self.grade(ep, "medium", override="Seen by a carer 40 minutes ago walking towards a friend's house.")
            task = services.episode_tasks(ep).get(kind="missing.action.call_phone")
            services.complete_action(episode=ep, task=task, by=users["response"],
                                     outcome="Rang the number from the carer's profile: no answer; voicemail left.")
            services.review_episode(episode=ep, by=users["supervisor"], reviewed_at=self.ctx.now - timedelta(hours=2),
                                    note="Agree the grade for now; chase the friends listed on the carer's profile.")
            made += 1
        # Found 80 hours ago: prevention interview outstanding, return interview overdue.
        if (child := take()) is not None:
            ep = self.report(child, hours_ago=90)
            self.grade(ep, services.minimum_for(ep).grade)
            services.record_found(episode=ep, by=users["response"], found_at=self.ctx.now - timedelta(hours=80),
                                  place="Friend's flat, Canal Street", kind="friend", found_by="police",
                                  condition="safe", found_with="A friend from school")
            made += 1
        # Found yesterday, prevention interview done and return interview recorded by the local authority.
        if (child := take()) is not None:
            ep = self.report(child, hours_ago=30)
            self.grade(ep, "low", override="Known pattern: always returns by morning; seen by a carer at 22:00.")
            services.record_found(episode=ep, by=users["response"], found_at=self.ctx.now - timedelta(hours=24),
                                  place="The bus station", kind="transport", found_by="police", condition="safe",
                                  found_with="Two older males", indicators=["older_associates"])
            services.record_prevention_interview(episode=ep, by=users["response"],
                                                 held_at=self.ctx.now - timedelta(hours=20),
                                                 where_child_was="A flat above the shops on Station Road",
                                                 with_whom="Two men in their twenties", place_kind="other")
            rhi = ReturnHomeInterview.objects.filter(episode=ep).first()
            if rhi is not None:
                recorder = users["csc"] if users["csc"].organisation_id == rhi.organisation_id else (
                    rhi.organisation.users.first() or users["csc"])
                services.complete_return_interview(
                    rhi=rhi, by=recorder,
                    completed_at=self.ctx.now - timedelta(hours=2), outcome="completed",
                    where_child_was="A flat above the shops on Station Road", with_whom="Two men in their twenties",
                    indicators=["money_gifts"], learning="Was given cash and a new phone. Referred to the exploitation team.")
            made += 1
        self._profile_for_demo_provider(used)
        return made

    def _profile_for_demo_provider(self, used):
        """The care provider login keeps at least one profile, for a child with a current episode."""
        carer = self.users.get("care_provider")
        if carer is None or carer.organisation_id is None:
            return
        for pid in used:
            if not CarerProfile.objects.filter(person_id=pid).exists():
                child = Person.objects.get(pk=pid)
                if child.is_child():
                    profile = profiles.create_profile(
                        person=child, organisation=carer.organisation, by=carer, phone="07700 900123",
                        description="Slim, shoulder-length dyed red hair, nose stud.",
                        associates="Jade (friend from school); older males she met online",
                        trigger_plan="Ring her mobile at once. Check Canal Street and the retail park.")
                    profiles.add_place(profile=profile, by=carer, label="Riverside Retail Park", kind="shops")
                    return


def seed_missing(ctx) -> None:
    if ctx.home_force is None:
        return
    total = 0
    for force in ctx.forces:
        rng = ctx.rng_for(f"missing:{force.code}")
        total += _ForceSeeder(ctx, force, rng).run()
    ctx.counts["missing.MissingEpisode (current)"] += _Current(ctx).run()
