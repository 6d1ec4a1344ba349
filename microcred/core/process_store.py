"""A worker's own store of objects: no pickling, least recently used dropped first (#19)."""

import threading
from collections import OrderedDict
from typing import Any


class ProcessStore:
    """The worker's own entries: the newest `limit` keys, least recently used dropped first.

    A lock, because a threaded server (runserver, or gunicorn with threads) shares the store."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        self._entries: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> Any:
        with self._lock:
            value = self._entries.get(key)
            if value is not None:
                self._entries.move_to_end(key)
            return value

    def set(self, key: str, value: Any) -> None:
        with self._lock:
            self._entries[key] = value
            self._entries.move_to_end(key)
            while len(self._entries) > self.limit:
                self._entries.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
