"""The registry at a point in time: now, as of a date, or as committed at a git revision.

`--as-of` and `--since` take either form:

- a date (`YYYY-MM-DD`): the registry in the working tree, with every record dated after the
  date left out and every match put back to the stage its history gave it on that date
  (`records_as_of`). A request or an offer with a `history` (written by the lifecycle
  commands as its matches move) has the status its history gives on that date. One without
  (or on a date before its first entry) keeps its status as it is now, except where the
  matches of that date tell otherwise: a request recorded as `matched` (an offer as
  `committed`) counts as `open` on a date when none of its matches was under way yet, and one
  now `closed` or `withdrawn` counts as `matched` (`committed`) on a date when one of its
  matches was still live.
- anything else is a git revision (`HEAD~3`, a tag, a commit): the registry exactly as it was
  committed then, read from git objects (`git ls-tree` + `git cat-file --batch`) without
  checking anything out, and reported as of the commit's date.

A string that looks like a date is always a date. Each report says which form it used.
"""

from __future__ import annotations

import os
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TypeVar

from acsg_cli import git
from acsg_cli import problems as codes
from acsg_cli.errors import UsageError
from acsg_cli.i18n import _
from acsg_cli.lifecycle.following import holds, requesting_states, started_on
from acsg_cli.models import KIND_BY_FOLDER, Match, Offer, Request
from acsg_cli.problems import Problem
from acsg_cli.registry import Registry, SourceFile, load_registry
from acsg_cli.registry.load import build_registry
from acsg_cli.render.safety import terminal
from acsg_cli.vocab import (
    MatchStatus,
    OfferStatus,
    RequestStatus,
)
from acsg_cli.yamlio.reader import MAX_BYTES

_Pledge = TypeVar("_Pledge", Request, Offer)
_ENDED = frozenset(
    {RequestStatus.CLOSED, RequestStatus.WITHDRAWN, OfferStatus.CLOSED, OfferStatus.WITHDRAWN}
)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


@dataclass(frozen=True)
class Basis:
    """How the registry of a report was obtained, in words and in fields for JSON."""

    kind: str
    """`working_tree` (now), `date` (working tree filtered by dates) or `git` (a committed tree)."""
    as_of: date
    label: str
    revision: str | None = None
    commit: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "as_of": self.as_of.isoformat(),
            "label": self.label,
            "revision": self.revision,
            "commit": self.commit,
        }


@dataclass(frozen=True)
class Snapshot:
    """A registry at one point, and how it was obtained."""

    registry: Registry
    basis: Basis


def parse_date(text: str) -> date | None:
    """The date `text` names, None when it does not look like a date, UsageError when it is not a
    real one."""
    if not _DATE.match(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UsageError(f"'{text}' is not a real date (YYYY-MM-DD)") from None


def snapshot(
    data: Path, root_display: str, point: str | None, today: date, base: Snapshot | None = None
) -> Snapshot:
    """The registry at `point` (None: now). A date filters `base` when given (the `--as-of`
    registry, for `--since`), else the working tree; a revision is read from git."""
    if point is None:
        registry = load_registry(data, root_display=root_display)
        now = _("the registry in {root} as it is now").format(root=root_display)
        return Snapshot(registry, Basis("working_tree", today, now))
    point = point.strip()
    if not point:
        raise UsageError("an empty --as-of/--since; give a date (YYYY-MM-DD) or a git revision")
    day = parse_date(point)
    if day is not None:
        if day > today:
            raise UsageError(f"{point} is in the future (today is {today.isoformat()})")
        source = (
            base.registry if base is not None else load_registry(data, root_display=root_display)
        )
        where = (
            base.basis.label
            if base is not None
            else _("the registry in {root}").format(root=root_display)
        )
        label = _("{registry}, with records and histories dated on or before {day}")
        return Snapshot(
            records_as_of(source, day),
            Basis("date", day, label.format(registry=where, day=point)),
        )
    return _from_git(data, root_display, point)


# --- dates ------------------------------------------------------------------------------------


def _statuses_as_of(
    records: dict[str, _Pledge],
    day: date,
    busy: set[str],
    held: RequestStatus | OfferStatus,
    free: RequestStatus | OfferStatus,
) -> None:
    """Set each request's or offer's status to the last one its history records by `day`; one
    without a recorded move is `held` (matched, committed) exactly while the matches of `day`
    hold it (`busy`), else `free` (open) if the file says `held`."""
    for record_id, record in list(records.items()):
        recorded = [e.status for e in record.history if e.on <= day]
        status: RequestStatus | OfferStatus
        if recorded:
            status = recorded[-1]
        elif record.status is held and record_id not in busy:
            status = free
        elif record.status in _ENDED and record_id in busy:
            status = held
        else:
            continue
        records[record_id] = record.model_copy(update={"status": status})


def records_as_of(registry: Registry, day: date) -> Registry:
    """A new registry holding the records as they stood on `day` (see the module docstring)."""
    requests = {i: r for i, r in registry.requests.items() if r.submitted_on <= day}
    offers = {i: o for i, o in registry.offers.items() if o.submitted_on <= day}
    matches: dict[str, Match] = {}
    for match_id, match in registry.matches.items():
        past = _match_as_of(match, day)
        if past is not None and past.request in requests and all(o in offers for o in past.offers):
            matches[match_id] = past
    # Held as `lifecycle.following` says: a request by a match agreed with every consent (or
    # completed), an offer by agreed matches filling its capacity.
    busy_requests = {
        m.request
        for m in matches.values()
        if m.status is MatchStatus.COMPLETED or holds(m, requests[m.request].requesting_states)
    }
    taken = Counter(
        o for m in matches.values() if holds(m, requesting_states(requests, m)) for o in m.offers
    )
    busy_offers = {o for o, n in taken.items() if n >= offers[o].capacity}
    _statuses_as_of(requests, day, busy_requests, RequestStatus.MATCHED, RequestStatus.OPEN)
    _statuses_as_of(offers, day, busy_offers, OfferStatus.COMMITTED, OfferStatus.OPEN)
    kept = {*requests, *offers, *matches}
    return Registry(
        root_display=registry.root_display,
        requests=requests,
        offers=offers,
        matches=matches,
        sources={i: s for i, s in registry.sources.items() if i in kept},
        problems=list(registry.problems),
        files=list(registry.files),
        known_ids=dict(registry.known_ids),
    )


def _match_as_of(match: Match, day: date) -> Match | None:
    started = started_on(match)
    if started is not None and started > day:
        return None
    history = [h for h in match.history if h.on <= day]
    if match.history and not history:
        status = MatchStatus.PROPOSED  # proposed by then, but no move recorded yet
    else:
        status = history[-1].status if history else match.status
    return match.model_copy(
        update={
            "status": status,
            "history": history,
            "consents": [c for c in match.consents if c.on <= day],
            "updates": [u for u in match.updates if u.on <= day],
        }
    )


# --- git --------------------------------------------------------------------------------------


def _from_git(data: Path, root_display: str, rev: str) -> Snapshot:
    if not data.exists():
        raise UsageError(f"registry folder '{data}' not found (set --data or ACSG_DATA)")
    try:
        top = git.toplevel(data.resolve())
        commit = git.verify_revision(top, rev)
    except UsageError as exc:
        raise UsageError(
            f"'{terminal(rev)}' is neither a date (YYYY-MM-DD) nor a git revision ({exc.message})"
        ) from None
    committed = git.commit_date(top, commit)
    relative = data.resolve().relative_to(top).as_posix()
    prefix = "" if relative == "." else relative + "/"
    if prefix and git.object_type(top, f"{commit}:{relative}") != "tree":
        raise UsageError(
            f"'{terminal(relative)}' is not a folder at git revision '{terminal(rev)}' "
            f"({commit[:12]})"
        )
    shown_root = f"{rev}:{root_display}"
    files, problems = _git_sources(top, commit, prefix, shown_root)
    registry = build_registry(files, problems, root_display=shown_root)
    label = _("the registry in {root} as committed at git revision {revision} ({commit}, {day})")
    basis = Basis(
        "git",
        date.fromisoformat(committed),
        label.format(root=root_display, revision=rev, commit=commit[:12], day=committed),
        revision=rev,
        commit=commit,
    )
    return Snapshot(registry, basis)


def _git_sources(
    top: Path, commit: str, prefix: str, shown_root: str
) -> tuple[list[SourceFile], list[Problem]]:
    listing = git.ls_tree(top, commit, prefix)
    wanted: list[tuple[str, str, str]] = []
    problems: list[Problem] = []
    for entry in listing.split(b"\0"):
        if not entry:
            continue
        meta, _, raw_path = entry.partition(b"\t")
        mode, kind, oid, size = meta.split()
        path = os.fsdecode(raw_path)
        parts = path[len(prefix) :].split("/")
        if len(parts) < 2 or parts[0] not in KIND_BY_FOLDER or parts[-1].startswith("."):
            continue
        shown = f"{shown_root.rstrip('/')}/{'/'.join(parts)}"
        if len(parts) > 2:
            continue  # records live directly in their kind's folder; a sub-folder is not scanned
        if kind != b"blob" or mode == b"120000":
            problems.append(
                codes.problem(
                    shown,
                    1,
                    1,
                    codes.UNREADABLE,
                    "not a regular file in git; a record is a file named <id>.yaml",
                )
            )
            continue
        if not parts[1].endswith(".yaml"):
            continue
        if int(size) > MAX_BYTES:
            problems.append(
                codes.problem(
                    shown,
                    1,
                    1,
                    codes.UNREADABLE,
                    f"file is {int(size) // 1024} KiB, over the {MAX_BYTES // 1024} KiB "
                    f"limit for a record file",
                )
            )
            continue
        wanted.append((shown, parts[0], oid.decode()))
    blobs = git.cat_blobs(top, [oid for _, _, oid in wanted])
    files = [
        SourceFile(
            display=shown, folder=folder, name=shown.rsplit("/", 1)[1], read=_constant(blobs[oid])
        )
        for shown, folder, oid in wanted
    ]
    return files, problems


def _constant(content: bytes) -> Callable[[], bytes]:
    def read() -> bytes:
        return content

    return read
