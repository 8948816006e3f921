"""Stage results kept on disk, so that a notebook or a second run does not recompute what an earlier one did.

:func:`cached_stage` wraps a stage function (``cluster_events``, ``extract_details``, ``align_claims``,
``compare_details``, ``load_corpus`` and the ECB+ loader). A call looks its result up under a key made of

- the stage's name and every argument, defaults filled in: a file or folder a loader reads by its path and the
  content of its files; tables by their content (``pd.util.hash_pandas_object`` of rows and index, plus column
  names and dtypes); an :class:`~claimdiff.Embedder` by its model and backend (its cache folder name); a settings
  dataclass (:mod:`claimdiff.settings`) by its name and every field but those marked ``same_result`` in their metadata
  (how many processes do the work); other settings by their ``repr``;
- the library itself: a hash of every file of the installed ``claimdiff`` package (code and lexicons), so an edited
  module or lexicon starts afresh, and the versions of the libraries that read and analyse the texts
  (:data:`DEPENDENCIES`).

A changed report, sentence, setting, model or library therefore gives a fresh result. Warnings the stage gave are
stored with its result and given again when it is read back.

Each result is a folder ``<cache>/stages/<stage>-<key>/``, where ``<cache>`` is the cache folder of
:func:`claimdiff.cachedirs.cache_settings` (``$CLAIMDIFF_CACHE``, else ``~/.cache/claimdiff/embeddings``): its
tables as Parquet files (``table-0.parquet``, ...) and ``entry.json``, which says how they make up the result (one
table, a tuple such as ``(assignments, events)`` or a :class:`~claimdiff.Corpus`, or a small JSON value), the
warnings, and each table's SHA-1 and dtypes. Nothing is unpickled: reading a folder someone else could write to
runs none of their code. A table comes back with the same columns, dtypes (``str``, ``int64``, ``Int64``,
``boolean``, ``float64``, ``datetime64[ns]``, ...), index and ``attrs``; a result that would not (a column of
Python objects such as lists, any object but a table, tuple or JSON value) is computed each time and not stored.
The folder is written under a temporary name and renamed into place, so processes may share the cache; an entry
that is damaged or incomplete (a changed byte, a missing file, other dtypes) is computed again and replaced, with a
warning. A result unused for 30 days is removed when another is written; delete ``stages/`` to forget every result.
Set ``CLAIMDIFF_STAGE_CACHE=0`` to turn the cache off (the tests do, apart from those of this module). A call with
an argument the key cannot describe (an embedder that is not an ``Embedder`` or has no cache folder, any other
object) computes without the cache. Not seen by the key: a stage function replaced at run time (monkeypatching).

>>> import tempfile
>>> tmp = tempfile.TemporaryDirectory()
>>> calls = []
>>> @cached_stage("demo")
... def double(table: pd.DataFrame, factor: int = 2) -> pd.DataFrame:
...     calls.append(factor)
...     return table * factor
>>> with use_cache_dir(tmp.name):
...     first = double(pd.DataFrame({"x": [1, 2]}))
...     again = double(pd.DataFrame({"x": [1, 2]}))       # read back: the function does not run
...     other = double(pd.DataFrame({"x": [1, 2]}), 3)    # another setting: computed
>>> calls, again["x"].tolist(), other["x"].tolist()
([2, 3], [2, 4], [3, 6])
>>> tmp.cleanup()
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import hashlib
import inspect
import warnings
from importlib import metadata
from pathlib import Path

import pandas as pd

from . import stagestore
from .cachedirs import cache_settings

# Libraries whose version can change a stage's result; a new version starts afresh.
DEPENDENCIES = ("numpy", "pandas", "pyarrow", "scikit-learn", "scipy", "dateparser", "trafilatura",
                "charset-normalizer", "py3langid", "python-frontmatter", "PyYAML", "python-docx", "striprtf", "pypdf")
_override: list[Path] = []


class _Uncacheable(Exception):
    """An argument the key cannot describe: the call computes without the cache."""


def cached_stage(stage: str, paths: tuple[str, ...] = ()):
    """Decorator: keep the results of the stage function on disk, keyed as the module docstring says.

    ``paths`` names the arguments that are files or folders (a dataset loader's ``path``): they count by the
    content of every file in them, not by their name.
    """

    def decorate(function):
        signature = inspect.signature(function)

        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            folder = cache_folder()
            if folder is None:
                return function(*args, **kwargs)
            try:
                bound = signature.bind(*args, **kwargs)
                bound.apply_defaults()
                key = _key(stage, bound.arguments, paths)
            except _Uncacheable:
                return function(*args, **kwargs)
            entry = folder / f"{stage}-{key}"
            stored = stagestore.read(entry)
            if stored is None:
                with warnings.catch_warnings(record=True) as caught:
                    warnings.simplefilter("always")
                    result = function(*args, **kwargs)
                stored = stagestore.Stored(result, [(str(w.message), w.category, w.filename, w.lineno)
                                                    for w in caught])
                stagestore.write(entry, stored)
            for message, category, filename, lineno in stored.warnings:
                warnings.warn_explicit(message, category, filename, lineno)
            return stored.result

        wrapper.uncached = function
        return wrapper

    return decorate


def cache_folder() -> Path | None:
    """Where stage results go (``<embedding cache>/stages``), or None when ``CLAIMDIFF_STAGE_CACHE=0``."""
    if _override:
        return _override[-1] / "stages"
    settings = cache_settings()
    return settings.stages if settings.stage_cache else None


@contextlib.contextmanager
def use_cache_dir(path):
    """Within the block, keep stage results under ``path/stages`` whatever the environment says."""
    _override.append(Path(path))
    try:
        yield
    finally:
        _override.pop()


@functools.lru_cache(maxsize=1)
def library_fingerprint() -> str:
    """A hash of every file of the claimdiff package and of the versions in :data:`DEPENDENCIES`."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha1(f"format {stagestore.FORMAT}".encode())
    for path in sorted(p for p in package.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                       and p.suffix not in {".pyc", ".pyo"}):
        digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    for name in DEPENDENCIES:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "absent"
        digest.update(f"{name}=={version}\0".encode())
    return digest.hexdigest()


def _key(stage: str, arguments: dict, paths: tuple[str, ...] = ()) -> str:
    digest = hashlib.sha1(f"{stage}\0{library_fingerprint()}\0".encode())
    for name, value in arguments.items():
        digest.update(f"{name}=".encode())
        if name in paths and not isinstance(value, pd.DataFrame):  # a loader given a table instead of a path
            digest.update(_content(value))
        elif isinstance(value, dict):  # **settings
            for key in sorted(value):
                digest.update(f"{key}:".encode() + _describe(value[key]) + b";")
        else:
            digest.update(_describe(value))
        digest.update(b"\0")
    return digest.hexdigest()[:24]


def _describe(value) -> bytes:
    from claimdiff.embed import Embedder

    if isinstance(value, pd.DataFrame):
        try:
            rows = pd.util.hash_pandas_object(value, index=True).to_numpy().tobytes()
        except TypeError as error:  # cells pandas cannot hash (lists, dicts)
            raise _Uncacheable(str(error)) from error
        header = repr([(str(c), str(t)) for c, t in value.dtypes.items()]).encode()
        return b"frame " + header + hashlib.sha1(rows).digest()
    if isinstance(value, Embedder):
        if value.cache_path_ is None:
            raise _Uncacheable("an embedder without a cache folder")
        return f"embedder {value.cache_path_.name} batch={value.batch_size}".encode()
    if value is None or isinstance(value, (bool, int, float, str)):
        return f"{type(value).__name__} {value!r}".encode()
    if isinstance(value, (list, tuple)) and all(v is None or isinstance(v, (bool, int, float, str)) for v in value):
        return f"{type(value).__name__} {value!r}".encode()
    if dataclasses.is_dataclass(value) and not isinstance(value, type):  # a stage's settings
        return f"settings {type(value).__name__} ".encode() + b";".join(
            f.name.encode() + b"=" + _describe(getattr(value, f.name)) for f in dataclasses.fields(value)
            if not f.metadata.get("same_result"))
    if isinstance(value, tuple):  # nested tuples, such as the column pairs of ReadSettings
        return b"tuple (" + b",".join(_describe(v) for v in value) + b")"
    raise _Uncacheable(f"no key for a {type(value).__name__}")


def _content(path) -> bytes:
    """A hash of ``path`` and of the names and bytes of every file at it (a file, or a folder and all below it)."""
    path = Path(path).expanduser()
    if not path.exists():
        raise _Uncacheable(f"{path} does not exist")  # the stage itself says so, in its own words
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    digest = hashlib.sha1(str(path.resolve()).encode() + b"\0")  # where, too: a result may name its files
    for file in files:
        digest.update(file.relative_to(path).as_posix().encode() + b"\0" + file.read_bytes() + b"\0")
    return b"content " + digest.digest()
