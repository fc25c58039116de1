"""Sexual Offences Act 2003 Part 2 (notification requirements) as data, each value with its source.

Tags are those of docs/domain.md: [V] checked against primary text, [S] secondary sources only,
[U] not found in any source. [S] and [U] values are defaults that a deployment may override
(every rule in `vigil.offenders.rules` takes them as parameters); they must not be shown as law.
Pure Python: no Django imports.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction
from typing import Literal

S82 = "SOA 2003 s.82(1) https://legislation.gov.uk/ukpga/2003/42/section/82/2019-04-12/data.html"


class Disposal(StrEnum):
    """What the court (or police, for a caution) did for the offence; values are the CLI words."""

    IMPRISONMENT = "imprisonment"
    DTO = "dto"  # detention and training order
    LIFE = "life"
    IPP = "ipp"  # imprisonment for public protection, CJA 2003 s.225
    HOSPITAL = "hospital"  # admitted to hospital without a restriction order
    HOSPITAL_RESTRICTION = "hospital-restriction"
    CAUTION = "caution"
    CONDITIONAL_DISCHARGE = "conditional-discharge"
    OTHER = "other"  # e.g. fine, community order


class Band(StrEnum):
    """The rows of the s.82(1) table."""

    LONG_CUSTODY = "life, IPP or imprisonment for 30 months or more"
    HOSPITAL_RESTRICTED = "hospital with a restriction order"
    MEDIUM_CUSTODY = "imprisonment for more than 6 months but less than 30 months"
    SHORT_CUSTODY = "imprisonment for 6 months or less"
    HOSPITAL_UNRESTRICTED = "hospital without a restriction order"
    CAUTION = "caution"
    CONDITIONAL_DISCHARGE = "conditional discharge"
    OTHER = "any other description"


INDEFINITE: Literal["indefinite"] = "indefinite"
DISCHARGE_PERIOD: Literal["discharge-period"] = "discharge-period"
# A table length: whole calendar months, indefinite, or "the period of conditional discharge".
Length = int | Literal["indefinite", "discharge-period"]


@dataclass(frozen=True)
class Row:
    band: Band
    adult: Length
    under_18: Length
    source: str


@dataclass(frozen=True)
class S82Table:
    """The s.82 table plus the numbers used to choose a row. Pass a modified copy to override."""

    rows: tuple[Row, ...]
    short_max_months: int = 6  # "6 months or less" [V] s.82(1)
    long_min_months: int = 30  # "30 months or more" [V] s.82(1)
    dto_fraction: Fraction = Fraction(1, 2)  # DTO: only the detention half counts [S] C2 (YJLC)
    adult_age: int = 18  # the under-18 column applies below this age on the relevant date [S] C2

    def row(self, band: Band) -> Row:
        for row in self.rows:
            if row.band is band:
                return row
        raise ValueError(f"the s.82 table has no row for {band.value!r}")


# domain.md C2: adult periods of the first seven rows are [V]; the "any other" row and the whole
# under-18 column (s.82(2) halving, not halving an indefinite or conditional discharge period)
# are [S] (Forrest Williams table, YJLC, ViSOR summaries) - see domain.md H1, H2.
S82_TABLE = S82Table(
    rows=(
        Row(Band.LONG_CUSTODY, INDEFINITE, INDEFINITE, f"{S82}: indefinite [V]; under-18 [S]"),
        Row(
            Band.HOSPITAL_RESTRICTED, INDEFINITE, INDEFINITE, f"{S82}: indefinite [V]; under-18 [S]"
        ),
        Row(Band.MEDIUM_CUSTODY, 120, 60, f"{S82}: 10 years [V]; under-18 5 years [S]"),
        Row(Band.SHORT_CUSTODY, 84, 42, f"{S82}: 7 years [V]; under-18 3.5 years [S]"),
        Row(Band.HOSPITAL_UNRESTRICTED, 84, 42, f"{S82}: 7 years [V]; under-18 3.5y [S]"),
        Row(Band.CAUTION, 24, 12, f"{S82}: 2 years [V]; under-18 1 year [S]"),
        Row(
            Band.CONDITIONAL_DISCHARGE,
            DISCHARGE_PERIOD,
            DISCHARGE_PERIOD,
            f"{S82}: the discharge period [V]; same under 18 [S]",
        ),
        Row(Band.OTHER, 60, 30, f"{S82}: 5 years [S]; under-18 2.5 years [S]"),
    )
)


@dataclass(frozen=True)
class Provision:
    """One number from the Act or regulations, with where it comes from and its domain.md tag."""

    value: int
    source: str
    tag: Literal["V", "S", "U"]


INITIAL_DAYS = Provision(3, "s.83(1): 3-day period beginning with the relevant date (C3)", "V")
CHANGE_DAYS = Provision(3, "s.84(1): 3-day period beginning with the change (C4)", "V")
ADVANCE_TOLERANCE_DAYS = Provision(2, "s.84(3)-(4): event within 2 days of the date given", "V")
NON_OCCURRENCE_DAYS = Provision(6, "s.84(4)(b): 6 days beginning with the date given (C4)", "V")
ANNUAL_MONTHS = Provision(12, "s.85(1),(5)(b): one year after the last notification (C5)", "V")
# Weekly is [V] (gov.uk summary of SI 2012/1876); the regulation number is [U] (C5, H4).
NFA_DAYS = Provision(7, "s.85(5)(a) + SI 2012/1876: weekly when no sole or main residence", "V")
DETAINED_EXTENSION_DAYS = Provision(3, "s.85(3)-(4): 3 days beginning when detention ends", "V")
TRAVEL_ADVANCE_DAYS = Provision(7, "s.86 + SI 2004/1220: 7 days before departure (C7)", "S")
TRAVEL_LATE_HOURS = Provision(12, "SI 2004/1220 as amended 2012: 12 hours; E&W text (C7, H5)", "U")
HOUSEHOLD_MIN_HOURS = Provision(12, "SI 2012/1876 reg.10: stay of at least 12 hours (C6)", "V")
HOUSEHOLD_DAYS = Provision(3, "SI 2012/1876 reg.10 as an s.84 prescribed change (C6, H4)", "U")
CHILD_UNDER_AGE = Provision(18, "SI 2012/1876 reg.2: child means under 18 (C6)", "V")
REVIEW_ADULT_YEARS = Provision(15, "s.91B(2): 15-year period, 18+ on relevant date (C9)", "V")
REVIEW_UNDER_18_YEARS = Provision(8, "s.91B(2): 8-year period, under 18 on relevant date", "V")
FURTHER_REVIEW_YEARS = Provision(8, "s.91B(4)-(6): 8 years from a determination (C9)", "V")
FURTHER_REVIEW_MAX_YEARS = Provision(15, "s.91B(4)-(6): longest period the chief may set", "U")
