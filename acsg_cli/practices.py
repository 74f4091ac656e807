"""Good practices learnt from matches: a practice started from a progress update (FS 5).

`from_update` writes a new `practices/GP-<year>-NNN.yaml` from an update flagged as a good
practice and names the new practice on that update, so the two are linked both ways. Both
files are checked before either is written; the practice is created exclusively, then the match
is edited under its lock (`yamlio.editor`), both under the registry lock that allocates ids;
if the edit fails the new practice is removed, so the command changes both files or neither.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from acsg_cli.errors import DataError, UsageError
from acsg_cli.lifecycle.edit_checks import match_checker
from acsg_cli.lifecycle.edits import MATCH_KEYS, target
from acsg_cli.models import Match
from acsg_cli.registry import Registry
from acsg_cli.yamlio.editor import EditResult, RoundTrip
from acsg_cli.yamlio.reader import Document


@dataclass(frozen=True)
class PracticeFromUpdate:
    """What `from_update` did: the new practice's id, file and text, and the match's edit."""

    id: str
    path: Path
    text: str
    edit: EditResult


def _covered_areas(registry: Registry, match: Match) -> list[str]:
    request = registry.requests[match.request]
    offered = {a for o in match.offers if (offer := registry.offers.get(o)) for a in offer.areas}
    covered = [a.value for a in request.areas if a in offered]
    return covered or [a.value for a in request.areas]


def _pledges(registry: Registry, match: Match) -> list[str]:
    request = registry.requests.get(match.request)
    pledges = list(request.grf_pledge_ids) if request is not None else []
    for offer_id in match.offers:
        offer = registry.offers.get(offer_id)
        pledges += offer.grf_pledge_ids if offer is not None else []
    return list(dict.fromkeys(pledges))


def from_update(
    registry: Registry,
    root: Path,
    match_id: str,
    number: int,
    *,
    today: date,
    title: str | None = None,
    write: bool = True,
    shown_root: str | None = None,
) -> PracticeFromUpdate:
    """Start a practice from update `number` (1 = the first) of a match, linked both ways.

    The practice is a `draft` holding what the registry already knows: the requesting States,
    the areas the match covers, the update's words, the match and the GRF pledges of its
    request and offers. `UsageError` for a wrong number or a missing title; `DataError` when
    the update is not flagged as a good practice or already names a practice.
    """
    from acsg_cli.registry.ids import create_record, next_id
    from acsg_cli.registry.locking import registry_lock
    from acsg_cli.templates import PracticeAnswers, check, render
    from acsg_cli.templates.answers import line
    from acsg_cli.vocab import Area
    from acsg_cli.yamlio.editor import edit_record

    tgt = target(registry, match_id)
    match: Match = registry.require(tgt.match_id, "match")
    if not 1 <= number <= len(match.updates):
        have = f"updates 1 to {len(match.updates)}" if match.updates else "no updates"
        raise UsageError(f"--update {number}: {match.id} has {have}")
    update = match.updates[number - 1]
    if update.good_practice is False:
        raise DataError(
            f"update {number} of {match.id} ({update.on}) is not flagged as a good practice; "
            "set its `good_practice` first"
        )
    if update.practice is not None:
        raise DataError(f"update {number} of {match.id} already started {update.practice}")
    described = update.good_practice if isinstance(update.good_practice, str) else None
    if title is None and described is None:
        raise UsageError(f"--title is needed: update {number} of {match.id} names no practice")
    chosen_title = line(title if title is not None else str(described).splitlines()[0], "title")
    request = registry.requests[match.request]
    answers = PracticeAnswers(
        title=chosen_title,
        countries=list(request.requesting_states),
        categories=[Area(a) for a in _covered_areas(registry, match)],
        summary=" ".join((described or update.summary).split()),
        matches=[match.id],
        grf_pledge_ids=_pledges(registry, match),
    )
    checker = match_checker(tgt)

    def linker(new_id: str) -> Callable[[Document, RoundTrip], None]:
        def link(document: Document, rt: RoundTrip) -> None:
            current = document.data.get("updates") or []
            if len(current) < number or current[number - 1].get("practice") is not None:
                raise DataError(f"{tgt.display} changed while reading it; try again")
            rt.data["updates"][number - 1]["practice"] = new_id

        return link

    def edit(new_id: str, *, write: bool) -> EditResult:
        done, _ = edit_record(
            tgt.path, tgt.display, linker(new_id), check=checker, write=write, order=MATCH_KEYS
        )
        return done

    provisional = next_id(root, "practice", today.year)
    text = render("practice", provisional, answers, today)
    check("practice", text)
    checked = edit(provisional, write=False)  # refused here, before anything is written
    if not write:
        return PracticeFromUpdate(
            provisional, root / "practices" / f"{provisional}.yaml", text, checked
        )
    rendered: dict[str, str] = {}

    def text_of(new_id: str) -> str:
        rendered[new_id] = render("practice", new_id, answers, today)
        check("practice", rendered[new_id])
        return rendered[new_id]

    shown = str(root) if shown_root is None else shown_root
    with registry_lock(root, shown):
        practice_id, path = create_record(root, "practice", today.year, text_of, shown_root=shown)
        try:
            linked = edit(practice_id, write=True)
        except BaseException:
            path.unlink(missing_ok=True)
            raise
    return PracticeFromUpdate(practice_id, path, rendered[practice_id], linked)
