"""Ingest: turn paths, stdin, JSONL, manifests, URLs, feeds and WARC files into articles.

Readers only gather bytes and user-supplied hints; the :class:`Ingest` stage
decodes them (charset detection) and decides between plain text and HTML.
Readers are generators keyed by input kind, so new kinds (more feed flavours,
archives) plug in beside the existing ones.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import logging
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, ClassVar, Protocol

from storyline.config import IngestConfig
from storyline.errors import FetchError, IngestError
from storyline.ids import article_id
from storyline.models import Article, Hints, Rejection
from storyline.pipeline import per_article, register

logger = logging.getLogger(__name__)

STAGE = "ingest"
HTML_SUFFIXES = {".html", ".htm", ".xhtml", ".shtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = (".warc", ".warc.gz")
FORMATS = ("auto", "text", "html", "jsonl", "warc")


# --------------------------------------------------------------------------- manifest


def load_manifest(path: Path) -> dict[str, Hints]:
    """Read a CSV or JSONL manifest: ``path`` or ``url``, plus date/source/title/language.

    Keys are absolute paths (resolved against the manifest's folder) or URLs.
    """
    try:
        raw = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise IngestError(str(path), f"cannot read manifest: {exc}") from exc
    rows: list[dict[str, Any]] = []
    if path.suffix.lower() in JSONL_SUFFIXES or raw.lstrip().startswith("{"):
        for n, line in enumerate(raw.splitlines(), 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise IngestError(f"{path}:{n}", f"invalid JSON in manifest: {exc.msg}") from exc
            if not isinstance(row, dict):
                raise IngestError(f"{path}:{n}", "manifest line is not a JSON object")
            rows.append(row)
    else:
        rows = list(csv.DictReader(io.StringIO(raw)))
    out: dict[str, Hints] = {}
    for n, row in enumerate(rows, 1):
        key = (row.get("path") or row.get("url") or "").strip()
        if not key:
            raise IngestError(f"{path}:{n}", "manifest row has neither 'path' nor 'url'")
        if not key.startswith(("http://", "https://")):
            key = str((path.parent / key).resolve())
        out[key] = hints_from_mapping(row)
    return out


def _clean_str(value: Any) -> str | None:
    if value is None:
        return None
    s = str(value).strip()
    return s or None


def hints_from_mapping(row: dict[str, Any]) -> Hints:
    authors = row.get("authors") or row.get("author") or ()
    if isinstance(authors, str):
        authors = tuple(a.strip() for a in authors.split(";") if a.strip())
    return Hints(
        date=_clean_str(row.get("date") or row.get("published")),
        source=_clean_str(row.get("source")),
        title=_clean_str(row.get("title")),
        language=_clean_str(row.get("language")),
        url=_clean_str(row.get("url")),
        authors=tuple(str(a) for a in authors),
    )


def merge_hints(specific: Hints | None, general: Hints) -> Hints:
    """Per-input hints (manifest row, JSONL fields) win over run-wide flags."""
    if specific is None:
        return general
    return Hints(
        date=specific.date or general.date,
        source=specific.source or general.source,
        title=specific.title or general.title,
        language=specific.language or general.language,
        url=specific.url or general.url,
        authors=specific.authors or general.authors,
    )


# --------------------------------------------------------------------------- readers


class Fetcher(Protocol):
    """How URLs are fetched; tests pass a fake, the CLI an httpx-backed one."""

    def __call__(self, url: str) -> tuple[bytes, str]: ...


@dataclass(frozen=True)
class HttpFetcher:
    timeout: float = 20.0
    max_bytes: int = 5_000_000

    def __call__(self, url: str) -> tuple[bytes, str]:
        import httpx

        try:
            with httpx.stream("GET", url, timeout=self.timeout, follow_redirects=True) as resp:
                resp.raise_for_status()
                chunks: list[bytes] = []
                size = 0
                for chunk in resp.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise FetchError(f"{url}: larger than {self.max_bytes} bytes")
                    chunks.append(chunk)
                return b"".join(chunks), resp.headers.get("content-type", "")
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {exc}") from exc


def _article(name: str, content: bytes, hints: Hints, fmt: str | None) -> Article:
    return Article(id=article_id(content), input=name, raw_bytes=content, hints=hints, format=fmt)


def read_jsonl(name: str, data: bytes, hints: Hints) -> Iterator[Article | Rejection]:
    """One article per line: ``text`` or ``html``, plus metadata fields."""
    for n, line in enumerate(data.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{name}:{n}"
        try:
            row = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else "not UTF-8"
            yield Rejection(input=where, stage=STAGE, reason=f"invalid JSON line: {reason}")
            continue
        if not isinstance(row, dict):
            yield Rejection(input=where, stage=STAGE, reason="JSONL line is not an object")
            continue
        body, fmt = row.get("text"), "text"
        if not body and row.get("html"):
            body, fmt = row.get("html"), "html"
        if not isinstance(body, str) or not body.strip():
            yield Rejection(input=where, stage=STAGE, reason="JSONL line has no 'text' or 'html'")
            continue
        row_hints = merge_hints(hints_from_mapping(row), hints)
        yield _article(row_hints.url or where, body.encode("utf-8"), row_hints, fmt)


def read_warc(name: str, data: bytes, hints: Hints) -> Iterator[Article | Rejection]:
    from warcio.archiveiterator import ArchiveIterator

    found = 0
    try:
        for record in ArchiveIterator(io.BytesIO(data)):
            if record.rec_type != "response":
                continue
            ctype = (
                record.http_headers.get_header("Content-Type", "") if record.http_headers else ""
            )
            if "html" not in ctype.lower():
                continue
            url = record.rec_headers.get_header("WARC-Target-URI") or name
            body = record.content_stream().read()
            found += 1
            yield _article(url, body, merge_hints(Hints(url=url), hints), "html")
    except Exception as exc:
        yield Rejection(input=name, stage=STAGE, reason=f"not a readable WARC file: {exc}")
        return
    if not found:
        # Nothing may vanish silently: a WARC without pages is reported, not skipped.
        yield Rejection(input=name, stage=STAGE, reason="no HTML response records in WARC file")


def _is_feed(content: bytes, ctype: str) -> bool:
    head = content[:2000].lstrip().lower()
    return ("rss" in ctype or "atom" in ctype or ("xml" in ctype and b"<html" not in head)) or (
        head.startswith(b"<?xml") and (b"<rss" in head or b"<feed" in head)
    )


def read_url(url: str, hints: Hints, fetch: Fetcher, fmt: str) -> Iterator[Article | Rejection]:
    try:
        content, ctype = fetch(url)
    except FetchError as exc:
        yield Rejection(input=url, stage=STAGE, reason=str(exc))
        return
    if fmt == "auto" and _is_feed(content, ctype):
        import feedparser

        feed = feedparser.parse(content)
        for entry in feed.entries:
            link = entry.get("link")
            if not link:
                continue
            entry_hints = merge_hints(
                Hints(title=entry.get("title"), date=_feed_date(entry), url=link), hints
            )
            yield from read_url(link, entry_hints, fetch, "html")
        return
    chosen = fmt if fmt != "auto" else ("html" if "html" in ctype else None)
    yield _article(url, content, merge_hints(Hints(url=url), hints), chosen)


def _feed_date(entry: Any) -> str | None:
    parsed = entry.get("published_parsed") or entry.get("updated_parsed")
    if not parsed:
        return None
    return f"{parsed.tm_year:04d}-{parsed.tm_mon:02d}-{parsed.tm_mday:02d}"


def _walk(folder: Path) -> Iterator[Path]:
    for path in sorted(folder.rglob("*")):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.is_file():
            yield path


def read_inputs(
    inputs: Sequence[str],
    *,
    fmt: str = "auto",
    hints: Hints | None = None,
    manifest: dict[str, Hints] | None = None,
    fetch: Fetcher | None = None,
    stdin: io.BufferedIOBase | None = None,
    max_bytes: int = 5_000_000,
) -> Iterator[Article | Rejection]:
    """Yield one Article (bytes + hints) or Rejection per input found."""
    if fmt not in FORMATS:
        raise IngestError(fmt, f"unknown format; choose one of {', '.join(FORMATS)}")
    general = hints or Hints()
    manifest = manifest or {}
    fetch = fetch or HttpFetcher(max_bytes=max_bytes)
    for item in inputs:
        if item == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            yield from _from_bytes("<stdin>", stream.read(), general, fmt)
        elif item.startswith(("http://", "https://")):
            yield from read_url(item, merge_hints(manifest.get(item), general), fetch, fmt)
        else:
            path = Path(item)
            if path.is_dir():
                files: Iterable[Path] = _walk(path)
            elif path.is_file():
                files = [path]
            else:
                yield Rejection(input=item, stage=STAGE, reason="no such file or folder")
                continue
            for file in files:
                file_hints = merge_hints(manifest.get(str(file.resolve())), general)
                try:
                    size = file.stat().st_size
                    if size > max_bytes:
                        yield Rejection(
                            input=str(file), stage=STAGE, reason=f"larger than {max_bytes} bytes"
                        )
                        continue
                    data = file.read_bytes()
                except OSError as exc:
                    yield Rejection(
                        input=str(file), stage=STAGE, reason=f"cannot read: {exc.strerror}"
                    )
                    continue
                yield from _from_bytes(str(file), data, file_hints, fmt)


def _from_bytes(name: str, data: bytes, hints: Hints, fmt: str) -> Iterator[Article | Rejection]:
    lower = name.lower()
    if fmt == "jsonl" or (fmt == "auto" and Path(lower).suffix in JSONL_SUFFIXES):
        yield from read_jsonl(name, data, hints)
    elif fmt == "warc" or (fmt == "auto" and lower.endswith(WARC_SUFFIXES)):
        yield from read_warc(name, data, hints)
    elif fmt == "auto" and name == "<stdin>" and _looks_like_jsonl(data):
        yield from read_jsonl(name, data, hints)
    else:
        chosen = None if fmt == "auto" else fmt
        if chosen is None and Path(lower).suffix in HTML_SUFFIXES:
            chosen = "html"
        yield _article(name, data, hints, chosen)


def _looks_like_jsonl(data: bytes) -> bool:
    lines = [ln for ln in data.splitlines() if ln.strip()]
    return bool(lines) and all(ln.lstrip().startswith(b"{") for ln in lines[:20])


# --------------------------------------------------------------------------- decoding


_LATIN_GUESSES = {
    "cp1250",
    "cp1252",
    "latin_1",
    "iso8859_2",
    "iso8859_15",
    "iso8859_9",
    "cp1254",
    "iso8859_3",
    "iso8859_4",
    "iso8859_10",
    "iso8859_13",
    "iso8859_14",
    "iso8859_16",
    "mac_latin2",
    "mac_roman",
    "cp850",
    "cp437",
}


def decode(name: str, data: bytes) -> str:
    """Bytes to text: UTF-8 when valid, else the detected charset; binaries are refused."""
    if not data.strip():
        raise IngestError(name, "empty input")
    if b"\x00" in data[:8192]:
        raise IngestError(name, "binary file (contains NUL bytes), not text or HTML")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        from charset_normalizer import from_bytes

        best = from_bytes(data).best()
        if best is None:
            raise IngestError(
                name, "binary or undecodable content: no text encoding fits"
            ) from None
        encoding = best.encoding
        text = str(best)
        # Single-byte Latin-script guesses are often a coin toss between Central and
        # Western European code pages (à read as ŕ); Western is far more common in
        # news, so prefer cp1252 when it decodes the bytes.
        if encoding in _LATIN_GUESSES:
            with contextlib.suppress(UnicodeDecodeError):
                text, encoding = data.decode("cp1252"), "cp1252"
        logger.info("%s: decoded as %s", name, encoding)
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.02 * min(len(text), 8192):
        raise IngestError(name, "binary content (too many control characters)")
    return text


def sniff_format(text: str) -> str:
    head = text[:4096].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or (
        "<body" in head or ("<p>" in head and "</p>" in head) or "<div" in head
    ):
        return "html"
    return "text"


@register
class Ingest:
    """Decode each input's bytes and decide whether it is plain text or HTML."""

    name: ClassVar[str] = "ingest"
    version: ClassVar[str] = "1"
    requires: ClassVar[frozenset[str]] = frozenset({"raw_bytes"})
    provides: ClassVar[frozenset[str]] = frozenset({"raw", "format"})

    def __init__(self, config: IngestConfig | None = None) -> None:
        self.config = config or IngestConfig()

    def _one(self, article: Article) -> Article:
        assert article.raw_bytes is not None  # guaranteed by `requires`
        if len(article.raw_bytes) > self.config.max_bytes:
            raise IngestError(article.input, f"larger than {self.config.max_bytes} bytes")
        text = decode(article.input, article.raw_bytes)
        fmt = article.format or sniff_format(text)
        return article.replace(raw=text, format=fmt, raw_bytes=None)

    def __call__(self, batch: Sequence[Article], /) -> list[Article | Rejection]:
        return per_article(self.name, batch, self._one)
