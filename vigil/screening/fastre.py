"""Fast term matching for the screener (target: over 5,000 narratives a second on one core).

Python's `re` is slow on long alternations, slower still with IGNORECASE, and every extra pass
over the text costs. So:
  * all matching is on a lower-cased copy of the text (same offsets), without IGNORECASE;
  * every term list of the screener (child words, masks, indicators, age phrases...) is merged
    into one first-letter trie ("c(?:annabis|hild)|h(?:eroin)"), and the text is scanned once;
  * that scan only tries word starts: the pattern begins with a separator character, which
    `re` skips to quickly;
  * each hit is then re-matched, anchored, against the lists that have a term starting with
    that letter, so overlapping terms from different lists are all found.
"""

import re

_PUNCT = "".join(chr(c) for c in range(128) if not chr(c).isalnum()) + "‘’“”–—£…"
_KEEP_APOS = _PUNCT.replace("'", "")
_TO_SPACE_KEEP_APOS = str.maketrans(_KEEP_APOS + "’", " " * len(_KEEP_APOS) + "'")
PRE = r"(?<![a-z0-9])"
POST = r"(?![a-z0-9])"
_GROUP_NAME = re.compile(r"\(\?P<\w+>")
_META = set(".^$*+?{}[]|()\\")


def lower_same_length(text: str) -> str:
    """Lower-case with offsets kept (a few characters lower-case to two)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


class Doc:
    """One narrative: the original text and its lower-case copy."""

    __slots__ = ("text", "low")

    def __init__(self, text: str, low: str | None = None):
        self.text = text
        self.low = lower_same_length(text) if low is None else low


def split_top(pattern: str) -> list[str]:
    """Split a pattern on the "|" that are not inside a group or a character class."""
    parts, depth, cls, start, i = [], 0, False, 0, 0
    while i < len(pattern):
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        if cls:
            cls = c != "]"
        elif c == "[":
            cls = True
        elif c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        elif c == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        i += 1
    parts.append(pattern[start:])
    return [p for p in parts if p]


def _expand(term: str) -> list[str]:
    """"(?:a|b)c" -> ["ac", "bc"], so that more terms start with a letter (for the trie)."""
    if not term.startswith("(?:"):
        return [term]
    depth, end = 0, 0
    while end < len(term):
        depth += term[end] == "("
        depth -= term[end] == ")"
        if depth == 0:
            break
        end += 1
    inner, rest = term[3:end], term[end + 1:]
    if "(" in inner or "[" in inner or (rest[:1] in ("?", "*", "+", "{")):
        return [term]
    return [alt + rest for alt in split_top(inner)]


def _split_head(term: str) -> tuple[str, str]:
    """Split a term into its fixed leading text and the regex after it."""
    head, i = [], 0
    while i < len(term):
        c = term[i]
        step = 1
        if c == "\\":
            if i + 1 < len(term) and not term[i + 1].isalnum():
                c, step = term[i + 1], 2
            else:
                break
        elif c in _META:
            break
        if term[i + step:i + step + 1] in ("?", "*", "+", "{"):
            break
        head.append(c)
        i += step
    return "".join(head), term[i:]


_CLASS = re.compile(r"(\(\?:)?(?:\\d|\[(\w)-(\w)\]|\[(\w+)\])(?(1)\))")


def _keys(term: str) -> list[str]:
    """Up to three fixed leading characters of a term, or its possible first characters
    ("\\d" and "[2-9]" give digits), or [""] (may start anywhere)."""
    head, _ = _split_head(term)
    if head:
        return [head[:3]]
    m = _CLASS.match(term)
    if m and term[m.end():m.end() + 1] not in ("?", "*") and term[m.end():m.end() + 2] != "{0":
        if m.group(4):  # "[mf]"
            return list(m.group(4))
        lo, hi = (m.group(2), m.group(3)) if m.group(2) else ("0", "9")
        return [chr(x) for x in range(ord(lo), ord(hi) + 1)]
    return [""]


_ATOM = re.compile(  # "\\d{1,2}", "[mf]", "\\w*+" (a quantifier may be lazy or possessive)
    r"\\[dws](?:(?:\{\d+,?\d*\}|[?*+])[?+]?)?|\[[^\]]*\](?:(?:\{\d+,?\d*\}|[?*+])[?+]?)?")


def _factor(tails: list[str]) -> list[str]:
    """Group tails that start with the same class ("\\d{1,2}...") so that `re` enters one
    alternative instead of several at every position."""
    out: list[str | list[str]] = []
    groups: dict[str, list[str]] = {}
    for t in tails:
        m = _ATOM.match(t)
        if m and len(t) > m.end():
            if m.group() not in groups:
                groups[m.group()] = [m.group()]
                out.append(groups[m.group()])
            groups[m.group()].append(t[m.end():])
        else:
            out.append(t)
    return [x if isinstance(x, str) else f"{x[0]}(?:{'|'.join(x[1:])})" for x in out]


def _trie(terms: list[str]) -> str:
    """One alternation of all terms, factored on their fixed leading text ("child|chidren" ->
    "chi(?:ld|dren)"), so that `re` compares a few characters instead of trying every term.
    Terms keep their order where they share a prefix (an earlier term is tried first)."""
    root: dict = {}
    for t in terms:
        head, tail = _split_head(t)
        node = root
        for c in head:
            node = node.setdefault(c, {})
        node.setdefault("", []).append(tail)

    def emit(node: dict) -> str:
        alts = []
        for c, child in node.items():
            if c == "":
                alts.extend(_factor(child))
            else:
                alts.append(re.escape(c) + emit(child))
        if len(alts) == 1 and len(node) == 1 and "" not in node:
            return alts[0]  # a single path: no group needed
        return "(?:" + "|".join(alts) + ")"

    return emit(root)


class Terms:
    """A list of regex terms over lower-case text, each matched as whole words."""

    def __init__(self, terms: list[str] | str, pre: str = PRE, post: str = POST):
        if isinstance(terms, str):
            terms = split_top(terms)
        # Named groups are dropped: they make `re` slow, and callers that need them re-match.
        self.terms = [x for t in terms for x in _expand(_GROUP_NAME.sub("(?:", t))]
        self.rx = re.compile(pre + _trie(self.terms) + post)


class Bundle:
    """Several term lists matched in one pass over the text (one merged trie)."""

    def __init__(self, named: list[tuple[str, Terms]]):
        self.names = [name for name, _ in named]
        plain = {name: terms.terms for name, terms in named}
        self.rx = re.compile("[^a-z0-9]" + _trie([t for ts in plain.values() for t in ts]) + POST)
        # Re-check a hit only against the lists with a term that starts with the same two
        # letters (or one letter, or anything): usually a handful of lists, not forty.
        keyed: dict[str, list[tuple[str, re.Pattern[str]]]] = {}
        for name, _ in named:
            firsts: dict[str, list[str]] = {}
            for t in plain[name]:
                for k in _keys(t):
                    firsts.setdefault(k, []).append(t)
            for k, ts in firsts.items():
                keyed.setdefault(k, []).append((name, re.compile(_trie(ts) + POST)))
        anywhere = keyed.pop("", [])
        by_len: list[dict[str, list[tuple[str, re.Pattern[str]]]]] = [{}, {}, {}, {}]
        for k, v in keyed.items():
            by_len[len(k)][k] = v
        for size in (1, 2, 3):  # a longer key also needs the lists under its shorter keys
            for k in by_len[size]:
                by_len[size][k] = by_len[size][k] + [
                    x for j in range(size - 1, 0, -1) for x in by_len[j].get(k[:j], [])] + anywhere
        self._by1, self._by2, self._by3 = by_len[1], by_len[2], by_len[3]
        self._anywhere = anywhere

    def scan(self, low: str) -> dict[str, list[tuple[int, int]]]:
        """Spans per list name, in text order; different lists may overlap. Only lists with
        hits are present: use `.get(name, ())`."""
        out: dict[str, list[tuple[int, int]]] = {}
        padded = " " + low  # offsets in `padded` are one more than in `low`
        search, by1, by2, by3 = self.rx.search, self._by1, self._by2, self._by3
        m = search(padded)
        while m is not None:
            p = m.start()  # the separator before the term in `padded` = the term in `low`
            checks = (by3.get(low[p:p + 3]) or by2.get(low[p:p + 2]) or by1.get(low[p])
                      or self._anywhere)
            for name, rx in checks:
                hit = rx.match(low, p)
                if hit is not None:
                    spans = out.setdefault(name, [])
                    if spans and spans[-1][0] == p:  # a list under two keys
                        spans[-1] = (p, max(spans[-1][1], hit.end()))
                    else:
                        spans.append((p, hit.end()))
            m = search(padded, p + 1)
        return out


_CLAUSE_ENDS = (". ", "; ", ": ", "\n")
_PHRASE_ENDS = _CLAUSE_ENDS + (",", "(", ")", "/", " - ", "–", "—")


def words_before(low: str, pos: int, width: int = 80, phrase: bool = False) -> list[str]:
    """The words just before `pos` in the same clause (or, with `phrase`, since the last
    comma, bracket or dash), nearest last."""
    lo = max(0, pos - width)
    for end in _PHRASE_ENDS if phrase else _CLAUSE_ENDS:
        i = low.rfind(end, lo, pos)
        if i >= 0:
            lo = i + len(end)
    chunk = low[lo:pos].translate(_TO_SPACE_KEEP_APOS)
    if "'" not in chunk:  # the common case: nothing to strip
        return chunk.split()
    return [w.strip("'") for w in chunk.split()]
