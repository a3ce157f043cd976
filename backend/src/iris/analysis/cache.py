"""A bounded, thread-safe LRU cache of analyses.

The extensions ask about the same files again and again (every page view of a
file on github.com), so an answer is kept for the life of the process: on
Lambda, for as long as the container stays warm. It is bounded twice: by the
number of entries and by the bytes they hold, so a few huge answers cannot
fill a 512 MB container. The cache measures an entry itself, as every object
its key and value hold plus what the cache spends on keeping it: a caller's
estimate (the answer's JSON) once undercounted tenfold. An entry larger than
the whole byte bound is not kept at all.
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")
ENTRY_BYTES = 200
"""What keeping an entry costs beyond its key and value: the ordered dict's slot and
link, and the pair of value and size (measured with tracemalloc: about 160 bytes)."""


def held_bytes(value: object) -> int:
    """The bytes `value` holds: its own, and those of what its tuples, lists and dicts hold.

    Each object is counted where it appears, so one also held elsewhere (a
    module's constant, a small number) is counted here too: an entry is
    counted at most a little high, never low. The walk keeps its own stack,
    so no value is too deep for it.
    """
    total = 0
    pending = [value]
    while pending:
        item = pending.pop()
        total += sys.getsizeof(item)
        if isinstance(item, (tuple, list)):
            pending.extend(item)
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
    return total


class LruCache(Generic[Value]):
    """At most `capacity` entries and `max_bytes` bytes; the least recently used goes first.

    A capacity or byte bound of zero disables the cache.
    """

    def __init__(self, capacity: int, max_bytes: int) -> None:
        self.capacity = capacity
        self.max_bytes = max_bytes
        self.bytes = 0
        self._entries: OrderedDict[Hashable, tuple[Value, int]] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Value | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: Hashable, value: Value) -> None:
        if self.capacity <= 0 or self.max_bytes <= 0:
            return
        size = held_bytes(key) + held_bytes(value) + ENTRY_BYTES
        if size > self.max_bytes:
            return
        with self._lock:
            previous = self._entries.pop(key, None)
            if previous is not None:
                self.bytes -= previous[1]
            self._entries[key] = (value, size)
            self.bytes += size
            while len(self._entries) > self.capacity or self.bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self.bytes -= dropped
