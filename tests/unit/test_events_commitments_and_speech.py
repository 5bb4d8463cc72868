"""Commitments coded once by their specific code, purpose infinitives taking the
destination or partner, protests in words as complaints, and framed reported speech
(invented sentences)."""

from __future__ import annotations

import pytest

from storyline.models import Article

pytestmark = pytest.mark.model

TEXTS = {
    "promised": "Canada promised to send food to Mexico.",
    "pledged": "Canada pledged on Monday to deliver medicine to Mexico.",
    "threatened": "Canada threatened to impose sanctions on Mexico.",
    "agreed_resume": "Canada agreed to resume sharing intelligence with Mexico.",
    "flew": "The Canadian foreign minister flew to Mexico City to meet officials.",
    "sent_envoy": "Canada sent an envoy to Mexico to mediate.",
    "talks_to_improve": "Canada held talks with Mexico to improve relations.",
    "travelled_talks": "The Canadian premier travelled to Mexico to hold talks.",
    "protested_that": "Canada protested that Mexican boats had entered its waters.",
    "protested_to": "Canada protested to Mexico over the arrests.",
    "protested_quote": '"This is unacceptable," the Canadian government protested.',
    "framed": (
        "The news comes as Canada informed Mexico that it would delay the tariffs, "
        "a Mexican official told reporters on Monday."
    ),
}


def codes(article: Article) -> dict[str, tuple[str | None, str | None, str]]:
    return {
        e.cameo: (e.source.country, e.target.country if e.target else None, e.modality)
        for e in article.events
        if not e.negated
    }


@pytest.mark.parametrize(
    ("name", "specific", "generic"),
    [
        ("promised", "0333", "030"),
        ("pledged", "0333", "030"),
        ("threatened", "1312", "130"),
        ("agreed_resume", "0314", "030"),
    ],
)
def test_a_commitment_is_coded_once_by_its_specific_code(
    articles: dict[str, Article], name: str, specific: str, generic: str
) -> None:
    got = codes(articles[name])
    assert got[specific][:2] == ("CAN", "MEX"), articles[name].events
    assert got[specific][2] in ("asserted", "reported")
    assert generic not in got  # the verb's own code would count the promise twice


def test_the_committed_act_stays_as_a_plan(articles: dict[str, Article]) -> None:
    got = codes(articles["threatened"])
    assert got["163"] == ("CAN", "MEX", "planned")


@pytest.mark.parametrize(
    ("name", "cameo"),
    [
        ("flew", "040"),
        ("sent_envoy", "045"),
        ("talks_to_improve", "050"),
        ("travelled_talks", "040"),
    ],
)
def test_a_purpose_takes_the_destination_or_partner(
    articles: dict[str, Article], name: str, cameo: str
) -> None:
    assert codes(articles[name])[cameo][:2] == ("CAN", "MEX"), articles[name].events


@pytest.mark.parametrize("name", ["protested_that", "protested_to", "protested_quote"])
def test_protesting_in_words_is_a_complaint(articles: dict[str, Article], name: str) -> None:
    got = codes(articles[name])
    assert "114" in got and got["114"][0] == "CAN", articles[name].events
    assert not any(c.startswith("14") for c in got)


def test_protested_to_names_the_addressee(articles: dict[str, Article]) -> None:
    assert codes(articles["protested_to"])["114"][:2] == ("CAN", "MEX")


def test_framing_clause_is_not_part_of_the_quote(articles: dict[str, Article]) -> None:
    (q,) = articles["framed"].quotes
    assert q.text.startswith("Canada informed Mexico")
    assert "news" not in q.text
    assert q.speaker_name  # the official is the speaker, not the framed clause
