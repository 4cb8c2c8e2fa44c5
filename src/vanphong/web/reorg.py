"""The 2025 reorganisation of the demo network as the administration page presents it.

``vanphong.org.demo`` holds the plan and applies it; this module reads what the page shows
beside it (today's names of the units concerned, whether the network is there to reorganise)
so that a plan that cannot be applied is explained instead of failing half-way.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from vanphong.core.errors import Conflict
from vanphong.org.data import hanoi
from vanphong.org.demo import reorg_2025_applied, reorg_2025_plan
from vanphong.org.models import Unit
from vanphong.org.selectors import today

CITY_SLUG = "thanhuy"


@dataclass(frozen=True)
class Successor:
    slug: str
    name: str
    primary: bool


@dataclass(frozen=True)
class DistrictStep:
    slug: str
    name: str
    successors: list[Successor]


@dataclass(frozen=True)
class ReorgPreview:
    steps: list[DistrictStep]
    merger_sources: list[str]
    merger_target: str
    applied: bool
    missing: list[str]  # slugs the plan needs that are not open units today

    @property
    def successor_count(self) -> int:
        return sum(len(step.successors) for step in self.steps)

    @property
    def ready(self) -> bool:
        return not self.applied and not self.missing


def _required_slugs(plan: list[dict[str, object]]) -> list[str]:
    boards = [f"{CITY_SLUG}-{s}" for s in hanoi.BOARD_MERGER_2025["sources"]]
    return [CITY_SLUG, *(str(step["district"]) for step in plan), *boards]


def reorg_2025_preview() -> ReorgPreview:
    """The plan district by district with today's names, and whether it can be applied."""
    plan = reorg_2025_plan()
    required = _required_slugs(plan)
    names = dict(
        Unit.objects.active_on(today()).filter(slug__in=required).values_list("slug", "full_name")
    )
    steps = [
        DistrictStep(
            slug=str(step["district"]),
            name=names.get(str(step["district"]), str(step["district"])),
            successors=[
                Successor(
                    slug=str(spec["slug"]),
                    name=str(spec["full_name"]),
                    primary=spec["slug"] == step["primary"],
                )
                for spec in step["successors"]  # type: ignore[attr-defined]
            ],
        )
        for step in plan
    ]
    merger = hanoi.BOARD_MERGER_2025
    return ReorgPreview(
        steps=steps,
        merger_sources=[
            names.get(f"{CITY_SLUG}-{s}", f"{CITY_SLUG}-{s}") for s in merger["sources"]
        ],
        merger_target=str(merger["full_name"]),
        applied=reorg_2025_applied(),
        missing=[slug for slug in required if slug not in names],
    )


def check_reorg_2025_ready(preview: ReorgPreview) -> None:
    """Refuse, with the reason, to start a reorganisation that could not be completed."""
    if preview.applied:
        raise Conflict(
            _("The 2025 reorganisation has already been applied."), code="already_applied"
        )
    if preview.missing:
        raise Conflict(
            _(
                "The demo network is not loaded (missing: %(units)s). "
                "Load it with “vanphong demo” first."
            )
            % {"units": ", ".join(preview.missing[:5])},
            code="no_demo_network",
        )
