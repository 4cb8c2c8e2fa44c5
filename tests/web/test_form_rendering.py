"""Selects written by ``web.rendering.FormRenderer`` are exactly what Django's templates write."""

from __future__ import annotations

from typing import Any

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates, get_default_renderer
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy, override

from vanphong.web.rendering import FormRenderer

CHOICES = [
    ("", gettext_lazy("All")),
    ("a&b", 'Quote " and <tag>'),
    (12345, 67890),  # numbers, localised as a template shows them
    ("safe", mark_safe("<em>kept</em>")),
    ("Đảng", "Đảng ủy"),
]
GROUPED = [
    ("", "—"),
    ("Quận ủy Ba Đình", [("u1", "Người một"), ("u2", "Người hai")]),
    (gettext_lazy("Units"), [("unit:3", "Ban Tổ chức")]),
]


class _Radio(forms.Select):
    """A select whose options come from another template: left to Django's templates."""

    option_template_name = "django/forms/widgets/input_option.html"


def _both(widget: forms.Widget, value: Any, attrs: dict[str, Any] | None = None) -> list[str]:
    return [
        widget.render("field", value, attrs=attrs, renderer=renderer)
        for renderer in (FormRenderer(), DjangoTemplates())
    ]


@pytest.mark.parametrize(
    ("widget", "value", "attrs"),
    [
        (forms.Select(choices=CHOICES), "a&b", {"id": "id_field", "required": True}),
        (forms.Select(choices=CHOICES), None, None),
        (forms.Select(choices=CHOICES), 12345, {"disabled": False, "data-x": 'say "hi"'}),
        (forms.Select(choices=GROUPED), "u2", {"aria-invalid": "true"}),
        (forms.Select(choices=[]), "", None),
        (forms.SelectMultiple(choices=GROUPED), ["u1", "unit:3"], {"id": "id_field"}),
        (forms.SelectMultiple(choices=CHOICES), [], None),
        (forms.NullBooleanSelect(), True, None),
        (_Radio(choices=CHOICES), "safe", None),
    ],
)
def test_a_select_is_written_as_djangos_templates_write_it(widget, value, attrs):
    with override("vi"):
        ours, django = _both(widget, value, attrs)
    assert ours == django
    assert ours.startswith('<select name="field"')


def test_options_from_another_template_are_left_to_the_templates(monkeypatch):
    written = []
    monkeypatch.setattr("vanphong.web.rendering._select", lambda w: written.append(w) or "")
    ours, django = _both(_Radio(choices=CHOICES), "safe")
    assert written == []
    assert ours == django
    assert "<input" in ours
    _both(forms.Select(choices=CHOICES), "safe")
    assert len(written) == 1


def test_the_project_renders_forms_with_it():
    assert isinstance(get_default_renderer(), FormRenderer)
