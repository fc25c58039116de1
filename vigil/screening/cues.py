"""Find and filter the cues that a child is involved (step 1 and 2 of `screener`).

Sources: /work/shared/data/narratives/README.md (label definition, hard cases) and
/work/shared/docs/domain.md section A. A cue is a span of the input with a strength:
  STRONG  an under-18 age or a word that only means a child ("toddler", "CYP", "kids");
  MEDIUM  a family relation that may be grown up ("her son", "his children");
  WEAK    items, routines and child-only services ("cot", "school run", "CAMHS"), quoted or
          hypothetical child words ("'a baby screaming'", "possible missing child").
"""

import re
from dataclasses import dataclass

from vigil.screening import lexicon as lx
from vigil.screening.ages import AgeMention, name_before
from vigil.screening.fastre import words_before
from vigil.screening.narrative import SHORT, Narrative

STRONG, MEDIUM, WEAK = 3, 2, 1
_AGE_REASON = {"age": "age under 18", "range": "age under 18 (group)",
               "dob": "date of birth under 18", "school": "school year", "under": "under-18 group"}
_NORM = {"dtr": "daughter", "dtrs": "daughter", "dau": "daughter", "dghtr": "daughter", "dghtrs": "daughter", "children": "child",
         "childrens": "child", "kids": "kid", "sons": "son", "daughters": "daughter",
         "boys": "boy", "girls": "girl", "lads": "lad"}
_OFFSPRING = {"son", "daughter", "child", "kid"}
_ADULTS_TOO = {"appropriate adult", "abe interview", "strategy meeting", "strategy discussion",
               "mash referral"}
_NAME_STOP = {"the", "a", "an", "her", "his", "their", "of", "ip", "v", "s", "and", "with",
              "by", "to", "victim", "suspect", "caller", "male", "female", "boy", "girl", "baby",
              "child", "children", "sibling", "resident", "housemate", "todler", "toddler"}
_SINGULAR_UNBORN = frozenset("baby babie babby bby child chld chid infant wean bairn".split())
_DOLL_REVEAL = re.compile(r"\b(?:is|was|were|turned\s+out\s+to\s+be)\s+(?:a|an|the)\s+(?:[a-z-]+\s+){0,2}?dolls?\b")
_HERD = re.compile(r"\b(?:goats?|nann(?:y|ies)|billy|livestock|herd|flock|farmer)\b")  # "goats and two kids"
_PET_NAMES = ("bab", "bby", "kid", "nipper", "youngster", "little", "wee", "bairn", "wean", "tot")
_MISTAKEN = frozenset("thought sounded sounds like mistook mistaken believed".split())
_POSSESSORS = frozenset("her his their my your our has have had with".split())
_POSS_FILLERS = frozenset(
    "own two three four five other older eldest youngest young younger adult grown-up step "
    "foster".split())
_DETERMINERS = frozenset(
    "a an two three four five six little young small school teenage several some".split())
# What follows a cue: "no children were injured" blocks negation, "CYP: none" is negation.
# One match call tries both, in that order.
_NEG_NEXT = re.compile(f"(?P<blocked>{lx.NEG_BLOCKED.pattern})|{lx.NEG_AFTER.pattern}")
_COUNT_AFTER = re.compile(r"\s*[,(-]?\s*(?:(\d|two|three|four|five|six)\s+of\s+them|x\s?(\d)\b)")
_PLURAL = frozenset("chn chdn cyp yp kidz".split())  # plural without an "s": "2 CHN", "3 x CYP"
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8}
_ATTACH_GAP = re.compile(  # "son, 34", "daughter (aged 27)", "daughter present (50s)"
    r"(?:\s+(?:also\s+)?(?:present|on\s+scene|at\s+scene|in\s+attendance))?\s*[,(]?"
    r"(?:\s*(?:around|about|abt|aged\s+around|aged\s+about)(?=\s))?\s*(?:(?:aged|age|now|approx\.?|is|was|who\s+is|are|r|both|all)\s+)?"
    r"(?:'[^'\n]{1,25}'\s*)?(?:(?:[A-Z][\w'-]*|[A-Z]{2,})\s*,?\s*){0,3}(?:(?:is|was|aged)\s+)?\(?\s*")
_GONE = re.compile(
    r"\s+(?:had|have)\s+(?:all\s+)?(?:gone\s+home|left|been\s+collected|been\s+picked\s+up)\b")
# A record that says the "baby" was an animal: "'baby' is a French bulldog puppy", "it was a fox".
_ANIMAL_REVEAL = re.compile(
    r"\b(?:(?:is|are|was|were|turned\s+out\s+to\s+be|actually)(?:\s+(?:actually|in\s+fact|just))?"
    r"(?:\s+(?:[a-z]+,\s+)?(?:a|an|the|her|his|their|its))?|(?:means|meant|referring\s+to|refers\s+to)"
    r"(?:\s+\w+){0,3}?)"
    r"\s+(?:[a-z-]+\s+){0,2}?(?:dog|pupp(?:y|ies)|cat|kittens?|fox(?:es)?|bulldog|terrier|russell|"
    r"spaniel|lamb|goat|parrot|bird|rabbit|pet|animal|cub|calf|calves|cattle|pony|ponies|horse|"
    r"foal|pig|piglet|sheep|hens?|chickens?)s?\b")
_IS_RELATION = re.compile(
    r"'?\s+(?:is|was)\s+(?:her|his|their|my|the\s+\w+'s|\w+'s)\s+(?:older\s+|younger\s+|big\s+|adult\s+)?(?:son|daughter|brother|sister|boyfriend|girlfriend|partner|"
    r"husband|wife|bro|sis)\b")
_EMPTY_AFTER = re.compile(
    r"(?:\s+(?:in|on)\s+(?:the\s+)?(?:rear|back|front)(?:\s+seats?)?)?\s*[,-]?\s*(?:which\s+|that\s+)?"
    r"(?:were\s+|was\s+|is\s+|both\s+|all\s+)?(?:empty|unoccupied|not\s+in\s+use)\b")
# "a new cot still in its box": bought, not used.
_UNUSED_AFTER = re.compile(r"\s+(?:still\s+)?(?:in\s+(?:its|the|their)\s+(?:box|packaging)|unused|not\s+yet\s+used)")
# Words that may name young adults ("youths", "lads", "girls"), and a record saying its group is adult.
_YOUNG_ADULT_WORDS = frozenset(
    "youth youths youngster youngsters lad girl boy lass lasses lassies".split()) | {
    "young people", "young person", "young persons"}
_ADULT_GROUP = re.compile(
    r"\b(?:all|both)\s+(?:[a-z]+\s+){0,4}?(?:(?:aged\s+)?(?:over|above)\s+(?:18|21)|"
    r"(?:aged\s+)?(?:1[89]|[2-9]\d)\s*(?:-|to)\s*\d\d)\b|over\s+(?:18|21)s\b|"
    r"\bboth\s+(?:[mf]/)?(?:1[89]|[2-9]\d)\s*(?:and|&)\s*(?:[mf]/)?(?:1[89]|[2-9]\d)\b")
_PRESENCE_ONLY = re.compile(
    r"\s+(?:were\s+|was\s+)?(?:present|on\s+scene|at\s+scene|in\s+at\s+the\s+time|"
    r"(?:at|in)\s+the\s+(?:address|property|house|flat|home|vehicle|car)\s+at\s+the\s+time)\b")
_GAP_BREAK = re.compile(r"[.;:]|\band\b", re.I)
_NAME_AFTER = re.compile(r"\s*,?\s*(?P<n>[A-Z][a-z][\w'-]*)")
_NAME_PAREN = re.compile(r"(?P<n>[A-Z][a-z][\w'-]*)\s*(?:[A-Z]{2,}\s*)?\(\s*$")


@dataclass(slots=True)
class Cue:
    start: int
    end: int
    reason: str
    strength: int
    ages: tuple[int, ...] = ()
    word: str = ""
    relation: bool = False
    quoted: int = 0  # Narrative.quoted: 0, SHORT or LONG
    count: int = 0
    kind: str = ""  # the AgeMention kind for age cues, "" for word cues


def norm(word: str) -> str:
    return _NORM.get(word, word)


def negated(n: Narrative, s: int, e: int) -> bool:
    """ "no children", "has no kids", "no minded children", "CYP: none"."""
    low = n.low
    after = _NEG_NEXT.match(low, e)
    if after is not None:
        return after.lastgroup != "blocked"
    w = low[max(0, s - 70):s]
    # Most cues have no negation in sight. Written out, these `in` tests are cheaper than a
    # loop or a regex ("nor" is left out: it contains "no").
    if not ("no" in w or "nil" in w or "zero" in w or "without" in w or "neither" in w or "0 " in w
            or "n't" in w or "n’t" in w or "never" in w):
        return False
    words = words_before(low, s, 70, phrase=True)[-6:]
    for i in range(len(words) - 1, -1, -1):
        w = words[i]
        if w in lx.NEGATORS or w.endswith(("n't", "n’t")):
            return True
        last = i == len(words) - 1
        if w not in lx.NEG_FILLERS and not (last and w.isalpha() and w not in lx.NEG_NOT_ADJ) \
                and not (not last and words[i + 1] in ("or", "nor") and w.isalpha()):
            return False  # ("no families or juveniles": a noun joined by "or" keeps the scope)
    return False


def _hedged(words: list[str]) -> bool:
    """"possible missing child", "concern a baby may be", "whether any children"."""
    tail = words[-3:]
    if any(w in ("possible", "potential", "possibly", "poss", "prob", "probably", "maybe") for w in tail[-2:]):
        return True
    if len(tail) >= 2 and tail[-1] in ("a", "any") and tail[-2] in lx.HEDGE_WORDS:
        return True
    if "originally" in tail or "initially" in tail:  # "log originally read 'kids locked in car'"
        return True
    if len(tail) == 3 and tail[-1] in ("a", "any") and tail[0] in ("concern", "may", "could"):
        return True  # "concern that a", "may be a"
    return " ".join(tail[-2:]) in ("in case", "if any", "graded as", "logged as")


def _possessive(words: list[str]) -> bool:
    """"her children", "has two children", "IP's three kids"."""
    i = len(words) - 1
    while i >= 0 and len(words) - i <= 2 and (words[i] in _POSS_FILLERS or words[i].isdigit()):
        i -= 1
    return i >= 0 and (words[i] in _POSSESSORS or words[i].endswith(("'s", "s'", "’s")))


def _count(words: list[str]) -> int:
    for w in words[-2:]:
        if len(w) == 2 and "x" in w and w.replace("x", "").isdigit():
            w = w.replace("x", "")  # "x2 kids", "2x kids"
        if w in _COUNTS:
            return _COUNTS[w]
        if w.isdigit() and len(w) == 1:
            return int(w)
    return 0


def attached_age(n: Narrative, s: int, e: int, ages: list[AgeMention]) -> AgeMention | None:
    """An age written with this person word: "son, 34", "34-year-old son", "Devon (15)"."""
    text = n.text
    for a in ages:
        if e <= a.start <= e + 45:
            gap = text[e:a.start]
            if _ATTACH_GAP.fullmatch(gap) and not _GAP_BREAK.search(gap):
                return a
        elif a.end <= s and s - a.end <= 4 and not text[a.end:s].strip(" ,-"):
            return a
    return None


def _name_age(n: Narrative, s: int, e: int, ages: list[AgeMention]) -> AgeMention | None:
    """The age given elsewhere for a name next to this word: "Callum (son)", "son Callum"."""
    m = _NAME_AFTER.match(n.text, e) or _NAME_PAREN.search(n.text, max(0, s - 40), s)
    if m is None:
        return None
    if n.by_name is None:
        names = ((name_before(n.text, a.start), a) for a in ages if a.ages)
        n.by_name = {k: a for k, a in names if k and k not in _NAME_STOP}
    return n.by_name.get(m.group("n").lower())


def age_cues(n: Narrative, ages: list[AgeMention], cues: list[Cue], facts: dict) -> None:
    for a in ages:
        if not a.child or n.masked(a.start, a.end) or n.after_mask(a.start):
            continue
        if facts["animals"]:
            sent_s, _ = n.span_of(a.start)
            if lx.ANIMAL_AGE.search(n.low, sent_s, a.start):
                continue
        if a.kind == "school" and any(b.kind != "school" and b.ages and abs(b.start - a.start) <= 40
                                      for b in ages):
            continue  # "aged 18, Year 13 student", "DOB 15/07/2012, Year 8 pupil": the stated age wins
        if a.kind == "under" and negated(n, a.start, a.end):
            facts["no_child"] = True
            continue
        child_ages = () if a.kind in ("range", "under") else tuple(x for x in a.ages if x <= 17)
        # "underage drinking" names a kind of offence: a statement that no one under 18 was
        # there ("no one under 18 present") outweighs it.
        if _age_corrected(n, a):
            continue
        # (An age in a short quote is someone's estimate: "'looked about 16'".)
        strength = MEDIUM if a.kind == "under" or n.quoted(a.start, a.end) == SHORT else STRONG
        cues.append(Cue(a.start, a.end, _AGE_REASON[a.kind], strength, child_ages, kind=a.kind))


def implicit_cues(n: Narrative, cues: list[Cue], facts: dict) -> None:
    low = n.low
    for name, reason in (("service", "implicit: child services"),
                         ("item", "implicit: child items")):
        for s, e in n.hits.get(name, ()):
            if n.masked(s, e) or _overlaps(cues, s, e) or negated(n, s, e):
                continue
            sent_s, sent_e = n.span_of(s)
            if name == "item" and lx.THEFT_WORDS.intersection(
                    words_before(low, s, min(100, s - sent_s))):
                n.masks.append((s, e))  # stolen toys: keep "children's" from counting
                continue
            if facts["pregnant"] and _pregnancy_in(n, sent_s, sent_e) and not _born_in(
                    n, sent_s, sent_e):
                continue
            if name == "item" and _UNUSED_AFTER.match(low, e):
                n.masks.append((s, e))
                continue
            if name == "item" and _EMPTY_AFTER.match(low, e) and (
                    lx.ELSEWHERE.rx.search(low) or n.hits.get("no_child")):
                n.masks.append((s, e))  # README: an empty child seat that is explained
                continue
            cues.append(Cue(s, e, reason, WEAK, word=low[s:e], quoted=n.quoted(s, e)))


def word_cues(n: Narrative, ages: list[AgeMention], cues: list[Cue], facts: dict) -> None:
    low = n.low
    corrected = _CORRECTED.search(low) if "not a" in low or "not child" in low else None
    for name, relation in (("child", False), ("relation", True)):
        for s, e in n.hits.get(name, ()):
            word = low[s:e]
            if n.masked(s, e) or _overlaps(cues, s, e) or word in n.nick_words:
                continue
            quoted = n.quoted(s, e)
            if _GONE.match(low, e):
                continue  # "after the children had gone home": not there, says nothing of home
            if not quoted and negated(n, s, e):
                # "no children present" says who was there, not who lives there: it does not
                # outweigh a cot or toys (README: a child living there but absent counts).
                if _CLAIM_AFTER.match(low, e):
                    facts["claimed_none"] = True  # "no kids here he says": only his word
                elif not _PRESENCE_ONLY.match(n.low, e):
                    facts["no_child"] = True
                continue
            if corrected is not None and s < corrected.start() and not attached_age(n, s, e, ages):
                continue  # a log corrected later: "CHILD IN CAR ... UPDATE: NOT A CHILD - ADULT PASSENGER 19"
            att = attached_age(n, s, e, ages)
            if att is not None and _age_corrected(n, att):
                att = None
            if att is None and (m := _IS_RELATION.match(low, e)):  # "bairn is her son m/23"
                att = attached_age(n, s, m.end(), ages)
            if att is None and relation:
                att = _name_age(n, s, e, ages)
            before = words_before(low, s, 40)
            if (att is not None and att.adult) or lx.ADULT_AFTER.match(low, e) or \
                    not lx.ADULT_BEFORE.isdisjoint(before[-2:]):
                facts["adult_rel"].add(norm(word))
                continue
            strength, is_rel = STRONG, relation
            if relation:
                det = before[-1:] and (before[-1] in _DETERMINERS or before[-1].isdigit())
                strength = STRONG if word in ("boy", "boys", "girl", "girls") and det else MEDIUM
            elif word.startswith(("ch", "kid", "teen")) and _possessive(before):
                strength, is_rel = MEDIUM, True
            child_ages = tuple(x for x in att.ages if x <= 17) if att is not None else ()
            if not child_ages:
                thing = not relation and lx.POSSESSIVE_THING.match(low, e)
                if thing and lx.ELSEWHERE.rx.search(low):
                    continue  # "child's birthday balloon ... grandson lives in Leeds": explained
                if quoted == SHORT or thing or _hedged(before):
                    strength = WEAK
                if facts["animals"] and word.startswith(_PET_NAMES):
                    if _MISTAKEN.intersection(before[-5:]) or _ANIMAL_REVEAL.search(low) or (
                            word.startswith("kid") and _HERD.search(low, *n.span_of(s))):
                        continue  # "thought it was a baby crying", "'BABY' IS A PUPPY"
                    strength = WEAK
                if facts["pregnant"] and word in _SINGULAR_UNBORN:
                    sent = n.span_of(s)
                    if _pregnancy_in(n, *sent) and not _born_in(n, *sent):
                        continue  # the unborn baby (README: pregnancy on its own is no child)
                    strength = WEAK
            if word.startswith(("bab", "bby")) and "doll" in low and _DOLL_REVEAL.search(low):
                continue  # "item in car seat is a reborn doll"
            count = _count(before) if word.endswith(("s", "ren")) or word in _PLURAL else 0
            if not count and (word.endswith(("s", "ren", "ern")) or word in _PLURAL) and (
                    m := _COUNT_AFTER.match(low, e)):
                count = _count([m.group(1) or m.group(2)])  # "her childern 3 of them", "kids x3"
            if " of " in word:  # "mum of 3", "father of two"
                count = _count(word.split()[-1:])
            cues.append(Cue(s, e, "family relation" if is_rel else "child word", strength,
                            child_ages, norm(word), is_rel, quoted, count))


def _age_corrected(n: Narrative, a: AgeMention) -> bool:
    """An age a later log entry corrects: "son Ashley is 21 NOT 17 ... call handler error"."""
    return " not " in n.low and any(f" not {x}" in n.low for x in a.ages) and \
        _AGE_CORRECTED.search(n.low) is not None


def _pregnancy_in(n: Narrative, s: int, e: int) -> bool:
    return any(s <= p < e for p, _ in n.hits.get("pregnancy", ()))


def _born_in(n: Narrative, s: int, e: int) -> bool:
    """A sentence that also shows a baby already born: "pregnant, and her baby was asleep in
    the pram"."""
    return lx.BORN.search(n.low, s, e) is not None


def _overlaps(cues: list[Cue], s: int, e: int) -> bool:
    for c in cues:
        if s < c.end and e > c.start:
            return True
    return False


def _elsewhere(n: Narrative, c: Cue, further: int = 1) -> bool:
    """The cue's sentence (and `further` after it) says the child lives elsewhere, and does
    not say they stay or were there."""
    idx = n.sentence(c.start)
    s, _ = n.sentence_span(idx)
    _, e = n.sentence_span(min(idx + further, len(n.sent_starts) - 1))
    low = n.low
    if not lx.ELSEWHERE.rx.search(low, s, e):
        return False
    for m in lx.PRESENCE.rx.finditer(low, s, e):  # "no kids present", "don't stay over" say no
        if not _DENIED_BEFORE.search(low, max(0, m.start() - 25), m.start()):
            return False
    return True


_JOB_BEFORE = re.compile(
    r"(?:adviser|advisor|worker|manager|officer|nurse|practitioner|lead|team|from)\W{0,3}$")
_DECOY = re.compile(r"\b(?:adult\s+decoy|decoy\s+(?:profile|account|posing|aged)|no\s+real\s+child|"
                    r"(?:was|is)\s+(?:an?\s+)?(?:adult\s+)?decoy)\b")
_DECOY_CONTEXT = re.compile(r"\b(?:meet|posing|profile|pretend\w*|decoy|claim\w*\s+to\s+be|hunter|sting|"
                            r"grooming|online)\b")
_CLAIM_AFTER = re.compile(r"\s+(?:\w+\s+){0,2}(?:he|she|they|driver|occupant|subj|male|female)\s+"
                          r"(?:says|said|states|stated|claims|claimed)\b")
# A CAD log corrected by a later entry: the child words before it were the caller's mistake.
_AGE_CORRECTED = re.compile(r"\b(?:is|was|are|aged)\s+\d{1,2}\s*,?\s+not\s+\d{1,2}\b")
_CORRECTED = re.compile(r"\bnot\s+(?:a|an)\s+(?:child|baby|kid|juvenile|minor|toddler|infant)\b"
                        r"(?!['’]|\s+(?:protection|abuse|in\s+need|sex|sexual|safeguarding|matter|issue))|"
                        r"\b(?:is|are)\s+(?:an?\s+)?adults?,?\s+not\s+(?:a\s+)?(?:child|baby|kid|juvenile|minor)")
_DENIED_BEFORE = re.compile(r"\b(?:no|not|never|nil|none|n't|dont|doesnt)\b[^.;]{0,20}$")
_GROUP_REACH = 200  # characters after a group word in which its ages are given
_ELSEWHERE_NEXT = re.compile(r"\s*[:\-]?\s*(?:who\s+|all\s+|both\s+)?")


def _adult_group(n: Narrative, ages: list[AgeMention], pos: int) -> bool:
    """The lines around `pos` give the group adult ages: an adult age range or list
    ("aged 25-34", "both m/19 and m/20") or "all over 18". ("All
    adults" is not enough: it may be about other people in the record.)"""
    start, end = max(0, pos - _GROUP_REACH), pos + _GROUP_REACH
    adults = [a for a in ages if a.adult and start <= a.start < end]
    if any(len(a.ages) > 1 for a in adults):
        return True
    return _ADULT_GROUP.search(n.low, start, end) is not None


def filter_cues(n: Narrative, cues: list[Cue], ages: list[AgeMention], facts: dict) -> list[Cue]:
    """Drop relations known to be adults, children living elsewhere, and quoted words in a
    record whose only stated ages are adult ones."""
    has_child_age = any(c.kind for c in cues)
    adult_ages = [min(a.ages) for a in ages if a.adult]
    elderly = bool(adult_ages) and not has_child_age and min(adult_ages) >= 60
    # "she has three children, aged 3, 6 and 11, who live with her mother in Walsall": the
    # sentence's ages go with them (README: the IP's children who live elsewhere).
    away = {n.sentence(c.start) for c in cues if c.relation and _elsewhere(n, c)} \
        if has_child_age else set()
    # An online "hunter" sting or police decoy: the "14-year-old" is an adult's profile.
    decoy = has_child_age and ("decoy" in n.low or "real child" in n.low) and \
        _DECOY.search(n.low) is not None
    kept = []
    for c in cues:
        if c.ages and away and n.sentence(c.start) in away:
            continue
        if decoy and _DECOY_CONTEXT.search(n.low, *n.span_of(c.start)):
            continue
        if not c.ages and c.word in facts["adult_rel"]:
            continue  # the same word used of an adult elsewhere ("bairn is her son m/23")
        if not c.ages and not has_child_age and (c.word in _YOUNG_ADULT_WORDS or (
                c.word in ("kid", "child") and n.hits.get("no_child"))) and _adult_group(n, ages, c.end):
            continue  # "youths ... all aged 18-22", "the kids never lock it ... occupants all adults"
        if not c.ages and not c.kind and lx.ELSEWHERE.rx.match(
                n.low, _ELSEWHERE_NEXT.match(n.low, c.end).end()):
            continue  # "kids: live elsewhere", "kids live with their dad"
        if c.relation and not c.ages:
            grown = "kid" in facts["adult_rel"] or "child" in facts["adult_rel"]  # "kids grown up"
            if c.word in facts["adult_rel"] or ((elderly or grown) and c.word in _OFFSPRING):
                continue
            if _elsewhere(n, c):
                continue
        if c.quoted and c.reason in ("child word", "family relation") and not has_child_age \
                and adult_ages:
            continue
        if c.reason == "implicit: child services" and not has_child_age and adult_ages and \
                _JOB_BEFORE.search(n.low, max(0, c.start - 30), c.start):
            continue  # "personal adviser, Children's Services" referring an adult care leaver
        if c.word in _ADULTS_TOO and not has_child_age and adult_ages:
            continue  # an appropriate adult or a strategy meeting can be for an adult
        kept.append(c)
    return kept


def no_child_statement(n: Narrative, cues: list[Cue], facts: dict) -> bool:
    """README: "lives alone", "no children live at the address", "all adults". A statement
    that is only someone's claim ("says no one else lives there") does not outweigh items
    such as a cot."""
    found, claims_only = facts["no_child"] or facts.get("claimed_none", False), not facts["no_child"]
    for s, e in n.hits.get("no_child", ()):
        if n.quoted(s, e):
            continue
        found = True
        sent_s, _ = n.span_of(s)
        claims_only = claims_only and not lx.CLAIM_WORDS.isdisjoint(
            words_before(n.low, s, min(40, s - sent_s)))
    if found and claims_only and any(c.reason == "implicit: child items" for c in cues):
        return False
    return found
