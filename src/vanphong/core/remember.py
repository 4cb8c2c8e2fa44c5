"""What a request would build again and again from the same few things, built once and kept
in the process: the SQL of a person's scope, which the ORM takes milliseconds to build where the
database answers it in a fraction of one. What the SQL finds is read at each request; only its
text and parameters are kept, by everything they are made of."""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class Remembered(Generic[V]):
    """Values built by ``get``'s ``build`` once per key, at most ``size`` of them kept (the
    oldest is forgotten first). The key must hold everything the value is made of: a value is
    never checked again once built."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._values: dict[Hashable, V] = {}
        # A server's threads share the values: one at a time forgets and adds (two may build
        # the same value at once; either is kept).
        self._lock = threading.Lock()

    def get(self, key: Hashable, build: Callable[[], V]) -> V:
        try:
            return self._values[key]
        except KeyError:
            pass
        value = build()
        with self._lock:
            if key not in self._values and len(self._values) >= self.size:
                self._values.pop(next(iter(self._values)))  # the oldest
            self._values[key] = value
        return value

    def __len__(self) -> int:
        return len(self._values)
