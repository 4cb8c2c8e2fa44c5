"""The outgoing register book (sổ đăng ký văn bản đi): its lines and its cover.

One line per document a unit issued over a range of days, in the order of issue (DOMAIN.md §4;
NĐ 30/2020/NĐ-CP, Phụ lục IV). A recalled or replaced document keeps its line, with a note: its
number is never reused. Secret documents appear only for people cleared for them, because the
lines are read through ``outgoing_visible_to``. The lines are ``outgoing.selectors``'s, the
cover and the rendering the registers app's (``registers.books``, ``registers.render``).
"""

from __future__ import annotations

import datetime as dt

from vanphong.org.models import Unit, User
from vanphong.outgoing.selectors import OutgoingRegisterRow, outgoing_register_rows
from vanphong.registers.books import BookKind, BookMeta, book_meta
from vanphong.registers.models import Register


def outgoing_book(
    *,
    user: User,
    unit: Unit,
    start: dt.date,
    end: dt.date,
    register: Register | None = None,
) -> tuple[list[OutgoingRegisterRow], BookMeta]:
    """The lines and the cover of ``unit``'s outgoing register from ``start`` to ``end``
    (inclusive) as ``user`` may see it: what the web page and the API print. The same few
    queries whatever the number of lines."""
    rows = outgoing_register_rows(user=user, unit=unit, start=start, end=end, register=register)
    meta = book_meta(
        kind=BookKind.OUTGOING,
        user=user,
        unit=unit,
        start=start,
        end=end,
        register=register,
        rows=rows,
    )
    return rows, meta
