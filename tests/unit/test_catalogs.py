"""The translation catalogs: every message in every language, compiled catalogs current."""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from acsg_cli import vocab
from acsg_cli.i18n import LANGUAGES, LOCALE_DIR, format_date, gettext, language, ngettext

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {
    "_": None,
    "gettext": None,
    "ngettext": (1, 2),
    "N_": None,
    "count_text": (1, 2),
}


@cache
def _extracted() -> set[str]:
    """Every message the code marks, as `pybabel extract` with babel.cfg finds it."""
    from babel.messages.frontend import parse_mapping_cfg

    with (ROOT / "babel.cfg").open(encoding="utf-8") as fh:
        method_map, options_map = parse_mapping_cfg(fh)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(
        str(ROOT / "acsg_cli"), method_map, options_map, keywords=KEYWORDS
    ):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


def _catalog(lang: str) -> object:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / "acsg.po").open("rb") as fh:
        return read_po(fh, locale=lang)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_in_the_catalog(lang: str) -> None:
    catalog = _catalog(lang)
    ids = {m.id[0] if isinstance(m.id, tuple) else m.id for m in catalog if m.id}  # type: ignore[attr-defined]
    missing = sorted(_extracted() - ids)
    assert not missing, f"{lang}: run scripts/update-catalogs.sh and translate: {missing}"


@pytest.mark.parametrize("lang", [lang for lang in LANGUAGES if lang != "en"])
def test_every_message_is_translated(lang: str) -> None:
    untranslated = []
    for message in _catalog(lang):  # type: ignore[attr-defined]
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(strings) or message.fuzzy:
            untranslated.append(message.id)
    assert not untranslated, f"{lang}: translate {untranslated}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_compiled_catalog_is_current(lang: str) -> None:
    out = io.BytesIO()
    write_mo(out, _catalog(lang))  # type: ignore[arg-type]
    shipped = (LOCALE_DIR / lang / "LC_MESSAGES" / "acsg.mo").read_bytes()
    assert out.getvalue() == shipped, f"{lang}: the .mo is stale; run scripts/update-catalogs.sh"


def test_every_vocabulary_value_has_a_label_in_every_language() -> None:
    kinds = [
        v
        for v in vars(vocab).values()
        if isinstance(v, type) and issubclass(v, vocab._Vocab) and v is not vocab._Vocab
    ]
    assert set(kinds) == set(vocab.LABELS)
    for kind in kinds:
        for member in kind:
            assert member.value in vocab.LABELS[kind], (kind.__name__, member.value)
            for lang in LANGUAGES:
                with language(lang):
                    label = member.label
                assert label and "_" not in label, (lang, kind.__name__, member.value, label)


def test_a_vocabulary_value_is_declared_with_its_label() -> None:
    class Colour(vocab._Vocab):
        RED = "red", vocab.N_("Red")

    assert Colour("red").label == "Red" and str(Colour.RED) == "red"
    with pytest.raises(TypeError, match="Shade value 'grey' has no label"):

        class Shade(vocab._Vocab):
            GREY = "grey"


def test_labels_and_plurals_speak_the_chosen_language() -> None:
    assert vocab.Area.RSD_PROCEDURES.label == "RSD procedures"
    assert vocab.EntityType.NGO.label == "NGO"
    assert vocab.Region.EAST_HORN_GREAT_LAKES.label == (
        "East and Horn of Africa and the Great Lakes"
    )
    with language("fr"):
        assert vocab.Area.RSD_PROCEDURES.label == "Procédures de DSR"
        assert ngettext("{n} new offer", "{n} new offers", 2).format(n=2) == "2 nouvelles offres"
        assert format_date("2021-10-12") == "12 octobre 2021"
        assert gettext("Summary") == "Résumé"
    with language("es"):
        assert ngettext("{n} new offer", "{n} new offers", 1).format(n=1) == "1 nueva oferta"
        assert format_date("2021-10-12") == "12 de octubre de 2021"
    assert ngettext("{n} new offer", "{n} new offers", 1).format(n=1) == "1 new offer"
    assert format_date("2021-10-12") == "12 October 2021"
