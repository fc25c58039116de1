"""Households of fictional people for one force, built in memory and written in chunks.

Each household is one of a few shapes (single adult, couple, family, single parent with an
ex-partner elsewhere, shared house, a child in a children's home) with address histories,
relationships, aliases and warning markers. Rows are built exactly as the people services
would build them (names with vigil.people.matching keys, addresses with their match key),
with explicit ids so they can be linked before anything is written. Rows are tuples in the
column order of vigil.seed.rows.COLUMNS.
"""

from __future__ import annotations

import math
from array import array
from datetime import date, timedelta
from functools import cache, lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db import transaction

from vigil.core.clock import age_on
from vigil.core.models import AccessGrant
from vigil.people.matching import forename_key, normalise, surname_key
from vigil.people.models import Address, Marker, Person, PersonAddress, PersonName, Relationship
from vigil.seed.addresses import AddressBook
from vigil.seed.context import band_for
from vigil.seed.markers import MarkerMaker
from vigil.seed.reference_data import CARE_HOME_NAMES
from vigil.seed.rows import RowWriter
from vigil.seed.variants import misspell

CHUNK_PEOPLE = 20_000
K = Relationship.Kind
G = Person.Gender
HOME, PLACEMENT = PersonAddress.Kind.HOME.value, PersonAddress.Kind.CARE_PLACEMENT.value
PRIMARY = PersonName.Kind.PRIMARY.value

# Household shapes and how common they are.
SHAPES = (("single", 0.28), ("couple", 0.26), ("family", 0.24), ("single_parent", 0.11),
          ("extended", 0.03), ("shared", 0.07), ("care", 0.006))
ADULT_AGES = ((18, 24, 0.13), (25, 44, 0.34), (45, 64, 0.32), (65, 95, 0.21))
EIGHTEEN = timedelta(days=18 * 366)


@lru_cache(maxsize=200_000)
def _fkeys(forenames: str) -> tuple[str, str]:
    return normalise(forenames), forename_key(forenames)


@lru_cache(maxsize=200_000)
def _skeys(surname: str) -> tuple[str, str]:
    return normalise(surname), surname_key(surname)


def years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def nhs_test_number(rng) -> str:
    """A number from the 999 range, which the NHS reserves for testing: never a real patient's."""
    while True:
        digits = [9, 9, 9] + [rng.randint(0, 9) for _ in range(6)]
        check = 11 - sum(d * w for d, w in zip(digits, range(10, 1, -1), strict=True)) % 11
        if check == 11:
            check = 0
        if check != 10:
            return "".join(map(str, digits)) + str(check)


class P:
    """A person while their household is being built."""

    __slots__ = ("id", "forenames", "surname", "date_of_birth", "gender", "pnc_id", "nhs_number", "restricted")

    def __init__(self, id, forenames, surname, date_of_birth, gender, nhs_number=""):
        self.id, self.forenames, self.surname = id, forenames, surname
        self.date_of_birth, self.gender, self.nhs_number = date_of_birth, gender, nhs_number
        self.pnc_id, self.restricted = "", False

    @property
    def full_name(self) -> str:
        return f"{self.forenames} {self.surname.upper()}"


class ForceBuilder:
    """Builds households for one force and writes them every CHUNK_PEOPLE people."""

    def __init__(self, ctx, *, force, spec, people: int, progress=None, team_for_grants=None, care_providers=()):
        self.ctx = ctx
        self.ids = ctx.ids
        self.rng = ctx.rng_for(f"people:{force.code}")
        self.pools = ctx.pools
        self.force = force
        self.force_id = force.pk
        self.today = ctx.today
        self.now = ctx.now
        self.target = people
        self.progress = progress
        self.grant_team = team_for_grants
        self.book = AddressBook(rng=self.rng, spec=spec, force_id=force.pk, streets=ctx.pools.streets,
                                expected=int(people * 0.8), ids=ctx.ids)
        self.marks = MarkerMaker(ctx, self.rng, force.pk)
        self.bands = ctx.people.setdefault(force.pk, {})
        self.homes = ctx.homes.setdefault(force.pk, array("q"))
        self.made = 0
        self.singles: list[tuple[int, str, date, str]] = []  # recent single adults, for ex-partners
        boost = ctx.scale.boost
        self.p_duplicate = 0.004 * boost
        self.p_restricted = 0.001 * boost
        shapes, acc = [], 0.0
        for name, weight in SHAPES:
            acc += weight * (boost if name == "care" else 1)
            shapes.append((acc, name))
        self.shapes = [(t / acc, n) for t, n in shapes]
        self._reset()
        self.care_homes = self._care_homes(list(care_providers))

    def _reset(self):
        self.persons, self.names, self.addresses, self.links = [], [], [], []
        self.relationships, self.grants = [], []

    def _care_homes(self, providers) -> list[tuple[int, object]]:
        """Children's homes run by the care providers: about four beds each, enough for the
        looked-after children this force will get."""
        if not providers:
            return []
        care_share = self.shapes[-1][0] - self.shapes[-2][0]
        homes = max(2, math.ceil(self.target / 2.4 * care_share / 4))
        made = []
        for i in range(homes):
            address = self.book.new(line1=CARE_HOME_NAMES[i % len(CARE_HOME_NAMES)])
            self.addresses.append(address)
            made.append((address[0], providers[i % len(providers)]))
        self.ctx.care_homes[self.force_id] = made
        return made

    # -- people and names -------------------------------------------------------------------

    def dob_for_age(self, age: int) -> date:
        """A random birth date giving exactly `age` today."""
        latest = years_before(self.today, age)
        earliest = years_before(self.today, age + 1) + timedelta(days=1)
        return earliest + timedelta(days=self.rng.randint(0, (latest - earliest).days))

    def adult_age(self) -> int:
        r, acc = self.rng.random(), 0.0
        for low, high, weight in ADULT_AGES:
            acc += weight
            if r < acc:
                return self.rng.randint(low, high)
        return self.rng.randint(65, 95)

    def forename(self, gender: str, child: bool) -> str:
        rng, pools = self.rng, self.pools
        if gender == G.FEMALE or (gender != G.MALE and rng.random() < 0.5):
            pool = pools.child_female if child else pools.female
        else:
            pool = pools.child_male if child else pools.male
        first = rng.choice(pool)
        if rng.random() < 0.3:  # a middle name
            second = rng.choice(pool)
            if second != first:
                return f"{first} {second}"
        return first

    def gender(self, female_share: float = 0.5) -> str:
        r = self.rng.random()
        if r < 0.005:
            return G.UNKNOWN.value
        return G.FEMALE.value if r < 0.005 + female_share * 0.995 else G.MALE.value

    def surname(self) -> str:
        rng = self.rng
        name = rng.choice(self.pools.surnames)
        if rng.random() < 0.02:
            other = rng.choice(self.pools.surnames)
            if other != name:
                return f"{name}-{other}"
        return name

    def name_row(self, person: P, kind: str, forenames: str, surname: str) -> None:
        fn, fk = _fkeys(forenames)
        sn, sk = _skeys(surname)
        self.names.append((self.ids.next(PersonName), person.id, kind, forenames, surname, fn, sn, fk, sk,
                           self.force_id, person.date_of_birth))

    def person(self, *, age: int, gender: str, surname: str, dob: date | None = None,
               forenames: str | None = None) -> P:
        rng = self.rng
        child = age < 18
        forenames = forenames or self.forename(gender, child)
        p = P(self.ids.next(Person), forenames, surname, dob or self.dob_for_age(age), gender,
              nhs_test_number(rng) if child and rng.random() < 0.6 else "")
        self.persons.append(p)
        self.name_row(p, PRIMARY, forenames, surname)
        band = band_for(age)
        ids = self.bands.get(band)
        if ids is None:
            ids = self.bands[band] = array("q")
        ids.append(p.id)
        if rng.random() < 0.03:  # known by a shorter name
            nick = self.marks.nickname(forenames)
            if nick:
                self.name_row(p, PersonName.Kind.NICKNAME.value, nick, surname)
        if not child and rng.random() < 0.01:
            self.name_row(p, PersonName.Kind.ALIAS.value, self.forename(gender, False), self.surname())
        if rng.random() < self.p_restricted:
            self.restrict(p)
        return p

    def restrict(self, p: P) -> None:
        p.restricted = True
        self.ctx.note(self.force_id, "restricted", p.id)
        if self.grant_team is not None:
            self.grants.append((self.ids.next(AccessGrant), ContentType.objects.get_for_model(Person).pk, p.id,
                                None, self.grant_team.pk, None, self.now))

    def relate(self, a_id: int, b_id: int, kind: str, from_date: date | None = None, to_date: date | None = None):
        self.relationships.append((self.ids.next(Relationship), a_id, b_id, kind, from_date, to_date, "", self.now))

    # -- addresses --------------------------------------------------------------------------

    def live_at(self, person: P, address_id: int, start: date, end: date | None, kind: str = HOME) -> None:
        start = max(start, person.date_of_birth)
        if end is not None and end < start:
            return
        self.links.append((self.ids.next(PersonAddress), person.id, address_id, kind, start, end))

    def new_address(self, town_index: int) -> int:
        address = self.book.new(town_index=town_index)
        self.addresses.append(address)
        return address[0]

    def house(self, members: list[P], adults: list[P]) -> int:
        """A current home and 0-3 previous homes, shared by the household."""
        rng, today = self.rng, self.today
        town = rng.randrange(len(self.book.towns))
        self.marks.area = self.book.area_of(town)
        home = self.new_address(town)
        self.homes.append(home)
        youngest_adult_18 = max(a.date_of_birth for a in adults) + EIGHTEEN
        move_in = today - timedelta(days=rng.randint(30, 15 * 365))
        move_in = max(move_in, min(youngest_adult_18, today - timedelta(days=30)))
        for m in members:
            self.live_at(m, home, move_in, None)
        end = move_in - timedelta(days=1)
        for _ in range(rng.choices((0, 1, 2, 3), (35, 35, 20, 10))[0]):
            start = end - timedelta(days=rng.randint(180, 2500))
            if start < youngest_adult_18 - timedelta(days=2 * 365):
                break
            previous = self.new_address(town if rng.random() < 0.7 else rng.randrange(len(self.book.towns)))
            for m in members:
                self.live_at(m, previous, start, end)
            end = start - timedelta(days=1)
        return home

    # -- household shapes -------------------------------------------------------------------

    def household(self) -> int:
        r = self.rng.random()
        shape = next(name for threshold, name in self.shapes if r < threshold)
        if shape == "care" and not self.care_homes:
            shape = "single"
        first_link = len(self.links)
        self.marks.area = ""
        members = getattr(self, f"_{shape}")()
        made = len(members)
        for p in members:
            if self.rng.random() < self.p_duplicate:
                made += self.duplicate(p, self.links[first_link:])
        return made

    def _single(self) -> list[P]:
        g = self.gender()
        p = self.person(age=self.adult_age(), gender=g, surname=self.surname())
        self.house([p], [p])
        self.marks.adult(p, partnered=False)
        self.singles.append((p.id, g, p.date_of_birth, p.surname))
        if len(self.singles) > 2000:
            del self.singles[:1000]
        return [p]

    def _couple_adults(self, first_age: int, second_min_age: int = 18) -> list[P]:
        rng = self.rng
        g1 = self.gender()
        same_sex = rng.random() < 0.07
        g2 = g1 if same_sex else (G.MALE.value if g1 == G.FEMALE else G.FEMALE.value)
        s1 = self.surname()
        a1 = self.person(age=first_age, gender=g1, surname=s1)
        shares = rng.random() < 0.7
        a2_age = min(99, max(18, second_min_age, first_age + rng.randint(-4, 7)))
        a2 = self.person(age=a2_age, gender=g2, surname=s1 if shares else self.surname())
        if shares and g2 == G.FEMALE and rng.random() < 0.6:
            self.name_row(a2, PersonName.Kind.MAIDEN.value, a2.forenames, self.surname())
        together = max(a1.date_of_birth, a2.date_of_birth) + EIGHTEEN
        since = together + timedelta(days=rng.randint(0, max(1, (self.today - together).days - 1)))
        self.relate(a1.id, a2.id, K.PARTNER.value, from_date=min(since, self.today))
        if rng.random() < 0.1:
            self.ex_partner(a1)
        return [a1, a2]

    def _couple(self) -> list[P]:
        adults = self._couple_adults(self.adult_age())
        self.house(adults, adults)
        for a in adults:
            self.marks.adult(a, partnered=True)
        return adults

    def children(self, count: int, parent_ids: list[int], surname: str, oldest: int, alt_surname: str) -> list[P]:
        rng = self.rng
        ages = [oldest]
        for _ in range(count - 1):
            ages.append(max(0, ages[-1] - rng.randint(1, 5)))
        kids = []
        for age in ages:
            kid_surname = surname if rng.random() < 0.85 or not alt_surname else alt_surname
            kid = self.person(age=age, gender=self.gender(), surname=kid_surname)
            for parent_id in parent_ids:
                self.relate(parent_id, kid.id, K.PARENT.value, from_date=kid.date_of_birth)
            kids.append(kid)
        for i, older in enumerate(kids):
            for younger in kids[i + 1:]:
                self.relate(older.id, younger.id, K.SIBLING.value)
        return kids

    def _family(self, extra_adult: bool = False) -> list[P]:
        rng = self.rng
        count = rng.choices((1, 2, 3, 4), (40, 38, 16, 6))[0]
        oldest = rng.randint(0, 17)
        adults = self._couple_adults(min(60, oldest + rng.randint(19, 40)), oldest + 18)
        kids = self.children(count, [a.id for a in adults], adults[0].surname, oldest, adults[1].surname)
        members = adults + kids
        if extra_adult:
            parent = adults[0]
            parent_age = age_on(parent.date_of_birth, self.today)
            gp = self.person(age=min(99, parent_age + rng.randint(20, 34)), gender=self.gender(),
                             surname=parent.surname)
            self.relate(gp.id, parent.id, K.PARENT.value, from_date=parent.date_of_birth)
            self.relate(gp.id, parent.id, K.HOUSEHOLD.value)
            members.append(gp)
        self.house(members, adults)
        abusive = any([self.marks.adult(a, partnered=True) for a in adults])
        for kid in kids:
            self.marks.child(kid, household_risk=abusive)
        return members

    def _extended(self) -> list[P]:
        return self._family(extra_adult=True)

    def _single_parent(self) -> list[P]:
        rng = self.rng
        count = rng.choices((1, 2, 3), (50, 35, 15))[0]
        oldest = rng.randint(0, 17)
        parent = self.person(age=min(60, oldest + rng.randint(17, 38)), gender=self.gender(female_share=0.85),
                             surname=self.surname())
        first_born = self.today - timedelta(days=oldest * 365 + 180)
        ex = self.ex_partner(parent, child_born=first_born if rng.random() < 0.7 else None)
        parent_ids = [parent.id] if ex is None or ex[1] is False else [parent.id, ex[0]]
        kids = self.children(count, parent_ids, parent.surname, oldest, ex[2] if ex and ex[1] else "")
        self.house([parent, *kids], [parent])
        abusive = self.marks.adult(parent, partnered=True)
        for kid in kids:
            self.marks.child(kid, household_risk=abusive or (ex is not None and rng.random() < 0.15))
        return [parent, *kids]

    def _shared(self) -> list[P]:
        rng = self.rng
        people = [self.person(age=rng.randint(19, 35), gender=self.gender(), surname=self.surname())
                  for _ in range(rng.randint(2, 4))]
        self.house(people, people)
        for p in people[1:]:
            self.relate(p.id, people[0].id, K.HOUSEHOLD.value)
        for p in people:
            self.marks.adult(p, partnered=False)
        return people

    def _care(self) -> list[P]:
        """A looked-after child living in a children's home (a care provider's address)."""
        rng = self.rng
        kid = self.person(age=rng.randint(10, 17), gender=self.gender(), surname=self.surname())
        home_id, provider = rng.choice(self.care_homes)
        placed = max(self.today - timedelta(days=rng.randint(20, 700)), kid.date_of_birth)
        self.live_at(kid, home_id, placed, None, kind=PLACEMENT)
        # The family home the child came from.
        previous = self.new_address(rng.randrange(len(self.book.towns)))
        self.live_at(kid, previous, kid.date_of_birth, max(placed - timedelta(days=1), kid.date_of_birth))
        if self.singles and rng.random() < 0.6:
            pid, _g, dob, _s = self.singles[rng.randrange(len(self.singles))]
            if years_before(kid.date_of_birth, 16) >= dob:
                self.relate(pid, kid.id, K.PARENT.value, from_date=kid.date_of_birth)
        self.marks.looked_after(kid, placed, provider)
        return [kid]

    def ex_partner(self, person: P, child_born: date | None = None) -> tuple[int, bool, str] | None:
        """Link to a single adult from an earlier household, of a compatible age: (id, is the
        parent of the first child, surname). With `child_born`, the relationship spans the birth."""
        rng, today = self.rng, self.today
        want = G.MALE if person.gender == G.FEMALE else G.FEMALE
        for _ in range(6):
            if not self.singles:
                return None
            pid, gender, dob, surname = self.singles[rng.randrange(len(self.singles))]
            if pid == person.id or abs((dob - person.date_of_birth).days) > 12 * 365:
                continue
            if gender != want and rng.random() < 0.9:
                continue
            floor = max(dob, person.date_of_birth) + EIGHTEEN
            parent = child_born is not None and floor <= child_born - timedelta(days=300)
            latest_start = (child_born - timedelta(days=300)) if parent else today - timedelta(days=60)
            if latest_start <= floor:
                continue
            start = floor + timedelta(days=rng.randint(0, (latest_start - floor).days))
            end_floor = child_born if parent else start + timedelta(days=30)
            end = min(today, end_floor + timedelta(days=rng.randint(0, max(0, (today - end_floor).days))))
            self.relate(person.id, pid, K.EX_PARTNER.value, from_date=start, to_date=max(end, start))
            return pid, parent, surname
        return None

    def duplicate(self, person: P, links: list[tuple]) -> int:
        """A deliberate near-duplicate: a spelling variant, same (or day/month-swapped) birth date."""
        rng = self.rng
        forenames, surname = misspell(rng, person.forenames, person.surname)
        dob = person.date_of_birth
        if rng.random() < 0.2 and dob.day <= 12 and dob.day != dob.month:
            swapped = dob.replace(month=dob.day, day=dob.month)
            dob = swapped if swapped <= self.today else dob
        twin = self.person(age=age_on(dob, self.today), gender=person.gender, surname=surname, dob=dob,
                           forenames=forenames)
        self.ctx.note(self.force_id, "duplicate", twin.id)
        self.ctx.note(self.force_id, "duplicate_of", person.id)
        home = [link for link in links if link[1] == person.id and link[5] is None]
        if home and rng.random() < 0.6:
            self.live_at(twin, home[0][2], home[0][4], None)
        return 1

    # -- running ----------------------------------------------------------------------------

    def run(self) -> None:
        while self.made < self.target:
            added = self.household()
            self.made += added
            if self.progress is not None:
                self.progress.update(added)
            if len(self.persons) >= CHUNK_PEOPLE:
                self.flush()
        self.flush()

    def flush(self) -> None:
        now, force_id = self.now, self.force_id
        persons = [(p.id, force_id, p.forenames, p.surname, p.date_of_birth, p.gender, p.pnc_id, p.nhs_number,
                    p.restricted, None, now, None, now) for p in self.persons]
        counts = self.ctx.counts
        with transaction.atomic():
            for model, rows in ((Address, self.addresses), (Person, persons), (PersonName, self.names),
                                (PersonAddress, self.links), (Relationship, self.relationships),
                                (Marker, self.marks.take()), (AccessGrant, self.grants)):
                counts[model._meta.label] += writer(model).write(rows)
        self._reset()


@cache
def writer(model) -> RowWriter:
    return RowWriter(model)
