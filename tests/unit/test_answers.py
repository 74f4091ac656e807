"""Parsing what a person types for `acsg new`: each answer checked with a clear message."""

from __future__ import annotations

import pytest

from acsg_cli.errors import UsageError
from acsg_cli.templates import answers as A
from acsg_cli.vocab import Region


def test_split_accepts_repeats_commas_and_spaces() -> None:
    assert A.split(["TCD, NER", "MEX", " "]) == ["TCD", "NER", "MEX"]


def test_countries() -> None:
    assert A.countries(["tcd", "NER"]) == ["TCD", "NER"]
    with pytest.raises(UsageError, match="'XYZ' is not an ISO 3166-1 alpha-3 country code"):
        A.countries(["XYZ"])
    with pytest.raises(UsageError, match="country 'TCD' is given twice"):
        A.countries(["TCD tcd"])
    with pytest.raises(UsageError, match="name at least one State"):
        A.countries([""])


def test_vocabulary_answers_suggest_the_nearest() -> None:
    assert A.many_of(A.Area, ["training legislation"], "area") == [
        A.Area.TRAINING,
        A.Area.LEGISLATION,
    ]
    with pytest.raises(UsageError, match="'trainig' is not a known area; did you mean 'training'"):
        A.many_of(A.Area, ["trainig"], "area")
    with pytest.raises(UsageError, match="expected one of: technical, material, financial"):
        A.one_of(A.SupportType, "money", "support type")


def test_line() -> None:
    assert A.line("  Title ", "title") == "Title"
    with pytest.raises(UsageError, match="may not be blank"):
        A.line("  ", "title")
    with pytest.raises(UsageError, match="single line"):
        A.line("a\nb", "title")


@pytest.mark.parametrize(
    ("given", "scope"),
    [
        (["global"], {"global": True}),
        (["Europe", "mena"], {"regions": [Region.EUROPE, Region.MENA]}),
        (["ner,tcd"], {"countries": ["NER", "TCD"]}),
    ],
)
def test_scope(given: list[str], scope: dict[str, object]) -> None:
    assert A.scope(given) == scope


@pytest.mark.parametrize(
    ("given", "message"),
    [
        (["global", "europe"], "a global scope stands alone"),
        (["europe", "FRA"], "either regions or countries"),
        (["atlantis"], "'ATLANTIS' is not an ISO 3166-1|'atlantis' is not an ISO 3166-1"),
        ([], "name the geographic scope"),
    ],
)
def test_bad_scope(given: list[str], message: str) -> None:
    with pytest.raises(UsageError, match=message):
        A.scope(given)
