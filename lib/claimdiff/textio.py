"""Read a text file whatever its encoding, or say why it cannot be read.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
>>> _ = path.write_bytes("Le ministère a déclaré que les frappes ont touché Palmyre.".encode("cp1252"))
>>> text, note = read_text(path)
>>> text
'Le ministère a déclaré que les frappes ont touché Palmyre.'
>>> note
'not UTF-8; read as cp1252 (detected). Save it as UTF-8 to be sure.'
>>> _ = path.write_bytes("Ten were killed.".encode("utf-16"))
>>> read_text(path)
('Ten were killed.', 'not UTF-8; read as UTF-16 (it starts with a byte-order mark). Save it as UTF-8 to be sure.')
"""

from __future__ import annotations

import codecs
from pathlib import Path

from charset_normalizer import from_bytes

# Below this share of printable characters a file is taken for binary.
_MIN_PRINTABLE = 0.95
# UTF-16 and UTF-32 files hold NUL bytes, so they are told by their byte-order mark before the binary check.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


# When several encodings read a file equally cleanly, the one most used for news pages wins: charset-normalizer
# alone reads a mostly-ASCII French page in cp1252 as cp775, whose accented letters score as more "coherent".
_COMMON = ("cp1252", "iso8859_1", "iso8859_15", "cp1251", "cp1256", "iso8859_6", "cp1250", "koi8_r", "gb18030",
           "big5", "shift_jis", "euc_jp", "euc_kr", "cp1253", "cp1254", "cp1255", "iso8859_9")
_CHAOS_TIE = 0.005


class DecodeError(ValueError):
    """The file is binary, too large, or in an encoding that cannot be told."""


def read_text(path: Path, max_bytes: int | None = None) -> tuple[str, str | None]:
    """Return the file's text and a note when the encoding was guessed (``None`` for UTF-8).

    A file larger than ``max_bytes`` is not read: :class:`DecodeError` says how large it is.
    """
    size = path.stat().st_size
    if max_bytes is not None and size > max_bytes:
        raise DecodeError(
            f"file is {size / 1e6:.1f} MB, over the limit of {max_bytes / 1e6:g} MB for one report: check that it is "
            "one article, or raise the limit (load_corpus(..., max_report_mb=...), --max-report-mb on the command line)"
        )
    data = path.read_bytes()
    if not data.strip():
        raise DecodeError("empty file: it holds no report")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as error:
                raise DecodeError(f"starts as {encoding.upper()} but byte {error.start} is not: "
                                  "save it as UTF-8") from None
            return text.lstrip("\ufeff"), (f"not UTF-8; read as {encoding.upper()} (it starts with a byte-order mark). "
                                           "Save it as UTF-8 to be sure.")
    if b"\x00" in data[:8192]:
        raise DecodeError("binary file (it contains NUL bytes): reports must be text")
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        position = error.start
    best = _likeliest(from_bytes(data))
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


def _likeliest(matches):
    """charset-normalizer's best match, unless a common encoding reads the bytes (nearly) as cleanly."""
    candidates = list(matches)
    if not candidates:
        return None
    cleanest = min(match.chaos for match in candidates)
    tied = [match for match in candidates if match.chaos <= cleanest + _CHAOS_TIE]
    common = sorted((m for m in tied if m.encoding in _COMMON), key=lambda m: _COMMON.index(m.encoding))
    return common[0] if common else matches.best()
