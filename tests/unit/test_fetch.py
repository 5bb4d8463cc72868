"""URLs, RSS/Atom feeds and WARC files, against a local HTTP server started here."""

from __future__ import annotations

import io
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest

from storyline.errors import FetchError
from storyline.models import Article, Rejection
from storyline.stages.ingest import HttpFetcher, read_inputs

ARTICLE_HTML = (
    "<html><head><title>Shrimp quota deal</title></head><body><article>"
    "<p>Negotiators from Canada and Greenland agreed on Thursday to split the northern "
    "shrimp quota evenly for the next four seasons.</p></article></body></html>"
)


def _rss(base: str) -> str:
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title>'
        f"<item><title>Quota deal</title><link>{base}/a</link>"
        "<pubDate>Thu, 17 Apr 2031 09:30:00 GMT</pubDate></item>"
        f"<item><title>Missing page</title><link>{base}/missing</link></item>"
        "</channel></rss>"
    )


def _atom(base: str) -> str:
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f'<title>Gazette</title><entry><title>Quota deal</title><link href="{base}/a"/>'
        "<updated>2031-04-18T08:00:00Z</updated></entry></feed>"
    )


class _Handler(BaseHTTPRequestHandler):
    routes: ClassVar[dict[str, tuple[bytes, str]]] = {}
    slow = threading.Event()

    def do_GET(self) -> None:
        if self.path == "/slow":
            self.slow.wait(5)
        if self.path not in self.routes:
            self.send_error(404)
            return
        body, ctype = self.routes[self.path]
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:  # keep test output quiet
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    base = f"http://127.0.0.1:{httpd.server_address[1]}"
    _Handler.routes = {
        "/a": (ARTICLE_HTML.encode(), "text/html; charset=utf-8"),
        "/rss": (_rss(base).encode(), "application/rss+xml"),
        "/atom": (_atom(base).encode(), "application/atom+xml"),
        "/big": (b"<html>" + b"x" * 5000 + b"</html>", "text/html"),
        "/slow": (b"late", "text/plain"),
        "/text": (b"Plain words about the shrimp quota deal.", "text/plain"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    _Handler.slow.set()
    httpd.shutdown()
    httpd.server_close()


def test_url_is_fetched_as_html(server: str) -> None:
    (item,) = read_inputs([f"{server}/a"])
    assert isinstance(item, Article)
    assert item.input == f"{server}/a" and item.format == "html"
    assert item.hints.url == f"{server}/a"
    assert item.raw_bytes == ARTICLE_HTML.encode()


def test_plain_text_url_is_left_to_sniffing(server: str) -> None:
    (item,) = read_inputs([f"{server}/text"])
    assert isinstance(item, Article) and item.format is None


@pytest.mark.parametrize(("path", "date"), [("/rss", "2031-04-17"), ("/atom", "2031-04-18")])
def test_feed_entries_are_fetched_with_title_and_date(server: str, path: str, date: str) -> None:
    items = list(read_inputs([f"{server}{path}"]))
    articles = [i for i in items if isinstance(i, Article)]
    (article,) = articles
    assert article.input == f"{server}/a"
    assert (article.hints.title, article.hints.date) == ("Quota deal", date)
    if path == "/rss":  # the second entry's page does not exist: a rejection naming it
        (rejection,) = [i for i in items if isinstance(i, Rejection)]
        assert rejection.input == f"{server}/missing" and "404" in rejection.reason


def test_missing_page_is_a_rejection_naming_the_url(server: str) -> None:
    (item,) = read_inputs([f"{server}/nothing-here"])
    assert isinstance(item, Rejection)
    assert item.input == f"{server}/nothing-here" and item.stage == "ingest"


def test_size_limit_stops_the_download(server: str) -> None:
    with pytest.raises(FetchError, match="larger than 1000 bytes"):
        HttpFetcher(max_bytes=1000)(f"{server}/big")
    (item,) = read_inputs([f"{server}/big"], max_bytes=1000)
    assert isinstance(item, Rejection) and "larger than 1000 bytes" in item.reason


def test_timeout_becomes_a_fetch_error(server: str) -> None:
    with pytest.raises(FetchError) as info:
        HttpFetcher(timeout=0.3)(f"{server}/slow")
    assert f"{server}/slow" in str(info.value)


def _warc(tmp_path: Path) -> Path:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    path = tmp_path / "crawl.warc.gz"
    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)
        for url, body, ctype in [
            ("https://gazette.example/a", ARTICLE_HTML.encode(), "text/html; charset=utf-8"),
            ("https://gazette.example/logo.png", b"\x89PNG\r\n", "image/png"),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(body), http_headers=headers
            )
            writer.write_record(record)
    return path


def test_warc_html_responses_become_articles(tmp_path: Path) -> None:
    (item,) = read_inputs([str(_warc(tmp_path))])
    assert isinstance(item, Article)
    assert item.input == "https://gazette.example/a"
    assert item.format == "html" and item.raw_bytes == ARTICLE_HTML.encode()
    assert item.hints.url == "https://gazette.example/a"


def test_unreadable_warc_is_a_rejection_naming_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "broken.warc"
    bad.write_bytes(b"WARC/1.0\r\nthis is not a record\r\n\r\n")
    items = list(read_inputs([str(bad)]))
    assert items and isinstance(items[-1], Rejection)
    assert items[-1].input == str(bad) and "WARC" in items[-1].reason
