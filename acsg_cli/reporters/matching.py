"""Renderers for `acsg match propose`: a readable table, JSON for tools, Markdown for notes.

JSON without `--plan` is a list, one object per request:

    [{"request": "REQ-2019-005", "priority": 5.0, "priority_reasons": ["waiting since ..."],
      "candidates": [{"rank": 1, "offer": "OFF-2019-005", "score": 18.74, "fit": 18.74,
                      "reasons": ["..."]}]}]

(`score` ranks: the fit minus the opportunity cost of the offer's capacity, or the fit with
`--rank-by fit`, and the tables head it "fit - cost" or "fit" accordingly; with `--explain`
each object also has "excluded": [{"offer", "codes", "reasons"}]). With `--plan` it is an
object holding that list and the plan, whose assignment gives each pair's fit:

    {"proposals": [...as above...],
     "assignment": [{"request", "offer", "fit"}],
     "unmet": [{"request", "reason"}],
     "unmet_by": {"region": {...}, "language": {...}, "areas": {...}},
     "objective": "total", "total_score": 43.5, "greedy_total_score": 43.5,
     "max_offers_per_request": 1}
"""

from __future__ import annotations

from typing import Any, TextIO

from acsg_cli.matching.results import Plan, Proposal, RequestCandidates
from acsg_cli.render.safety import json_text, md_text, terminal
from acsg_cli.reporters.tables import md_cell, md_table, write_rows


def proposal_data(proposal: Proposal) -> Any:
    """The JSON document of a proposal (see the module documentation)."""
    requests = []
    for item in proposal.requests:
        entry: dict[str, Any] = {
            "request": item.request.id,
            "priority": item.priority,
            "priority_reasons": list(item.priority_reasons),
            "candidates": [
                {
                    "rank": c.rank,
                    "offer": c.offer_id,
                    "score": c.score,
                    "fit": c.fit,
                    "reasons": c.reasons,
                }
                for c in item.candidates
            ],
        }
        if item.excluded is not None:
            entry["excluded"] = [
                {"offer": e.offer_id, "codes": list(e.codes), "reasons": list(e.reasons)}
                for e in item.excluded
            ]
        requests.append(entry)
    if proposal.plan is None:
        return requests
    plan = proposal.plan
    return {
        "proposals": requests,
        "assignment": [
            {"request": a.request_id, "offer": a.offer_id, PLAN_FIT: a.score}
            for a in plan.assignment
        ],
        "unmet": [{"request": u.request_id, "reason": u.reason} for u in plan.unmet],
        "unmet_by": plan.unmet_by,
        "objective": plan.objective,
        "total_score": plan.total_score,
        "greedy_total_score": plan.greedy_total_score,
        "max_offers_per_request": plan.max_offers_per_request,
    }


PLAN_FIT = "fit"
"""The plan assigns by the fit (plus priority), not the ranking's fit less capacity cost: its
table column and JSON key say so."""


def rank_heading(proposal: Proposal) -> str:
    """What a candidate's `score` is, as a column heading: the fit less the opportunity cost of
    the offer's capacity, or the fit alone with `--rank-by fit`."""
    return "fit" if proposal.rank_by == "fit" else "fit - cost"


def _points(value: float) -> str:
    return f"{value:+.2f}" if value else " 0.00"


def _heading(item: RequestCandidates) -> tuple[str, str]:
    request = item.request
    noun = "offer" if item.eligible == 1 else "offers"
    states = ", ".join(request.requesting_states)
    about = f"{states} · {request.status.value} · {item.eligible} eligible {noun}"
    if item.priority_reasons:
        about += f"\npriority {item.priority:.2f}: {'; '.join(item.priority_reasons)}"
    return f"{request.id}  {request.title}", about


def _plan_summary(plan: Plan, requests: int) -> str:
    per = (
        "one offer"
        if plan.max_offers_per_request == 1
        else f"up to {plan.max_offers_per_request} offers"
    )
    served = len({a.request_id for a in plan.assignment})
    measure = (
        "total score (fit + priority)"
        if plan.objective == "total"
        else "sum of each request's share of its own best"
    )
    return (
        f"Plan ({per} per request): {served} of {requests} requests served; "
        f"{measure} {plan.total_score:.2f} (greedy: {plan.greedy_total_score:.2f})"
    )


def unmet_lines(plan: Plan) -> list[str]:
    """Who is left out, counted by region, working language and number of areas asked for."""
    titles = {"region": "by region", "language": "by language", "areas": "by number of areas"}
    return [
        f"Unmet {titles[k]}: " + ", ".join(f"{name} {n}" for name, n in counts.items())
        for k, counts in plan.unmet_by.items()
        if counts
    ]


class ProposalReporter:
    def __init__(self, out: TextIO) -> None:
        self.out = out

    def report(self, proposal: Proposal) -> None:
        raise NotImplementedError


class JsonProposalReporter(ProposalReporter):
    def report(self, proposal: Proposal) -> None:
        self.out.write(json_text(proposal_data(proposal)) + "\n")


class TableProposalReporter(ProposalReporter):
    """Each request, its ranked offers and each part of their scores; then the plan."""

    def report(self, proposal: Proposal) -> None:
        if not proposal.requests:
            self.out.write("(no open request)\n")
        for n, item in enumerate(proposal.requests):
            title, about = _heading(item)
            about = "\n  ".join(terminal(line) for line in about.split("\n"))
            self.out.write(("\n" if n else "") + f"{terminal(title)}\n  {about}\n")
            if not item.candidates:
                self.out.write("  (no candidate)\n")
            for c in item.candidates:
                self.out.write(
                    f"  {c.rank}. {terminal(c.offer_id)}  {c.score:.2f}  {terminal(c.title)}\n"
                )
                for part in c.components:
                    if part.reason:
                        self.out.write(
                            f"       {_points(part.points):>6}  {terminal(part.reason)}\n"
                        )
            if item.excluded:
                self.out.write("  excluded:\n")
                for e in item.excluded:
                    self.out.write(
                        f"     {terminal(e.offer_id)}  {terminal('; '.join(e.reasons))}\n"
                    )
        if proposal.plan is not None:
            plan = proposal.plan
            self.out.write(f"\n{_plan_summary(plan, len(proposal.requests))}\n\n")
            write_rows(
                [
                    {"request": a.request_id, "offer": a.offer_id, PLAN_FIT: f"{a.score:.2f}"}
                    for a in plan.assignment
                ],
                ["request", "offer", PLAN_FIT],
                "table",
                self.out,
            )
            if plan.unmet:
                self.out.write("\n" + "\n".join(terminal(x) for x in unmet_lines(plan)) + "\n")
                self.out.write("\nUnmet:\n")
                write_rows(
                    [{"request": u.request_id, "reason": u.reason} for u in plan.unmet],
                    ["request", "reason"],
                    "table",
                    self.out,
                )


class MarkdownProposalReporter(ProposalReporter):
    def report(self, proposal: Proposal) -> None:
        parts = []
        for item in proposal.requests:
            title, about = _heading(item)
            lines = [f"## {md_cell(title)}", "", *(md_text(a) for a in about.split("\n")), ""]
            if item.candidates:
                lines += md_table(
                    ["rank", "offer", rank_heading(proposal), "reasons"],
                    [
                        [c.rank, c.offer_id, f"{c.score:.2f}", "; ".join(c.reasons)]
                        for c in item.candidates
                    ],
                )
            else:
                lines.append("No candidate.")
            if item.excluded:
                lines += ["", "Excluded:", ""]
                lines += [
                    f"- {md_cell(e.offer_id)}: {md_cell('; '.join(e.reasons))}"
                    for e in item.excluded
                ]
            parts.append("\n".join(lines) + "\n")
        if proposal.plan is not None:
            plan = proposal.plan
            lines = [
                "## Plan",
                "",
                _plan_summary(plan, len(proposal.requests)),
                "",
                *md_table(
                    ["request", "offer", PLAN_FIT],
                    [[a.request_id, a.offer_id, f"{a.score:.2f}"] for a in plan.assignment],
                ),
            ]
            if plan.unmet:
                lines += ["", *(f"- {md_cell(line)}" for line in unmet_lines(plan))]
                lines += [
                    "",
                    *md_table(
                        ["unmet request", "reason"], [[u.request_id, u.reason] for u in plan.unmet]
                    ),
                ]
            parts.append("\n".join(lines) + "\n")
        self.out.write("\n".join(parts) if parts else "No open request.\n")


PROPOSAL_REPORTERS: dict[str, type[ProposalReporter]] = {
    "table": TableProposalReporter,
    "json": JsonProposalReporter,
    "markdown": MarkdownProposalReporter,
}
