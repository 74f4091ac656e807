"""`acsg match create`: a new match file, status `proposed`, with its score and reasons.

A pair that fails a hard filter is refused with the reasons, unless the officer forces it
and says why (`force` with a `note`); the note and the filters passed over are kept in the
match's rationale and history, so the decision stays visible.

Before writing, the new record is checked by the rules `acsg validate` runs, as the edit
commands do: a rule error refuses it. Forced, the match carries a waiver of every rule it
breaks, with the note as its reason and `by` as the approver (the Secretariat accepted it
consciously), so what is written validates.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from acsg_cli.disclosure import Audience, reason_visible, redact
from acsg_cli.errors import DataError, UsageError
from acsg_cli.lifecycle.edit_checks import require_note
from acsg_cli.matching.eligibility import exclusions
from acsg_cli.matching.scoring import Component, Weights
from acsg_cli.models import Offer, Request
from acsg_cli.problems import Problem, Severity
from acsg_cli.registry import Registry
from acsg_cli.registry.sources import display_join
from acsg_cli.rules.engine import RuleSettings
from acsg_cli.vocab import MatchStatus

SCHEMA_REF = "../../schemas/match.schema.json"


@dataclass(frozen=True)
class Created:
    match_id: str
    path: Path
    display: str
    score: float
    rationale: list[str]


def create_match(
    root: Path,
    load: Callable[[], Registry],
    request_id: str,
    offer_ids: list[str],
    *,
    root_display: str,
    today: date,
    by: str | None = None,
    note: str | None = None,
    force: bool = False,
    weights: Weights | None = None,
    rules: RuleSettings | None = None,
) -> Created:
    """Write `<root>/matches/<next id>.yaml` for the request and offers; return what was written.

    `weights` score the pair and `rules` check the new record: the project's settings
    (`ProjectConfig.matching()` and `.rules()`), the defaults when None.

    Everything happens under the registry lock: `load()` reads the registry as it is once the
    lock is held, so the filters (capacity, a live match of the same pair) see every match
    created before, and the id is allocated and the file created before the lock is released.
    """
    from acsg_cli.registry.locking import registry_lock

    if force:
        require_note(note, "--force")
    if force and not (by and by.strip()):
        raise UsageError("--force needs --by naming who approves overriding the filters")
    with registry_lock(root, root_display):
        return _create_locked(
            root,
            load(),
            request_id,
            offer_ids,
            today=today,
            by=by,
            note=note,
            force=force,
            weights=weights,
            rules=rules if rules is not None else RuleSettings(),
        )


def _create_locked(
    root: Path,
    registry: Registry,
    request_id: str,
    offer_ids: list[str],
    *,
    today: date,
    by: str | None,
    note: str | None,
    force: bool,
    weights: Weights | None,
    rules: RuleSettings,
) -> Created:
    wanted = [o.strip() for o in offer_ids]
    twice = sorted({o for o in wanted if wanted.count(o) > 1})
    if twice:
        raise UsageError(f"offer {', '.join(twice)} is named twice")
    request = registry.require(request_id.strip(), "request")
    offers = [registry.require(o, "offer") for o in wanted]
    refused = {o.id: exclusions(registry, request, o, today) for o in offers}
    refused = {k: v for k, v in refused.items() if v}
    if refused and not force:
        lines = [f"{oid}: {'; '.join(e.reason for e in found)}" for oid, found in refused.items()]
        raise DataError(
            f"{request.id} cannot be matched with {', '.join(refused)}: "
            + " | ".join(lines)
            + " (use --force with --note to record the match anyway)"
        )
    scores, explained = _score(registry, request, offers, today, weights or Weights())
    rationale = _rationale(request, offers, explained)
    for oid, found in refused.items():
        rationale += [redact(f"{oid}: forced past a filter: {e.reason}") for e in found]
    score = round(sum(scores) / len(scores), 2)
    data: dict[str, Any] = {
        "request": request.id,
        "offers": [o.id for o in offers],
        "status": MatchStatus.PROPOSED.value,
        "proposed_on": today,
    }
    if by:
        data["proposed_by"] = by
    data["score"] = score
    data["rationale"] = rationale
    entry: dict[str, Any] = {"on": today, "status": MatchStatus.PROPOSED.value}
    if by:
        entry["by"] = by
    if note:
        entry["note"] = redact(note)
    data["history"] = [entry]
    data = _checked(root, registry, data, rules, today=today, force=force, by=by, note=note)
    match_id, path = _write(root, registry.root_display, data, today.year)
    return Created(
        match_id, path, display_join(registry.root_display, "matches", path.name), score, rationale
    )


def _checked(
    root: Path,
    registry: Registry,
    data: dict[str, Any],
    settings: RuleSettings,
    *,
    today: date,
    force: bool,
    by: str | None,
    note: str | None,
) -> dict[str, Any]:
    """`data` once the rules `acsg validate` runs accept it as a match of `registry`.

    A rule error refuses the match; with `force`, each rule in error is waived instead (the
    note as the reason, `by` as the approver) and the match checked again, so what is written
    validates. A rule that cannot be waived refuses the match even then."""
    problems = _problems(root, registry, data, settings, today)
    if problems and force:
        waiver = {"reason": (note or "").strip(), "approved_by": by, "on": today}
        codes = sorted({p.code for p in problems})
        data = {**data, "waivers": [{"rule": code, **waiver} for code in codes]}
        problems = _problems(root, registry, data, settings, today)
    if problems:
        lines = "; ".join(f"{p.code} {p.message}" for p in problems)
        hint = "" if force else " (use --force with --note and --by to record it with waivers)"
        raise DataError(f"the new match would not validate: {lines}{hint}")
    return data


def _problems(
    root: Path, registry: Registry, data: dict[str, Any], settings: RuleSettings, today: date
) -> list[Problem]:
    from pydantic import ValidationError

    from acsg_cli.models import Match
    from acsg_cli.registry import RecordSource
    from acsg_cli.registry.ids import next_id
    from acsg_cli.rules.engine import check_candidate
    from acsg_cli.yamlio.reader import read_bytes
    from acsg_cli.yamlio.writer import dump_record

    match_id = next_id(root, "match", today.year)
    text = dump_record({"id": match_id, **data}, schema_ref=SCHEMA_REF)
    try:
        match = Match.model_validate({"id": match_id, **data})
    except ValidationError as exc:  # a bug here, not the user's: say so plainly
        raise DataError(f"the new match does not fit the match schema: {exc}") from None
    display = display_join(registry.root_display, "matches", f"{match_id}.yaml")
    source = RecordSource(display, read_bytes(text.encode()).source_map)
    found = check_candidate(registry, match, source, settings, today=today)
    return [p for p in found if p.severity is Severity.ERROR]


def _write(root: Path, shown_root: str, data: dict[str, Any], year: int) -> tuple[str, Path]:
    """Create the match file with the next id; the caller holds the registry lock."""
    from acsg_cli.registry.ids import create_record
    from acsg_cli.yamlio.writer import dump_record

    def text_of(match_id: str) -> str:
        return dump_record({"id": match_id, **data}, schema_ref=SCHEMA_REF)

    return create_record(root, "match", year, text_of, shown_root=shown_root)


def _rationale(
    request: Request, offers: list[Offer], explained: list[list[Component]]
) -> list[str]:
    """The score's reasons fit for the match file. Every party reads that file, before anyone
    consented: only the reasons the strictest party audience may see are kept (a confidential
    request's words stay out), with contact details redacted."""
    audience = Audience.before_consent("", request)
    rationale: list[str] = []
    for offer, parts in zip(offers, explained, strict=True):
        prefix = f"{offer.id}: " if len(offers) > 1 else ""
        rationale += [
            redact(f"{prefix}{p.reason}")
            for p in parts
            if p.reason and reason_visible(p.name, request, [offer], audience)
        ]
    return rationale


def _score(
    registry: Registry, request: Request, offers: list[Offer], today: date, weights: Weights
) -> tuple[list[float], list[list[Component]]]:
    """Each offer's fit for the request and its parts, calibrated on the whole registry."""
    import numpy as np

    from acsg_cli.matching.index import build_index, one_blas_thread
    from acsg_cli.matching.scoring import Scorer

    with one_blas_thread():
        index = build_index(registry, today)
        scorer = Scorer(index, weights)
        row = index.request_pos[request.id]
        scorer.prepare(np.array([row], dtype=np.intp))
        cols = np.array([index.offer_pos[o.id] for o in offers], dtype=np.intp)
        rows = np.full(len(cols), row, dtype=np.intp)
        cosine = scorer.cosine(rows, cols)
        scores = scorer.total(scorer.values(rows, cols, cosine)).tolist()
        return scores, scorer.explain(rows, cols, cosine)
