"""Paging a list made of several querysets shown one after the other."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, overload

from django.db.models import QuerySet


class Chain:
    """Querysets one after the other, for a ``Paginator``: each keeps its own (indexed) order,
    where ordering their union by "which part first" would sort all of it on every page.

    ``count()`` adds the parts' counts; a slice reads only the parts it covers, with their own
    LIMIT and OFFSET.
    """

    def __init__(self, *parts: QuerySet[Any]) -> None:
        self.parts = parts
        self._counts: list[int] | None = None

    def counts(self) -> list[int]:
        if self._counts is None:
            self._counts = [part.count() for part in self.parts]
        return self._counts

    def count(self) -> int:
        return sum(self.counts())

    def __len__(self) -> int:
        return self.count()

    def __iter__(self) -> Iterator[Any]:
        for part in self.parts:
            yield from part

    @overload
    def __getitem__(self, index: int) -> Any: ...
    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...
    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, int):
            found = self[index : index + 1] if index >= 0 else []
            if not found:
                raise IndexError(index)
            return found[0]
        if index.step not in (None, 1) or (index.start or 0) < 0 or (index.stop or 0) < 0:
            raise ValueError("a Chain is read by forward slices, as a Paginator does")
        start, stop = index.start or 0, index.stop
        if stop is None:
            stop = self.count()
        items: list[Any] = []
        offset = 0
        for part, size in zip(self.parts, self.counts(), strict=True):
            lo, hi = max(start - offset, 0), min(stop - offset, size)
            if lo < hi:
                items.extend(part[lo:hi])
            offset += size
            if offset >= stop:
                break
        return items
