"""Fixed, fictional reference data for the seed: forces, local authority areas, towns, teams,
partner agencies. Every name here is invented; postcodes use the letters Q, V and X in first
position, which Royal Mail never uses, so no seeded address can be a real one."""

from __future__ import annotations

from dataclasses import dataclass, field

HOME_FORCE_CODE = "midshire"
HOME_FORCE_NAME = "Midshire Police"


@dataclass(frozen=True)
class Area:
    """A local authority area: its towns and the centre its addresses scatter around."""

    name: str
    towns: tuple[str, ...]
    lat: float
    lon: float


@dataclass(frozen=True)
class ForceSpec:
    code: str
    name: str
    postcode_area: str
    areas: tuple[Area, ...] = field(default_factory=tuple)


MIDSHIRE_AREAS = (
    Area("Midtown", ("Midtown", "Carrow Green", "Stanbridge"), 52.46, -1.62),
    Area("Northbrook", ("Northbrook", "Hollins End", "Kettleby"), 52.64, -1.55),
    Area("Eastwick Vale", ("Eastwick", "Marlow Cross", "Fennimore"), 52.41, -1.31),
    Area("Westholm", ("Westholm", "Oakhurst Parva", "Brindley Heath"), 52.38, -1.88),
)

# Invented force names (England and Wales have 43 territorial forces; Midshire is one of ours).
OTHER_FORCE_NAMES = (
    "Ambervale Constabulary", "Ashcombe Police", "Barrowmere Constabulary", "Bramblefield Police",
    "Calderholt Police", "Castermoor Constabulary", "Corrandale Police", "Dunmarsh Constabulary",
    "Eastmarch Police", "Elmshire Constabulary", "Fenwold Police", "Fernshire Constabulary",
    "Greywater Police", "Hallowdene Constabulary", "Harrowfield Police", "Hollinshire Constabulary",
    "Kestreldale Police", "Kingsmere Constabulary", "Langmoor Police", "Lowmarsh Constabulary",
    "Marrowdale Police", "Marshwick Constabulary", "Northwold Police", "Oakmere Constabulary",
    "Pellingshire Police", "Pennerdale Constabulary", "Queensmoor Police", "Ravensholt Constabulary",
    "Redcastle Vale Police", "Rookshire Constabulary", "Saltmere Police", "Selbury Vale Constabulary",
    "Stonehollow Police", "Thornwick Constabulary", "Upperdale Police", "Wealdmoor Constabulary",
    "Westmarch Police", "Whitlowe Constabulary", "Wyndale Police", "Yarrowshire Constabulary",
    "Heddlu Bro Tawel Police", "Heddlu Dyffryn Aur Police", "Heddlu Gwernant Police",
)
MAX_FORCES = 1 + len(OTHER_FORCE_NAMES)

_PREFIXES = (
    "Ash", "Brack", "Cal", "Dun", "Elm", "Fen", "Glen", "Hart", "Ivy", "Kes", "Lang", "Marl", "Nor",
    "Oak", "Pen", "Rad", "Sel", "Thorn", "Ulver", "Wex", "Wyn", "Yel", "Crox", "Hather", "Mel", "Stan",
)
_SUFFIXES = ("ford", "bury", "ham", "ley", "mere", "ton", "wick", "worth", "by", "combe", "field", "stow")


def _postcode_areas() -> list[str]:
    # Q, V and X are never the first letter of a real UK postcode.
    letters = "ABCDEFGHJKLNOPRSTUWYZ"
    return [first + second for first in "QVX" for second in letters]


def _code_for(name: str) -> str:
    words = [w for w in name.replace("Heddlu ", "").split() if w not in {"Police", "Constabulary"}]
    return "-".join(w.lower() for w in words)


def force_specs(count: int) -> list[ForceSpec]:
    """Midshire first, then `count - 1` invented forces with generated areas and towns."""
    if not 1 <= count <= MAX_FORCES:
        raise ValueError(f"--forces must be between 1 and {MAX_FORCES}")
    areas = [a for a in _postcode_areas() if a != "QM"]
    specs = [ForceSpec(HOME_FORCE_CODE, HOME_FORCE_NAME, "QM", MIDSHIRE_AREAS)]
    for i, name in enumerate(OTHER_FORCE_NAMES[: count - 1]):
        # Spread force centres over a grid roughly the size of England and Wales.
        lat, lon = 50.7 + (i % 7) * 0.55, -4.3 + (i // 7) * 0.85
        made = []
        for j in range(3):
            stem = _PREFIXES[(i * 3 + j) % len(_PREFIXES)] + _SUFFIXES[(i * 5 + j * 7) % len(_SUFFIXES)]
            towns = (stem,) + tuple(
                _PREFIXES[(i * 7 + j * 3 + k * 11 + 5) % len(_PREFIXES)]
                + _SUFFIXES[(i + j * 5 + k * 3 + 2) % len(_SUFFIXES)]
                for k in range(2)
            )
            made.append(Area(f"{stem} {'Borough' if j % 2 else 'District'}", towns,
                             lat + (j - 1) * 0.15, lon + (j % 2) * 0.2))
        specs.append(ForceSpec(_code_for(name), name, areas[i], tuple(made)))
    return specs


# Teams and the team each escalates to (None: top of the chain of command in this data set).
TEAMS = (
    ("Local Policing Command", None),
    ("Public Protection Command", None),
    ("Response Team A", "Local Policing Command"),
    ("Response Team B", "Local Policing Command"),
    ("Public Protection Unit", "Public Protection Command"),
    ("Child Abuse Investigation Team", "Public Protection Unit"),
    ("Missing Persons Unit", "Public Protection Unit"),
    ("Offender Management Unit", "Public Protection Unit"),
    ("Safeguarding Hub", "Public Protection Unit"),
)
PPU = "Public Protection Unit"

CARE_PROVIDERS = ("Brightpath Children's Homes", "Harbour Lane Care")
CARE_HOME_NAMES = (
    "Willow House", "Beech Lodge", "Rowan House", "Hazel Cottage", "Elder Lodge", "Linden House",
    "Alder View", "Maple Lodge", "Aspen House", "Holly Lodge", "Larch House", "Juniper Lodge",
)
SCHOOL_PATTERNS = (
    ("{town} Primary School", "primary"),
    ("St Aidan's CE Primary School, {town}", "primary"),
    ("{town} Community Primary School", "primary"),
    ("{town} Academy", "secondary"),
)
STREET_SUFFIXES = (
    "Road", "Street", "Lane", "Close", "Avenue", "Drive", "Way", "Crescent", "Grove", "Gardens",
    "Place", "Terrace", "Court", "Walk", "Mews", "Rise",
)
STREET_STEMS = (
    "Church", "Mill", "Station", "High", "Park", "Victoria", "Queen's", "King's", "Manor", "School",
    "Chapel", "Orchard", "Meadow", "Willow", "Oak", "Beech", "Elm", "Ash", "Cherry", "Brook", "Bridge",
    "Market", "Castle", "Windmill", "Springfield", "Greenacre", "Highfield", "Westfield", "Albert",
)

# Recent popular baby names, so children's names sound like children's (mixed with Faker's list).
CHILD_NAMES_FEMALE = (
    "Olivia", "Amelia", "Isla", "Ava", "Ivy", "Freya", "Lily", "Florence", "Mia", "Willow", "Rosie",
    "Sophia", "Isabella", "Grace", "Daisy", "Sienna", "Poppy", "Elsie", "Emily", "Ella", "Evelyn",
    "Phoebe", "Sofia", "Evie", "Charlotte", "Harper", "Millie", "Matilda", "Maya", "Aisha", "Zara",
)
CHILD_NAMES_MALE = (
    "Oliver", "George", "Noah", "Arthur", "Muhammad", "Leo", "Harry", "Oscar", "Archie", "Henry",
    "Theodore", "Freddie", "Jack", "Charlie", "Theo", "Alfie", "Jacob", "Thomas", "Finley", "Arlo",
    "William", "Lucas", "Roman", "Tommy", "Isaac", "Teddy", "Alexander", "Luca", "Edward", "Ibrahim",
)
