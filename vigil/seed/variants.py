"""Spelling variants and nicknames, for aliases and deliberate near-duplicates."""

from __future__ import annotations

from functools import lru_cache

import nicknames

# Forenames people spell more than one way (both directions are listed where both are common).
FORENAME_VARIANTS = {
    "John": "Jon", "Jon": "John", "Stephen": "Steven", "Steven": "Stephen", "Catherine": "Katherine",
    "Katherine": "Catherine", "Philip": "Phillip", "Phillip": "Philip", "Sean": "Shaun", "Shaun": "Sean",
    "Sarah": "Sara", "Sara": "Sarah", "Ann": "Anne", "Anne": "Ann", "Claire": "Clare", "Clare": "Claire",
    "Lee": "Leigh", "Leigh": "Lee", "Aidan": "Aiden", "Aiden": "Aidan", "Graham": "Graeme",
    "Elliot": "Elliott", "Elliott": "Elliot", "Tracey": "Tracy", "Tracy": "Tracey", "Hayley": "Haley",
    "Stuart": "Stewart", "Stewart": "Stuart", "Alan": "Allan", "Allan": "Alan", "Carl": "Karl", "Karl": "Carl",
    "Mark": "Marc", "Marc": "Mark", "Muhammad": "Mohammed", "Mohammed": "Muhammad", "Isabel": "Isobel",
    "Rachel": "Rachael", "Zoe": "Zoey", "Lewis": "Louis", "Louis": "Lewis", "Geoffrey": "Jeffrey",
    "Jeffrey": "Geoffrey", "Nicola": "Nichola", "Kerry": "Kerri", "Teresa": "Theresa", "Theresa": "Teresa",
}
SURNAME_VARIANTS = {
    "Thompson": "Thomson", "Thomson": "Thompson", "Smith": "Smyth", "Clarke": "Clark", "Clark": "Clarke",
    "Brown": "Browne", "Davies": "Davis", "Davis": "Davies", "Phillips": "Philips", "Mohammed": "Muhammad",
    "Macdonald": "McDonald", "McDonald": "MacDonald", "Reid": "Reed", "Reed": "Reid", "Gray": "Grey",
    "Grey": "Gray", "Stevens": "Stephens", "Stephens": "Stevens", "Matthews": "Mathews", "Allen": "Allan",
    "Lloyd": "Loyd", "Harris": "Harriss", "Jones": "Jone", "Green": "Greene", "Cook": "Cooke",
}
NICKNAMES = {
    "Robert": ("Rob", "Bob", "Robbie"), "William": ("Will", "Bill", "Billy"), "Elizabeth": ("Liz", "Beth", "Lizzie"),
    "Thomas": ("Tom", "Tommy"), "James": ("Jim", "Jimmy", "Jamie"), "Jonathan": ("Jon", "Jonny"),
    "Michael": ("Mike", "Mick"), "Christopher": ("Chris",), "Katherine": ("Kate", "Katie"),
    "Catherine": ("Cath", "Kate"), "Margaret": ("Maggie", "Peggy"), "Daniel": ("Dan", "Danny"),
    "Anthony": ("Tony",), "Alexander": ("Alex",), "Samuel": ("Sam",), "Samantha": ("Sam",),
    "Richard": ("Rich", "Rick"), "Joseph": ("Joe",), "Matthew": ("Matt",), "Benjamin": ("Ben",),
    "Victoria": ("Vicky", "Tori"), "Rebecca": ("Becky", "Becca"), "Jennifer": ("Jen", "Jenny"),
    "Jessica": ("Jess",), "Charlotte": ("Charlie", "Lottie"), "Stephen": ("Steve",), "Steven": ("Steve",),
    "Nicholas": ("Nick",), "Andrew": ("Andy",), "David": ("Dave",), "Edward": ("Ed", "Eddie", "Ted"),
    "Susan": ("Sue",), "Patricia": ("Pat", "Trish"), "Kenneth": ("Ken",), "Frederick": ("Fred", "Freddie"),
    "Abigail": ("Abbie",), "Amelia": ("Millie",), "Isabella": ("Bella", "Izzy"), "Henry": ("Harry",),
    "Theodore": ("Theo", "Teddy"), "Alfred": ("Alfie",), "Deborah": ("Debbie",), "Gillian": ("Gill",),
}

_namer = None


@lru_cache(maxsize=5000)
def _package_nicknames(first: str) -> tuple[str, ...]:
    global _namer
    if _namer is None:
        _namer = nicknames.NickNamer()
    # Sorted: the package returns a set, and set order would make the seed non-deterministic.
    return tuple(sorted(n.capitalize() for n in _namer.nicknames_of(first.lower()) if len(n) >= 3))


def nickname(rng, forenames: str) -> str | None:
    first = forenames.split(" ")[0]
    options = NICKNAMES.get(first) or _package_nicknames(first)
    return rng.choice(options) if options else None


# Spellings that sound alike (tried after the first letter, so the name still starts the same).
SOUND_ALIKE = (("ph", "f"), ("ck", "k"), ("ey", "y"), ("ie", "y"), ("ou", "ow"), ("ei", "ie"), ("son", "sen"),
               ("ll", "l"), ("tt", "t"), ("nn", "n"), ("ss", "s"), ("ee", "ea"), ("ea", "ee"), ("ae", "a"),
               ("c", "k"), ("y", "i"), ("i", "y"), ("z", "s"))


def _typo(rng, word: str) -> str:
    """A sound-alike spelling ("Mackenzie" -> "Mackensie"; the first letter stays), or one keyboard
    slip: two neighbouring letters swapped ("Foster" -> "Fotser")."""
    if len(word) < 3:
        return word + "e"
    head, tail = word[0], word[1:]
    options = [(a, b) for a, b in SOUND_ALIKE if a in tail]
    if options and rng.random() < 0.65:
        a, b = options[rng.randrange(len(options))]
        return head + tail.replace(a, b, 1)
    swappable = [i for i in range(1, len(word) - 2) if word[i] != word[i + 1]]
    if swappable:
        i = swappable[rng.randrange(len(swappable))]
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    return word + "e"


def misspell(rng, forenames: str, surname: str) -> tuple[str, str]:
    """A plausible second spelling of a name: the forename, the surname or (sometimes) both."""
    first, _, rest = forenames.partition(" ")
    r = rng.random()
    new_first, new_surname = first, surname
    if r < 0.45 or r >= 0.9:
        new_first = FORENAME_VARIANTS.get(first) or _typo(rng, first)
    if r >= 0.45:
        new_surname = SURNAME_VARIANTS.get(surname) or _typo(rng, surname)
    return (f"{new_first} {rest}" if rest else new_first), new_surname
