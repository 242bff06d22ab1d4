"""The JSON text of rows already listed, kept by the API process.

Even written by the database (clusterd.db.json_text), the text of a long list
costs the database an expression per value and the driver a string per row.  Yet
an action list is mostly the same rows again: an action that has ended never
changes, and operators, Horizon and ``--wait`` loops list the same actions over
and over.

So a list first reads only each row's identity: its ``id`` and ``updated_at``,
which every write of the row moves (the models' ``onupdate``, and every explicit
update sets it to now).  The JSON text of a row is kept under ``(id,
updated_at, variant)``; the texts of rows whose key is not kept are read, and
kept.  A row that changed has a new key, so its old text can never be
served: there is nothing to invalidate, only old keys that age out of the LRU.
What a row shows that is not in the row itself (an action's ``depends_on``) is
read with the identities on every request and never kept.

The texts are bounded by ``[api] rendered_row_cache`` MiB per API process and
database (0 turns the cache off).  Visibility is never decided here: only rows
the request's own query returned are looked up.
"""

import collections
import threading
import weakref

# What an entry costs besides its text: key tuple, strings, the LRU's links.
ENTRY_OVERHEAD = 240

_caches = weakref.WeakKeyDictionary()
_caches_lock = threading.Lock()


class RenderedRows:
    """An LRU of JSON texts bounded by their total size in bytes.

    Safe to share between the API server's threads.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.size = 0
        self._texts = collections.OrderedDict()
        self._lock = threading.Lock()

    def __len__(self):
        return len(self._texts)

    def clear(self):
        with self._lock:
            self._texts.clear()
            self.size = 0

    def get_many(self, keys):
        """The kept text of each key, or None where none is kept."""
        texts = self._texts
        with self._lock:
            found = []
            for key in keys:
                text = texts.get(key)
                if text is not None:
                    texts.move_to_end(key)
                found.append(text)
        return found

    def put_many(self, items):
        """Keep ``(key, text)`` pairs, dropping the least recently used beyond
        the bound (a text larger than the whole bound is not kept)."""
        if self.max_bytes <= 0:
            return
        texts = self._texts
        with self._lock:
            for key, text in items:
                cost = len(text) + ENTRY_OVERHEAD
                if cost > self.max_bytes:
                    continue
                old = texts.pop(key, None)
                if old is not None:
                    self.size -= len(old) + ENTRY_OVERHEAD
                texts[key] = text
                self.size += cost
            while self.size > self.max_bytes:
                _, dropped = texts.popitem(last=False)
                self.size -= len(dropped) + ENTRY_OVERHEAD


def for_database(db, max_bytes):
    """The cache of database ``db`` in this process (one per database and bound,
    so two apps over two databases never share texts)."""
    with _caches_lock:
        by_bound = _caches.setdefault(db, {})
        cache = by_bound.get(max_bytes)
        if cache is None:
            cache = by_bound[max_bytes] = RenderedRows(max_bytes)
        return cache
