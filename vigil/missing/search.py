"""Search planning: rank the places to look and draw an offline plan (no map tiles).

Pure functions over plain data. vigil.missing.knowledge gathers the candidate places from the
database; this module scores them, explains each score, and lays out an SVG plan with the
published distance rings for the child's age group (vigil.missing.search_data).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime

from vigil.missing.search_data import SearchTable, ring_label, share_within

# Where the study found 12–14s (figures.md §2.1), by kind of place we can name for a child.
KIND_WEIGHT = {kind: pct for kind, _label, pct in
               (("home", "", 25), ("friend", "", 24), ("public", "", 19), ("relative", "", 12),
                ("shops", "", 11), ("transport", "", 2), ("entertainment", "", 1), ("police", "", 2))}
KIND_LABELS = {
    "home": "Home or placement", "friend": "Friend or associate's address", "relative": "Relative's address",
    "public": "Public place", "shops": "Shops or leisure", "transport": "Station", "entertainment": "Entertainment",
    "police": "Police station", "other": "Other place",
}


@dataclass
class Place:
    label: str
    kind: str = "other"
    lat: float | None = None
    lon: float | None = None
    key: str = ""  # merges the same place reached from several sources (address id, or rounded point)
    times_found: int = 0
    last_found: datetime | None = None
    sources: list[str] = field(default_factory=list)
    learnt: bool = False  # named in a prevention or return home interview
    profile: bool = False  # on the carer's profile
    # Filled by rank_places:
    score: float = 0.0
    distance_km: float | None = None
    band: str = ""
    reasons: list[str] = field(default_factory=list)
    rank: int = 0


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, mean Earth radius 6,371 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(a)))


def merge(places: list[Place]) -> list[Place]:
    """One row per place: sources, counts and flags from each mention added together."""
    out: dict[str, Place] = {}
    for place in places:
        key = place.key or f"{place.label.lower()}|{place.lat}|{place.lon}"
        have = out.get(key)
        if have is None:
            out[key] = Place(**{**place.__dict__, "sources": list(place.sources)})
            continue
        have.times_found += place.times_found
        if place.last_found and (have.last_found is None or place.last_found > have.last_found):
            have.last_found = place.last_found
        have.sources += [s for s in place.sources if s not in have.sources]
        have.learnt = have.learnt or place.learnt
        have.profile = have.profile or place.profile
        if have.kind == "other":
            have.kind = place.kind
        if have.lat is None and place.lat is not None:
            have.lat, have.lon = place.lat, place.lon
    return list(out.values())


def rank_places(places: list[Place], *, table: SearchTable, origin: tuple[float, float] | None,
                episodes: int) -> list[Place]:
    """Score and order the places. Each score is explained in `reasons`:
    - found there before: up to 100 points, by the share of the child's previous episodes;
    - the study's share of children found at that kind of place (figures.md §2.1);
    - named in a prevention or return home interview: 15; on the carer's profile: 10;
    - nearer places gain up to 10 points: (100 - the study's cumulative % at that distance) / 10.
    """
    ranked = merge(places)
    for place in ranked:
        reasons = []
        score = 0.0
        if place.times_found:
            share = place.times_found / max(episodes, place.times_found)
            score += 100 * share
            reasons.append(f"Found here {place.times_found} time{'s' if place.times_found != 1 else ''} before")
        weight = KIND_WEIGHT.get(place.kind, 0)
        if weight:
            score += weight
            reasons.append(f"{weight}% of children in the study were found at a {KIND_LABELS[place.kind].lower()}")
        if place.learnt:
            score += 15
            reasons.append("Named in a return or prevention interview")
        if place.profile:
            score += 10
            reasons.append("On the carer's profile")
        if origin is not None and place.lat is not None:
            place.distance_km = distance_km(origin[0], origin[1], place.lat, place.lon)
            place.band = ring_label(table, place.distance_km)
            score += (100 - share_within(table, place.distance_km)) / 10
        place.score = round(score, 1)
        place.reasons = reasons
    ranked.sort(key=lambda p: (-p.score, p.distance_km if p.distance_km is not None else 1e9, p.label))
    for i, place in enumerate(ranked, start=1):
        place.rank = i
    return ranked


# --- the offline plan ------------------------------------------------------------------------------

SIZE = 560  # SVG user units: a square plan
MARGIN = 30


@dataclass(frozen=True)
class Ring:
    pct: int
    km: float
    r: float
    label_y: float


@dataclass(frozen=True)
class Point:
    rank: int
    label: str
    x: float
    y: float
    off_plan: bool


@dataclass(frozen=True)
class Plan:
    size: int
    centre: float
    rings: tuple[Ring, ...]
    points: tuple[Point, ...]
    scale_km: float
    scale_px: float


def project(origin: tuple[float, float], lat: float, lon: float) -> tuple[float, float]:
    """km east and north of the origin (local equirectangular projection; fine within a force area)."""
    east = (lon - origin[1]) * 111.32 * math.cos(math.radians(origin[0]))
    north = (lat - origin[0]) * 110.57
    return east, north


def plan(origin: tuple[float, float], table: SearchTable, ranked: list[Place], *, max_places: int = 20,
         cap_km: float = 50.0) -> Plan:
    """Rings for the table's distances and the ranked places, scaled so the nearest ring that holds
    every place (at least 3 km, at most `cap_km`) fills the plan; further places sit on the edge."""
    far = max((p.distance_km or 0.0 for p in ranked[:max_places] if p.lat is not None), default=0.0)
    rings_km = [km for _pct, km in table.rings if km <= cap_km]
    outer = next((km for km in rings_km if km >= max(far, 3.0)), rings_km[-1] if rings_km else cap_km)
    centre = SIZE / 2
    px_per_km = (SIZE / 2 - MARGIN) / outer
    rings = tuple(Ring(pct, km, round(km * px_per_km, 1), round(centre - km * px_per_km + 14, 1))
                  for pct, km in table.rings if km <= outer)
    points = []
    for place in ranked[:max_places]:
        if place.lat is None:
            continue
        east, north = project(origin, place.lat, place.lon)
        dist = math.hypot(east, north)
        off = dist > outer
        if off:  # pull it in to the edge, on its true bearing
            east, north = east * outer / dist, north * outer / dist
        points.append(Point(place.rank, place.label, round(centre + east * px_per_km, 1),
                            round(centre - north * px_per_km, 1), off))
    bar_km = next((k for k in (0.5, 1, 2, 5, 10, 20, 50) if k * px_per_km >= 60), outer)
    return Plan(SIZE, centre, rings, tuple(points), bar_km, round(bar_km * px_per_km, 1))
