"""fetch: pages saved raw and loadable, every failure written down with its reason, polite and resumable.

A local HTTP server on 127.0.0.1 (port 0, started here) serves saved pages, a 404, a redirect, a response slower than
the timeout, a page whose charset header lies, very large pages, a flaky page, a PDF and a robots.txt.
"""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pandas as pd
import pytest

from claimdiff import load_corpus
from claimdiff.cli import main
from claimdiff.fetch import LOG_COLUMNS, FetchSettings, HostRateLimit, fetch_urls

PAGE = (
    "<html><head><meta charset='utf-8'><title>{title}</title>"
    '<meta property="article:published_time" content="2024-04-20T10:00:00+03:00"></head><body>'
    "<nav>Home | World | Sport</nav><article><h1>{title}</h1>"
    "<p>{body} The ministry said the strikes hit weapons depots and command posts on Saturday morning.</p>"
    "<p>No independent confirmation of the toll was available, and the opposition disputed the account.</p>"
    "</article><footer>Subscribe to our newsletter</footer></body></html>"
)
STRIKES = PAGE.format(title="Strikes hit Palmyra", body="Ten fighters were killed near Palmyra.").encode()
MOVED = PAGE.format(title="Drones downed over Aleppo", body="Air defences downed four drones.").encode()
FRENCH = PAGE.format(title="Frappes sur Palmyre", body="Le ministère a déclaré que dix combattants ont été tués."
                     ).encode("cp1252")
HUGE = b"<html><body><p>" + b"x" * 3_000_000 + b"</p></body></html>"
FAST = FetchSettings(timeout=0.3, retries=1, backoff=0.01, delay=0.0, max_bytes=1_000_000, max_seconds=5)


class Site(BaseHTTPRequestHandler):
    hits: dict = {}
    agents: list = []

    def log_message(self, *args):
        pass

    def do_GET(self):
        Site.hits[self.path] = Site.hits.get(self.path, 0) + 1
        Site.agents.append(self.headers.get("User-Agent"))
        routes = {
            "/robots.txt": (200, "text/plain", b"User-agent: *\nDisallow: /private/\n"),
            "/news/strikes.html": (200, "text/html; charset=utf-8", STRIKES),
            "/news/moved.html": (200, "text/html; charset=utf-8", MOVED),
            "/fr/frappes": (200, "text/html; charset=utf-8", FRENCH),  # the header lies: the bytes are cp1252
            "/private/page.html": (200, "text/html", STRIKES),
            "/report.pdf": (200, "application/pdf", b"%PDF-1.4"),
        }
        if self.path == "/old":
            self.send_response(301)
            self.send_header("Location", "/news/moved.html")
            self.end_headers()
        elif self.path == "/slow":
            time.sleep(1.0)
            self._send(200, "text/html", STRIKES)
        elif self.path == "/flaky" and Site.hits[self.path] == 1:
            self._send(503, "text/plain", b"busy")
        elif self.path == "/flaky":
            self._send(200, "text/html", MOVED)
        elif self.path == "/huge":
            self._send(200, "text/html", HUGE)
        elif self.path == "/huge-unannounced":  # no Content-Length: the limit must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(HUGE)
        elif self.path in routes:
            self._send(*routes[self.path])
        else:
            self._send(404, "text/html", b"<html><body>Not found</body></html>")

    def _send(self, status, kind, body):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture
def site():
    Site.hits, Site.agents = {}, []
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def url_list(tmp_path, site, paths):
    path = tmp_path / "urls.txt"
    path.write_text("# test pages\n\n" + "".join(f"{site}{p}\n" for p in paths))
    return path


def by_path(log, site):
    return log.assign(url=log["url"].str.removeprefix(site)).set_index("url")


def test_pages_are_saved_and_each_failure_is_recorded_with_its_reason(tmp_path, site):
    paths = ["/news/strikes.html wire", "/old wire", "/missing", "/slow", "/huge", "/huge-unannounced",
             "/report.pdf", "/private/page.html", "/flaky"]
    log = by_path(fetch_urls(url_list(tmp_path, site, paths), tmp_path / "mine", FAST), site)
    status = log["status"].to_dict()
    assert status == {"/news/strikes.html": "ok", "/old": "ok", "/missing": "failed", "/slow": "failed",
                      "/huge": "failed", "/huge-unannounced": "failed", "/report.pdf": "failed",
                      "/private/page.html": "failed", "/flaky": "ok"}
    reasons = log["reason"]
    assert reasons["/missing"] == "HTTP 404 Not Found"
    assert reasons["/slow"].startswith("timed out: no answer within 0.3 s (2 tries)")
    assert "over 1 MB" in reasons["/huge"] and "over 1 MB" in reasons["/huge-unannounced"]
    assert "Content-Type application/pdf" in reasons["/report.pdf"]
    assert reasons["/private/page.html"] == "disallowed by the site's robots.txt"
    assert log.loc["/old", "final_url"] == f"{site}/news/moved.html"
    assert Site.hits["/flaky"] == 2 and Site.hits["/slow"] == 2  # retried once each
    saved = pd.read_csv(tmp_path / "mine" / "fetch-log.csv", dtype=str, keep_default_na=False)
    assert list(saved.columns) == list(LOG_COLUMNS) and len(saved) == len(paths)


def test_saved_pages_are_raw_html_that_load_corpus_reads_with_url_and_fetch_time(tmp_path, site):
    urls = url_list(tmp_path, site, ["/news/strikes.html wire", "/old wire", "/missing"])
    fetch_urls(urls, tmp_path / "mine", FAST)
    reports, rejected = load_corpus(tmp_path / "mine")
    assert rejected.empty  # the failed page was never saved, and fetch-log.csv is not a report
    reports = reports.set_index("title")
    assert reports["outlet"].tolist() == ["wire", "wire"]
    assert reports.loc["Drones downed over Aleppo", "url"] == f"{site}/news/moved.html"
    assert reports["fetched_at"].str.match(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ").all()
    assert "Ten fighters were killed near Palmyra." in reports.loc["Strikes hit Palmyra", "text"]
    raw = tmp_path / "mine" / reports.loc["Strikes hit Palmyra", "source_path"]
    assert raw.read_bytes() == STRIKES  # the page as the server sent it, beside the extracted text


def test_a_page_whose_charset_header_lies_is_noted_and_decoded_when_loaded(tmp_path, site):
    log = fetch_urls(url_list(tmp_path, site, ["/fr/frappes"]), tmp_path / "mine", FAST)
    assert log.loc[0, "status"] == "ok" and "not utf-8 as the server says" in log.loc[0, "reason"]
    with pytest.warns(UserWarning, match="not UTF-8; read as cp1252"):
        reports, _ = load_corpus(tmp_path / "mine")
    assert "Le ministère a déclaré" in reports.loc[0, "text"]
    assert reports.loc[0, "outlet"] == "127.0.0.1"  # no outlet given: the host names the folder


def test_a_second_run_skips_saved_pages_and_tries_failed_ones_again(tmp_path, site):
    urls = url_list(tmp_path, site, ["/news/strikes.html", "/missing"])
    fetch_urls(urls, tmp_path / "mine", FAST)
    again = fetch_urls(urls, tmp_path / "mine", FAST)
    assert again["status"].tolist() == ["skipped", "failed"]
    assert Site.hits["/news/strikes.html"] == 1 and Site.hits["/missing"] == 2
    assert len(pd.read_csv(tmp_path / "mine" / "fetch-log.csv")) == 3  # every attempt; skips are not attempts


def test_requests_to_one_host_wait_for_the_delay_and_say_who_asks(tmp_path, site):
    clock, slept = [0.0], []

    def sleep(seconds):
        slept.append(round(seconds, 3))
        clock[0] += seconds

    limit = HostRateLimit(2.0, clock=lambda: clock[0], sleep=sleep)
    fetch_urls(url_list(tmp_path, site, ["/news/strikes.html", "/old"]), tmp_path / "mine", FAST, rate_limit=limit)
    assert slept == [2.0, 2.0]  # robots.txt, then each page: never two requests to the host within 2 s
    assert all(agent.startswith("claimdiff/") for agent in Site.agents)


def test_lines_that_are_not_urls_are_recorded_as_failures(tmp_path):
    log = fetch_urls(["ftp://example.org/a", "example.org/b"], tmp_path / "mine", FAST)
    assert log["status"].tolist() == ["failed", "failed"]
    assert log["reason"].str.startswith("not an http(s) URL").all()


def test_command_line_fetch_reports_counts_and_a_missing_list_is_one_error_line(tmp_path, site, capsys):
    urls = url_list(tmp_path, site, ["/news/strikes.html wire", "/missing"])
    out = tmp_path / "mine"
    assert main(["fetch", str(urls), "--out", str(out), "--timeout", "0.3", "--retries", "0", "--delay", "0"]) == 0
    assert "1 pages saved, 0 already there, 1 failed" in capsys.readouterr().err
    assert main(["fetch", str(tmp_path / "nope.txt"), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and "no such file" in err and "Traceback" not in err


def test_a_fetch_log_that_cannot_be_read_stops_fetching_with_a_reason_and_loading_warns(tmp_path):
    out = tmp_path / "mine"
    (out / "wire").mkdir(parents=True)
    (out / "fetch-log.csv").write_text("this is not,the log\n")
    (out / "wire" / "a.html").write_bytes(STRIKES)
    from claimdiff.fetch import FetchError

    with pytest.raises(FetchError, match="fetch-log.csv: cannot be read"):
        fetch_urls(["http://127.0.0.1:9/a"], out, FAST)
    reports, rejected = load_corpus(out)  # a log without the fetch columns is ignored; the page still loads
    assert len(reports) == 1 and rejected.empty
