"""Demo incidents for `vigil seed`, registered in vigil.seed.EXTENSIONS by IncidentsConfig.ready.

Every state the safeguarding pages show: children known from linked people, from the address or
as the child of an arrested parent; children revealed only in the narrative; adult-only incidents;
completed, pending and missed assessments; referrals on time, late, acknowledged or not; school
notifications sent, late or unsent; a supervisor's override; an injured non-mobile baby; police
protection running and ended. Records are written through the services (so screening, tasks and
audit are real), then historical times are set back to when the work would have been done.
All names, places and events are fictional.
"""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db.models import Q

from vigil.accounts.models import Organisation
from vigil.incidents import safeguarding, services
from vigil.incidents.models import (
    EncompassNotification,
    Incident,
    IncidentPerson,
    Referral,
    SafeguardingAssessment,
    SchoolEnrolment,
)
from vigil.incidents.reference import ensure_incident_types
from vigil.people.models import Address, Person, Relationship

ROLE = IncidentPerson.Role

# Narratives in the registers of police logs: formal statements, control-room logs, terse notes.
# {a} and {b} are adults' names, {c} a child's first name, {age} the child's age, {street} a street.
CHILD_IN_NARRATIVE = [
    ("drink_drug_driving",
     "At approx 1720hrs officers stopped a silver Ford Focus on {street} after it mounted the kerb twice. "
     "Driver {a} smelled strongly of intoxicants and failed a roadside breath test (82). His daughter, "
     "aged {age}, was in a booster seat in the rear, unrestrained by the shoulder belt. {a} arrested for "
     "drink driving and conveyed to custody. Child handed to her aunt at scene.", 6),
    ("drink_drug_driving",
     "RPU stop, {street}. Vehicle weaving. Drug wipe POS cannabis. Driver {a} arrested s.5A RTA. "
     "1 x infant approx {age} yrs in car seat rear nearside, asleep. Mother attended and took the child.", 1),
    ("rtc",
     "Two-vehicle RTC at the junction of {street}. Vehicle 1 driven by {a}; passengers her partner and "
     "their son aged {age}. The boy complained of neck pain and was taken to hospital by ambulance as a "
     "precaution. Vehicle 2 driver {b} failed to stop at the give way line; reported for careless driving.", 9),
    ("burglary",
     "Report of a dwelling burglary at {street} overnight. IP {a} states she woke at 0300hrs to find the "
     "back door open and a handbag missing. Her two children, {c} ({age}) and a toddler, were asleep "
     "upstairs and did not wake. SOCO requested. House-to-house completed.", 7),
    ("concern_for_welfare",
     "Concern for welfare call from a neighbour at {street}: shouting and a baby crying for hours. On "
     "arrival {a} was heavily intoxicated and unable to say who else was in the flat. A cot with a wet "
     "nappy, empty bottles and no food in the kitchen. Baby, approx {age} months, found in the cot. "
     "Ambulance called.", 0),
    ("domestic_abuse",
     "DA: verbal argument escalating to physical between {a} and partner {b} at {street}. {b} has "
     "scratches to the neck. Their son {c}, {age}, was in the living room and told officers he was "
     "scared. DASH completed: medium. {a} arrested for assault.", 11),
    ("domestic_abuse",
     "Call from {b} reporting ex-partner {a} banging on the door and threatening to kill her at {street}. "
     "{a} left before police arrival. Her daughter, {age}, was on the phone to 999 while it happened. "
     "Circulated as wanted.", 13),
    ("asb",
     "Group of youths throwing stones at buses on {street}. Two boys aged about {age} detained by PCSO and "
     "taken home; parents spoken to. Words of advice. One had a small lock knife, seized.", 14),
    ("mental_health",
     "{a} found on the footbridge over {street} expressing suicidal thoughts. Detained s.136 MHA and "
     "taken to the place of safety. She said her {age} year old was at home with her sister. Sister "
     "confirmed the child is safe with her tonight.", 8),
]
KNOWN_CHILD = [
    ("assault", "{c} ({age}) was punched in the face by an older youth outside the chip shop on {street}. "
                "Minor swelling to the cheek. Suspect known. Statement taken with mother present.", ROLE.VICTIM),
    ("missing_person", "{c}, {age}, reported missing by carers after not returning from school. Found "
                       "at 2210hrs at a friend's address on {street}. Prevention interview completed.",
     ROLE.VICTIM),
    ("online_offence", "{c}, {age}, disclosed to a teacher that an adult male online asked her for images "
                       "and offered money. Devices seized. Referred to the online child abuse team.",
     ROLE.VICTIM),
    ("assault", "Fight outside the leisure centre on {street}. Witness {c} ({age}) saw the assault and gave "
                "a first account with her father present.", ROLE.WITNESS),
]
AT_CHILDS_HOME = [
    ("domestic_abuse", "Report of a disturbance at {street}. {a} and {b} arguing loudly; {b} says {a} "
                       "threw a mug at the wall. No injuries. {a} agreed to leave for the night."),
    ("burglary", "Attempted burglary at {street}: rear window forced overnight, nothing taken. Occupants "
                 "unaware until the morning. SOCO attended."),
]
ARRESTED_PARENT = [
    ("drugs", "Drugs warrant executed at 0600hrs at {street}. Approximately 40 wraps of suspected crack "
              "cocaine and £1,200 in cash recovered from a bedroom. {a} arrested for PWITS."),
]
ADULT_ONLY = [
    ("assault", "Two men arguing outside the Red Lion on {street}; one punched the other. Victim {b} "
                "declined to support a prosecution. Suspect {a} given words of advice."),
    ("sudden_death", "Sudden death of {a}, 87, at her home on {street}. Found by her son, 59, who visits "
                     "daily. No suspicious circumstances. GP to issue certificate."),
    ("domestic_abuse", "Verbal argument between {a} and {b} at {street}. No injuries, no offences "
                       "disclosed. The couple have no children and no one else lives at the address. "
                       "DASH: standard."),
    ("mental_health", "{a} reported by staff at the day centre as distressed. Seen by the street triage "
                      "nurse and taken home to his supported flat. No further concerns."),
    ("burglary", "Commercial burglary at the builders' merchants on {street}: padlock cut, power tools "
                 "taken. CCTV requested."),
    ("asb", "Complaint of loud music from {street} late at night. Occupant {a}, 45, turned it down on "
            "request. Noise team informed."),
]
OVERRIDE = ("drink_drug_driving",
            "Driver {a} stopped on {street}, failed a roadside breath test and was arrested. An empty child "
            "seat was fitted in the rear. {a} states his son lives with the child's mother and was not in "
            "the car today.",
            "Checked with the child's mother by phone at 1930hrs: the boy was with her all day and {a} has "
            "no contact this week. No child present; no assessment needed.")


def _age_on(dob: date, on: date) -> int:
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


class _Builder:
    def __init__(self, ctx):
        self.ctx = ctx
        self.rng = ctx.rng_for("incidents")
        self.force = ctx.home_force
        self.now = ctx.now
        self.types = ensure_incident_types()
        users = ctx.users
        self.officers = [u for name, u in users.items() if name == "response" or name.startswith("officer")]
        self.supervisor = users.get("supervisor") or self.officers[0]
        self.csc_user = users.get("csc")
        self.school_user = users.get("school")
        orgs = ctx.organisations.get(self.force.pk, {})
        self.csc = next((o for o in orgs.values() if o.kind == Organisation.Kind.CHILDRENS_SOCIAL_CARE
                         and o.area == "Midtown"), None)
        self.school = (self.school_user.organisation if self.school_user and self.school_user.organisation_id
                       else next((o for o in orgs.values() if o.kind == Organisation.Kind.SCHOOL), None))
        self.counter = 0
        self.skipped: list[str] = []
        self.used: set[int] = set()

    # --- pickers -------------------------------------------------------------------------------

    def ref(self, occurred) -> str:
        self.counter += 1
        return f"MS-{occurred:%y}-{700000 + self.counter:06d}"

    def officer(self):
        return self.rng.choice(self.officers)

    def midtown_children(self, low: int, high: int) -> list[Person]:
        today = self.ctx.today
        qs = Person.objects.filter(
            force=self.force, merged_into__isnull=True, restricted=False,
            date_of_birth__gt=date(today.year - high - 1, today.month, min(today.day, 28)),
            date_of_birth__lte=date(today.year - low, today.month, min(today.day, 28)),
            addresses__address__local_authority="Midtown", addresses__to_date__isnull=True,
        ).exclude(pk__in=self.used).order_by("pk").distinct()
        return list(qs[:40])

    def take_child(self, low: int, high: int) -> Person | None:
        pool = self.midtown_children(low, high)
        if not pool:
            return None
        child = self.rng.choice(pool)
        self.used.add(child.pk)
        return child

    def adult(self, gender: str | None = None) -> Person | None:
        ids = self.ctx.people_ids(self.force, "25-44")
        for _ in range(40):
            if not ids:
                return None
            person = Person.objects.filter(pk=self.rng.choice(ids), restricted=False).first()
            if person and person.pk not in self.used and (gender is None or person.gender == gender):
                self.used.add(person.pk)
                return person
        return None

    def midtown_address(self) -> Address | None:
        """A Midtown address where no child lives, so the child is revealed only by the narrative."""
        youngest = self.ctx.today - timedelta(days=18 * 365 + 5)
        with_children = Address.objects.filter(residents__person__date_of_birth__gt=youngest)
        qs = Address.objects.filter(force=self.force, local_authority="Midtown").exclude(
            pk__in=with_children.values("pk")).order_by("pk")
        count = qs.count()
        return qs[self.rng.randrange(min(count, 200))] if count else None

    def name(self, person) -> str:
        return f"{person.forenames.split()[0]} {person.surname.upper()}" if person else "the male"

    # --- writers -------------------------------------------------------------------------------

    def incident(self, code, text, hours_ago, *, people=(), address=None, a=None, b=None, c="", age=""):
        occurred = self.now - timedelta(hours=hours_ago)
        street = address.line1 if address else self.rng.choice(("Station Road", "Carrow Lane", "Mill Street"))
        narrative = text.format(a=self.name(a), b=self.name(b), c=c, age=age, street=street)
        incident = services.create_incident(
            force=self.force, by=self.officer(), reference=self.ref(occurred), incident_type=self.types[code],
            occurred_at=occurred, narrative=narrative, location=street, address=address,
            attending_officer=self.officer(), people=list(people),
            da_risk_tool="dara" if code == "domestic_abuse" else "",
            da_risk_level="medium" if code == "domestic_abuse" else "",
        )
        Incident.objects.filter(pk=incident.pk).update(created_at=occurred + timedelta(minutes=40))
        return incident

    def assess(self, incident, *, after_hours: float, grade="medium", refer=True, new_child=None,
               school=None, **extra):
        """Complete every pending child's assessment, then date it `after_hours` after the incident."""
        made = []
        for child in incident.children.pending().select_related("person"):
            values = dict(
                seen_and_heard="Officers saw the child at the scene; the adults were arguing and the home was "
                               "untidy but warm.",
                child_spoken_to=bool(child.age is None or child.age >= 4),
                child_said="Said they were 'a bit scared' and wanted their mum.",
                not_spoken_reason="Too young to speak with.",
                immediate_needs="Safe with a parent or relative tonight; no injuries seen.",
                risk_grade=grade, immediate_action="safe_adult", safe_adult_name="Maternal grandmother",
                referral_decision="refer" if refer else "no_referral",
                referral_rationale="Child present at an incident involving risk from the adults' conduct."
                if refer else "Low risk: no concerns for the child beyond the incident; parents engaged.",
                organisation=self.csc if refer else None, school=school,
            )
            values.update(extra)
            if child.person_id is None and new_child is None:
                dob = None
                if child.age is not None:
                    dob = self.ctx.today - timedelta(days=int(child.age * 365.25) + self.rng.randint(20, 300))
                new_child = safeguarding.NewChild(self.rng.choice(self.ctx.pools.female + self.ctx.pools.male),
                                                  self.rng.choice(self.ctx.pools.surnames), dob)
            try:
                assessment = safeguarding.complete_assessment(
                    child=child, by=incident.attending_officer, new_child=new_child if not child.person_id else None,
                    **values)
            except ValidationError as exc:  # a seed row that does not fit is skipped, not fatal
                self.ctx.counts["incidents.skipped"] += 1
                self.skipped.append(f"{incident.reference}: {exc.messages}")
                continue
            new_child = None
            at = incident.occurred_at + timedelta(hours=after_hours)
            SafeguardingAssessment.objects.filter(pk=assessment.pk).update(completed_at=at)
            Referral.objects.filter(assessment=assessment).update(sent_at=at)
            EncompassNotification.objects.filter(assessment=assessment, sent_at__isnull=False).update(sent_at=at)
            made.append(assessment)
        return made

    def acknowledge(self, assessments, decide=False):
        for a in assessments:
            referral = Referral.objects.filter(assessment=a).first()
            if referral is None or self.csc_user is None or referral.organisation_id != self.csc_user.organisation_id:
                continue
            safeguarding.acknowledge_referral(referral=referral, by=self.csc_user)
            if decide:
                safeguarding.decide_referral(referral=referral, by=self.csc_user,
                                             decision=self.rng.choice(["early_help", "assessment", "information"]),
                                             note="Discussed at the morning screening meeting.")

    def close(self, incident):
        try:
            services.close_incident(incident=incident, by=incident.attending_officer, note="Enquiries complete.")
        except ValidationError:  # an incident that may not close stays open, as it should
            pass

    def run(self, rounds: int) -> None:
        for _ in range(rounds):
            self.round()

    def round(self) -> None:
        rng = self.rng
        texts = list(CHILD_IN_NARRATIVE)
        rng.shuffle(texts)
        # Narrative-only children: resolved on time, awaiting acknowledgement, awaiting assessment, missed, late.
        plan = [("resolved", 6), ("acked", 3), ("pending", 3), ("missed", 60), ("late", 70), ("resolved", 15),
                ("pending", 9), ("missed", 100), ("resolved", 20)]
        for (code, text, age), (state, hours) in zip(texts, plan, strict=False):
            child_name = rng.choice(self.ctx.pools.female + self.ctx.pools.male)
            she = code in ("rtc", "burglary", "mental_health")  # texts where {a} is a woman
            incident = self.incident(code, text, hours, a=self.adult("female" if she else "male"),
                                     b=self.adult("male" if she else "female"), c=child_name, age=age,
                                     address=self.midtown_address())
            school = self.school if code == "domestic_abuse" else None
            if state in ("resolved", "acked"):
                made = self.assess(incident, after_hours=1.5, school=school)
                self.acknowledge(made, decide=state == "resolved")
                if state == "resolved":
                    self.close(incident)
            elif state == "late":
                self.assess(incident, after_hours=40, school=school)

        # Children known from linked people.
        for code, text, role in KNOWN_CHILD:
            child = self.take_child(10, 16)
            if child is None:
                continue
            age = _age_on(child.date_of_birth, self.ctx.today)
            hours = rng.choice((5, 14, 50))
            incident = self.incident(code, text, hours, people=[(child, role)], c=child.forenames.split()[0], age=age)
            if hours != 50:
                self.acknowledge(self.assess(incident, after_hours=2, grade="standard"))

        # A child who lives at the incident address (address history), not named in the narrative.
        for n, (code, text) in enumerate(AT_CHILDS_HOME):
            child = self.take_child(5, 15)
            home = child.addresses.filter(to_date__isnull=True).select_related("address").first() if child else None
            if home is None:
                continue
            incident = self.incident(code, text, (4, 30)[n % 2], address=home.address, a=self.adult(),
                                     b=self.adult())
            if incident.occurred_at > self.now - timedelta(hours=10):
                enrolled = SchoolEnrolment.objects.get_or_create(person=child, school=self.school)[0] \
                    if self.school else None
                made = self.assess(incident, after_hours=3, school=enrolled.school if enrolled else None)
                self.acknowledge(made)

        # The child of an arrested parent (relationship), not mentioned in the narrative.
        for code, text in ARRESTED_PARENT:
            rel = (Relationship.objects.filter(person__force=self.force, kind=Relationship.Kind.PARENT,
                                               other__date_of_birth__gt=self.ctx.today - timedelta(days=16 * 365))
                   .exclude(Q(person__pk__in=self.used) | Q(other__pk__in=self.used))
                   .select_related("person", "other").order_by("pk").first())
            if rel is None:
                continue
            self.used.update({rel.person_id, rel.other_id})
            self.incident(code, text, 80, people=[(rel.person, ROLE.ARRESTED)], a=rel.person)  # missed

        # Adult-only incidents (not flagged), mostly closed.
        for code, text in ADULT_ONLY:
            incident = self.incident(code, text, rng.randint(2, 120), a=self.adult(), b=self.adult())
            if not incident.child_flag and rng.random() < 0.7:
                self.close(incident)

        # A supervisor's override.
        code, text, reason = OVERRIDE
        driver = self.adult()
        incident = self.incident(code, text, 26, a=driver)
        if incident.child_flag:
            services.record_override(incident=incident, by=self.supervisor, reason=reason.format(a=self.name(driver)))
            self.close(incident)

        # A non-mobile baby with a bruise: forced referral and a same-day paediatric task.
        from vigil.people.services import create_person

        baby = create_person(force=self.force, by=self.supervisor, forenames=rng.choice(self.ctx.pools.female),
                             surname=rng.choice(self.ctx.pools.surnames), gender="female",
                             date_of_birth=self.ctx.today - timedelta(days=rng.randint(60, 150)))
        incident = self.incident("concern_for_welfare",
                                 "Health visitor reports a small bruise on the cheek of {c}, a baby of a few "
                                 "months, at a routine visit on {street}. Mother says the baby rolled into the "
                                 "cot bars.", 5, people=[(baby, ROLE.CHILD_PRESENT)], c=baby.forenames.split()[0],
                                 address=self.midtown_address())
        self.assess(incident, after_hours=1, grade="high", refer=False, injury_seen=True,
                    immediate_action="medical", safe_adult_name="", child_spoken_to=False)

        # Operation Encompass gone wrong: a school never told (school not known), and one told late.
        for hours, after, enrolled in ((75, 2, False), (60, 40, True)):
            child = self.take_child(6, 15)
            if child is None:
                continue
            if enrolled and self.school:
                SchoolEnrolment.objects.get_or_create(person=child, school=self.school)
            incident = self.incident(
                "domestic_abuse", "Neighbour reported a woman screaming at {street}. {b} had a cut lip; partner "
                "{a} had left. {c} was at home and heard the argument from the bedroom.", hours,
                people=[(child, ROLE.CHILD_PRESENT)], a=self.adult(), b=self.adult(), c=child.forenames.split()[0])
            self.acknowledge(self.assess(incident, after_hours=after, where_child_was="In the bedroom"))

        # Police protection: one running now, one ended.
        for hours, released in ((10, False), (200, True)):
            child = self.take_child(3, 12)
            if child is None:
                continue
            incident = self.incident(
                "concern_for_welfare",
                "Officers attended {street} after a report of children left alone. {c}, {age}, found alone in a "
                "cold flat with no food; the mother could not be contacted for several hours. Police protection "
                "exercised.", hours, people=[(child, ROLE.CHILD_PRESENT)], c=child.forenames.split()[0],
                age=_age_on(child.date_of_birth, self.ctx.today))
            made = self.assess(
                incident, after_hours=1, grade="high", immediate_action="police_protection", safe_adult_name="",
                protection=safeguarding.ProtectionDetails(
                    taken_at=incident.occurred_at + timedelta(minutes=30),
                    accommodation="Emergency foster placement, Midtown", designated_officer=self.supervisor))
            if released and made and hasattr(made[0], "police_protection"):
                safeguarding.release_from_protection(
                    protection=made[0].police_protection, by=self.supervisor,
                    reason="Released to the maternal grandmother after the designated officer's inquiry.",
                    released_at=incident.occurred_at + timedelta(hours=20))


def seed_incidents(ctx) -> None:
    if ctx.home_force is None:
        return
    rounds = 1 if ctx.scale.name == "demo" else 5
    builder = _Builder(ctx)
    if not builder.officers or builder.csc is None:
        return
    builder.run(rounds)
    ctx.counts["incidents.Incident"] += Incident.objects.filter(force=builder.force).count()
