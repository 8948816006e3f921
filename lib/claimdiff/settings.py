"""Every stage's settings in one object, read from a TOML file and written back as one.

Each stage keeps its own settings as a frozen dataclass beside its code, with the defaults written there once:
:class:`~claimdiff.corpus.records.ReadSettings` (how the corpus is read), :class:`~claimdiff.events.EventSettings`,
:class:`~claimdiff.claims.ClaimSettings`, :class:`~claimdiff.details.DetailSettings`,
:class:`~claimdiff.divergence.DivergenceSettings` and :class:`~claimdiff.embed.EmbedSettings`. :class:`Settings`
holds one of each; a TOML file gives any of them by section (``[events]``, ``[claims]``, ...), every setting it
leaves out keeps its default::

    [events]
    link_threshold = 0.1

    [claims]
    threshold = 0.6

A key no section knows is an error that names it. A TOML file has no "none": a setting whose value is None is left
out of :meth:`Settings.to_toml` (shown as a comment) and cannot be set back to None from a file.

>>> settings = Settings.from_dict({"events": {"link_threshold": 0.1}})
>>> settings.events.link_threshold, settings.claims.threshold
(0.1, 0.55)
>>> Settings.from_dict(settings.to_dict()) == settings
True
>>> Settings.from_dict({"events": {"n_neighbors": 7.0}}).events.n_neighbors
7
>>> Settings.from_dict({"claims": {"treshold": 0.6}})
Traceback (most recent call last):
...
claimdiff.settings.SettingsError: unknown setting 'treshold' in section [claims]; it has threshold, lexical_weight
"""

from __future__ import annotations

import json
import tomllib
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from .claims import ClaimSettings
from .corpus.records import MAX_REPORT_MB, ReadSettings
from .details import DetailSettings
from .divergence import DivergenceSettings
from .embed import EmbedSettings
from .events import EventSettings


class SettingsError(ValueError):
    """A settings file that cannot be used: unreadable TOML, an unknown section or key, a value of the wrong kind."""


@dataclass(frozen=True)
class Settings:
    """The settings of every stage (each section a stage's own dataclass; defaults where not given)."""

    corpus: ReadSettings = field(default_factory=ReadSettings)
    events: EventSettings = field(default_factory=EventSettings)
    claims: ClaimSettings = field(default_factory=ClaimSettings)
    details: DetailSettings = field(default_factory=DetailSettings)
    divergence: DivergenceSettings = field(default_factory=DivergenceSettings)
    embed: EmbedSettings = field(default_factory=EmbedSettings)

    @classmethod
    def from_toml(cls, path: str | Path) -> Settings:
        """The settings a TOML file gives (:meth:`from_dict`); raises :class:`SettingsError` naming the file."""
        path = Path(path)
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
            return cls.from_dict(data)
        except tomllib.TOMLDecodeError as error:
            raise SettingsError(f"{path}: not TOML: {error}") from None
        except SettingsError as error:
            raise SettingsError(f"{path}: {error}") from None

    @classmethod
    def from_dict(cls, data: dict) -> Settings:
        """The settings of ``{section: {key: value}}``; every key left out keeps its default."""
        sections = {f.name: f for f in fields(cls)}
        chosen = {}
        for name, values in data.items():
            if name not in sections:
                raise SettingsError(f"unknown section [{name}]; the sections are {', '.join(sections)}")
            if not isinstance(values, dict):
                raise SettingsError(f"[{name}] must be a section of settings, not a single value")
            default = sections[name].default_factory()
            known = [f.name for f in fields(default)]
            for key in values:
                if key not in known:
                    raise SettingsError(f"unknown setting {key!r} in section [{name}]; it has {', '.join(known)}")
            values = dict(values)
            if name == "corpus" and "columns" in values:  # a table {ours = "theirs"} in TOML
                if not isinstance(values["columns"], dict):
                    raise SettingsError('[corpus] columns must be a table such as {text = "body"}')
                values["columns"] = tuple((str(k), str(v)) for k, v in values["columns"].items())
            for key, value in values.items():
                _check_kind(name, key, value, getattr(default, key))
                if type(getattr(default, key)) is int and isinstance(value, float):
                    values[key] = int(value)  # 30.0 for 30: a count stays a whole number
            chosen[name] = replace(default, **values)
        return cls(**chosen)

    def reading(self) -> dict:
        """The keyword arguments of :func:`claimdiff.corpus.load_corpus` that ``corpus`` gives.

        >>> Settings().reading()
        {'max_report_mb': 10.0, 'columns': None, 'dayfirst': None, 'outlet': None}
        """
        read = self.corpus
        return {"max_report_mb": MAX_REPORT_MB if read.max_bytes is None else read.max_bytes / 1e6,
                "columns": dict(read.columns) or None, "dayfirst": read.dayfirst, "outlet": read.outlet}

    def to_dict(self) -> dict:
        """``{section: {key: value}}`` of every setting (the corpus ``columns`` as a dict)."""
        data = {f.name: asdict(getattr(self, f.name)) for f in fields(self)}
        data["corpus"]["columns"] = dict(data["corpus"]["columns"])
        return data

    def to_toml(self) -> str:
        """Every setting as TOML that :meth:`from_toml` reads back; a None value is a comment."""
        lines = []
        for section, values in self.to_dict().items():
            lines.append(f"[{section}]")
            for key, value in values.items():
                lines.append(f"# {key} = (none)" if value is None else f"{key} = {_toml_value(value)}")
            lines.append("")
        return "\n".join(lines)


def load_settings(path: str | Path | None) -> Settings:
    """The settings of a TOML file, or the defaults for None."""
    return Settings() if path is None else Settings.from_toml(path)


def _check_kind(section: str, key: str, value, default) -> None:
    """A value of another kind than the default's (a word for a number, a number for a switch) is an error."""
    if default is None or value is None:
        return
    number = (int, float)
    fits = (isinstance(value, bool) if isinstance(default, bool) else
            isinstance(value, number) and not isinstance(value, bool) if isinstance(default, number) else
            isinstance(value, type(default)))
    if isinstance(default, int) and not isinstance(default, bool) and isinstance(value, float):
        fits = value.is_integer()
    if not fits:
        raise SettingsError(f"[{section}] {key} = {value!r}: expected a {type(default).__name__}, like {default!r}")


def _toml_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k} = {_toml_value(v)}" for k, v in value.items()) + "}"
    if isinstance(value, str):
        return json.dumps(value)
    return repr(value)
