"""Name normalisation and phonetic keys for person search and duplicate detection.

Pure functions, no database. Keys are stored on PersonName so candidate retrieval is an index
lookup; ranking happens in vigil.people.search.
"""

from __future__ import annotations

import re
import unicodedata

import jellyfish

_NON_LETTERS = re.compile(r"[^a-z' -]+")
_SPACES = re.compile(r"[\s'-]+")


def normalise(name: str) -> str:
    """Lower case, accents removed, punctuation folded to single spaces: "O'Brien-Smith" -> "o brien smith"."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    ascii_only = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    cleaned = _NON_LETTERS.sub(" ", ascii_only)
    return _SPACES.sub(" ", cleaned).strip()


def forename_key(forenames: str) -> str:
    """Soundex of the first forename: "Jon", "John" and "Jhon" share J500."""
    first = normalise(forenames).split(" ")[0] if forenames else ""
    return jellyfish.soundex(first) if first else ""


def surname_key(surname: str) -> str:
    """Metaphone of the whole surname without spaces: "Smith", "Smyth" and "Smithe" share SM0;
    "McDonald"/"MacDonald" and "Mohammed"/"Muhammad" match too. Search adds a prefix path for the
    pairs metaphone splits (Thompson/Thomson)."""
    squashed = normalise(surname).replace(" ", "")
    return jellyfish.metaphone(squashed)[:12] if squashed else ""


def name_keys(forenames: str, surname: str) -> tuple[str, str, str, str]:
    """(forename_norm, surname_norm, forename_key, surname_key) as stored on PersonName."""
    return normalise(forenames), normalise(surname), forename_key(forenames), surname_key(surname)


_ADDRESS_NOISE = re.compile(r"[^a-z0-9 ]+")


def address_match_key(line1: str, postcode: str) -> str:
    """Two spellings of one address share a key: house number, street words and postcode.

    "14 Elm Road, MD1 1AA" and "14 ELM RD MD11AA" match; 14 and 16 Elm Road do not.
    """
    decomposed = unicodedata.normalize("NFKD", line1 or "")
    street = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()
    street = _SPACES.sub(" ", _ADDRESS_NOISE.sub(" ", street)).strip()
    street = re.sub(r"\b(road|rd)\b", "rd", street)
    street = re.sub(r"\b(street|st)\b", "st", street)
    street = re.sub(r"\b(avenue|ave)\b", "ave", street)
    return f"{street}|{(postcode or '').replace(' ', '').upper()}"
