"""The one place this app calls the narrative screener (vigil.screening, plain Python).

`screen_narrative` adapts the screener's ScreenResult to plain data that is stored on the
incident; `highlight` turns the evidence spans into escaped HTML with <mark> elements.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from datetime import date

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class NarrativeResult:
    required: bool
    ages: list[int | None] = field(default_factory=list)
    indicators: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)  # {"start", "end", "text", "reason"}
    screener: str = "vigil.screening"


def _load_screener():
    try:
        from vigil.screening import screen
    except ImportError:
        try:
            from vigil.screening.screener import screen
        except ImportError:
            return None
    except Exception:
        logger.exception("narrative screener failed to load; using the keyword fallback")
        return None
    return screen


# Used only when the screener package is missing (e.g. a partial install). It fails towards
# flagging: a person then decides. It is not the screener and is not evaluated as one.
_FALLBACK = re.compile(
    r"\b(child(?:ren)?|bab(?:y|ies)|infant|toddler|newborn|kids?|sons?|daughters?|boys?|girls?|"
    r"teenagers?|juveniles?|youths?|pupils?|(?:\w+-)?years?-old|aged \d{1,2}|car seat|child seat|cot|pram)\b",
    re.IGNORECASE,
)


def _fallback(text: str) -> NarrativeResult:
    evidence = [
        {"start": m.start(), "end": m.end(), "text": m.group(0), "reason": "child word (keyword fallback)"}
        for m in _FALLBACK.finditer(text)
    ]
    return NarrativeResult(bool(evidence), [None] if evidence else [], [], evidence, "keyword fallback")


def screen_narrative(text: str, incident_date: date) -> NarrativeResult:
    screen = _load_screener()
    if screen is None:
        return _fallback(text)
    try:
        result = screen(text, incident_date)
    except Exception:
        # A screener fault must never stop an incident being recorded or leave it unscreened:
        # log it and fall back to flagging on child words, for a person to check.
        logger.exception("narrative screener failed; using the keyword fallback")
        return _fallback(text)
    evidence = []
    for ev in getattr(result, "evidence", []) or []:
        start, end = int(ev.start), int(ev.end)
        span = str(getattr(ev, "text", "") or text[start:end])
        if not (0 <= start < end <= len(text)) or text[start:end] != span:
            # Offsets that do not match the text are re-found rather than trusted.
            found = text.find(span) if span else -1
            if found < 0:
                continue
            start, end = found, found + len(span)
        evidence.append({"start": start, "end": end, "text": text[start:end],
                         "reason": str(getattr(ev, "reason", "") or "")})
    ages = [a if a is None else int(a) for a in (getattr(result, "ages", []) or [])]
    return NarrativeResult(
        required=bool(result.safeguarding_check_required),
        ages=ages,
        indicators=[str(i) for i in (getattr(result, "indicators", []) or [])],
        evidence=evidence,
    )


def _merged(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    merged: list[tuple[int, int, str]] = []
    for start, end, reason in sorted(spans):
        if merged and start <= merged[-1][1]:
            last = merged[-1]
            reasons = last[2] if reason in last[2].split("; ") else f"{last[2]}; {reason}".strip("; ")
            merged[-1] = (last[0], max(last[1], end), reasons)
        else:
            merged.append((start, end, reason))
    return merged


def highlight(text: str, evidence: list[dict]) -> SafeString:
    """The narrative as HTML with each evidence span in <mark class="vigil-highlight">.
    Every piece of the narrative goes through escape(); only our own tags are trusted."""
    spans = []
    for ev in evidence or []:
        try:
            start, end = int(ev["start"]), int(ev["end"])
        except (KeyError, TypeError, ValueError):
            continue
        if 0 <= start < end <= len(text):
            spans.append((start, end, str(ev.get("reason", ""))))
    parts: list[str] = []
    pos = 0
    for start, end, reason in _merged(spans):
        parts.append(escape(text[pos:start]))
        if reason:
            parts.append(format_html('<mark class="vigil-highlight" title="{}">{}</mark>', reason, text[start:end]))
        else:
            parts.append(format_html('<mark class="vigil-highlight">{}</mark>', text[start:end]))
        pos = end
    parts.append(escape(text[pos:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part above is escaped or format_html
