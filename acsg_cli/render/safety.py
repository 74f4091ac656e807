"""Record text is data: one function per destination makes it inert there.

Every string that comes from a record (a title, an entity name, a file name, a value quoted
in a message) is untrusted: contributors write it in pull requests, and it reaches
terminals, spreadsheets, Markdown viewers, e-mail, GitHub's job summary and browsers. Each
renderer passes such text through the function for its destination:

- `terminal` / `terminal_block`: control characters (C0, DEL, C1), bidirectional overrides,
  invisible format characters and noncharacters are shown as visible escapes (`\\x1b`,
  `\\u202e`), never emitted, so text cannot clear the screen, set a window title, draw an OSC 8
  link or reorder what is shown.
- `rich_text`: the same, with rich's markup brackets escaped so `[bold]` stays text.
- `csv_cell`: a cell that a spreadsheet would take as a formula (leading `=`, `+`, `-`, `@`,
  tab or carriage return, also after leading spaces, and their full-width forms) is prefixed
  with `'` as OWASP recommends; plain numbers are left as they are.
- `md_text` / `md_cell`: every character Markdown (CommonMark, GitHub's GFM) could read as
  syntax is backslash-escaped, and the patterns GFM turns into links on its own (`www.`,
  `scheme://`, e-mail addresses and @mentions) are broken, so record text never becomes a
  link, an image, HTML, a heading or a table column.
- `annotation_data` / `annotation_property`: GitHub workflow-command escaping on top of
  `terminal`, so a message cannot start a new workflow command.
- `html_text` and `CSP_META`: HTML escaping, and a Content-Security-Policy for generated pages
  that allows no script, no remote fetch, no form and no base URL.
- `json_text`: JSON whose strings carry those characters only as `\\uXXXX` escapes, and that
  refuses NaN and Infinity (which are not JSON).
"""

from __future__ import annotations

import html
import json
import re
from typing import Any

# Characters never emitted as they are: C0 controls but tab and newline (handled per
# destination), DEL and C1, the soft hyphen, the Arabic letter mark, the Mongolian vowel
# separator, zero-width space and the directional marks, line and paragraph separators,
# embeddings, overrides and isolates, word joiner and the invisible operators, the byte-order
# mark, interlinear annotations, surrogates, noncharacters and the tag characters. The zero-width
# joiner and non-joiner (U+200C, U+200D) are kept: scripts and emoji need them.
_UNSAFE_CLASS = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u061c\u180e\u200b\u200e\u200f\u2028-\u202e"
    "\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff"
    "\U000e0000-\U000e007f"
)
UNSAFE = re.compile(f"[{_UNSAFE_CLASS}]")
"""One character that must never reach an output as it is (tab and newline are not in it)."""
_UNSAFE_OR_TAB_NL = re.compile(f"[{_UNSAFE_CLASS}\t\n]")


def escape_char(char: str) -> str:
    """A visible, unambiguous spelling of one character: `\\x1b`, `\\u202e`, `\\U000e0041`."""
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    if code < 0x10000:
        return f"\\u{code:04x}"
    return f"\\U{code:08x}"


def has_unsafe(text: str) -> bool:
    """Whether `text` holds a character no output shows as it is."""
    if text.isascii() and text.isprintable():  # spaces to tildes only: none of them
        return False
    return UNSAFE.search(text) is not None


def _visible(match: re.Match[str]) -> str:
    char = match.group()
    return " " if char in "\t\n" else escape_char(char)


def terminal(value: object) -> str:
    """One line for a terminal: controls and invisible characters escaped, tabs and newlines
    become spaces."""
    return _UNSAFE_OR_TAB_NL.sub(_visible, _text(value))


def terminal_block(value: object) -> str:
    """Text of several lines for a terminal: newlines and tabs kept, the rest as `terminal`."""
    return UNSAFE.sub(lambda m: escape_char(m.group()), _text(value))


def rich_text(value: object) -> str:
    """One line for rich's console: as `terminal`, with markup such as `[bold]` escaped."""
    from rich.markup import escape

    return escape(terminal(value))


# --- spreadsheets -------------------------------------------------------------------------

_FORMULA_START = re.compile(r"^[\s\u3000]*[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]")
_PLAIN_NUMBER = re.compile(r"^-?[0-9]+(?:\.[0-9]+)?$")


def csv_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: a leading formula character (also after
    spaces) gets a `'` in front, as OWASP recommends; plain numbers stay numbers.
    Controls are made visible as for a terminal, newlines kept (CSV quotes them)."""
    text = UNSAFE.sub(lambda m: escape_char(m.group()), _text(value))
    if _FORMULA_START.match(text) and not _PLAIN_NUMBER.match(text):
        return "'" + text
    return text


# --- Markdown and GitHub ------------------------------------------------------------------

_MD_ALWAYS = re.compile(r"([\\`*\[\]<>|~&#@$])")
_MD_UNDERSCORE = re.compile(r"(?<![0-9A-Za-z])_|_(?![0-9A-Za-z])")
_MD_SCHEME = re.compile(r"(?<=[A-Za-z0-9]):(?=/)|(?<=:)/")
_MD_WWW = re.compile(r"(?i)(?<=www)\.")
_MD_BLOCK_START = re.compile(r"^[-+=]")
_MD_ORDERED_START = re.compile(r"^([0-9]+)(?=[.)])")


def md_cell(value: object) -> str:
    """Inline Markdown showing `value` literally, on one line: a table cell, a heading, or
    text after other words on a line.

    Escapes every character CommonMark or GFM could read as inline syntax (emphasis, code,
    link and image brackets, raw HTML and autolinks, entities, table pipes, strikethrough,
    math), and breaks the links GFM makes on its own (`www.`, `http://`, `a@b.c`) and
    @mentions. Controls are escaped visibly; newlines and tabs become spaces.
    """
    text = terminal(value).strip()  # leading spaces would start a code block
    text = _MD_ALWAYS.sub(r"\\\1", text)
    text = _MD_UNDERSCORE.sub(r"\\_", text)
    text = _MD_SCHEME.sub(lambda m: "\\" + m.group(), text)
    return _MD_WWW.sub(r"\\.", text)


def md_text(value: object) -> str:
    """As `md_cell`, for text that opens a line or a list item: a leading character that
    would start a block (a list, a heading underline, a numbered item) is escaped too."""
    text = _MD_BLOCK_START.sub(lambda m: "\\" + m.group(), md_cell(value))
    return _MD_ORDERED_START.sub(lambda m: m.group() + "\\", text)


def annotation_data(value: object) -> str:
    """A GitHub workflow-command message: one visible line, `%`, CR and LF escaped."""
    text = _text(value).replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return terminal(text)


def annotation_property(value: object) -> str:
    """A workflow-command property (`file=`, `title=`): as `annotation_data`, plus `:` and `,`."""
    return annotation_data(value).replace(":", "%3A").replace(",", "%2C")


# --- HTML ---------------------------------------------------------------------------------

CSP = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; "
    "base-uri 'none'; form-action 'none'"
)
"""The policy of every generated page: inline styles and data: images only; no script, no
remote fetch, no form target and no base URL."""
CSP_META = f'<meta http-equiv="Content-Security-Policy" content="{CSP}">'
"""The policy as the first tag of `<head>` (a meta policy needs no server)."""

SITE_CSP = (
    "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; "
    "img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self'"
)
"""The policy of the portal's pages (`acsg site build`): the site's own files only, no inline
script or style; its own scripts (listing filters, search) may fetch its own search index and
run its WebAssembly (Pagefind decodes the index in the browser); forms go to its own pages."""


def html_text(value: object) -> str:
    """HTML text and attribute values: `& < > " '` escaped, invisible characters shown."""
    return html.escape(terminal_block(value), quote=True)


def visible(value: object) -> str:
    """Text with every character of `UNSAFE` escaped visibly (newlines and tabs kept)."""
    return terminal_block(value)


# --- JSON ---------------------------------------------------------------------------------


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code < 0x10000:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_text(data: Any, *, indent: int | None = 2) -> str:
    """JSON text (no trailing newline) readable as UTF-8, with every character of `UNSAFE`
    written as a `\\uXXXX` escape. `ValueError` for NaN or an infinity, which JSON lacks."""
    text = json.dumps(data, indent=indent, ensure_ascii=False, allow_nan=False)
    if not UNSAFE.search("".join(set(text))):  # each distinct character looked at once
        return text
    return UNSAFE.sub(_json_escape, text)


def _text(value: object) -> str:
    return value if isinstance(value, str) else "" if value is None else str(value)
