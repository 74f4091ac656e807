"""`acsg match propose` and `acsg match create`."""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated

import typer

from acsg_cli.cli.groups import match_app
from acsg_cli.cli.options import (
    DEFAULT_DATA,
    ConfigOpt,
    DataDirOpt,
    TodayOpt,
    display_root,
    open_registry,
)


def _finite(value: float | None) -> float | None:
    """Refuse `nan` and `inf`, which click reads as floats and no comparison catches."""
    import math

    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a finite number")
    return value


class ProposeFormat(StrEnum):
    table = "table"
    json = "json"
    markdown = "markdown"


class RankBy(StrEnum):
    cost = "cost"
    fit = "fit"


class Objective(StrEnum):
    total = "total"
    fair = "fair"


class CreateFormat(StrEnum):
    text = "text"
    json = "json"


@match_app.command("propose")
def propose_command(
    data: DataDirOpt = DEFAULT_DATA,
    request: Annotated[
        list[str] | None,
        typer.Option(
            "--request",
            "-r",
            metavar="ID",
            show_default=False,
            help="Only this request (repeatable); it is shown even when it is not open.",
        ),
    ] = None,
    top: Annotated[
        int | None,
        typer.Option(
            "--top",
            "-k",
            min=1,
            max=10_000,
            show_default=False,
            help="Candidates shown per request (default 3, or `top` in [tool.acsg.matching]).",
        ),
    ] = None,
    min_score: Annotated[
        float | None,
        typer.Option(
            "--min-score",
            metavar="S",
            min=-1e6,
            max=1e6,
            callback=_finite,
            show_default=False,
            help="Leave out candidates scoring below S (default: none, or `min_score` in the "
            "configuration).",
        ),
    ] = None,
    plan: Annotated[
        bool,
        typer.Option(
            "--plan",
            help="Also assign offers to the requests, maximising the --objective under each "
            "offer's remaining capacity, and compare with the greedy assignment; the unmet "
            "requests are counted by region, language and number of areas.",
        ),
    ] = False,
    max_offers: Annotated[
        int | None,
        typer.Option(
            "--max-offers-per-request",
            min=1,
            max=1000,
            show_default=False,
            help="With --plan: offers one request may receive (default 1).",
        ),
    ] = None,
    candidates: Annotated[
        int | None,
        typer.Option(
            "--candidates",
            metavar="K",
            min=1,
            show_default=False,
            help="Offers weighed per request: its K best eligible offers by fit, ties by offer "
            "id (default 25). The plan is optimal over each request's K best candidates, and "
            "the capacity prices are its prices; a request with K eligible offers or fewer keeps "
            "them all.",
        ),
    ] = None,
    explain: Annotated[
        bool,
        typer.Option(
            "--explain", help="Also list every offer left out for each request, with why."
        ),
    ] = False,
    rank_by: Annotated[
        RankBy,
        typer.Option(
            "--rank-by",
            case_sensitive=False,
            help="cost: the fit minus the opportunity cost of the offer's capacity (what the "
            "other requests would lose); fit: the fit alone.",
        ),
    ] = RankBy.cost,
    objective: Annotated[
        Objective,
        typer.Option(
            "--objective",
            case_sensitive=False,
            help="What the plan maximises, and the capacity prices follow: total: the sum of "
            "fit plus priority; fair: the sum of each request's share of its own best.",
        ),
    ] = Objective.total,
    today: TodayOpt = None,
    config: ConfigOpt = None,
    output_format: Annotated[
        ProposeFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="table: for people; json: for tools (shape in the README); markdown: for notes.",
        ),
    ] = ProposeFormat.table,
) -> None:
    """Rank the eligible offers for each open request, with the reasons for each score.

    Hard filters decide which offers are eligible (both open, geographic scope, a kind of
    support in common, capacity left, not expired, not the State's own offer, not declined
    before); weighted signals give each pair its fit (areas, text, languages, continuity,
    quality dimensions, support types by rarity, term, institutional focus, geography, minus
    a penalty for support another provider already gives). Offers are ranked by the fit
    minus the opportunity cost of their capacity (--rank-by), ties by offer id. Urgency and
    waiting time are a request's priority in the plan, shown once per request. Each request
    weighs its --candidates best offers by fit (25 by default; at least --top are ranked), so
    the plan is optimal over each request's K best candidates and grows linearly with the
    registry.

    JSON: a list of {"request", "priority", "priority_reasons", "candidates": [{"rank",
    "offer", "score" (what ranks: the fit minus the cost, or the fit), "fit", "reasons"}]}
    ("excluded": [{"offer", "codes", "reasons"}] added with --explain). With --plan, an object
    {"proposals": <that list>, "assignment": [{"request", "offer", "fit"}], "unmet":
    [{"request", "reason"}], "unmet_by", "objective", "total_score", "greedy_total_score",
    "max_offers_per_request"}.

    \b
    Examples:
      acsg match propose
      acsg match propose --request REQ-2019-005 --explain
      acsg match propose --top 5 --min-score 20 --format markdown
      acsg match propose --plan --max-offers-per-request 2 --format json
      acsg match propose --plan --objective fair --rank-by fit
    """
    from acsg_cli import clock
    from acsg_cli.config import load_config
    from acsg_cli.errors import UsageError
    from acsg_cli.matching.candidates import DEFAULT_CANDIDATES
    from acsg_cli.matching.propose import propose
    from acsg_cli.reporters.matching import PROPOSAL_REPORTERS

    if max_offers is not None and not plan:
        raise UsageError("--max-offers-per-request needs --plan")
    settings = load_config(data, explicit=config).matching()
    registry = open_registry(data)
    proposal = propose(
        registry,
        today=clock.today(today),
        weights=settings.weights,
        request_ids=request,
        top=top or settings.top,
        min_score=min_score if min_score is not None else settings.min_score,
        explain=explain,
        plan=plan,
        max_offers_per_request=max_offers or 1,
        rank_by=rank_by.value,
        objective=objective.value,
        candidates=candidates or DEFAULT_CANDIDATES,
    )
    PROPOSAL_REPORTERS[output_format.value](sys.stdout).report(proposal)


@match_app.command("create")
def create_command(
    request: Annotated[
        str, typer.Argument(metavar="REQ", help="The request id.", show_default=False)
    ],
    offers: Annotated[
        list[str],
        typer.Argument(metavar="OFF...", help="One or more offer ids.", show_default=False),
    ],
    data: DataDirOpt = DEFAULT_DATA,
    by: Annotated[
        str | None,
        typer.Option(
            "--by",
            metavar="NAME",
            help="Who proposes the match (proposed_by and the history entry); required with "
            "--force.",
        ),
    ] = None,
    note: Annotated[
        str | None,
        typer.Option(
            "--note",
            metavar="TEXT",
            help="A note for the first history entry; required with --force.",
        ),
    ] = None,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help="Record the match even if a hard filter excludes the pair (needs --note and "
            "--by).",
        ),
    ] = False,
    today: TodayOpt = None,
    config: ConfigOpt = None,
    output_format: Annotated[
        CreateFormat,
        typer.Option(
            "--format", "-f", case_sensitive=False, help='text: the new id; json: {"id": ...}.'
        ),
    ] = CreateFormat.text,
) -> None:
    """Write a new match (status proposed) with its score and reasons, and print its id.

    The file is data/matches/<next id>.yaml, the id numbered in the current year. A pair
    that fails a hard filter is refused with the reasons (exit 1) unless --force is given
    with a --note saying why and --by naming who approves it; a forced filter that is also a
    match rule (scope ACSG303, support type ACSG302, capacity ACSG304) is recorded as a waiver
    of that rule.

    \b
    Examples:
      acsg match create REQ-2019-007 OFF-2019-005 --by "ACSG Secretariat"
      acsg match create REQ-2019-005 OFF-2019-002 OFF-2019-005 --note "joint support" --format json
      acsg match create REQ-2019-006 OFF-2019-004 --force --by "ACSG Secretariat" \\
        --note "ECRE agreed to work with Uganda"
    """
    from acsg_cli import clock
    from acsg_cli.config import load_config
    from acsg_cli.matching.create import create_match

    project = load_config(data, explicit=config)
    created = create_match(
        data,
        lambda: open_registry(data),
        request,
        offers,
        root_display=display_root(data),
        today=clock.today(today),
        by=by,
        note=note,
        force=force,
        weights=project.matching().weights,
        rules=project.rules(),
    )
    if output_format is CreateFormat.json:
        sys.stdout.write(json.dumps({"id": created.match_id}) + "\n")
    else:
        sys.stdout.write(created.match_id + "\n")
    from acsg_cli.render.safety import terminal

    typer.echo(f"created {terminal(created.display)} (score {created.score:.2f})", err=True)


class EvaluateFormat(StrEnum):
    text = "text"
    json = "json"
    markdown = "markdown"


@match_app.command("evaluate")
def evaluate_command(
    data: DataDirOpt = DEFAULT_DATA,
    weights_file: Annotated[
        Path | None,
        typer.Option(
            "--weights",
            metavar="FILE",
            dir_okay=False,
            help="Also rank with the weights of FILE (an acsg.toml with [matching.weights], or a "
            "pyproject.toml with [tool.acsg.matching.weights]) and show both side by side.",
        ),
    ] = None,
    learn: Annotated[
        bool,
        typer.Option(
            "--learn",
            help="Also fit weights to the consent history (granted vs declined matches), pulled "
            "towards the configured ones; printed beside them, never applied.",
        ),
    ] = False,
    config: ConfigOpt = None,
    today: TodayOpt = None,
    output_format: Annotated[
        EvaluateFormat,
        typer.Option(
            "--format",
            "-f",
            case_sensitive=False,
            help="text: for people; json: for tools (shape in the README); markdown: for notes.",
        ),
    ] = EvaluateFormat.text,
) -> None:
    """Replay every recorded match as of the day it was proposed and say where the real
    partner ranked.

    The registry is taken as it stood that day: from git history (the commit before the match
    file was added) where that commit holds the request and offers, otherwise from the
    records' dates. Each partner's rank among the eligible offers is given for the ranking
    (fit minus capacity cost), the fit alone, --weights when given, and two baselines: areas
    covered only, and a random order. Totals: top-1, top-3 and mean reciprocal rank (MRR).
    --weights names a TOML file of your own with a [matching.weights] table, as in acsg.toml.

    \b
    Examples:
      acsg match evaluate
      acsg match evaluate --format json
      acsg match evaluate --weights candidate.toml --format markdown
      acsg match evaluate --learn
    """
    from acsg_cli import clock
    from acsg_cli.config import load_config
    from acsg_cli.matching.evaluate import evaluate
    from acsg_cli.reporters.evaluation import report

    settings = load_config(data, explicit=config).matching()
    other = load_config(explicit=weights_file).matching().weights if weights_file else None
    registry = open_registry(data)
    evaluation = evaluate(
        registry, data, today=clock.today(today), weights=settings.weights, other=other
    )
    learned = None
    if learn:
        from acsg_cli.matching.learn import learn as fit_weights

        learned = fit_weights(evaluation.replays, settings.weights)
    report(evaluation, settings.weights, other, learned, fmt=output_format.value, out=sys.stdout)


def register(app: typer.Typer) -> None:
    """The commands are added to `match_app` when this module is imported."""
