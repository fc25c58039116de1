"""Find ages stated in a narrative: numbers, dates of birth, school years and month/week ages.

Conventions follow /work/shared/data/narratives/README.md ("Conventions: ages"): whole years, an
infant under 1 is 0, "18 months" is 1, a DOB is worked out against the incident date, and
under-18 means 17 or younger on that date (domain.md A1: "Child = anyone under 18").
School years are England's: Reception = 4, Year N = N + 4.
Every mention keeps exact offsets so the screener can use it as evidence.
"""

import datetime as dt
import re
from typing import NamedTuple

from vigil.screening.fastre import Bundle, Doc, Terms

WORD_NUMS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
}
_W = "|".join(WORD_NUMS)
NUM_ALT = rf"\d{{1,2}}|{_W}"
NUM = rf"(?:{NUM_ALT})"  # a first number may be a word ("one-year-old")
SEP = r"\s*(?:,|and|&|\+|or|to|-|–)\s*"
# A list or range of numbers after the first: later items are digits only ("aged 5, 7 and 9").
LIST = rf"{NUM}(?:{SEP}\d{{1,2}}(?![\d:/.]\d))*"
UNIT = r"(?P<unit>months?|mths?|mnths?|weeks?|wks?|days?|years?|yrs?|yo|y/o)"
_MONTHS = {m: i for i, m in enumerate(
    "jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)}

# Things that are not people: an "8-year-old cat" is no child.
NOT_PERSON = re.compile(
    r"\s*(?:(?:french|english|american)\s+)?(?:cat|dog|pony|horse|car|vehicle|van|house|tree|bike|moped|boat|building|property|"
    r"puppy|kitten|bulldog|labrador|terrier|spaniel|collie|staffie|rabbit|goat|sheep|cow|"
    r"mare|laptop|phone|lorry|caravan|tenancy|case|conviction|offence|marriage|relationship|"
    r"business|company|debt|boiler|fridge)s?\b")

_DMY = r"(?P<d>\d{1,2})[/.\-](?P<m>\d{1,2})[/.\-](?P<y>\d{4}|\d{2})"
_YMD = r"(?P<y2>\d{4})-(?P<m2>\d{1,2})-(?P<d2>\d{1,2})"
_MON = (r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
        r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?")
_DMONY = rf"(?P<d3>\d{{1,2}})(?:st|nd|rd|th)?(?:\s+of)?\s+{_MON},?\s+(?P<y3>\d{{4}}|\d{{2}})"
_MONDY = rf"{_MON.replace('mon>', 'mon2>')}\s+(?P<d4>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y4>\d{{4}})"
DATE = rf"(?:{_YMD}|{_DMY}|{_DMONY}|{_MONDY})"
_DOB_TAIL = rf"\s*[:\-–]?\s*(?:is\s+|of\s+|as\s+)?(?:{DATE}|(?:in\s+)?(?P<yonly>(?:19|20)\d\d))\b"
_NOT_TIME = (r"(?!\s*(?:%|am|pm|hrs|mins?|minutes|miles|metres|m\b|times|:|/|months?|mths?|weeks?|"
             r"wks?|days?|years?|yrs?|stone|st\b|lbs?|kg|cm|ft|feet|foot|inch))")
_IS_END = r"(?=\s*(?:[,.;)'’\"]|$|\s+(?:and|years?|yrs?|yo|but|so|with|not)\b))"
_PRONOUN_IS_END = (r"(?=\s*(?:[,.;:)!?'’\"-]|$|\s+(?:and|or|years?|yrs?|yo|but|so|with|next|this|last|in|"
                   r"on|at|now|today|tomorrow|soon|when|who|according|apparently|i|he|she|they)\b))")
_SCHOOL_NOT = (r"(?!\s*(?:classroom|room|teacher|tutor|team|head|leader|office|block|building|"
               r"corridor|assembly|area|of\b|ago|old|-old|sentence))")

_BARE_NUM = (r"(?P<n>\d{1,2})(?![\d:/.,]\d|\d|\s*(?:%|am|pm|hrs|mins?|minutes|miles|mph|metres|m\b|"
             r"times|months?|mths?|weeks?|wks?|days?|j\d|jct|junction|[nsew]b\b|northbound|"
             r"southbound|eastbound|westbound|motorway|slip|toll|between|near|nr\b|x\b))")

# Age phrases that start at a word, in priority order (an earlier kind wins an overlap). They
# are found by the screener's one-pass scan (AGE_LISTS) and re-matched here for their groups.
_WORD_AGE = [
    # "DOB 03/04/2012", "D.O.B. 3.4.12", "born 2012-04-03", "date of birth 3 April 2012"
    ("dob", r"d\.?\s?o\.?\s?b\.?" + _DOB_TAIL),
    ("dob", r"date\s+of\s+birth" + _DOB_TAIL),
    ("dob", r"born(?:\s+on)?" + _DOB_TAIL),
    ("dob", r"b\." + _DOB_TAIL),
    # "8-year-old", "ten year old", "9yo", "2 y/o", "two 14-year-olds"
    ("yo", rf"(?P<n>{NUM_ALT})(?:\s*-\s*|\s+)?(?:years?|yrs?|yr)(?:\s*-\s*|\s+)old(?:s)?\b"),
    ("yo", r"(?P<n>\d{1,2})\s?(?:yo|y/o|y\.o\.?|yoa)(?![\w/])"),
    # "15 years of age", "fifteen yrs of age"
    ("yo", rf"(?P<n>{NUM_ALT})\s*(?:years?|yrs?)\s+of\s+age\b"),
    # "aged 8", "aged 13, 14, 14 and 15", "ages 21-38", "gave his age as 15", "aged 10 months"
    ("aged", rf"age[ds]?\s*[:\-]?\s*(?:as\s+|of\s+|between\s+|approx(?:imately|\.)?\s*|about\s+|abt\.?\s*|"
             rf"around\s+|c\.\s*|circa\s+|just\s+|only\s+)*(?P<list>{LIST})(?:ish)?(?:\s*{UNIT})?\b"),
    # "approx 10", "looked about 13 or 14", "appear 10-12", "thought to be 13-15"
    ("approx", rf"(?:approx|approximately|approx\.|about|abt|abt\.|around|maybe|possibly|perhaps|mostly|all|both|c\.|circa|est|est\.|"
               rf"estimated|appears?|appeared|looked|looks|thought\s+to\s+be|believed\s+to\s+be)"
               rf"\s+(?:to be\s+|about\s+|aged\s+)?(?P<list>\d{{1,2}}(?:{SEP}\d{{1,2}})*)"
               rf"(?:ish\b|(?:\s*{UNIT})?(?=\s*(?:[,.;:)'\"]|$|\s+(?:and|or|years?|yrs?|who|with|"
               r"at|in|from|stating|states|said|says|seen|was|is|has|had|reported|walking|found|wearing|"
               r"on|crying|banging)\b)))"),
    # "she is 15 and from Sudan", "who turned 18 last week", "now 41", "her son is 23."
    # ("they are 4 uni students" is a count: the number must end the phrase)
    ("is", rf"(?:he|she|they|who|i)\s+(?:is|was|are|were)\s+(?:only\s+|just\s+)?"
           rf"(?P<list>\d{{1,2}})\b{_NOT_TIME}{_PRONOUN_IS_END}"),
    ("is", rf"(?:he|she)['’]?s\s+(?:only\s+|just\s+)?(?P<list>\d{{1,2}})\b{_NOT_TIME}"),  # "says hes 14"
    ("is", rf"(?:turned|turns|now)\s+(?:only\s+|just\s+)?(?P<list>\d{{1,2}})\b{_NOT_TIME}"),
    ("is", rf"(?:is|was|r)\s+(?:only\s+|just\s+|aged\s+)?(?P<list>{LIST}){_IS_END}"),  # "kids r 30 + 28"
    # "youngest 18 months", "babby, approx 10 months", "4-month-old", "8 weeks old"
    ("months", rf"(?P<list>{NUM_ALT})\s*[- ]?\s*(?P<unit>months?|mths?|mnths?|weeks?|wks?|days?)"
               r"(?P<old>\s*[- ]?\s*old)?\b"),
    # "IP F/15", "M/17", "15/F": police shorthand for sex and age
    ("yo", r"[mf]\s?/\s?(?P<n>\d{1,2})\b(?!\s*/)"),
    ("yo", r"(?P<n>\d{1,2})\s?/\s?[mf]\b"),
    # "baby (6/12)", "6/12 old", "3/52": health shorthand for months and weeks
    ("months", r"(?P<list>\d{1,2})/(?P<unit>12|52)(?:\s*old|(?=\)))"),
    # "child 9 yrs", "(8 yrs)": checked for duration like months
    ("yrs", r"(?P<list>\d{1,2})\s*(?P<unit>yrs?|years?)\b(?!\s*(?:old|of\s+age))"),
    # "in their 40s", "(20s)", "late 30s"
    ("decade", r"in\s+(?:his|her|their)\s+(?:(?:early|mid|late)[- ])?(?P<d>[2-9])0'?s\b"),
    ("decade", r"(?:early|mid|late)[- ](?P<d>[2-9])0'?s\b"),
    ("decade", r"(?P<d>[2-9])0'?s\b"),
    ("teens", r"in\s+(?:his|her|their)\s+(?:(?:early|mid|late)[- ])?teens\b"),
    ("teens", r"(?:early|mid|late)[- ]teens\b"),
    # England's school years: Reception = 4, Year N = N + 4 ("Year 5", "Yr 9", "Y8 girl")
    ("school", r"(?:year|yr)\s?(?P<n>1[0-3]|[1-9])\b" + _SCHOOL_NOT),
    ("school", r"y(?P<n>1[0-3]|[1-9])\b(?=\s*(?:pupil|student|girl|boy|child|class|at\b))"),
    # "her daughter, who is in Reception at St Anne's", "started reception"
    ("school", r"(?:in|started|starts|starting)\s+(?P<rec>reception)(?:\s+class)?(?=\s+at\b|\s+class|\s+in\s+september)"),
    ("school", r"(?P<rec>reception)[- ](?:class|pupil|child|aged?|year)\b"),
    # "who starts secondary in September": in Year 6 now
    ("school", r"(?:starts|starting|start|going\s+up\s+to|moving\s+up\s+to)\s+(?P<sec>secondary)\b"),
    ("school", r"(?:year|yr)\s+(?P<w>one|two|three|four|five|six|seven|eight|nine|ten|eleven|"
               r"twelve|thirteen)\b" + _SCHOOL_NOT),
    # "Lass 13 told teacher", "DRIVER M 22 + 5 PASS INC F 16": a bare number after a person word.
    # Role words and m/f number people too ("vic 1", "susp 2") or roads ("M 6"), so find_ages
    # wants 10+ for them.
    ("person", r"(?:lad|lass|boy|girl|son|daughter|dtr|dghtr|child|kid|youth|juvenile|pupil|sprog|nipper|"
               r"youngster)(?:\s+(?:of|aged))?(?:\s+(?:about|around|approx\.?|abt\.?))?\s+"
               + _BARE_NUM),
    ("person_role", r"(?:misper|vic|victim|susp|suspect|driver|passenger|pass|ip|rp|male|female|m|f)\s+"
                    + _BARE_NUM),
    # "under-18s", "U11s", "under 16", "underage"
    ("under", r"(?:under|u)[- ]?(?:1[0-8]|[5-9])s\b"),
    ("under", r"under[- ](?:the\s+age\s+of\s+)?(?:1[0-8])\b"),
    ("under", r"under[- ]?aged?\b"),
    ("under", r"u-?18\b"),
]
WORD_AGES = [(kind, re.compile(p)) for kind, p in _WORD_AGE]
AGE_LISTS = [(f"age{i}", Terms(p)) for i, (_, p) in enumerate(_WORD_AGE)]
_BUNDLE = Bundle(AGE_LISTS)
_AGE_INDEX = {f"age{i}": (i, kind, rx) for i, (kind, rx) in enumerate(WORD_AGES)}
# find_ages takes mentions in five groups: dates of birth, then bare numbers after person words
# ("Lass 13"), then "N years old"/"aged N" (with brackets and commas), then other numbers, then
# decades, teens, school years and "under-N".
_AGE_GROUP = {"dob": 0, "yo": 1, "aged": 1, "approx": 2, "is": 2, "months": 2, "yrs": 2, "person": 4,
              "person_role": 4}
# These start with punctuation, which `re` finds fast without help.
PAREN = re.compile(  # "(14)", "(both 19)", "(F, 31)", "(aged 6, 9 and 11)", "(6 weeks)"
    rf"\((?<!\S\()\s*(?:(?:[mf]|male|female)\s*,\s*)?(?:(?:aged?|approx\.?|approximately|about|abt\.?|"
    rf"c\.|both|all|also|now|ages|est\.?|poss(?:ibly)?)\s+)*(?P<list>{LIST})\+?(?:\s*{UNIT})?\s*\)")
COMMA = re.compile(  # "Poppy EVANS, 14," / "RIDER, MALE, 15, DETAINED" / "Ava, 4 months"
    rf",(?<=[a-z)],)\s*(?:(?:now|both|all|aged?|approx\.?)\s+)?(?P<list>\d{{1,2}})"
    rf"(?:\s*{UNIT})?(?=\s*(?:[,.;:)]|$|\s+(?:and|who|is|was|from|of|with|has|had|lives|at|"
    r"in)\b))")
# "Ellie's 7 and Jacob's 4": a name's age in speech. Starts with the apostrophe, which `re`
# finds fast; find_ages checks that a capitalised name comes before it.
NAME_IS = re.compile(r"['’]s\s+(?P<list>\d{1,2})(?![\d:.])(?=\s*(?:[,.;)]|$|\s+(?:and|now|years?|yrs?)\b))")
# "Josh KEMP 21", "Maureen HASKETT 67", "Olivia NUTTALL 14/09/2010": forename, SURNAME in
# capitals, then an age or a date of birth. (An all-capitals log has no lower-case forename, so
# "FLAT 20" never matches.) NAME_GATE is a cheap first test: most texts have no such pair.
NAME_GATE = re.compile(r"[A-Z][A-Z],?\s+\d")
NAME_AGE = re.compile(
    rf"[A-Z](?<![\w'][A-Z])[a-z]+(?:\s+[A-Z][a-z]+)?\s+[A-Z]{{3,}}(?:[-'][A-Z]+)?(?:,?\s+(?:{_DMY})\b|"
    r"\s+(?P<list>\d{1,2})(?:\s?(?:yrs?|y/o|yo))?\b(?![:/.,]\d)(?=\s*(?:[,.;:)]|$|\s+(?:and|from|of|who|was|"
    r"is|has|had|lives|at|in|arrested|reported|reports|says|said|states|stated|detained|found|located|"
    r"attended|dob|with|w/|\+|&)(?!\w))))")
PAREN_DATE = re.compile(rf"\(\s*(?:{_YMD}|{_DMY})\s*\)")
# A duration rather than an age: "for 18 months", "6 weeks ago", "34 weeks pregnant".
_DURATION_BEFORE = re.compile(
    r"\b(?:for|in|within|last|past|over|after|since|than|every|each|next|per|ago|of|"
    r"up to|least|nearly|almost|until)\s+(?:approx\w*\.?\s+|about\s+|around\s+|nearly\s+|"
    r"over\s+)?$")
_DURATION_AFTER = re.compile(
    r"\s*(?:ago|pregnant|preg\b|gestation|later|earlier|previously|before|after|prison|imprisonment|"
    r"sentence|suspended|custody|since|into|of|in (?:prison|custody)|'|’)")
_MONTH_CONTEXT = re.compile(
    r"(?:baby|babby|babies|infant|newborn|son|daughter|dtr|dau|child|girl|boy|lad|lass|youngest|eldest|aged?|"
    r"approx\.?|approximately|sibling|twins?|brother|sister|male|female|misper|victim|vic|ip|"
    r"susp|suspect|youth|pupil|student|[mf]|[a-z]+,|\()\W{0,3}$")
_NOT_NAMES = frozenset("It That There What He She Who Where Here This Today Mum Dad".split())
_GROUP_BEFORE = re.compile(  # "group of lads approx 12" (not "two males approx 16-17")
    r"\b(?:group|crowd|gang|party|number)\s+of\s+(?:[a-z]+\s+)?$|\bx\s*$")
_MORE_DATES = re.compile(rf"\s*(?:,|&|\+|and|,\s*and)\s*(?P<date>{DATE})\b")
# "pregnant (24 wks)", "expecting, 30 weeks": weeks of a pregnancy, not a baby's age.
_GESTATION_BEFORE = re.compile(r"(?:pregnan|gestation|expecting|to-be|to\s+be|expectant)[^.;:]{0,25}$")
# "Misper: Jade 14yrs": a name written mid-sentence (not "Married 5 yrs" at a sentence start).
_FIRST_NAME_BEFORE = re.compile(r"(?<=[a-z0-9:,;)]\s)[A-Z][a-z]+\s*,?\s*$")
# "MISPER. SOPHIE ANDERTON 14 YRS": a role, then a name, then years (upper-case logs).
_ROLE_NAME_BEFORE = re.compile(
    r"\b(?:misper|ip|vic|victim|susp|suspect|rp|occ|driver|pass|passenger|male|female|child|boy|"
    r"girl|youth|pupil|lad|lass)\b[.:,]?\s+(?:(?!(?:married|together|lived|living|known|there|here|"
    r"resident|sentenced|jailed|served|employed|worked|been|for|ago|since|over|about|approx|"
    r"was|is|had|has|in|at)\b)[a-z'-]+\s+){1,2}$")
_ROAD_BEFORE = re.compile(r"(?:on|the|onto|off|along|via|to|from|of|and|between|near|nr|a|j\d+)\s+$")
NAME_BEFORE = re.compile(r"([A-Z][a-z][\w'-]*|[A-Z]{2,})(?:\s+(?:[A-Z][\w'-]+|[A-Z]{2,}))?\s*[,(]?\s*$")


class AgeMention(NamedTuple):
    start: int
    end: int
    ages: tuple[int, ...]  # stated ages in whole years; several for "aged 5, 7 and 9"
    kind: str  # "age", "dob", "school", "range", "under"

    @property
    def child(self) -> bool:
        return bool(self.ages) and min(self.ages) <= 17 or self.kind == "under"

    @property
    def adult(self) -> bool:
        return bool(self.ages) and min(self.ages) >= 18


_NUMS = re.compile(rf"\d{{1,2}}|{_W}")
_RANGE = re.compile(r"\d\s*(?:-|–|to)\s*\d")


def _num(s: str) -> int:
    return int(s) if s.isdigit() else WORD_NUMS[s]


def _parse_list(s: str) -> tuple[list[int], bool]:
    """Numbers in "5, 7 and 9" and whether it was a range ("13-15", "3 to 11")."""
    nums = [_num(x) for x in _NUMS.findall(s)]
    is_range = len(nums) == 2 and nums[0] < nums[1] and _RANGE.search(s) is not None
    return nums, is_range


def _to_years(n: int, unit: str | None) -> int:
    if not unit:
        return n
    if unit[0] == "m" or unit == "12":  # months, or "6/12" in health shorthand
        return n // 12
    if unit[0] in "wd" or unit == "52":
        return 0
    return n


def years_between(born: dt.date, on: dt.date) -> int:
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def _make_date(y: int, m: int, d: int, ref: dt.date) -> dt.date | None:
    if y < 100:  # two-digit year: the most recent year not after the incident
        y += 2000 if 2000 + y <= ref.year else 1900
    if m > 12 and d <= 12:  # written month-first (US style)
        m, d = d, m
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


def _date_from(m: re.Match, ref: dt.date) -> dt.date | None:
    g = m.groupdict()
    if g.get("y2"):
        return _make_date(int(g["y2"]), int(g["m2"]), int(g["d2"]), ref)
    if g.get("y"):
        return _make_date(int(g["y"]), int(g["m"]), int(g["d"]), ref)
    if g.get("y3"):
        return _make_date(int(g["y3"]), _MONTHS[g["mon"][:3].lower()], int(g["d3"]), ref)
    if g.get("y4"):
        return _make_date(int(g["y4"]), _MONTHS[g["mon2"][:3].lower()], int(g["d4"]), ref)
    return None


def name_before(text: str, start: int) -> str | None:
    """The first name written just before an age ("Callum DUNN (DOB ...)" -> "callum")."""
    m = NAME_BEFORE.search(text, max(0, start - 40), start)
    return m.group(1).lower() if m else None


def _number_age(kind: str, m: re.Match, low: str, text: str = "") -> tuple[int, ...] | None:
    """The ages in a numeric mention, or None if it is a duration or not a person's age."""
    g = m.groupdict()
    raw, unit = g.get("list") or g.get("n"), g.get("unit")
    if unit is None and raw.isdigit() and kind in ("paren", "comma", "is", "aged"):
        return (int(raw),)  # the common case: "Devon (15)", "EVANS, 14", "aged 8"
    s, e = m.span()
    if kind in ("months", "yrs"):
        before = low[max(0, s - 30):s]
        if not g.get("old") and (_DURATION_BEFORE.search(before) or _DURATION_AFTER.match(low, e)
                                 or not (_MONTH_CONTEXT.search(before)
                                         or _FIRST_NAME_BEFORE.search(text, max(0, s - 20), s)
                                         or _ROLE_NAME_BEFORE.search(low, max(0, s - 45), s))):
            return None
    elif unit and unit[0] in "mwd" and _DURATION_AFTER.match(low, e):
        return None
    if unit == "day" and not g.get("old"):
        return None  # "2day" is today; a baby's age in days is written "3 days old"
    if unit and unit[0] == "w" and _GESTATION_BEFORE.search(low, max(0, s - 40), s):
        return None
    if kind in ("yo", "months") and NOT_PERSON.match(low, e):
        return None
    if raw[:1] == "0" or low[e:e + 1] == ":" and low[e + 1:e + 2].isdigit():
        return None  # "about 03:10" is a time; ages are not written with a leading zero
    nums, is_range = ([int(raw)], False) if raw.isdigit() else _parse_list(raw)
    if not nums or (kind in ("aged", "approx") and len(nums) == 1 and nums[0] > 110):
        return None
    if kind == "approx" and len(nums) == 1 and _GROUP_BEFORE.search(low, max(0, s - 25), s):
        return None  # "group of lads approx 12": how many, not how old
    return tuple(_to_years(n, unit) for n in nums) + ((-1,) if is_range else ())


def find_ages(doc: Doc, ref: dt.date,
              hits: dict[str, list[tuple[int, int]]] | None = None) -> list[AgeMention]:
    """All age mentions, in text order, without overlaps (the earlier kind wins). `hits` may
    come from a larger `Bundle` that includes AGE_LISTS."""
    text, low = doc.text, doc.low
    if hits is None:
        hits = _BUNDLE.scan(low)
    found: list[AgeMention] = []

    def add(s: int, e: int, ages: tuple[int, ...], kind: str) -> None:
        for a in found:  # an earlier mention wins an overlap
            if e > a.start and s < a.end:
                return
        found.append(AgeMention(s, e, ages, kind))

    def add_dob(s: int, e: int, born: dt.date | None, min_days: int = 0) -> None:
        """A date of birth on or before the incident (at least `min_days` before it)."""
        if born and born <= ref and (ref - born).days >= min_days and years_between(born, ref) < 120:
            add(s, e, (years_between(born, ref),), "dob")

    # Re-match each hit for its groups, once, in the order of _WORD_AGE, and sort them into
    # the five groups below (the order in which they claim text).
    groups: tuple[list, list, list, list, list] = ([], [], [], [], [])
    for (_, kind, rx), spans in sorted((_AGE_INDEX[name], spans) for name, spans in hits.items()
                                       if name in _AGE_INDEX):
        into = groups[_AGE_GROUP.get(kind, 3)]
        for p, _ in spans:
            m = rx.match(low, p)
            if m is not None:
                into.append((kind, m))
    dobs, numbers, approx, words, persons = groups

    for _, m in dobs:
        if m.group("yonly"):
            diff = ref.year - int(m.group("yonly"))
            if 0 <= diff < 120:  # year only: the younger possible age, to lean to flagging
                add(m.start(), m.end(), (max(diff - 1, 0),), "dob")
            continue
        add_dob(m.start(), m.end(), _date_from(m, ref))
        more = _MORE_DATES.match(low, m.end())
        while more is not None:  # "DOBs 03/04/2015 and 11/09/2019": one mention per date
            add_dob(more.start("date"), more.end(), _date_from(more, ref))
            more = _MORE_DATES.match(low, more.end())
    for m in PAREN_DATE.finditer(low):  # "Lily NEWTON (15/07/2019)": a DOB if well before
        if text[:m.start()].rstrip()[-1:].isalnum():
            add_dob(m.start(), m.end(), _date_from(m, ref), min_days=366)
    for kind, m in persons:
        n = int(m.group("n"))
        road = low[m.start() + 1:m.start() + 2].isspace()  # "M 6" may be a motorway
        if kind == "person_role" and (n < 10 or road and _ROAD_BEFORE.search(low, max(0, m.start() - 12),
                                                                           m.start())):
            continue
        add(m.start("n"), m.end("n"), (n,), "age")
    for m in NAME_AGE.finditer(text) if NAME_GATE.search(text) else ():
        if m.group("list"):
            add(m.start("list"), m.end(), (int(m.group("list")),), "age")
            continue
        add_dob(m.start("d"), m.end(), _date_from(m, ref), min_days=31)  # "Household: Olivia NUTTALL 14/09/2010"
    for m in NAME_IS.finditer(text):
        j = m.start()
        k = j
        while k > 0 and text[k - 1].isalpha():
            k -= 1
        if j - k >= 2 and text[k].isupper() and text[k + 1].islower() and text[k:j] not in _NOT_NAMES:
            add(m.start("list"), m.end("list"), (int(m.group("list")),), "age")
    numeric = [*numbers, *(("paren", m) for m in PAREN.finditer(low)),
               *(("comma", m) for m in COMMA.finditer(low)), *approx]
    for kind, m in numeric:
        ages = _number_age(kind, m, low, text)
        if ages is not None:
            rng = ages[-1] == -1
            add(m.start(), m.end(), ages[:-1] if rng else ages, "range" if rng else "age")
    for kind, m in words:  # decade, teens, school, under
        if kind == "decade":
            add(m.start(), m.end(), (int(m.group("d")) * 10,), "age")
        elif kind == "school":
            g = m.groupdict()
            n = 0 if g.get("rec") else 6 if g.get("sec") else WORD_NUMS[g["w"]] if g.get("w") else int(g["n"])
            add(m.start(), m.end(), (n + 4,), "school")
        else:
            add(m.start(), m.end(), (), "under")
    found.sort(key=lambda a: a.start)
    return found
