"""Readers, decoding, manifests and format sniffing (no spaCy needed)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from storyline.errors import IngestError
from storyline.ids import article_id
from storyline.models import Article, Hints, Rejection
from storyline.stages.ingest import Ingest, decode, load_manifest, read_inputs, sniff_format

ARTICLE = (
    "Canada and Mexico agreed on Tuesday to extend their fisheries accord for five more "
    "years, officials in both capitals said after a week of talks."
)


# --------------------------------------------------------------------------- decode


def test_decode_utf8_keeps_accents_and_drops_bom() -> None:
    text = "Le ministre a rencontré son homologue à Mexico, où il a été reçu."
    assert decode("a.txt", text.encode("utf-8")) == text
    assert decode("a.txt", b"\xef\xbb\xbf" + text.encode("utf-8")) == text


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "El ministro de México viajó a Montréal para reunirse con su homólogo canadiense. "
            "Hablaron de comercio, energía y de la próxima reunión en Québec.",
            id="spanish",
        ),
        pytest.param(
            "Le ministre a déclaré que la réunion à Québec était très productive et que les "
            "négociations reprendront en février avec le Mexique.",
            id="french",
        ),
        pytest.param(
            "The café in Montréal served crème brûlée while the trade ministers of Canada and "
            "México discussed the señor's proposal on fisheries for a long time.",
            id="english-with-accents",
        ),
    ],
)
def test_decode_latin1(text: str) -> None:
    data = text.encode("latin-1")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")  # the input really is not UTF-8
    assert decode("latin.txt", data) == text


def test_decode_rejects_nul_bytes_as_binary() -> None:
    with pytest.raises(IngestError) as info:
        decode("image.gif", b"GIF89a\x01\x00\x01\x00\x00\xff\x00binary")
    assert info.value.input == "image.gif"
    assert "binary" in info.value.reason


def test_decode_rejects_control_characters_as_binary() -> None:
    with pytest.raises(IngestError) as info:
        decode("blob", bytes(range(1, 30)) * 20)
    assert "binary" in info.value.reason


@pytest.mark.parametrize("data", [b"", b"  \n\t\r\n  "])
def test_decode_rejects_empty_input(data: bytes) -> None:
    with pytest.raises(IngestError) as info:
        decode("empty.txt", data)
    assert info.value.reason == "empty input"
    assert str(info.value).startswith("empty.txt:")


def test_ingest_stage_turns_bad_bytes_into_rejections() -> None:
    good = Article(id="g", input="good.txt", raw_bytes=ARTICLE.encode())
    binary = Article(id="b", input="bad.bin", raw_bytes=b"\x00\x01\x02abc")
    out = Ingest()([good, binary])
    assert isinstance(out[0], Article)
    assert out[0].raw == ARTICLE and out[0].format == "text" and out[0].raw_bytes is None
    assert isinstance(out[1], Rejection)
    assert (out[1].input, out[1].stage, out[1].article_id) == ("bad.bin", "ingest", "b")
    assert "binary" in out[1].reason


# --------------------------------------------------------------------------- sniff_format


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", "html"),
        ("  <html lang='en'><head></head>", "html"),
        ("<div class='story'>Canada and Mexico</div>", "html"),
        ("<p>One paragraph.</p><p>Another.</p>", "html"),
        (ARTICLE, "text"),
        ("Prices rose 3% as 2 < 3 and 5 > 4 in plain text.", "text"),
    ],
)
def test_sniff_format(text: str, expected: str) -> None:
    assert sniff_format(text) == expected


# --------------------------------------------------------------------------- read_inputs


def test_read_inputs_walks_folders_recursively_and_skips_hidden(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE + " One.")
    (tmp_path / "sub" / "deeper").mkdir(parents=True)
    (tmp_path / "sub" / "b.txt").write_text(ARTICLE + " Two.")
    (tmp_path / "sub" / "deeper" / "c.html").write_text(f"<p>{ARTICLE}</p>")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "config.txt").write_text("hidden folder")

    items = list(read_inputs([str(tmp_path)]))

    assert all(isinstance(i, Article) for i in items)
    names = sorted(Path(i.input).relative_to(tmp_path).as_posix() for i in items)
    assert names == ["a.txt", "sub/b.txt", "sub/deeper/c.html"]
    by_name = {Path(i.input).name: i for i in items}
    assert by_name["c.html"].format == "html"  # chosen from the suffix
    assert by_name["a.txt"].format is None  # left to the Ingest stage to sniff
    assert by_name["a.txt"].raw_bytes == (ARTICLE + " One.").encode()
    assert by_name["a.txt"].id == article_id((ARTICLE + " One.").encode())


def test_read_inputs_reports_missing_path_as_rejection(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    missing = str(tmp_path / "nope.txt")
    items = list(read_inputs([missing, str(tmp_path / "a.txt")]))
    assert isinstance(items[0], Rejection)
    assert items[0].input == missing
    assert "no such file" in items[0].reason
    assert isinstance(items[1], Article)


def test_read_inputs_rejects_files_over_the_size_limit(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("word " * 100)
    (item,) = read_inputs([str(big)], max_bytes=100)
    assert isinstance(item, Rejection)
    assert item.input == str(big) and "larger than 100 bytes" in item.reason


def test_read_inputs_unknown_format_is_an_error() -> None:
    with pytest.raises(IngestError, match="unknown format"):
        list(read_inputs(["x"], fmt="pdf"))


def test_read_inputs_hints_from_flags_apply_to_each_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (item,) = read_inputs([str(tmp_path)], hints=Hints(date="2024-01-02", source="Wire"))
    assert isinstance(item, Article)
    assert (item.hints.date, item.hints.source) == ("2024-01-02", "Wire")


# --------------------------------------------------------------------------- JSONL


def test_jsonl_valid_lines_become_articles_with_hints(tmp_path: Path) -> None:
    rows = [
        {
            "text": ARTICLE,
            "date": "2024-02-03",
            "source": "Example Wire",
            "title": "Fisheries accord extended",
            "language": "en",
            "authors": "Ana Ruiz; Tom Li",
        },
        {
            "html": f"<p>{ARTICLE}</p>",
            "url": "https://news.example/fish",
            "published": "2024-02-04",
        },
    ]
    feed = tmp_path / "feed.jsonl"
    feed.write_text("\n".join(json.dumps(r) for r in rows) + "\n\n", encoding="utf-8")

    first, second = read_inputs([str(feed)], hints=Hints(source="Flag Source"))

    assert isinstance(first, Article) and isinstance(second, Article)
    assert first.input == f"{feed}:1"
    assert first.raw_bytes == ARTICLE.encode()
    assert first.format == "text"
    assert first.hints == Hints(
        date="2024-02-03",
        source="Example Wire",  # the line's own value wins over the run-wide flag
        title="Fisheries accord extended",
        language="en",
        authors=("Ana Ruiz", "Tom Li"),
    )
    assert second.input == "https://news.example/fish"  # named by its URL
    assert second.format == "html"
    assert second.hints.date == "2024-02-04"
    assert second.hints.source == "Flag Source"  # no value on the line: the flag applies


def test_jsonl_invalid_line_becomes_rejection_naming_file_and_line(tmp_path: Path) -> None:
    feed = tmp_path / "mixed.jsonl"
    feed.write_text(
        json.dumps({"text": ARTICLE})
        + "\n{not json\n"
        + json.dumps(["a", "list"])
        + "\n"
        + json.dumps({"title": "no body"})
        + "\n",
        encoding="utf-8",
    )
    items = list(read_inputs([str(feed)]))
    assert [type(i).__name__ for i in items] == ["Article", "Rejection", "Rejection", "Rejection"]
    rejections = [i for i in items if isinstance(i, Rejection)]
    assert [r.input for r in rejections] == [f"{feed}:2", f"{feed}:3", f"{feed}:4"]
    assert "invalid JSON" in rejections[0].reason
    assert "not an object" in rejections[1].reason
    assert "no 'text' or 'html'" in rejections[2].reason
    assert all(r.stage == "ingest" for r in rejections)


def test_stdin_jsonl_is_recognised() -> None:
    data = (json.dumps({"text": ARTICLE, "source": "Piped"}) + "\n").encode()
    (item,) = read_inputs(["-"], stdin=io.BytesIO(data))
    assert isinstance(item, Article)
    assert item.input == "<stdin>:1" and item.hints.source == "Piped"


# --------------------------------------------------------------------------- manifests


def test_manifest_csv_keys_are_absolute_paths(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    manifest = tmp_path / "manifest.csv"
    manifest.write_text(
        "path,date,source,title,language\n"
        "articles/a.txt,2024-03-01,Wire A,Title A,en\n"
        "https://news.example/b,2024-03-02,Wire B,,\n",
        encoding="utf-8",
    )
    rows = load_manifest(manifest)
    key = str((tmp_path / "articles" / "a.txt").resolve())
    assert set(rows) == {key, "https://news.example/b"}
    assert rows[key] == Hints(date="2024-03-01", source="Wire A", title="Title A", language="en")
    assert rows["https://news.example/b"].title is None  # empty cells are no value


def test_manifest_jsonl_with_url_column(tmp_path: Path) -> None:
    manifest = tmp_path / "manifest.jsonl"
    manifest.write_text(
        json.dumps({"path": "a.txt", "date": "2024-03-01"})
        + "\n\n"
        + json.dumps({"url": "https://news.example/b", "source": "Wire B"})
        + "\n",
        encoding="utf-8",
    )
    rows = load_manifest(manifest)
    assert rows[str((tmp_path / "a.txt").resolve())].date == "2024-03-01"
    assert rows["https://news.example/b"].source == "Wire B"


def test_manifest_values_reach_the_matching_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE)
    (tmp_path / "b.txt").write_text(ARTICLE + " Again.")
    manifest = tmp_path / "m.csv"
    manifest.write_text("path,date,source\na.txt,2024-03-01,Manifest Wire\n")
    rows = load_manifest(manifest)
    items = read_inputs(
        [str(tmp_path / "a.txt"), str(tmp_path / "b.txt")],
        hints=Hints(source="Flag"),
        manifest=rows,
    )
    hints = {Path(i.input).name: i.hints for i in items if isinstance(i, Article)}
    assert hints["a.txt"].source == "Manifest Wire" and hints["a.txt"].date == "2024-03-01"
    assert hints["b.txt"].source == "Flag" and hints["b.txt"].date is None


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("m.csv", "path,date\na.txt,2024-01-01\n,2024-01-02\n"),
        ("m.jsonl", '{"path": "a.txt"}\n{"date": "2024-01-02", "source": "Wire"}\n'),
    ],
)
def test_manifest_row_without_path_or_url_is_an_error(
    tmp_path: Path, name: str, content: str
) -> None:
    manifest = tmp_path / name
    manifest.write_text(content)
    with pytest.raises(IngestError) as info:
        load_manifest(manifest)
    assert info.value.input == f"{manifest}:2"
    assert "neither 'path' nor 'url'" in info.value.reason


def test_manifest_invalid_json_line_is_an_error(tmp_path: Path) -> None:
    manifest = tmp_path / "m.jsonl"
    manifest.write_text('{"path": "a.txt"}\n{oops\n')
    with pytest.raises(IngestError) as info:
        load_manifest(manifest)
    assert info.value.input == f"{manifest}:2"
