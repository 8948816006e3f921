"""Save web pages as a corpus folder: politely, resumably, and with every failure written down.

    python -m claimdiff fetch urls.txt --out corpus/mine/

``urls.txt`` has one URL per line, optionally followed by the outlet key (``https://example.org/a sna``); blank
lines and lines starting with ``#`` are skipped. Each page is saved exactly as the server sent it, as
``<out>/<outlet or host>/<slug>-<hash>.html``, so :func:`claimdiff.load_corpus` reads it like any saved page (the
folder names the outlet) and the raw HTML stays beside the text extracted from it. ``<out>/fetch-log.csv`` gets one
row per URL tried (the columns of :data:`claimdiff.schema.FETCH_LOG`): ``ok`` with the saved path, or ``failed``
with the reason.
A second run skips the URLs already saved and tries the failed ones again; ``load_corpus`` takes each page's
address and fetch time from the log (columns ``url`` and ``fetched_at``).

Politeness: a user agent that says what is asking (:data:`USER_AGENT`), ``robots.txt`` obeyed, at most one request
per ``delay`` seconds to one host, timeouts, and retries with exponential back-off on connection errors, timeouts,
429 and 5xx (honouring ``Retry-After``). Pages over ``max_bytes`` are not saved.

>>> settings = FetchSettings(timeout=5, delay=1)
>>> fetch_urls(["https://example.org/news/strikes.html wire"], "corpus/mine", settings)   # doctest: +SKIP
>>> page_path("https://example.org/news/2024/04/20/strikes-hit-palmyra.html?ref=rss", "wire")
'wire/strikes-hit-palmyra-d2c52d5d.html'
"""

from __future__ import annotations

import hashlib
import re
import time
import urllib.robotparser
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import requests
from requests.adapters import HTTPAdapter
from urllib3.util.retry import Retry

from . import __version__, schema

USER_AGENT = f"claimdiff/{__version__} (news research corpus builder; one request per host every few seconds)"
LOG_NAME = "fetch-log.csv"
LOG_COLUMNS = tuple(schema.FETCH_LOG)
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 64 * 1024


class FetchError(ValueError):
    """The list of URLs cannot be read (no such file, not text)."""


@dataclass(frozen=True)
class FetchSettings:
    """How politely and how patiently to fetch.

    timeout: seconds to wait to connect and between two bytes of the answer. retries: tries after the first on
    connection errors, timeouts, 429 and 5xx, waiting ``backoff * 2**n`` seconds in between (n = 0, 1, ...).
    delay: seconds between two requests to one host. max_bytes: larger pages are not saved. max_seconds: a page
    that takes longer to arrive in full is given up. user_agent: sent with every request; add a way to reach you.
    obey_robots: read each host's robots.txt and skip what it disallows for this user agent.
    """

    timeout: float = 20.0
    retries: int = 3
    backoff: float = 2.0
    delay: float = 3.0
    max_bytes: int = 10_000_000
    max_seconds: float = 120.0
    user_agent: str = USER_AGENT
    obey_robots: bool = True


class HostRateLimit:
    """Waits so that two requests to the same host are at least ``delay`` seconds apart.

    >>> now = [0.0]
    >>> limit = HostRateLimit(2.0, clock=lambda: now[0], sleep=lambda s: now.__setitem__(0, now[0] + s))
    >>> limit.wait("a.org"); limit.wait("b.org"); limit.wait("a.org"); now[0]
    2.0
    """

    def __init__(self, delay: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep):
        self.delay, self.clock, self.sleep = delay, clock, sleep
        self.last: dict[str, float] = {}

    def wait(self, host: str) -> None:
        if host in self.last:
            remaining = self.last[host] + self.delay - self.clock()
            if remaining > 0:
                self.sleep(remaining)
        self.last[host] = self.clock()


def read_url_list(path: str | Path) -> list[tuple[str, str | None]]:
    """``(url, outlet or None)`` for each line of a URL list, in order, without repeats."""
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except FileNotFoundError:
        raise FetchError(f"{path}: no such file. Give a text file with one URL per line.") from None
    except UnicodeDecodeError as error:
        raise FetchError(f"{path}: not a UTF-8 text file (bad byte at offset {error.start}): save it as UTF-8, "
                         "one URL per line") from None
    return _parse_lines(lines)


def _parse_lines(lines: Iterable[str]) -> list[tuple[str, str | None]]:
    seen, entries = set(), []
    for line in lines:
        parts = line.split("#", 1)[0].split() if not line.lstrip().startswith("#") else []
        if not parts:
            continue
        url, outlet = parts[0], (parts[1] if len(parts) > 1 else None)
        if url not in seen:
            seen.add(url)
            entries.append((url, outlet))
    return entries


def page_path(url: str, outlet: str | None = None) -> str:
    """Where a page is saved, relative to the corpus folder: ``<outlet or host>/<last path part>-<url hash>.html``."""
    parts = urlsplit(url)
    folder = _safe(outlet) if outlet else _safe(parts.hostname.removeprefix("www.") if parts.hostname else "unknown")
    last = [part for part in parts.path.split("/") if part][-1:] or ["index"]
    stem = re.sub(r"\.(s?html?|php|aspx?)$", "", last[0], flags=re.IGNORECASE)
    digest = hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]
    return f"{folder}/{_safe(stem)[:60] or 'page'}-{digest}.html"


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-.").lower()


def fetch_urls(urls: str | Path | Iterable[str], out: str | Path, settings: FetchSettings = FetchSettings(),
               session: requests.Session | None = None, rate_limit: HostRateLimit | None = None) -> pd.DataFrame:
    """Fetch each URL (a URL-list file, or lines such as ``"https://... outlet"``) into the corpus folder ``out``.

    Returns one row per URL with the columns of :data:`LOG_COLUMNS`; ``status`` is ``ok``, ``failed`` or
    ``skipped`` (saved by an earlier run). The ok and failed rows are appended to ``<out>/fetch-log.csv``.
    """
    entries = read_url_list(urls) if isinstance(urls, (str, Path)) else _parse_lines(urls)
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    log_path = out / LOG_NAME
    done = _already_saved(log_path, out)
    session = session or polite_session(settings)
    rate_limit = rate_limit or HostRateLimit(settings.delay)
    robots = _Robots(session, settings, rate_limit)
    rows = []
    for url, outlet in entries:
        if url in done:
            rows.append(_row(url, "skipped", path=done[url], reason="saved by an earlier run"))
            continue
        row = _fetch_one(url, outlet, out, settings, session, rate_limit, robots)
        _append(log_path, row)
        rows.append(row)
    return schema.conform(pd.DataFrame(rows, columns=list(LOG_COLUMNS)), schema.FETCH_LOG)


def polite_session(settings: FetchSettings) -> requests.Session:
    """A requests session with the user agent and retries with back-off of ``settings``."""
    retry = Retry(total=settings.retries, connect=settings.retries, read=settings.retries,
                  status=settings.retries, other=0, backoff_factor=settings.backoff,
                  status_forcelist=(429, 500, 502, 503, 504), allowed_methods=frozenset({"GET"}),
                  respect_retry_after_header=True, raise_on_status=False, redirect=5)
    session = requests.Session()
    adapter = HTTPAdapter(max_retries=retry)
    session.mount("http://", adapter)
    session.mount("https://", adapter)
    session.headers.update({"User-Agent": settings.user_agent, "Accept": "text/html,application/xhtml+xml"})
    return session


def _already_saved(log_path: Path, out: Path) -> dict[str, str]:
    if not log_path.is_file():
        return {}
    try:
        log = pd.read_csv(log_path, dtype=str, keep_default_na=False)
        ok = log[log["status"] == "ok"]
        saved = zip(ok["url"], ok["path"], strict=True)
    except (ValueError, KeyError, pd.errors.ParserError) as error:
        raise FetchError(f"{log_path}: cannot be read ({error}); move it away to fetch every page again") from None
    return {url: path for url, path in saved if (out / path).is_file()}


def _row(url: str, status: str, **values) -> dict:
    return {column: values.get(column, "") for column in LOG_COLUMNS} | {"url": url, "status": status}


def _append(log_path: Path, row: dict) -> None:
    pd.DataFrame([row], columns=list(LOG_COLUMNS)).to_csv(
        log_path, mode="a", header=not log_path.exists(), index=False
    )


def _fetch_one(url, outlet, out: Path, settings: FetchSettings, session, rate_limit, robots) -> dict:
    fetched_at = pd.Timestamp.now(tz="UTC").floor("s").strftime("%Y-%m-%dT%H:%M:%SZ")
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        return _row(url, "failed", fetched_at=fetched_at, reason="not an http(s) URL: write each as https://...")
    if not robots.allowed(url):
        return _row(url, "failed", fetched_at=fetched_at, reason="disallowed by the site's robots.txt")
    rate_limit.wait(parts.hostname)
    try:
        with session.get(url, timeout=settings.timeout, stream=True) as response:
            info = {"final_url": response.url, "http_status": str(response.status_code), "fetched_at": fetched_at,
                    "content_type": response.headers.get("Content-Type", ""),
                    "declared_charset": _charset(response.headers.get("Content-Type", ""))}
            problem = _refusal(response, settings)
            if problem:
                return _row(url, "failed", **info, reason=problem)
            body, problem = _read_body(response, settings)
    except requests.RequestException as error:
        return _row(url, "failed", fetched_at=fetched_at, reason=_explain(error, settings))
    if problem:
        return _row(url, "failed", **info, reason=problem)
    relative = page_path(url, outlet)
    _write_atomically(out / relative, body)
    return _row(url, "ok", **info, path=relative, bytes=str(len(body)), reason=_charset_note(body, info))


def _refusal(response: requests.Response, settings: FetchSettings) -> str | None:
    if response.status_code >= 400:
        tried = " after retries" if response.status_code in (429, 500, 502, 503, 504) else ""
        return f"HTTP {response.status_code} {response.reason or ''}".rstrip() + tried
    kind = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
    if kind and kind not in _HTML_TYPES:
        return f"not a web page (Content-Type {kind}): claimdiff reads HTML pages"
    length = response.headers.get("Content-Length", "")
    if length.isdigit() and int(length) > settings.max_bytes:
        return _too_large(int(length), settings)
    return None


def _too_large(size: int, settings: FetchSettings) -> str:
    return (f"page is over {settings.max_bytes / 1e6:g} MB ({size / 1e6:.1f} MB or more): not saved; raise "
            "--max-page-mb to keep it")


def _read_body(response: requests.Response, settings: FetchSettings) -> tuple[bytes, str | None]:
    start, chunks, size = time.monotonic(), [], 0
    for chunk in response.iter_content(_CHUNK):
        chunks.append(chunk)
        size += len(chunk)
        if size > settings.max_bytes:
            return b"", _too_large(size, settings)
        if time.monotonic() - start > settings.max_seconds:
            return b"", f"the page took over {settings.max_seconds:g} s to arrive: given up"
    return b"".join(chunks), None


def _explain(error: requests.RequestException, settings: FetchSettings) -> str:
    """One line saying why a request failed."""
    cause = _root_cause(error)
    tries = f"{settings.retries + 1} tries"
    if "Timeout" in type(cause).__name__ or isinstance(error, requests.Timeout):
        return f"timed out: no answer within {settings.timeout:g} s ({tries})"
    if isinstance(error, requests.TooManyRedirects):
        return "too many redirects"
    if isinstance(error, (requests.exceptions.InvalidURL, requests.exceptions.MissingSchema)):
        return f"not a valid URL ({error})"
    if isinstance(error, requests.ConnectionError):
        return f"cannot connect ({type(cause).__name__}: {str(cause)[:160]}; {tries})"
    return f"{type(error).__name__}: {str(error)[:200]}"


def _root_cause(error: BaseException) -> BaseException:
    """The innermost exception that requests and urllib3 wrap (a timeout inside MaxRetryError inside ...)."""
    seen = set()
    while id(error) not in seen:
        seen.add(id(error))
        nested = getattr(error, "reason", None)
        if not isinstance(nested, BaseException):
            nested = error.args[0] if error.args and isinstance(error.args[0], BaseException) else None
        if nested is None:
            break
        error = nested
    return error


def _charset(content_type: str) -> str:
    match = re.search(r"charset=[\"']?([\w.:-]+)", content_type, flags=re.IGNORECASE)
    return match[1].lower() if match else ""


def _charset_note(body: bytes, info: dict) -> str:
    declared = info["declared_charset"]
    if not declared:
        return ""
    try:
        body.decode(declared)
    except LookupError:
        return f"the server names an unknown charset {declared!r}; the encoding is detected when the page is loaded"
    except UnicodeDecodeError:
        return f"the bytes are not {declared} as the server says; the encoding is detected when the page is loaded"
    return ""


def _write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".tmp-{path.name}")
    temporary.write_bytes(data)
    temporary.replace(path)


class _Robots:
    """robots.txt of each host, read once through the same polite session; a missing one allows everything."""

    def __init__(self, session: requests.Session, settings: FetchSettings, rate_limit: HostRateLimit):
        self.session, self.settings, self.rate_limit = session, settings, rate_limit
        self.parsers: dict[str, urllib.robotparser.RobotFileParser | None] = {}

    def allowed(self, url: str) -> bool:
        if not self.settings.obey_robots:
            return True
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self.parsers:
            self.parsers[origin] = self._read(origin, parts.hostname)
        parser = self.parsers[origin]
        return parser is None or parser.can_fetch(self.settings.user_agent, url)

    def _read(self, origin: str, host: str) -> urllib.robotparser.RobotFileParser | None:
        self.rate_limit.wait(host)
        try:
            response = self.session.get(f"{origin}/robots.txt", timeout=self.settings.timeout)
        except requests.RequestException:
            return None  # the page request that follows will say what is wrong with the host
        if response.status_code != 200:
            return None
        parser = urllib.robotparser.RobotFileParser()
        parser.parse(response.text.splitlines())
        return parser
