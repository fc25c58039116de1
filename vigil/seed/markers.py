"""Warning markers with start and review dates, at rates loosely shaped by the national figures
(figures.md §1: about 1 registered sex offender per 760 people aged 10+, children on plans and
looked after well under 1%). A police nominal index over-represents people at risk, so the
rates here are higher than population rates; the demo scale multiplies them again."""

from __future__ import annotations

from array import array
from datetime import date, timedelta

from vigil.core.clock import age_on
from vigil.people.models import Marker
from vigil.seed.variants import nickname

M = Marker.Kind

# (kind, base rate) for adults; partnered adults carry more domestic-abuse markers.
ADULT_RATES = ((M.VIOLENCE, 0.03), (M.MENTAL_HEALTH, 0.02), (M.WEAPONS, 0.004))
NOTES = {
    M.CP_PLAN: ("Category: neglect", "Category: emotional abuse", "Category: physical abuse",
                "Category: sexual abuse"),
    M.LOOKED_AFTER: ("Accommodated under section 20", "Care order (section 31)", "Interim care order"),
    M.EXPLOITATION: ("Criminal exploitation concerns (county lines)", "Sexual exploitation concerns",
                     "Found with older males not known to family"),
    M.REPEAT_MISSING: ("Three or more missing episodes in 90 days", "Frequently missing from placement"),
    M.VIOLENCE: ("Assault on emergency worker", "Violent when in drink", "Previous ABH"),
    M.DOMESTIC_ABUSE: ("Perpetrator: previous DA incidents", "Victim: previous DA incidents"),
    M.MENTAL_HEALTH: ("Known to community mental health team", "Previous section 136 detention"),
    M.WEAPONS: ("Known to carry a knife",),
    M.RSO: ("Notification requirements apply", "Subject to a sexual harm prevention order"),
}
REVIEW_DAYS = {M.CP_PLAN: 180, M.LOOKED_AFTER: 180, M.RSO: 365}
_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"


class MarkerMaker:
    def __init__(self, ctx, rng, force_id: int):
        self.ctx = ctx
        self.rng = rng
        self.force_id = force_id
        self.today: date = ctx.today
        self.boost = ctx.scale.boost
        self.rows: list[tuple] = []  # in vigil.seed.rows.COLUMNS[Marker] order
        self.area = ""

    def take(self) -> list[tuple]:
        rows, self.rows = self.rows, []
        return rows

    def nickname(self, forenames: str) -> str | None:
        return nickname(self.rng, forenames)

    def _chance(self, rate: float) -> bool:
        return self.rng.random() < min(0.5, rate * self.boost)

    def add(self, person, kind: str, *, earliest: date, start: date | None = None, can_end: bool = True) -> None:
        rng, today = self.rng, self.today
        earliest = max(earliest, today - timedelta(days=8 * 365))
        if start is None:
            span = max(0, (today - earliest).days - 1)
            start = earliest + timedelta(days=rng.randint(0, span))
        start = min(start, today)
        end = review = None
        if can_end and rng.random() < 0.12 and start < today:
            end = start + timedelta(days=rng.randint(1, (today - start).days))
        else:
            # Most reviews are ahead; some are due or overdue so "due for review" shows.
            review = max(start, today + timedelta(days=rng.randint(-30, REVIEW_DAYS.get(kind, 365))))
        kind = str(kind)
        self.rows.append((self.ctx.ids.next(Marker), person.id, kind, start, review, end,
                          rng.choice(NOTES.get(kind, ("",))), None, self.ctx.now))
        if end is None:
            self.ctx.markers.setdefault(self.force_id, {}).setdefault(kind, array("q")).append(person.id)
            self.ctx.note(self.force_id, f"marker:{kind}", person.id)
            if self.area:
                self.ctx.note(self.force_id, f"area:{self.area}:{kind}", person.id)

    def _pnc(self, person) -> None:
        if not person.pnc_id:
            year = self.rng.randint(max(person.date_of_birth.year + 12, 1990), self.today.year)
            person.pnc_id = f"{year % 100:02d}/{self.rng.randint(100000, 9999999)}{self.rng.choice(_LETTERS)}"

    def adult(self, person, *, partnered: bool) -> bool:
        """Markers for an adult; True when the household carries a violence or abuse risk."""
        rng = self.rng
        adult_from = person.date_of_birth + timedelta(days=18 * 366)
        risky = False
        for kind, rate in ADULT_RATES:
            if self._chance(rate):
                self.add(person, kind, earliest=adult_from)
                risky = risky or kind == M.VIOLENCE
        if self._chance(0.03 if partnered else 0.01):
            self.add(person, M.DOMESTIC_ABUSE, earliest=adult_from)
            risky = True
        age = age_on(person.date_of_birth, self.today)
        # Doubled again in the demo, so the offender manager's caseload is not a handful.
        rso_rate = (0.005 if person.gender == "male" else 0.0002) * (2 if self.boost > 1 else 1)
        if age >= 21 and self._chance(rso_rate):
            self.add(person, M.RSO, earliest=adult_from)
            risky = True
        if risky or rng.random() < 0.05:
            self._pnc(person)
        return risky

    def child(self, kid, *, household_risk: bool) -> None:
        age = age_on(kid.date_of_birth, self.today)
        if self._chance(0.01 * (4 if household_risk else 1)):
            self.add(kid, M.CP_PLAN, earliest=kid.date_of_birth)
        if age >= 11:
            older = kid.date_of_birth + timedelta(days=10 * 366)
            if self._chance(0.012):
                self.add(kid, M.EXPLOITATION, earliest=older)
            if self._chance(0.01):
                self.add(kid, M.REPEAT_MISSING, earliest=older)
        if 5 <= age <= 16 and self.area:
            self.ctx.note(self.force_id, f"area:{self.area}:pupil", kid.id, cap=200)

    def looked_after(self, kid, placed: date, provider) -> None:
        self.add(kid, M.LOOKED_AFTER, earliest=kid.date_of_birth, start=max(placed, kid.date_of_birth),
                 can_end=False)
        older = kid.date_of_birth + timedelta(days=10 * 366)
        if self.rng.random() < 0.35:
            self.add(kid, M.REPEAT_MISSING, earliest=max(older, placed))
        if self.rng.random() < 0.25:
            self.add(kid, M.EXPLOITATION, earliest=older)
        self.ctx.note(self.force_id, f"care:{provider.pk}", kid.id)
