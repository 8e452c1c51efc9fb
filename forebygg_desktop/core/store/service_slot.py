"""A Store service made on first use, once, whichever thread asks first.

The start page needs only the settings, drafts, catalogue and overview; the other services'
modules (records, questionnaires, materials, exchange, statistics) load when an area or a
command first uses them, so the Store is attached sooner (benchmarks/bench_startup.py).
Workers and the screen's thread may ask at the same moment: the service is made under the
Store's lock, so every caller gets the same object.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any


class ServiceSlot[T]:
    """`service = ServiceSlot(make)` in a class body: `make(owner)` runs on first access."""

    def __init__(self, make: Callable[[Any], T]) -> None:
        self.make = make
        self.name = make.__name__
        self.__doc__ = make.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, owner: Any, owner_type: type | None = None) -> T:
        if owner is None:
            raise AttributeError(f"{self.name} is made per Store, not per class")
        made: T | None = owner.__dict__.get(self.name)
        if made is not None:
            return made
        lock: threading.RLock = owner.services_lock
        with lock:
            if self.name not in owner.__dict__:
                owner.__dict__[self.name] = self.make(owner)
            result: T = owner.__dict__[self.name]
            return result


def service[T](make: Callable[[Any], T]) -> ServiceSlot[T]:
    """Decorator form: `@service` over a method that makes the service."""
    return ServiceSlot(make)
