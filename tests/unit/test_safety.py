"""The output-safety functions, one destination at a time."""

from __future__ import annotations

import re

import pytest

from acsg_cli.render import safety


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("\x1b]0;title\x07", "\\x1b]0;title\\x07"),
        ("\x1b[2J", "\\x1b[2J"),
        ("a\x9bb\x7f", "a\\x9bb\\x7f"),
        ("safe\rEVIL", "safe\\x0dEVIL"),
        ("\u202eevil\u2066", "\\u202eevil\\u2066"),
        ("tag\U000e0041", "tag\\U000e0041"),
        ("\ufffe\ufeff", "\\ufffe\\ufeff"),
        ("two\nlines\tand tab", "two lines and tab"),
        ("Ελληνικά · العربية · 中文 👩\u200d💻", "Ελληνικά · العربية · 中文 👩\u200d💻"),
    ],
)
def test_terminal_shows_controls_visibly(text: str, shown: str) -> None:
    assert safety.terminal(text) == shown
    assert not safety.has_unsafe(safety.terminal(text))


def test_terminal_block_keeps_lines() -> None:
    assert safety.terminal_block("a\n\tb\x1b") == "a\n\tb\\x1b"


def test_rich_text_escapes_markup() -> None:
    from rich.text import Text

    assert Text.from_markup(safety.rich_text("[bold]x[/bold]")).plain == "[bold]x[/bold]"


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+2", "'=1+2"),
        ("+1", "'+1"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("\r=1", "\\x0d=1"),
        ("  =cmd|' /C calc'!A0", "'  =cmd|' /C calc'!A0"),
        ("\uff1d1+1", "'\uff1d1+1"),
        ("-5", "-5"),
        ("12.5", "12.5"),
        ("Plain title", "Plain title"),
        ("a=b", "a=b"),
    ],
)
def test_csv_cells_never_start_a_formula(text: str, cell: str) -> None:
    assert safety.csv_cell(text) == cell


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "![i](https://evil.example/i.png)",
        "<img src=x onerror=alert(1)>",
        "<https://evil.example>",
        "www.evil.example",
        "https://evil.example",
        "spy@evil.example",
        "[ref]: https://evil.example",
        "&lt;script&gt;",
        "a | b",
        "`code` *em* _em_ ~~s~~ $x$",
    ],
)
def test_markdown_never_becomes_markup(text: str) -> None:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    html = md.render(f"| h |\n|---|\n| {safety.md_cell(text)} |\n\n- {safety.md_text(text)}\n")
    for tag in ("<a ", "<img", "<script", "<em>", "<code>", "<s>", "<strong>"):
        assert tag not in html
    assert html.count("<td>") == 1
    for pattern in ("://", "www[.]", r"(?<!\\)@"):
        assert not re.search(pattern, safety.md_cell(text))


@pytest.mark.parametrize(
    "text", ["- item", "+ item", "1. item", "2) item", "=====", "# h", "  - x"]
)
def test_markdown_line_start_is_not_a_block(text: str) -> None:
    from markdown_it import MarkdownIt

    html = MarkdownIt("commonmark").render(f"{safety.md_text(text)}\n")
    assert html.startswith("<p>"), html


def test_markdown_keeps_words_and_codes_readable() -> None:
    assert safety.md_cell("rsd_procedures (FS 3), 40 caseworkers") == (
        "rsd_procedures (FS 3), 40 caseworkers"
    )


def test_annotations_cannot_start_a_command() -> None:
    assert safety.annotation_data("a%b\r\n::warning::x\x1b") == "a%25b%0D%0A::warning::x\\x1b"
    assert safety.annotation_property("f:1,2") == "f%3A1%2C2"


def test_html_escapes_and_policy() -> None:
    assert safety.html_text('<b a="1">&\u202e') == "&lt;b a=&quot;1&quot;&gt;&amp;\\u202e"
    assert "default-src 'none'" in safety.CSP_META and "script" not in safety.CSP


def test_json_escapes_and_refuses_infinity() -> None:
    import json

    text = safety.json_text({"t": "\x7f\x9b\u202e\U000e0041"})
    assert not safety.has_unsafe(text)
    assert json.loads(text) == {"t": "\x7f\x9b\u202e\U000e0041"}
    with pytest.raises(ValueError):
        safety.json_text({"x": float("inf")})
