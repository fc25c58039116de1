"""The trend chart's SVG and the seed's risk-level mix."""

import random
from collections import Counter

from vigil.offenders.charts import Series, line_chart
from vigil.offenders.seed import _allocate


def test_chart_is_accessible_svg_without_styles_or_scripts():
    svg = str(line_chart(title="Overdue <visits>", labels=["01 Jan 24", "08 Jan 24", "15 Jan 24"],
                         series=[Series("Visits overdue", [3, 5, 2]), Series("Assessments & more", [1, 0, 4])]))
    assert svg.startswith("<svg") and 'role="img"' in svg
    assert "<title" in svg and "<desc" in svg and "aria-labelledby" in svg
    assert "Overdue &lt;visits&gt;" in svg and "Assessments &amp; more" in svg
    assert "style=" not in svg and "<script" not in svg
    assert svg.count("<polyline") == 2 and svg.count("<circle") == 6
    assert "from 3 to 2" in svg  # the description states each series' change


def test_chart_with_one_point_and_all_zero():
    svg = str(line_chart(title="t", labels=["today"], series=[Series("Visits", [0])]))
    assert "<polyline" in svg


def test_national_mix():
    levels = Counter(_allocate(1000, random.Random(1)))
    assert levels == {"very_high": 20, "high": 180, "medium": 300, "low": 500}
    small = Counter(_allocate(13, random.Random(2)))
    assert sum(small.values()) == 13 and small["very_high"] == 1
