"""The screener adapter: evidence offsets checked against the text; highlighting escapes everything."""

from dataclasses import dataclass
from datetime import date

from vigil.incidents import screening


def test_highlight_marks_spans_and_escapes_the_rest():
    text = '<b>x</b> & his one-year-old son "Tom"'
    start = text.index("one-year-old")
    html = screening.highlight(text, [{"start": start, "end": start + 12, "text": "one-year-old", "reason": "age"}])
    assert html == ('&lt;b&gt;x&lt;/b&gt; &amp; his <mark class="vigil-highlight" title="age">one-year-old</mark> '
                    'son &quot;Tom&quot;')


def test_highlight_escapes_inside_the_mark_and_the_reason():
    text = "a <script> b"
    html = screening.highlight(text, [{"start": 2, "end": 10, "reason": '"><img>'}])
    assert "<script>" not in html and "<img>" not in html
    assert '<mark class="vigil-highlight" title="&quot;&gt;&lt;img&gt;">&lt;script&gt;</mark>' in html


def test_overlapping_spans_merge_and_bad_spans_are_ignored():
    text = "baby in a child seat"
    html = screening.highlight(text, [
        {"start": 0, "end": 4, "reason": "word"}, {"start": 2, "end": 9, "reason": "word"},
        {"start": 50, "end": 60}, {"start": "x"}, {"end": 3},
    ])
    assert html.count("<mark") == 1 and '<mark class="vigil-highlight" title="word">baby in a</mark>' in html


@dataclass
class Ev:
    start: int
    end: int
    text: str
    reason: str


@dataclass
class Result:
    safeguarding_check_required: bool
    ages: list
    indicators: list
    evidence: list


def test_offsets_that_do_not_match_the_text_are_found_again(monkeypatch):
    text = "The toddler was asleep."
    monkeypatch.setattr(screening, "_load_screener", lambda: lambda t, d: Result(
        True, [2], ["neglect"], [Ev(0, 3, "toddler", "word"), Ev(0, 3, "not there", "x")]))
    result = screening.screen_narrative(text, date(2026, 1, 1))
    assert result.evidence == [{"start": 4, "end": 11, "text": "toddler", "reason": "word"}]
    assert result.ages == [2] and result.indicators == ["neglect"] and result.required


def test_a_failing_screener_falls_back_to_flagging_child_words(monkeypatch):
    def broken(text, day):
        raise RuntimeError("boom")

    monkeypatch.setattr(screening, "_load_screener", lambda: broken)
    result = screening.screen_narrative("Baby in a car seat in the rear.", date(2026, 1, 1))
    assert result.required and result.screener == "keyword fallback"
    assert {e["text"].lower() for e in result.evidence} >= {"baby", "car seat"}


def test_fallback_does_not_flag_adult_only_text(monkeypatch):
    monkeypatch.setattr(screening, "_load_screener", lambda: None)
    assert not screening.screen_narrative("Two adults argued in the street.", date(2026, 1, 1)).required
