"""Person search: spelling variants, nicknames, typos, swapped names, date of birth and age range.

Two stages (docs: issue "Foundation", item 3):
1. Retrieval: a few bounded lookups on PersonName, each served by one of its indexes and filtered
   to the user's force (force_id_copy) first: same surname sound (+ forename sound), surname
   prefix + forename sound (typos the sound key splits), names swapped, and the date of birth.
2. Ranking: pure functions below score every candidate name with rapidfuzz and say why it
   matched. No database access in the scoring, so it is unit tested row by row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from functools import lru_cache

from django.db.models import DateField, Q
from django.db.models.functions import Cast
from django.utils import timezone
from jellyfish import metaphone
from nicknames import NickNamer
from rapidfuzz.distance import DamerauLevenshtein, JaroWinkler

from vigil.accounts.roles import Cap
from vigil.core import audit
from vigil.people.access import visible_people
from vigil.people.matching import forename_key, normalise, surname_key
from vigil.people.models import Person, PersonName

# Each retrieval path returns at most this many names; the union is scored in Python.
PATH_CAP = 300
# A candidate needs this much name similarity (0-1) to be shown at all.
NAME_THRESHOLD = 0.65
FORENAME_WEIGHT = 0.4
SURNAME_WEIGHT = 0.6
SWAP_PENALTY = 0.95
ALIAS_PENALTY = 0.97
# With a date of birth: the name gives up to 70 points and the date of birth the rest.
DOB_POINTS = {"exact": 30, "transposed": 24, "close": 18, "unknown": 10}


@dataclass
class Match:
    person: Person
    score: int  # 0-100
    reasons: list[str] = field(default_factory=list)
    name: PersonName | None = None  # the name that matched; an alias when not the primary name

    @property
    def via_alias(self) -> bool:
        return self.name is not None and self.name.kind != PersonName.Kind.PRIMARY


# ---------------------------------------------------------------------------------------------
# Pure scoring (no database)


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    return NickNamer()


@lru_cache(maxsize=8192)
def nickname_links(name: str) -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(nicknames of name, names it is a nickname of, other nicknames of those names).

    "bill" -> ({billy, ...}, {william, ...}, {will, willy, ...}). Names are lower case.
    """
    name = normalise(name)
    if not name:
        return frozenset(), frozenset(), frozenset()
    namer = _nicknamer()
    nicks = frozenset(namer.nicknames_of(name))
    canonicals = frozenset(namer.canonicals_of(name))
    siblings: set[str] = set()
    for canonical in canonicals:
        siblings |= namer.nicknames_of(canonical)
    return nicks, canonicals, frozenset(siblings - nicks - canonicals - {name})


def forename_variants(name: str) -> frozenset[str]:
    """The name, its nicknames, the names it is short for and their other short forms."""
    first = normalise(name).split(" ")[0] if name else ""
    if not first:
        return frozenset()
    nicks, canonicals, siblings = nickname_links(first)
    return frozenset({first}) | nicks | canonicals | siblings


def _typo(a: str, b: str) -> bool:
    """One slip of the keyboard (two for longer names): a letter wrong, missing, extra or swapped."""
    allowed = 1 if max(len(a), len(b)) <= 5 else 2
    return DamerauLevenshtein.distance(a, b) <= allowed


def _title(text: str) -> str:
    return " ".join(part.capitalize() for part in text.split(" "))


@lru_cache(maxsize=65536)
def forename_similarity(query: str, candidate: str) -> tuple[float, str | None]:
    """Similarity (0-1) of two single normalised forenames, and the reason in words."""
    if not query or not candidate:
        return 0.0, None
    if query == candidate:
        return 1.0, "forename matches"
    q, c = _title(query), _title(candidate)
    if len(query) == 1 or len(candidate) == 1:
        if query[0] == candidate[0]:
            return 0.8, "initial matches"
        return 0.0, None
    nicks, canonicals, siblings = nickname_links(query)
    if candidate in canonicals or candidate in nicks:
        # The nickname lists link names both ways round; the shorter name is the nickname.
        short, full = (q, c) if len(query) <= len(candidate) else (c, q)
        # Spelling breaks ties: Bill is listed for William and for Robert; William comes first.
        return 0.88 + 0.08 * JaroWinkler.similarity(query, candidate), f"forename {short} is a nickname of {full}"
    if candidate in siblings:
        return 0.85, f"forenames {q} and {c} are short forms of the same name"
    jw = JaroWinkler.similarity(query, candidate)
    same_sound = forename_key(query) == forename_key(candidate) or metaphone(query) == metaphone(candidate)
    # Soundex alone would call John and Jane alike: the spelling must be close too.
    if same_sound and jw >= 0.7:
        return max(jw, 0.85), f"forename sounds like {q}"
    if _typo(query, candidate) or (jw >= 0.9 and abs(len(query) - len(candidate)) <= 1):
        return max(jw, 0.8), f"forename spelt like {q} (possible typo)"
    return jw * 0.7, None


@lru_cache(maxsize=65536)
def surname_similarity(query: str, candidate: str) -> tuple[float, str | None]:
    """Similarity (0-1) of two normalised surnames, and the reason in words."""
    if not query or not candidate:
        return 0.0, None
    q_flat, c_flat = query.replace(" ", ""), candidate.replace(" ", "")
    if q_flat == c_flat:
        return 1.0, "surname matches"
    q = _title(query)
    if query in candidate.split(" ") or candidate in query.split(" "):
        return 0.9, f"surname matches part of {_title(candidate)}"
    jw = JaroWinkler.similarity(q_flat, c_flat)
    if surname_key(query) == surname_key(candidate):
        return max(jw, 0.9), f"surname sounds like {q}"
    if _typo(q_flat, c_flat) or (jw >= 0.92 and abs(len(q_flat) - len(c_flat)) <= 1):
        return max(jw, 0.85), f"surname spelt like {q} (possible typo)"
    if min(len(q_flat), len(c_flat)) >= 4 and (c_flat.startswith(q_flat) or q_flat.startswith(c_flat)):
        return 0.8, f"surname begins like {q}"
    return jw * 0.7, None


def _forenames_similarity(query_first: str, candidate_forenames: str) -> tuple[float, str | None]:
    """Best match of the query's first forename against each of the candidate's forenames."""
    best: tuple[float, str | None] = (0.0, None)
    for position, part in enumerate(candidate_forenames.split(" ") if candidate_forenames else []):
        sim, reason = forename_similarity(query_first, part)
        if position:
            sim *= 0.9
            reason = f"{reason} (a middle name)" if reason else None
        if sim > best[0]:
            best = (sim, reason)
    return best


def name_similarity(forenames: str, surname: str, cand_forenames: str, cand_surname: str) -> tuple[float, list[str]]:
    """Combined name similarity (0-1) of normalised query and candidate names, trying the
    query's forenames and surname both ways round."""
    score, reasons = _name_similarity(forenames, surname, cand_forenames, cand_surname)
    return score, list(reasons)


@lru_cache(maxsize=65536)  # names repeat a lot across candidates: score each pair once
def _name_similarity(forenames: str, surname: str, cand_forenames: str, cand_surname: str) -> tuple[float, tuple]:

    def combine(q_fore: str, q_sur: str) -> tuple[float, list[str], bool]:
        first = q_fore.split(" ")[0] if q_fore else ""
        f_sim, f_reason = _forenames_similarity(first, cand_forenames) if first else (0.0, None)
        s_sim, s_reason = surname_similarity(q_sur, cand_surname) if q_sur else (0.0, None)
        reasons = [r for r in (s_reason, f_reason) if r]
        if first and q_sur:
            total = FORENAME_WEIGHT * f_sim + SURNAME_WEIGHT * s_sim
        else:
            total = f_sim if first else s_sim
        # Every name searched for must match in some way: "John Smith" is not "Amelia Smith".
        explained = (not first or f_reason is not None) and (not q_sur or s_reason is not None)
        return total, reasons, explained

    straight, reasons, explained = combine(forenames, surname)
    if forenames and surname:
        swapped, swapped_reasons, swapped_explained = combine(surname, forenames)
        swapped *= SWAP_PENALTY
        if swapped > straight and swapped_explained:
            return swapped, ("forename and surname swapped", *swapped_reasons)
    if not explained:
        return 0.0, ()
    return straight, tuple(reasons)


def transposed(day: date) -> date | None:
    """The date with day and month swapped (3 April <-> 4 March), if that is a real other date."""
    if day.day > 12 or day.day == day.month:
        return None
    try:
        return date(day.year, day.day, day.month)
    except ValueError:
        return None


def dob_relation(query: date, candidate: date | None) -> str:
    """How a recorded date of birth compares with the one searched for:
    exact, transposed (day and month swapped), close (one of day, month, year differs),
    unknown (none recorded) or different."""
    if candidate is None:
        return "unknown"
    if candidate == query:
        return "exact"
    if transposed(query) == candidate:
        return "transposed"
    same = (query.year == candidate.year) + (query.month == candidate.month) + (query.day == candidate.day)
    return "close" if same == 2 else "different"


DOB_REASONS = {
    "exact": "date of birth matches",
    "transposed": "date of birth matches with day and month transposed",
    "close": "date of birth differs in one part (possible typo)",
    "unknown": "no date of birth recorded",
}


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February in a year without one
        return day.replace(year=day.year - years, day=28)


def dob_bounds(age_min: int | None, age_max: int | None, today: date) -> tuple[date | None, date | None]:
    """(earliest, latest) date of birth for someone aged age_min to age_max today (inclusive)."""
    latest = _years_before(today, age_min) if age_min is not None else None
    earliest = _years_before(today, age_max + 1) + timedelta(days=1) if age_max is not None else None
    return earliest, latest


def _initial_fallback(forenames: str, surname: str, cand_forenames: str, cand_surname: str) -> tuple[float, list[str]]:
    """With the same date of birth, the same surname and initial is enough to be worth showing:
    short forms the nickname lists lack ("Olly" for Oliver) are still caught as duplicates."""
    s_sim, s_reason = surname_similarity(surname, cand_surname)
    if not (forenames and cand_forenames and s_reason) or forenames[0] != cand_forenames[0]:
        return 0.0, []
    return SURNAME_WEIGHT * s_sim + FORENAME_WEIGHT * 0.5, [s_reason, "forename has the same initial"]


def score_candidate(
    *, forenames: str, surname: str, date_of_birth: date | None,
    cand_forenames: str, cand_surname: str, cand_dob: date | None, alias: bool = False,
) -> tuple[int, list[str]] | None:
    """Score (0-100) and reasons for one candidate name, or None if it is not a match.
    Names are normalised (vigil.people.matching.normalise)."""
    name_score, reasons = name_similarity(forenames, surname, cand_forenames, cand_surname)
    if name_score < NAME_THRESHOLD and date_of_birth is not None and cand_dob == date_of_birth:
        name_score, reasons = _initial_fallback(forenames, surname, cand_forenames, cand_surname)
    if name_score < NAME_THRESHOLD:
        # A same-birthday candidate with a wholly different name is not a match.
        return None
    if alias:
        name_score *= ALIAS_PENALTY
    if date_of_birth is None:
        score = 100 * name_score
    else:
        relation = dob_relation(date_of_birth, cand_dob)
        if relation == "different":
            return None
        score = 70 * name_score + DOB_POINTS[relation]
        reasons.append(DOB_REASONS[relation])
    return max(0, min(100, round(score))), reasons


# ---------------------------------------------------------------------------------------------
# Retrieval (database)


def _visibility(user) -> tuple[int, Q | None] | None:
    """(force id, filter on PersonName or None) for what this user may find; None for nothing.

    Partners see a few shared people, so their filter goes into every lookup. For police users
    the lookups read the name table alone and the few candidates are checked afterwards with
    `visible_people` by primary key: joined into each lookup, the person-table condition led
    PostgreSQL to a parallel scan of every person (docs/performance.md, person search)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if user.is_partner:
        org = user.organisation
        if org is None:
            return None
        shared = Q(person__merged_into__isnull=True, person__shares__organisation_id=org.pk,
                   person__shares__revoked_at__isnull=True)
        return org.force_id, shared
    if not user.can(Cap.PERSON_VIEW) or user.force_id is None:
        return None
    return user.force_id, None


def _visible_ids(user, ids) -> set[int]:
    """Which of these people this user may find (live, own force, restricted only if granted)."""
    if not ids:
        return set()
    live = visible_people(user).filter(pk__in=ids, merged_into__isnull=True).order_by()
    return set(live.values_list("pk", flat=True))


def _prefix_range(prefix: str) -> tuple[str, str]:
    """Bounds so `lo <= x < hi` is "x starts with prefix": a range any b-tree index serves."""
    return prefix, prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _keys(name: str) -> list[str]:
    return sorted({forename_key(v) for v in forename_variants(name)} - {""})


def _paths(forenames: str, surname: str, date_of_birth: date | None) -> tuple[list[Q], list[Q]]:
    """(precise, broad) lookups. Each is served by one index on PersonName; broad ones only run
    when the precise ones find little, so a common surname does not flood the candidates."""
    first = forenames.split(" ")[0] if forenames else ""
    precise: list[Q] = []
    broad: list[Q] = []
    if surname:
        skey = surname_key(surname)
        if len(first) > 1:
            fkeys = _keys(first)
            precise.append(Q(surname_key=skey, forename_key__in=fkeys))
            lo, hi = _prefix_range(surname[:3])
            precise.append(Q(forename_key__in=fkeys, surname_norm__gte=lo, surname_norm__lt=hi))
            # Swapped: the searched surname is their forename and the searched forename their surname.
            swapped_skey = surname_key(forenames)
            if swapped_skey:
                precise.append(Q(surname_key=swapped_skey, forename_key__in=_keys(surname)))
            # Typos that change a sound key: the other name's key with the same first letter.
            lo, hi = _prefix_range(first[0])
            broad.append(Q(surname_key=skey, forename_norm__gte=lo, forename_norm__lt=hi))
            lo, hi = _prefix_range(surname[0])
            broad.append(Q(forename_key__in=fkeys, surname_norm__gte=lo, surname_norm__lt=hi))
            broad.append(Q(surname_norm=surname))
        elif first:  # an initial
            lo, hi = _prefix_range(first)
            precise.append(Q(surname_key=skey, forename_norm__gte=lo, forename_norm__lt=hi))
        else:
            precise += [Q(surname_norm=surname), Q(surname_key=skey)]
    if date_of_birth is not None:
        precise.append(Q(dob_copy__in=[d for d in (date_of_birth, transposed(date_of_birth)) if d]))
    return precise, broad


_COLUMNS = ("pk", "person_id", "kind", "forenames", "surname", "forename_norm", "surname_norm", "dob_copy")
# Run the broad lookups when the precise ones found fewer matches than this.
BROAD_BELOW = 10


def _fetch(base, paths: list[Q], rows: dict) -> list[tuple]:
    """New candidate rows (as tuples: no model instances for rows that will be thrown away)."""
    new = []
    for path in paths:
        for row in base.filter(path).order_by().values_list(*_COLUMNS)[:PATH_CAP]:
            if row[0] not in rows:
                rows[row[0]] = row
                new.append(row)
    return new


def _score(rows, best: dict, forenames: str, surname: str, date_of_birth: date | None) -> None:
    """Score candidate rows into `best`: person id -> (score, reasons, row), the best name per person."""
    for row in rows:
        _, person_id, kind, cand_forenames, cand_surname, fore_norm, sur_norm, dob = row
        alias = kind != PersonName.Kind.PRIMARY
        scored = score_candidate(forenames=forenames, surname=surname, date_of_birth=date_of_birth,
                                 cand_forenames=fore_norm, cand_surname=sur_norm, cand_dob=dob, alias=alias)
        if scored is None:
            continue
        score, reasons = scored
        if alias:
            label = PersonName.Kind(kind).label.lower()
            reasons.insert(0, f"{label}: {cand_forenames} {cand_surname}")
        if person_id not in best or score > best[person_id][0]:
            best[person_id] = (score, reasons, row)


def search_people(
    user, *, forenames: str = "", surname: str = "", date_of_birth: date | None = None,
    age_min: int | None = None, age_max: int | None = None, limit: int = 50,
) -> list[Match]:
    """People this user may see whose names (or aliases) match, best first, each with reasons.

    A date of birth narrows the results to the same or a nearly-same date (or none recorded);
    an age range keeps only people whose age today is within it. Not audited here: callers
    record the search with `audit_search`.
    """
    forenames, surname = normalise(forenames), normalise(surname)
    if not (forenames or surname) or not user.can(Cap.PERSON_SEARCH):
        return []
    scope = _visibility(user)
    if scope is None:
        return []
    force_id, visible = scope
    base = PersonName.objects.filter(force_id_copy=force_id)
    if visible is not None:
        base = base.filter(visible)
    earliest, latest = dob_bounds(age_min, age_max, timezone.localdate())
    if earliest is not None or latest is not None:
        # Compared through date(): a bare range on dob_copy tempts SQLite (without statistics) to
        # scan the date-of-birth index across decades instead of using the name indexes.
        base = base.annotate(dob_value=Cast("dob_copy", DateField()))
        if earliest is not None:
            base = base.filter(dob_value__gte=earliest)
        if latest is not None:
            base = base.filter(dob_value__lte=latest)

    precise, broad = _paths(forenames, surname, date_of_birth)
    rows: dict = {}
    best: dict = {}
    _score(_fetch(base, precise, rows), best, forenames, surname, date_of_birth)
    if broad and len(best) < BROAD_BELOW:
        _score(_fetch(base, broad, rows), best, forenames, surname, date_of_birth)
    if visible is None:  # police users: drop the (rare) merged and restricted-without-grant people
        allowed = _visible_ids(user, best)
        best = {person_id: found for person_id, found in best.items() if person_id in allowed}

    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[1][2][4], item[1][2][3], item[0]))[:limit]
    people = Person.objects.in_bulk([person_id for person_id, _ in ranked])
    matches = []
    for person_id, (score, reasons, row) in ranked:
        name = PersonName(pk=row[0], person_id=person_id, kind=row[2], forenames=row[3], surname=row[4],
                          forename_norm=row[5], surname_norm=row[6], dob_copy=row[7])
        matches.append(Match(person=people[person_id], score=score, reasons=reasons, name=name))
    return matches


def audit_search(*, user, query: dict, request=None, reason: str = "") -> None:
    """Record that a search was made: the query, never the results."""
    audit.record(action=audit.AuditEvent.Action.SEARCH, actor=user, object_type="people.person",
                 changes={"query": query}, reason=reason, request=request)
