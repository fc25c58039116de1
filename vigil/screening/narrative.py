"""One narrative as the cue rules see it: sentences, quotes and masked spans, built on demand.

Sources as in `cues`: /work/shared/data/narratives/README.md (places, nicknames, quotes).
"""

import re
import string
from bisect import bisect_right

from vigil.screening import lexicon as lx
from vigil.screening.ages import AgeMention
from vigil.screening.fastre import Doc

_ALLCAPS_SHARE = 0.6
# ASCII letters as bytes: counted with bytes.translate, which is much cheaper than a regex
# pass. Only ASCII characters encode to bytes below 128 in UTF-8, so the counts are exact.
_CAPITALS = string.ascii_uppercase.encode()
_LETTERS = string.ascii_letters.encode()
_SHORT_QUOTE_WORDS = 6
SHORT, LONG = 1, 2  # kinds of quote (Narrative.quoted)
_WORD = re.compile(r"\w+")
_QUOTE_OPENERS = "'\"‘“"  # the characters that can open a quote in lx.QUOTE


class Narrative:
    """Per-call facts about one text: sentences, quotes and masked spans, built on demand."""

    __slots__ = ("doc", "text", "low", "hits", "_sents", "_quotes", "_masks", "nick_words",
                 "by_name", "_caps")

    def __init__(self, text: str, low: str, hits: dict[str, list[tuple[int, int]]]):
        self.doc = Doc(text, low)
        self.text, self.low = text, self.doc.low
        self.hits = hits
        self._sents: list[int] | None = None
        self._quotes: list[tuple[int, int]] | None = None
        self._masks: list[tuple[int, int]] | None = None
        self.nick_words: set[str] = set()
        self.by_name: dict[str, AgeMention] | None = None
        self._caps: bool | None = None

    @property
    def sent_starts(self) -> list[int]:
        if self._sents is None:
            self._sents = [0] + [m.end() for m in lx.SENTENCE_END.finditer(self.text)]
        return self._sents

    @property
    def quotes(self) -> list[tuple[int, int]]:
        if self._quotes is None:
            self._quotes = _quote_spans(self.text)
        return self._quotes

    @property
    def masks(self) -> list[tuple[int, int]]:
        if self._masks is None:
            self._masks = [*self.hits.get("mask", ()), *self._place_names(), *self._nicknames()]
        return self._masks

    def _place_names(self) -> list[tuple[int, int]]:
        """ "Kids Kingdom", "Little Acorns Nursery" (skipped in all-capitals logs)."""
        text = self.text
        if self.mostly_capitals():  # "KIDS KINGDOM TOY STORE"
            low = self.low
            return [(s, m.end()) for s, e in self.hits.get("child", ())
                    if (m := lx.PLACE_AFTER_LOW.match(low, e))]
        capital = [(s, e) for s, e in self.hits.get("child", ()) if text[s].isupper()]
        if not capital and "Nurser" not in text:
            return []
        out = []
        for s, e in capital:
            m = lx.PLACE_AFTER.match(text, e)
            if m:
                out.append((s, m.end()))
        if "Nurser" in text:
            out += [m.span() for m in lx.NURSERY_NAME.finditer(text)]
        return out

    def mostly_capitals(self) -> bool:
        """An upper-case control-room log, where capitals do not mark names."""
        if self._caps is None:
            raw = self.text.encode("utf-8", "surrogatepass")
            letters = len(raw) - len(raw.translate(None, _LETTERS))
            capitals = len(raw) - len(raw.translate(None, _CAPITALS))
            self._caps = bool(letters) and capitals / letters > _ALLCAPS_SHARE
        return self._caps

    def _nicknames(self) -> list[tuple[int, int]]:
        text, out = self.text, []
        for s, e in self.quotes:
            b, a = text[max(0, s - 40):s], text[e:e + 60]
            if (lx.NICK_BEFORE_NAME.search(b) and lx.NICK_AFTER_NAME.match(a)) or \
                    lx.NICK_BEFORE_CALLED.search(b) or lx.NICK_AFTER_CALLED.match(a) or \
                    lx.NICK_BEFORE_ANIMAL.search(b) or lx.NICK_AFTER_PAREN.match(a):
                self.nick_words.update(w.lower() for w in _WORD.findall(text[s + 1:e - 1]))
                out.append((s, e))
        return out

    def sentence(self, pos: int) -> int:
        return bisect_right(self.sent_starts, pos) - 1

    def sentence_span(self, idx: int) -> tuple[int, int]:
        starts = self.sent_starts
        return starts[idx], starts[idx + 1] if idx + 1 < len(starts) else len(self.text)

    def span_of(self, pos: int) -> tuple[int, int]:
        """The sentence around `pos` (sentence_span(sentence(pos)), in one step)."""
        starts = self.sent_starts
        i = bisect_right(starts, pos)
        return starts[i - 1], starts[i] if i < len(starts) else len(self.text)

    # Plain loops: called for every cue, and cheaper than any() over a generator.
    def quoted(self, s: int, e: int) -> int:
        """0 outside quotes, SHORT inside a short quote ("'the kid'", "'a baby screaming'": a
        nickname, or words for what someone heard), LONG inside reported speech."""
        for a, b in self.quotes:
            if a <= s and e <= b:
                return SHORT if self.text.count(" ", a, b) < _SHORT_QUOTE_WORDS else LONG
        return 0

    def masked(self, s: int, e: int) -> bool:
        for a, b in self.masks:
            if s < b and e > a:
                return True
        return False

    def after_mask(self, pos: int) -> bool:
        """True for "goat kids (aged 8 weeks)": an age written straight after a masked phrase."""
        for _, b in self.masks:
            if 0 <= pos - b <= 3:
                return True
        return False


def _quote_spans(text: str) -> list[tuple[int, int]]:
    """The spans of `lx.QUOTE.finditer(text)`, found faster: quote marks are few, so
    `str.find` goes straight to them (a regex pass tests every character), and a mark just
    after a word character ("IP's") cannot open a quote (QUOTE's lookbehind; `\\w` is
    `isalnum()` or "_"), so most marks need no regex call."""
    marks = []
    for c in _QUOTE_OPENERS:
        i = text.find(c)
        while i >= 0:
            marks.append(i)
            i = text.find(c, i + 1)
    out: list[tuple[int, int]] = []
    end = 0
    for i in sorted(marks):
        if i < end or i and (text[i - 1].isalnum() or text[i - 1] == "_"):
            continue  # inside the last quote, or a mark after a word character
        m = lx.QUOTE.match(text, i)
        if m is not None:
            out.append(m.span())
            end = m.end()
    return out
