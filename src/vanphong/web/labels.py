"""The labels of a page's rows, translated once per page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Choices


def label_rows(rows: Iterable[Any], **fields: type[Choices]) -> None:
    """Give each row ``<field>_label``: the label of its ``field``'s value among ``fields[field]``.

    Each label is translated once per page, not once per row (``get_<field>_display`` and a lazy
    label are translated again every time they are shown); a value without a label shows as is.
    """
    labels = {
        name: {value: str(label) for value, label in choices.choices}
        for name, choices in fields.items()
    }
    for row in rows:
        for name, by_value in labels.items():
            value = getattr(row, name)
            setattr(row, f"{name}_label", by_value.get(value, value))
