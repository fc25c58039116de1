"""Search planning: the published tables (figures.md §2) as data, the ranking and the offline plan."""

import math

import pytest

from vigil.missing import search
from vigil.missing.search_data import (
    GRAMPIAN_12_14,
    GRAMPIAN_FOR_15_17,
    KOESTER_1_3,
    KOESTER_10_12,
    KOESTER_DEFAULT,
    TABLES,
    ring_label,
    share_within,
    table_for_age,
)


@pytest.mark.parametrize("age, table", [
    (None, KOESTER_DEFAULT), (0, KOESTER_DEFAULT), (1, KOESTER_1_3), (3, KOESTER_1_3), (10, KOESTER_10_12),
    (11, KOESTER_10_12), (12, GRAMPIAN_12_14), (14, GRAMPIAN_12_14), (15, GRAMPIAN_FOR_15_17),
    (17, GRAMPIAN_FOR_15_17),
])
def test_table_for_each_age_group(age, table):
    assert table_for_age(age) is table


def test_grampian_table_is_the_published_one():
    # figures.md §2.1, verbatim.
    assert GRAMPIAN_12_14.rings == ((30, 1.0), (50, 3.0), (70, 8.0), (80, 18.0), (90, 43.0), (99, 273.0))
    assert sum(pct for _k, _l, pct in GRAMPIAN_12_14.where_found) == 96  # as published (rows do not sum to 100)
    assert dict((k, p) for k, _l, p in GRAMPIAN_12_14.where_found)["friend"] == 24


def test_every_table_has_its_citation_and_caveats():
    for table in TABLES:
        assert "figures.md" in table.citation and table.caveats
        assert all(a[0] < b[0] and a[1] < b[1] for a, b in zip(table.rings, table.rings[1:], strict=False))
    assert any("not representative of urban runaway" in c for c in KOESTER_10_12.caveats)
    assert any("15–17" in c for c in GRAMPIAN_FOR_15_17.caveats)


@pytest.mark.parametrize("km, pct", [(0, 30), (1.0, 30), (1.01, 50), (3, 50), (43, 90), (273, 99), (300, 100)])
def test_share_within_uses_the_first_ring_at_or_beyond(km, pct):
    assert share_within(GRAMPIAN_12_14, km) == pct


def test_ring_label_explains_the_band():
    assert ring_label(GRAMPIAN_12_14, 2.2) == "1–3 km (the study found 50% within 3 km)"
    assert ring_label(GRAMPIAN_12_14, 500) == "beyond 273 km"


def test_distance_km_is_great_circle():
    # One degree of latitude is about 111.2 km.
    assert search.distance_km(52.0, -1.6, 53.0, -1.6) == pytest.approx(111.19, abs=0.1)
    assert search.distance_km(52.0, -1.6, 52.0, -1.6) == 0


ORIGIN = (52.46, -1.62)


def place(label, kind="other", lat=None, lon=None, **kw):
    return search.Place(label, kind, lat, lon, **kw)


def test_found_before_outranks_everything_else():
    ranked = search.rank_places([
        place("Home", "home", 52.46, -1.62, key="a1"),
        place("Canal Street flat", "friend", 52.478, -1.62, key="a2", times_found=3),
        place("Retail park", "shops", 52.45, -1.60, key="p1", profile=True),
    ], table=GRAMPIAN_12_14, origin=ORIGIN, episodes=4)
    assert [p.label for p in ranked] == ["Canal Street flat", "Home", "Retail park"]
    assert ranked[0].reasons[0] == "Found here 3 times before"
    assert ranked[0].rank == 1 and ranked[0].distance_km == pytest.approx(2.0, abs=0.05)
    assert ranked[0].band.startswith("1–3 km")


def test_the_same_place_from_several_sources_is_one_row():
    ranked = search.rank_places([
        place("Flat 3, 41 Canal Street", "friend", 52.478, -1.62, key="a2", times_found=1, sources=["Found here"]),
        place("41 Canal Street (associate of Jade)", "friend", 52.478, -1.62, key="a2", sources=["Associate"]),
        place("Jade's", "other", key="a2", times_found=1, learnt=True, sources=["Return interview"]),
    ], table=GRAMPIAN_12_14, origin=ORIGIN, episodes=2)
    assert len(ranked) == 1
    only = ranked[0]
    assert only.times_found == 2 and only.learnt and only.sources == ["Found here", "Associate", "Return interview"]


def test_places_without_a_point_still_rank_but_have_no_distance():
    ranked = search.rank_places([place("Grandma's", "relative")], table=GRAMPIAN_12_14, origin=None, episodes=0)
    assert ranked[0].distance_km is None and ranked[0].score == 12


def test_plan_rings_and_points_are_to_scale():
    ranked = search.rank_places([
        place("Two km north", "friend", 52.46 + 2 / 110.57, -1.62, key="n"),
        place("Far away", "transport", 53.46, -1.62, key="f"),
    ], table=GRAMPIAN_12_14, origin=ORIGIN, episodes=0)
    plan = search.plan(ORIGIN, GRAMPIAN_12_14, ranked)
    # The outer ring is the first that holds every place, capped at 50 km: 43 km here (Far away is ~111 km).
    assert [r.km for r in plan.rings] == [1.0, 3.0, 8.0, 18.0, 43.0]
    px_per_km = plan.rings[-1].r / 43.0
    north = next(p for p in plan.points if p.label == "Two km north")
    assert north.x == pytest.approx(plan.centre, abs=0.2)
    assert plan.centre - north.y == pytest.approx(2 * px_per_km, abs=0.5)
    far = next(p for p in plan.points if p.label == "Far away")
    assert far.off_plan and math.hypot(far.x - plan.centre, far.y - plan.centre) == pytest.approx(plan.rings[-1].r, abs=0.5)


def test_plan_is_at_least_three_km_across():
    plan = search.plan(ORIGIN, GRAMPIAN_12_14, [])
    assert plan.rings[-1].km == 3.0 and plan.points == ()
