"""Deterministic identifiers.

Article ids hash the input's own bytes, never the cleaning result, so a better
cleaner does not re-key the store, and re-ingesting the same content is a no-op.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"\s+")


def digest(*parts: str | bytes, length: int = 16) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode("utf-8") if isinstance(part, str) else part)
        h.update(b"\x1f")  # separator, so ("ab", "c") != ("a", "bc")
    return h.hexdigest()[:length]


def article_id(content: bytes) -> str:
    # Line endings and trailing whitespace are not content: the same article saved
    # on Windows or by another scraper must get the same id.
    normalised = b"\n".join(line.rstrip() for line in content.replace(b"\r\n", b"\n").split(b"\n"))
    return digest(normalised.strip())


def normalise_text(text: str) -> str:
    """Case-, punctuation- and whitespace-insensitive form, for duplicate detection."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = "".join(ch if ch.isalnum() else " " for ch in text)
    return _WS.sub(" ", text).strip()


def content_hash(text: str) -> str:
    return digest(normalise_text(text))


def slug(text: str) -> str:
    s = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-") or digest(text, length=8)
