"""Allocating ids for new records: `<PREFIX>-<year>-<NNN>`, the next number free that year."""

from __future__ import annotations

import re
from pathlib import Path

from acsg_cli.models import KINDS


def next_id(root: Path, kind: str, year: int) -> str:
    """The next free id of `kind` for `year` in the registry at `root`.

    Looks at file names (a broken record still holds its id) and never reuses a number.
    Callers create the file exclusively, so a race with another writer fails loudly.
    """
    spec = KINDS[kind]
    pattern = re.compile(rf"^{spec.prefix}-{year}-([0-9]{{3,}})\.yaml$")
    folder = root / spec.folder
    numbers = (
        [int(m.group(1)) for p in folder.glob("*.yaml") if (m := pattern.match(p.name))]
        if folder.is_dir()
        else []
    )
    return f"{spec.prefix}-{year}-{max(numbers, default=0) + 1:03d}"
