"""The delivery board (bảng theo dõi gửi văn bản): what the acting unit sent that needs
attention — not sent yet, failed, returned by the recipient, or not acknowledged within a day."""

from __future__ import annotations

from typing import cast

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from vanphong.core.errors import Forbidden
from vanphong.exchange.models import Business
from vanphong.org.acting import current_acting
from vanphong.org.models import User
from vanphong.outgoing.selectors import PROBLEMS, UNIT_WIDE, deliveries_board, problem_label
from vanphong.web.errors import domain_errors


@login_required
@require_GET
@domain_errors
def outgoing_board(request: HttpRequest) -> HttpResponse:
    """The deliveries of the acting unit's documents needing attention, for its clerks, office
    leaders and leaders (others get 403); ``?problem=`` keeps one kind of problem. Failed
    deliveries show their last error; the exchange has no service to send one again yet, so
    the page offers no button for it."""
    user = cast(User, request.user)
    acting = current_acting(request)
    if acting is None or acting.role not in UNIT_WIDE:
        raise Forbidden(
            _("Only the clerks, office leaders and leaders of a unit see its deliveries."),
            code="board_forbidden",
        )
    board = deliveries_board(acting.unit, user=user)
    problem = request.GET.get("problem", "")
    if problem not in PROBLEMS:
        problem = ""
    # A recall, an update or a replacement is named as such; a plain document needs no word.
    businesses = {b.value: b.label for b in Business if b != Business.NEW}
    rows = [
        {"row": r, "business": businesses.get(r.business, "")}
        for r in board.rows
        if not problem or r.problem == problem
    ]
    shown = len(rows)
    total = board.counts[problem] if problem else sum(board.counts.values())
    tabs = [
        {"problem": p, "label": problem_label(p), "count": board.counts[p], "active": p == problem}
        for p in PROBLEMS
    ]
    return render(
        request,
        "outgoing/board.html",
        {
            "unit": acting.unit,
            "rows": rows,
            "tabs": tabs,
            "problem": problem,
            "total": total,
            "truncated": shown < total,
        },
    )
