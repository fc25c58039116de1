"""Published missing-person search tables, kept as data with their citations and caveats
(figures.md §2). Nothing here is a rule: the tables inform where to look first; they never replace
what is known about this child.

Distances are straight-line km from the place last seen; percentages are cumulative shares of
people found within that distance in the study.
"""

from __future__ import annotations

from dataclasses import dataclass

GRAMPIAN_CITATION = (
    "Gibb & Woolnough, Missing Persons: Understanding, Planning, Responding (Grampian Police, 2007), "
    "12–14-year-olds table, as reproduced verbatim at sites.google.com/site/dashdvservices/missing-persons-new/12-14 "
    "(figures.md §2.1)."
)
GRAMPIAN_CAVEATS = (
    "About 3,000 UK cases, mostly police incident reports; case counts per age band were not published.",
    "Only the 12–14 table could be retrieved; tables for other ages and later Woolnough updates are UNVERIFIED.",
    "Girls tend to be traced at friends' homes (which takes longer); boys are found on the streets by patrols.",
    "Children in new placements return to their old area.",
)
KOESTER_CITATION = (
    "Koester, Lost Person Behavior (2008) / ISRID distance rings, as coded in MapSAR/IGT4SAR "
    "(dferguso/IGT4SAR IPP_EuclideanDistance2.py, commit 160c431e), miles converted to km at 1.609 "
    "(figures.md §2.2)."
)
KOESTER_CAVEATS = (
    "A third-party transcription, not the book.",
    "Wilderness and search-and-rescue cases: ISRID excludes law-enforcement-only reports, so it is not "
    "representative of urban runaway teenagers. Use it for young children only.",
    "Few UK cases (689 of about 50,000).",
)


@dataclass(frozen=True)
class SearchTable:
    code: str
    title: str
    citation: str
    caveats: tuple[str, ...]
    rings: tuple[tuple[int, float], ...]  # (cumulative %, km)
    where_found: tuple[tuple[str, str, int], ...] = ()  # (place kind, label, %)
    time_to_locate: tuple[tuple[int, int], ...] = ()  # (cumulative %, minutes)
    note: str = ""


# figures.md §2.1, verbatim percentages.
GRAMPIAN_WHERE_FOUND = (
    ("home", "Returned to own residence", 25),
    ("friend", "Friend's address", 24),
    ("public", "Walking in public street/park", 19),
    ("relative", "Relative's address", 12),
    ("shops", "Shops or community/leisure centre", 11),
    ("police", "Went to police office", 2),
    ("transport", "Railway/bus station", 2),
    ("entertainment", "Place of entertainment", 1),
)
GRAMPIAN_RINGS = ((30, 1.0), (50, 3.0), (70, 8.0), (80, 18.0), (90, 43.0), (99, 273.0))
GRAMPIAN_LOCATE = ((20, 110), (40, 270), (50, 450), (70, 17 * 60), (80, 24 * 60), (90, 48 * 60),
                   (99, 11 * 24 * 60))

GRAMPIAN_12_14 = SearchTable(
    "grampian_12_14", "Grampian 12–14-year-olds", GRAMPIAN_CITATION, GRAMPIAN_CAVEATS, GRAMPIAN_RINGS,
    GRAMPIAN_WHERE_FOUND, GRAMPIAN_LOCATE,
)
GRAMPIAN_FOR_15_17 = SearchTable(
    "grampian_12_14_for_15_17", "Grampian 12–14-year-olds (nearest published band for 15–17)",
    GRAMPIAN_CITATION, GRAMPIAN_CAVEATS + (
        "No published UK table for 15–17 could be retrieved: the 12–14 table is shown as the nearest band. "
        "Older teenagers may travel further.",), GRAMPIAN_RINGS, GRAMPIAN_WHERE_FOUND, GRAMPIAN_LOCATE,
    note="Nearest published band",
)


def _koester(code, title, km25, km50, km75, km95, note=""):
    return SearchTable(code, title, KOESTER_CITATION, KOESTER_CAVEATS,
                       ((25, km25), (50, km50), (75, km75), (95, km95)), note=note)


# figures.md §2.2, urban rows (km).
KOESTER_1_3 = _koester("koester_1_3_urban", "ISRID child 1–3, urban", 0.16, 0.48, 0.80, 1.13)
KOESTER_4_6 = _koester("koester_4_6_urban", "ISRID child 4–6, urban", 0.10, 0.48, 0.97, 3.38)
KOESTER_7_9 = _koester("koester_7_9_urban", "ISRID child 7–9, urban", 0.16, 0.48, 1.45, 5.15)
KOESTER_10_12 = _koester("koester_10_12_urban", "ISRID child 10–12, urban", 0.32, 1.45, 2.90, 5.79,
                         note="Used for ages 10–11; the Grampian UK table covers 12–14")
KOESTER_DEFAULT = _koester("koester_default", "ISRID all subjects (default)", 0.64, 1.77, 3.22, 9.81,
                           note="Age not known")

TABLES = (GRAMPIAN_12_14, GRAMPIAN_FOR_15_17, KOESTER_1_3, KOESTER_4_6, KOESTER_7_9, KOESTER_10_12,
          KOESTER_DEFAULT)


def table_for_age(age: int | None) -> SearchTable:
    """The published table for the child's age group (figures.md §2)."""
    if age is None or age < 1:
        return KOESTER_DEFAULT
    if age <= 3:
        return KOESTER_1_3
    if age <= 6:
        return KOESTER_4_6
    if age <= 9:
        return KOESTER_7_9
    if age <= 11:
        return KOESTER_10_12
    if age <= 14:
        return GRAMPIAN_12_14
    return GRAMPIAN_FOR_15_17


def share_within(table: SearchTable, km: float) -> int:
    """The study's cumulative % found within the first ring at or beyond `km` (100 beyond the last)."""
    for pct, ring_km in table.rings:
        if km <= ring_km:
            return pct
    return 100


def ring_label(table: SearchTable, km: float) -> str:
    previous = 0.0
    for pct, ring_km in table.rings:
        if km <= ring_km:
            return f"{previous:g}–{ring_km:g} km (the study found {pct}% within {ring_km:g} km)"
        previous = ring_km
    return f"beyond {table.rings[-1][1]:g} km"
