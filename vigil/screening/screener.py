"""Narrative child screener: does an incident need a child safeguarding check?

Label definition, age conventions and hard cases: /work/shared/data/narratives/README.md.
Policy basis: /work/shared/docs/domain.md section A (A1 child = under 18; A4 a child in a home
where domestic abuse happens is a victim even if absent; A5 a child present at a non-domestic
incident such as drug-driving with a baby in the back).

The screener raises flags for a person to act on and never clears an incident, so when the
text is unclear it leans to flagging. How it decides (see `cues`):
  1. cues: under-18 ages (stated, from a date of birth, from a school year), child words,
     family relations, child items ("cot", "school run") and child-only services ("CAMHS");
  2. each cue is dropped if negated ("no children"), a place or role ("childminder"), a pet
     or nickname, historic ("as a child"), about an unborn baby, or tied to an adult age
     ("her son, 34", "adult daughter", "the kids are grown up");
  3. a surviving strong cue flags; weaker ones flag unless the text says no child is there
     ("lives alone", "no children live at the address", "all adults").
Ages: a toddler with no stated age is recorded as 2 (the README leaves this open; a number
keeps the record useful and any toddler is under 18); a teenager with no stated age is null.
Plain Python and `re` only; every pattern is compiled at import.
"""

import datetime as dt
import re
from dataclasses import dataclass, field

from vigil.screening import cues as cx
from vigil.screening import lexicon as lx
from vigil.screening.ages import AGE_LISTS, find_ages
from vigil.screening.fastre import Bundle, lower_same_length
from vigil.screening.indicators import INDICATOR_LISTS, VOCABULARY, find_indicators
from vigil.screening.narrative import Narrative

MAX_TEXT = 50_000
_ALL = Bundle(lx.CHILD_LISTS + INDICATOR_LISTS + AGE_LISTS)  # one pass over the text finds every term
_SURNAME_BEFORE = re.compile(r"[A-Z][a-z]+\s+[A-Z]{3,}(?:[-'][A-Z]+)?,?\s$")
_INFANT = ("bab", "bby", "infant", "new", "gave", "given", "cot", "sudi")


@dataclass(slots=True)
class Evidence:
    start: int
    end: int
    text: str  # exactly text[start:end] of the screened narrative
    reason: str


@dataclass(frozen=True, slots=True)
class ScreenResult:
    safeguarding_check_required: bool
    ages: list[int | None] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)

    def to_json(self, id: str | None = None) -> dict:  # noqa: A002 - the CLI's field name
        return {
            "id": id,
            "safeguarding_check_required": self.safeguarding_check_required,
            "ages": list(self.ages),
            "indicators": list(self.indicators),
            "evidence": [e.text for e in self.evidence],
        }


def parse_date(value: dt.date | str | None) -> dt.date:
    """The incident date; None means today. Raises ValueError for a bad string."""
    if value is None:
        return dt.date.today()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str):
        raise ValueError(f"incident_date must be an ISO date, not {value!r}")
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return dt.datetime.fromisoformat(value.strip()).date()


def _ages_list(n: Narrative, cues: list[cx.Cue]) -> list[int | None]:
    """README conventions: one entry per child, null if unknown, one null per group of
    unknown size; known ages first, in text order. The same age in several sentences is taken
    to be the same child."""
    per_sent: dict[int, list[int]] = {}
    first_pos: dict[int, int] = {}
    nones: list[int] = []
    sents = [n.sentence(c.start) for c in cues]
    stated = {v for c in cues if c.kind for v in c.ages}
    for c, idx in zip(cues, sents, strict=True):
        vals: tuple[int, ...] = ()
        if c.kind in ("range", "under"):
            nones.append(c.start)
        elif c.kind:
            vals = c.ages
        elif c.strength == cx.STRONG and not c.ages:
            # A toddler or baby with no age of its own is 2 or 0, unless an age anywhere in the
            # text could be that child ("todler (approx 18 months) ... Todler ok").
            if c.word.startswith("tod"):
                vals = () if any(1 <= v <= 3 for v in stated) else (2,)
            elif c.word.startswith(_INFANT):
                vals = () if any(v <= 1 for v in stated) else (0,)
        for v in vals:
            per_sent.setdefault(idx, []).append(v)
            first_pos.setdefault(v, c.start)
    counts: dict[int, int] = {}
    for vals in per_sent.values():
        for v in set(vals):
            counts[v] = max(counts.get(v, 0), vals.count(v))
    # "3 kids, youngest 18 months": a group of known size adds a null per child without an age
    group = max((c.count for c in cues if c.count and not c.ages), default=0)
    nones.extend([0] * max(0, group - sum(counts.values())))
    known = sorted((first_pos[v], v) for v, k in counts.items() for _ in range(k))
    return [v for _, v in known] + [None] * len(nones) or [None]


def _name_start(text: str, pos: int) -> int:
    """Where the capitalised name (up to three words) just before `pos` starts."""
    start = pos
    for _ in range(3):
        j = len(text[:start].rstrip(" "))
        k = j
        while k > 0 and (text[k - 1].isalnum() or text[k - 1] in "'-"):
            k -= 1
        if k == j or not text[k].isupper() or start - j > 1:
            break
        start = k
    return start


def _evidence(n: Narrative, cues: list[cx.Cue]) -> list[Evidence]:
    out, seen = [], set()
    for c in sorted(cues, key=lambda c: (-c.strength, c.start))[:12]:
        s = c.start
        # "Devon (15)"; "Olivia HIRST 14/09/2022" (a lower-case forename: a name even in a capitals log)
        if c.kind and (n.text[s:s + 1] in "(," and not n.mostly_capitals()
                       or _SURNAME_BEFORE.search(n.text, max(0, s - 40), s)):
            s = _name_start(n.text, s)
        if (s, c.end) not in seen:
            seen.add((s, c.end))
            out.append(Evidence(s, c.end, n.text[s:c.end], c.reason))
    # Spans inside a longer one are left out. The spans are distinct, so in order of start
    # (longest first) a span is inside another exactly when an earlier one reaches its end.
    out.sort(key=lambda ev: (ev.start, -ev.end))
    kept, reach = [], -1
    for ev in out:
        if ev.end > reach:
            kept.append(ev)
            reach = ev.end
    return kept


def screen(text: str, incident_date: dt.date | str | None = None) -> ScreenResult:
    """Screen one narrative. Raises ValueError for a bad date or a text over 50,000 chars."""
    if not isinstance(text, str):
        raise TypeError("text must be a string")
    if len(text) > MAX_TEXT:
        raise ValueError(f"text is longer than {MAX_TEXT} characters")
    ref = parse_date(incident_date)
    low = lower_same_length(text)
    hits = _ALL.scan(low)
    n = Narrative(text, low, hits)
    ages = find_ages(n.doc, ref, hits)
    facts: dict = {"no_child": False, "adult_rel": set(), "pregnant": bool(hits.get("pregnancy", ())),
                   "animals": bool(hits.get("animal", ()))}
    cues: list[cx.Cue] = []
    cx.age_cues(n, ages, cues, facts)
    cx.implicit_cues(n, cues, facts)
    cx.word_cues(n, ages, cues, facts)
    cues = cx.filter_cues(n, cues, ages, facts)
    strong = [c for c in cues if c.strength == cx.STRONG]
    # A statement that no child is there ("lives alone") only outweighs cues weaker than
    # STRONG, so it is looked for only when there are some.
    no_child = len(strong) < len(cues) and cx.no_child_statement(n, cues, facts)
    indicators = find_indicators(n.doc, hits)
    if not strong and (not cues or no_child):
        return ScreenResult(False, [], indicators, [])
    used = strong if no_child else cues
    return ScreenResult(True, _ages_list(n, used), indicators, _evidence(n, used))


__all__ = ["Evidence", "ScreenResult", "VOCABULARY", "parse_date", "screen"]
