"""Read a text file whatever its encoding, or say why it cannot be read.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = path.write_bytes("Le ministère a déclaré que les frappes ont touché Palmyre.".encode("cp1252"))
>>> read_text(path)
('Le ministère a déclaré que les frappes ont touché Palmyre.', 'not UTF-8; read as cp1252 (detected). Save it as UTF-8 to be sure.')
"""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

# Below this share of printable characters a file is taken for binary.
_MIN_PRINTABLE = 0.95


class DecodeError(ValueError):
    """The file is binary or in an encoding that cannot be told."""


def read_text(path: Path) -> tuple[str, str | None]:
    """Return the file's text and a note when the encoding was guessed (``None`` for UTF-8)."""
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (it contains NUL bytes): reports must be text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        position = error.start
    best = from_bytes(data).best()
    if best is None or best.encoding in {"utf_8"}:
        raise DecodeError(
            f"not valid UTF-8 (bad byte at offset {position}) and the encoding could not be detected: "
            "save the file as UTF-8"
        )
    text = str(best)
    printable = sum(ch.isprintable() or ch in "\n\r\t" for ch in text) / max(len(text), 1)
    if printable < _MIN_PRINTABLE:
        raise DecodeError("binary or garbled file: under 95% of its characters are printable")
    return text, f"not UTF-8; read as {best.encoding} (detected). Save it as UTF-8 to be sure."
