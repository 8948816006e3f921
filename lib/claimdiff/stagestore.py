"""One stage result on disk, for :mod:`claimdiff.stagecache`: Parquet tables and a JSON entry, never a pickle.

An entry is a folder::

    <stage>-<key>/
      entry.json        {"format": 2, "result": ..., "tables": {name: {"sha1", "dtypes"}}, "warnings": [...]}
      table-0.parquet   one file per table of the result

``result`` says how the tables make up what the stage returned: ``{"table": "table-0.parquet"}``, a tuple
``{"tuple": [...], "type": null}`` (or ``"claimdiff.corpus:Corpus"`` for a named tuple) or ``{"value": ...}`` for a
JSON value. Classes (a named tuple, a warning's category) are looked up among the modules already imported, never
imported, so reading an entry runs no code it names. A table's bytes must match their SHA-1 and the table its
recorded dtypes, else the entry counts as damaged: :func:`read` warns and returns None, and the caller computes.

>>> import tempfile
>>> tmp = tempfile.TemporaryDirectory()
>>> table = pd.DataFrame({"n": pd.array([1, None], dtype="Int64"), "ok": pd.array([True, None], dtype="boolean")})
>>> write(Path(tmp.name, "demo-1"), Stored((table, "note"), []))
>>> back, note = read(Path(tmp.name, "demo-1")).result
>>> back.dtypes.astype(str).tolist(), note
(['Int64', 'boolean'], 'note')
>>> read(Path(tmp.name, "never-written")) is None
True
>>> tmp.cleanup()
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import os
import re
import shutil
import sys
import time
import uuid
import warnings
from pathlib import Path
from typing import NamedTuple

import pandas as pd

FORMAT = 2  # bump when the layout changes: the stage cache's keys change with it
ENTRY = "entry.json"
# An entry not read or written for this long is removed when another is written (old library versions pile up).
STALE_DAYS = 30
_TABLE_NAME = re.compile(r"table-\d+\.parquet")


class Stored(NamedTuple):
    """What a stage returned and the warnings it gave: ``(message, category, filename, lineno)``."""

    result: object
    warnings: list[tuple[str, type[Warning], str, int]]


class _Unstorable(Exception):
    """A result the entry format cannot give back exactly: it is computed each time instead."""


class _Damaged(Exception):
    """An entry that does not read back as written."""


def write(entry: Path, stored: Stored) -> None:
    """Store ``stored`` as the folder ``entry`` (atomically; a result that cannot be stored exactly is skipped)."""
    try:
        blobs: list[tuple[bytes, list]] = []
        result = _encode(stored.result, blobs)
        caught = [{"message": message, "category": _class_name(category, Warning), "filename": filename,
                   "lineno": lineno} for message, category, filename, lineno in stored.warnings]
    except _Unstorable:
        return
    tables = {f"table-{i}.parquet": blob for i, (blob, _) in enumerate(blobs)}
    manifest = {"format": FORMAT, "result": result, "warnings": caught,
                "tables": {f"table-{i}.parquet": {"sha1": hashlib.sha1(blob).hexdigest(), "dtypes": dtypes}
                           for i, (blob, dtypes) in enumerate(blobs)}}
    tmp = entry.with_name(f".tmp-{os.getpid()}-{uuid.uuid4().hex}")
    try:
        tmp.mkdir(parents=True)
        for name, blob in tables.items():
            (tmp / name).write_bytes(blob)
        (tmp / ENTRY).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        _move_into_place(tmp, entry)
        _remove_stale(entry.parent)
    except OSError as error:
        _remove(tmp)
        warnings.warn(f"stage cache {entry.parent} is not writable ({error}); carrying on without it. Set "
                      "CLAIMDIFF_CACHE to a writable folder, or CLAIMDIFF_STAGE_CACHE=0.", RuntimeWarning,
                      stacklevel=3)


def read(entry: Path) -> Stored | None:
    """The result stored at ``entry``; None when there is none or it is damaged (with a warning)."""
    if not entry.exists():
        return None
    try:
        manifest = json.loads((entry / ENTRY).read_text(encoding="utf-8"))
        if manifest["format"] != FORMAT:
            raise _Damaged(f"format {manifest['format']!r}, not {FORMAT}")
        tables = {name: _read_table(entry, name, info) for name, info in manifest["tables"].items()}
        result = _decode(manifest["result"], tables)
        caught = [(_typed(w["message"], str), _resolve(w["category"], Warning), _typed(w["filename"], str),
                   _typed(w["lineno"], int)) for w in manifest["warnings"]]
    except Exception as error:  # any damage (a missing file, bad JSON, changed bytes) means: compute again
        warnings.warn(f"stage cache: {entry} is unreadable ({type(error).__name__}: {error}); computing again",
                      RuntimeWarning, stacklevel=3)
        return None
    with contextlib.suppress(OSError):
        os.utime(entry)  # in use: not stale
    return Stored(result, caught)


def _encode(value, blobs: list[tuple[bytes, list]]):
    if isinstance(value, pd.DataFrame):
        blobs.append((_parquet_bytes(value), _dtypes(value)))
        return {"table": f"table-{len(blobs) - 1}.parquet"}
    if isinstance(value, tuple):
        kind = None if type(value) is tuple else _class_name(type(value), tuple)
        return {"tuple": [_encode(item, blobs) for item in value], "type": kind}
    if _is_json(value):
        return {"value": value}
    raise _Unstorable(f"a {type(value).__name__}")


def _decode(encoded: dict, tables: dict[str, pd.DataFrame]):
    (kind,) = set(encoded) - {"type"}
    if kind == "table":
        return tables[encoded["table"]]
    if kind == "tuple":
        items = [_decode(item, tables) for item in encoded["tuple"]]
        return tuple(items) if encoded["type"] is None else _resolve(encoded["type"], tuple)(*items)
    if kind == "value":
        return encoded["value"]
    raise _Damaged(f"a result of kind {kind!r}")


def _parquet_bytes(frame: pd.DataFrame) -> bytes:
    """The table as Parquet, if it reads back equal, with the same dtypes; else :class:`_Unstorable`."""
    if any(pd.api.types.is_object_dtype(dtype) for dtype in [*frame.dtypes, frame.index.dtype]):
        raise _Unstorable("a column of Python objects")  # lists come back as arrays, mixed types fail
    buffer = io.BytesIO()
    try:
        frame.to_parquet(buffer, engine="pyarrow")
        blob = buffer.getvalue()
        back = _parquet_frame(blob)
    except Exception as error:  # pyarrow's own errors, non-JSON attrs, ...
        raise _Unstorable(str(error)) from error
    if _dtypes(back) != _dtypes(frame) or not back.equals(frame) or back.attrs != frame.attrs:
        raise _Unstorable("a table that does not read back the same")
    return blob


def _parquet_frame(blob: bytes) -> pd.DataFrame:
    return pd.read_parquet(io.BytesIO(blob), engine="pyarrow")


def _read_table(entry: Path, name: str, info: dict) -> pd.DataFrame:
    if not _TABLE_NAME.fullmatch(name):
        raise _Damaged(f"a table named {name!r}")
    blob = (entry / name).read_bytes()
    if hashlib.sha1(blob).hexdigest() != info["sha1"]:
        raise _Damaged(f"{name} changed since it was written")
    frame = _parquet_frame(blob)
    if _dtypes(frame) != info["dtypes"]:
        raise _Damaged(f"{name} reads back with other dtypes")
    return frame


def _dtypes(frame: pd.DataFrame) -> list[list[str]]:
    """Column names and dtypes, the index last, as JSON keeps them."""
    return [[repr(name), str(dtype)] for name, dtype in frame.dtypes.items()] + [["index", str(frame.index.dtype)]]


def _is_json(value) -> bool:
    """Whether ``value`` comes back from JSON as it is (no tuples, no non-str keys, no NaN)."""
    if value is None or type(value) in (bool, int, str):
        return True
    if type(value) is float:
        return value == value and abs(value) != float("inf")
    if type(value) is list:
        return all(_is_json(item) for item in value)
    if type(value) is dict:
        return all(type(key) is str and _is_json(item) for key, item in value.items())
    return False


def _class_name(cls: type, base: type) -> str:
    name = f"{cls.__module__}:{cls.__qualname__}"
    try:
        found = _resolve(name, base)
    except _Damaged as error:
        raise _Unstorable(str(error)) from error
    if found is not cls:
        raise _Unstorable(f"{name} is not found under its name")
    return name


def _resolve(name: str, base: type) -> type:
    """The class ``module:qualname`` from an already imported module: never imports, never runs module code."""
    module, _, qualname = _typed(name, str).partition(":")
    found = sys.modules.get(module)
    for part in qualname.split("."):
        found = vars(found).get(part) if found is not None else None
    if not (isinstance(found, type) and issubclass(found, base)) or (base is tuple and not hasattr(found, "_fields")):
        raise _Damaged(f"{name} is not a {base.__name__} class of an imported module")
    return found


def _typed(value, kind: type):
    if type(value) is not kind:
        raise _Damaged(f"{value!r} is not a {kind.__name__}")
    return value


def _move_into_place(tmp: Path, entry: Path) -> None:
    try:
        os.rename(tmp, entry)
    except OSError:  # an entry is there: a damaged one being replaced, or one another process just wrote
        old = entry.with_name(f".old-{os.getpid()}-{uuid.uuid4().hex}")
        with contextlib.suppress(OSError):
            os.rename(entry, old)
        try:
            os.rename(tmp, entry)
        except OSError:  # another process got there first: its entry is as good as ours
            _remove(tmp)
        _remove(old)


def _remove_stale(folder: Path) -> None:
    cutoff = time.time() - STALE_DAYS * 86400
    for old in folder.iterdir():
        with contextlib.suppress(OSError):  # removed meanwhile by another process
            if old.suffix == ".pkl" or old.stat().st_mtime < cutoff:  # .pkl: the format before this one
                _remove(old)


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path, ignore_errors=True)
    else:
        with contextlib.suppress(OSError):
            path.unlink()
