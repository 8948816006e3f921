"""The on-disk store of one model's vectors: ``.npy`` shards, each beside a file of its text hashes.

A shard is two files written once and never changed: ``<name>.npy`` (float32, one row per text) and then
``<name>.keys.npy`` (uint8, one row of 20 bytes per text: the SHA-1 of the UTF-8 text). Each is written to a
temporary file in the same folder and renamed into place, so a reader sees a file whole or not at all, and a shard
counts only once its keys file exists. Damaged shards are removed with a warning; their texts are simply missing.

>>> import tempfile
>>> import numpy as np
>>> tmp = tempfile.TemporaryDirectory()
>>> cache = ShardCache(tmp.name)
>>> cache.put([text_key("a"), text_key("b")], np.eye(2, dtype=np.float32))
>>> found, vectors = cache.get([text_key("b"), text_key("c")])
>>> found.tolist(), vectors.tolist()
([True, False], [[0.0, 1.0]])
>>> tmp.cleanup()
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import uuid
import warnings
from pathlib import Path

import numpy as np

KEY_BYTES = 20
KEYS_SUFFIX = ".keys.npy"
# Leftovers older than this (a writer that died between its two files) are removed by compact().
STALE_SECONDS = 3600


def text_key(text: str) -> bytes:
    """The 20-byte SHA-1 of ``text`` that names its vector in the cache.

    >>> text_key("Ten were killed.").hex()[:8]
    'e321f642'
    """
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).digest()


class DamagedShard(Exception):
    """A shard whose files cannot be read or do not agree with each other."""


class ShardCache:
    """Vectors of one model under ``folder``, looked up by :func:`text_key`.

    The index (key → shard and row) is built from the keys files on first use and extended when this object writes
    a shard; :meth:`get` rescans the folder for shards written by other processes before reporting a key missing.
    ``label`` (JSON-able) is written once to ``folder/model.json`` so a person can tell the folders apart.
    """

    def __init__(self, folder, label: dict | None = None):
        self.folder = Path(folder)
        self.label = label
        self._index: dict[bytes, tuple[str, int]] = {}
        self._shard_keys: dict[str, list[bytes]] = {}
        self._seen: set[str] = set()
        self._scanned = False
        self.dim: int | None = None

    def get(self, keys: list[bytes]) -> tuple[np.ndarray, np.ndarray]:
        """``(found, vectors)``: a boolean mask over ``keys`` and the vectors of the found keys, in order."""
        if not self._scanned:
            self.scan()
        found, vectors = self._lookup(keys)
        if not found.all() and self.scan():
            found, vectors = self._lookup(keys)
        return found, vectors

    def put(self, keys: list[bytes], vectors: np.ndarray) -> None:
        """Write ``vectors`` (one row per key) as a new shard."""
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(keys) != len(vectors) or vectors.ndim != 2:
            raise ValueError(f"{len(keys)} keys for vectors of shape {vectors.shape}")
        if not keys:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        if self.label is not None and not (self.folder / "model.json").exists():
            _atomic_write(self.folder / "model.json", json.dumps(self.label, indent=1, sort_keys=True).encode())
        name = f"{time.time_ns():016x}-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        key_array = np.frombuffer(b"".join(keys), dtype=np.uint8).reshape(len(keys), KEY_BYTES)
        # Vectors first: a shard counts only once its keys file exists.
        _atomic_save(self.folder / f"{name}.npy", vectors)
        _atomic_save(self.folder / f"{name}{KEYS_SUFFIX}", key_array)
        self._seen.add(name)
        self._register(name, list(keys), vectors.shape[1])

    def scan(self) -> int:
        """Index shards not seen before; returns how many were added."""
        self._scanned = True
        try:
            with os.scandir(self.folder) as entries:
                names = [e.name[: -len(KEYS_SUFFIX)] for e in entries
                         if e.name.endswith(KEYS_SUFFIX) and not e.name.startswith(".")]
        except FileNotFoundError:
            return 0
        added = 0
        for name in sorted(set(names) - self._seen):
            self._seen.add(name)
            try:
                keys, dim = self._read_shard_header(name)
            except FileNotFoundError:
                continue  # removed meanwhile by another process's compact()
            except DamagedShard as error:
                self._discard(name, str(error))
                continue
            self._register(name, keys, dim)
            added += 1
        return added

    def compact(self) -> int:
        """Merge all shards into one; returns how many shards were merged. Loads the whole cache into memory.

        Safe while other processes read or write: the merged shard is complete before the old ones are removed,
        and shards written meanwhile are left alone. Also removes leftovers of writers that died.
        """
        self.scan()
        names = list(self._shard_keys)
        merged_keys, blocks = [], []
        taken: set[bytes] = set()
        for name in names:
            try:
                vectors = self._read_rows(name, None)
            except FileNotFoundError:
                continue
            except DamagedShard as error:
                self._discard(name, str(error))
                continue
            keep = [row for row, key in enumerate(self._shard_keys[name]) if key not in taken]
            taken.update(self._shard_keys[name])
            merged_keys += [self._shard_keys[name][row] for row in keep]
            blocks.append(vectors[keep])
        if len(blocks) > 1:
            for name in names:
                self._forget(name)
            self.put(merged_keys, np.concatenate(blocks))
            for name in names:
                _remove_shard(self.folder, name)
        self._remove_stale()
        return len(blocks) if len(blocks) > 1 else 0

    def _lookup(self, keys):
        found = np.zeros(len(keys), dtype=bool)
        by_shard: dict[str, list[tuple[int, int]]] = {}
        for position, key in enumerate(keys):
            where = self._index.get(key)
            if where is not None:
                by_shard.setdefault(where[0], []).append((position, where[1]))
        blocks = []
        for name, pairs in by_shard.items():
            positions, rows = zip(*pairs, strict=True)
            try:
                block = self._read_rows(name, list(rows))
            except FileNotFoundError:
                self._forget(name)
                continue
            except DamagedShard as error:
                self._discard(name, str(error))
                continue
            found[list(positions)] = True
            blocks.append((positions, block))
        vectors = np.empty((int(found.sum()), self.dim or 0), dtype=np.float32)
        order = np.cumsum(found) - 1
        for positions, block in blocks:
            vectors[order[list(positions)]] = block
        return found, vectors

    def _read_shard_header(self, name):
        """The keys of shard ``name`` and its vector width, after checking both files agree."""
        try:
            keys = np.load(self.folder / f"{name}{KEYS_SUFFIX}", allow_pickle=False)
        except FileNotFoundError:
            raise
        except (ValueError, OSError, EOFError) as error:
            raise DamagedShard(f"unreadable keys file ({error})") from error
        if keys.dtype != np.uint8 or keys.ndim != 2 or keys.shape[1] != KEY_BYTES:
            raise DamagedShard(f"keys file holds {keys.dtype} {keys.shape}, not uint8 (n, {KEY_BYTES})")
        path = self.folder / f"{name}.npy"
        try:
            with open(path, "rb") as f:
                version = np.lib.format.read_magic(f)
                read_header = np.lib.format.read_array_header_1_0 if version == (1, 0) \
                    else np.lib.format.read_array_header_2_0
                shape, fortran_order, dtype = read_header(f)
                data_start = f.tell()
        except FileNotFoundError:
            if not (self.folder / f"{name}{KEYS_SUFFIX}").exists():
                raise  # compact() in another process removed the shard, keys first
            raise DamagedShard("keys file without its vectors file") from None
        except (ValueError, OSError, EOFError) as error:
            raise DamagedShard(f"unreadable vectors file ({error})") from error
        if dtype != np.float32 or len(shape) != 2 or fortran_order:
            raise DamagedShard(f"vectors are {dtype} {shape}, not float32 (n, dim)")
        if shape[0] != len(keys):
            raise DamagedShard(f"{shape[0]} vectors for {len(keys)} keys")
        if self.dim is not None and shape[1] != self.dim:
            raise DamagedShard(f"vectors have {shape[1]} dimensions where the other shards have {self.dim}")
        if path.stat().st_size != data_start + shape[0] * shape[1] * 4:
            raise DamagedShard("vectors file is truncated")
        buffer = keys.tobytes()
        return [buffer[i : i + KEY_BYTES] for i in range(0, len(buffer), KEY_BYTES)], shape[1]

    def _read_rows(self, name, rows):
        """Rows ``rows`` (all if None) of shard ``name``, copied out of a memory map."""
        try:
            mapped = np.load(self.folder / f"{name}.npy", mmap_mode="r", allow_pickle=False)
            block = np.array(mapped if rows is None else mapped[rows], dtype=np.float32)
            del mapped
        except FileNotFoundError:
            raise
        except (ValueError, OSError, EOFError, IndexError) as error:
            raise DamagedShard(f"unreadable vectors file ({error})") from error
        if block.ndim != 2 or block.shape[1] != self.dim or not np.isfinite(block).all():
            raise DamagedShard(f"vectors of shape {block.shape} are not {self.dim} finite numbers per row")
        return block

    def _register(self, name, keys, dim):
        if self.dim is None:
            self.dim = dim
        self._shard_keys[name] = keys
        for row, key in enumerate(keys):
            self._index.setdefault(key, (name, row))

    def _forget(self, name):
        for key in self._shard_keys.pop(name, ()):
            if self._index.get(key, ("",))[0] == name:
                del self._index[key]

    def _discard(self, name, reason):
        self._forget(name)
        _remove_shard(self.folder, name)
        warnings.warn(f"embedding cache: removed damaged shard {self.folder / name}.npy ({reason}); "
                      "its texts will be embedded again", RuntimeWarning, stacklevel=2)

    def _remove_stale(self):
        cutoff = time.time() - STALE_SECONDS
        if not self.folder.is_dir():
            return
        with os.scandir(self.folder) as entries:
            for entry in entries:
                orphan = entry.name.endswith(".npy") and not entry.name.endswith(KEYS_SUFFIX) \
                    and not os.path.exists(self.folder / (entry.name[:-4] + KEYS_SUFFIX))
                try:
                    if (orphan or entry.name.startswith(".tmp-")) and entry.stat().st_mtime < cutoff:
                        _unlink(entry.path)
                except FileNotFoundError:
                    pass  # renamed into place or removed by another process meanwhile


def _atomic_save(path: Path, array: np.ndarray) -> None:
    with _AtomicFile(path) as f:
        np.save(f, array, allow_pickle=False)


def _atomic_write(path: Path, data: bytes) -> None:
    with _AtomicFile(path) as f:
        f.write(data)


class _AtomicFile:
    """Write to a uniquely named temporary file beside ``path``, then rename it onto ``path``."""

    def __init__(self, path: Path):
        self.path = path
        self.tmp = path.with_name(f".tmp-{os.getpid()}-{uuid.uuid4().hex}")

    def __enter__(self):
        self.file = open(self.tmp, "wb")
        return self.file

    def __exit__(self, kind, error, traceback):
        try:
            if kind is None:
                self.file.flush()
                os.fsync(self.file.fileno())
        finally:
            self.file.close()
        if kind is None:
            os.replace(self.tmp, self.path)
        else:
            _unlink(self.tmp)


def _remove_shard(folder: Path, name: str) -> None:
    # Keys first, so the shard stops counting before its vectors go.
    _unlink(folder / f"{name}{KEYS_SUFFIX}")
    _unlink(folder / f"{name}.npy")


def _unlink(path) -> None:
    try:
        os.unlink(path)
    except OSError:
        pass  # gone already, or (Windows) held open by a reader: a leftover shard is harmless
