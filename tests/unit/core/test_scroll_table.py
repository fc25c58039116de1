"""{% scroll_table %}: a wide table's scroll region, named by the table's caption."""

import re
from pathlib import Path

from django.template import Context, Template

import vigil

LOAD = "{% load govuk %}"


def render(body: str, **context) -> str:
    return Template(LOAD + "{% scroll_table %}" + body + "{% endscroll_table %}").render(Context(context))


def test_region_is_focusable_and_named_by_the_caption():
    html = render("<table><caption class='x'>{{ caption }}</caption><tr><td>1</td></tr></table>",
                  caption="Addresses & <b>history</b>")
    region = re.match(r'<div class="vigil-table-scroll" role="region" aria-labelledby="([^"]+)" tabindex="0">', html)
    assert region, html
    assert f'<caption id="{region.group(1)}" class=\'x\'>Addresses &amp; &lt;b&gt;history&lt;/b&gt;</caption>' in html
    assert html.endswith("</table></div>")


def test_two_tables_on_a_page_get_different_names():
    first = render("<table><caption>A</caption></table>")
    second = render("<table><caption>A</caption></table>")
    ids = [re.search(r'aria-labelledby="([^"]+)"', html).group(1) for html in (first, second)]
    assert ids[0] != ids[1]


def test_a_caption_with_an_id_keeps_it():
    html = render('<table><caption class="c" id="visits-caption">Visits</caption></table>')
    assert 'aria-labelledby="visits-caption"' in html
    assert html.count("id=") == 1


def test_without_a_caption_only_the_overflow_is_contained():
    html = render("<table><tr><td>1</td></tr></table>")
    assert html == '<div class="vigil-table-scroll"><table><tr><td>1</td></tr></table></div>'


def test_every_wrapped_table_in_the_templates_has_a_caption():
    blocks = []
    for path in Path(vigil.__file__).parent.rglob("*.html"):
        for block in re.findall(r"{% scroll_table %}(.*?){% endscroll_table %}", path.read_text(), re.S):
            blocks.append((path.name, block))
    assert len(blocks) > 20
    assert [name for name, block in blocks if "<caption" not in block] == []
