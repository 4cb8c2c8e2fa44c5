"""The labels of a page's rows, translated once per page."""

from __future__ import annotations

from typing import Any

from django.db.models import Choices


def labels_of(choices: type[Choices]) -> dict[Any, str]:
    """Each value of ``choices`` with its label, translated now: once for a page's rows, where
    ``get_<field>_display`` and a lazy label are translated again every time they are shown. A
    row shows a value without a label as it is (``labels.get(value, value)``)."""
    return {value: str(label) for value, label in choices.choices}
