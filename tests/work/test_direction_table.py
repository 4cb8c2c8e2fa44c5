"""The direction form's table of assignees, written in Python (``work.forms._table_html``), is
what the template it replaces wrote: the same rows, choices, labels and escaping."""

from __future__ import annotations

import re

import pytest
from django.template import engines
from django.utils.translation import override

from vanphong.work.forms import Row, RowGroup, _table_html

# incoming/_direction_form.html's rows before they were written in Python.
TEMPLATE = """{% load i18n %}{% for group in groups %}
<tbody class="assignee-group">
  <tr class="group-row"><th colspan="4" scope="colgroup">{{ group.title }}</th></tr>
  {% for row in group.rows %}
  <tr data-key="{{ row.key }}" data-search="{{ row.label }} {{ row.detail }}">
    <th scope="row"><span class="who">{{ row.label }}</span>{% if row.detail != row.label %} <small class="muted">{{ row.detail }}</small>{% endif %}</th>
    <td data-label="{% translate 'Lead' %}"><input type="radio" name="lead" value="{{ row.key }}" aria-label="{% blocktranslate with who=row.label %}Lead: {{ who }}{% endblocktranslate %}"{% if row.role == "lead" %} checked{% endif %}></td>
    <td data-label="{% translate 'Co-operate' %}"><input type="checkbox" name="cooperate" value="{{ row.key }}" aria-label="{% blocktranslate with who=row.label %}Co-operate: {{ who }}{% endblocktranslate %}"{% if row.role == "cooperate" %} checked{% endif %}></td>
    <td data-label="{% translate 'For information' %}">{% if row.informed %}<small class="muted" data-testid="informed">{% translate "informed already" %}</small>{% else %}<input type="checkbox" name="inform" value="{{ row.key }}" aria-label="{% blocktranslate with who=row.label %}For information: {{ who }}{% endblocktranslate %}"{% if row.role == "inform" %} checked{% endif %}>{% endif %}</td>
  </tr>
  {% endfor %}
</tbody>
{% endfor %}"""  # noqa: E501 - the template's own lines

GROUPS = [
    RowGroup(
        "Đơn vị",
        [
            Row("u7", "Ban Tuyên giáo", "Ban Tuyên giáo Quận ủy Ba Đình"),
            Row("u8", "Văn phòng", "Văn phòng", role="cooperate"),  # no detail shown
            Row("u9", "Ban Tổ chức", "Ban Tổ chức Quận ủy", informed=True),
        ],
    ),
    RowGroup(
        'Quận ủy "Ba Đình" & <các ban>',
        [
            Row("p1", "Nguyễn Văn An", "Chuyên viên", role="lead"),
            Row("p2", "Trần Thị Bình", "Lãnh đạo", role="inform"),
            Row("p3", 'Lê <b>O\'Brien</b> & "Co"', "Chuyên <viên>"),
            Row("p4", "Phạm Đức", "Chuyên viên", informed=True, role="inform"),
        ],
    ),
    RowGroup("Nhóm trống", []),
]


def _between_tags(html: str) -> str:
    return re.sub(r">\n\s*<", "><", html.strip())  # the template's lines and indents


@pytest.mark.parametrize("language", ["vi", "en"])
def test_the_rows_are_what_the_template_wrote(language):
    with override(language):
        expected = engines["django"].from_string(TEMPLATE).render({"groups": GROUPS})
        assert _table_html(GROUPS) == _between_tags(expected)


def test_a_name_cannot_break_out_of_its_attribute_or_cell():
    html = _table_html(GROUPS)
    assert "<b>" not in html
    assert "<viên>" not in html
    assert "<các" not in html
    assert 'aria-label="Chủ trì: Lê &lt;b&gt;O&#x27;Brien&lt;/b&gt; &amp; &quot;Co&quot;"' in html
