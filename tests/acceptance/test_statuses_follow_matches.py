"""A request's and an offer's status follow their matches, by commands alone.

Each test builds its own registry: the compliant rule registry (`tests/examples/rules/compliant`)
and two offers that can serve its open Chadian request REQ-2021-001. Every command runs through
the CLI; `acsg validate` is clean after every step; the request is looked for in every open view
(`list requests --status open`, `match propose`, the status report, the stocktaking's unmet
needs).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from acsg_cli.cli import app
from tests.unit.rules_helpers import COMPLIANT

TODAY = "2024-06-01"
REQUEST = "REQ-2021-001"

OFFER = """\
id: {id}
title: Peer review of asylum legislation
offering_entity:
  name: Example Ministry of the Interior
  type: state
  country: DEU
submitted_on: 2021-02-01
status: open
areas: [legislation, rsd_procedures]
support_types: [technical]
geographic_scope:
  global: true
capacity: 1
expertise: Review of draft asylum laws and of first-instance procedures by serving officials.
"""


@pytest.fixture
def data(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "data"
    shutil.copytree(COMPLIANT, root)
    for offer_id in ("OFF-2021-005", "OFF-2021-006"):
        (root / "offers" / f"{offer_id}.yaml").write_text(OFFER.format(id=offer_id))
    monkeypatch.setenv("ACSG_TODAY", TODAY)
    return root


class Registry:
    """The CLI on one registry, checking `validate` after every command that writes."""

    def __init__(self, root: Path, runner: CliRunner) -> None:
        self.root = root
        self.runner = runner

    def attempt(self, *args: str) -> Result:
        return self.runner.invoke(app, [*args, "--data", str(self.root)])

    def run(self, *args: str, code: int = 0) -> str:
        done = self.attempt(*args)
        assert done.exit_code == code, f"{args}: {done.output}"
        return done.stdout

    def step(self, *args: str) -> str:
        out = self.run(*args)
        check = self.attempt("validate")
        assert check.exit_code == 0, f"after {args}: {check.output}"
        assert " 0 errors, 0 warnings" in check.stderr, f"after {args}: {check.output}"
        return out

    def json(self, *args: str) -> Any:
        return json.loads(self.run(*args, "--format", "json"))

    def status(self, record_id: str) -> str:
        folder = {"REQ": "requests", "OFF": "offers", "MAT": "matches"}[record_id[:3]]
        text = (self.root / folder / f"{record_id}.yaml").read_text()
        return next(line for line in text.splitlines() if line.startswith("status:"))[8:]

    def open_views(self, request_id: str) -> dict[str, bool]:
        """Where `request_id` shows as open and waiting for support."""
        listed = [r["id"] for r in self.json("list", "requests", "--status", "open")]
        proposed = [p["request"] for p in self.json("match", "propose")]
        rows = self.json("report", "status")["rows"]
        waiting = [r["id"] for r in rows if r["kind"] == "request"]
        unmet = self.json("report", "stocktaking")["unmet_needs"]["requests"]
        return {
            "list": request_id in listed,
            "propose": request_id in proposed,
            "status report": request_id in waiting,
            "unmet needs": request_id in [u["request"] for u in unmet],
        }


@pytest.fixture
def acsg(data: Path, runner: CliRunner) -> Registry:
    return Registry(data, runner)


def _agree(acsg: Registry, match_id: str, offer_id: str) -> None:
    for party in ("TCD", offer_id):
        acsg.step("consent", "record", match_id, "--party", party, "--decision", "granted")


def test_the_whole_life_of_a_match_closes_every_open_view(acsg: Registry) -> None:
    everywhere = dict.fromkeys(["list", "propose", "status report", "unmet needs"], True)
    assert acsg.open_views(REQUEST) == everywhere
    first = acsg.json("match", "propose", "--request", REQUEST)[0]["candidates"][0]["offer"]
    assert first in ("OFF-2021-005", "OFF-2021-006")
    match_id = acsg.step("match", "create", REQUEST, first, "--by", "ACSG Secretariat").strip()
    assert acsg.status(match_id) == "proposed"
    acsg.step("consent", "record", match_id, "--party", "TCD", "--decision", "granted")
    assert (acsg.status(match_id), acsg.status(REQUEST)) == ("consent_pending", "open")
    acsg.step("consent", "record", match_id, "--party", first, "--decision", "granted")
    assert (acsg.status(match_id), acsg.status(REQUEST), acsg.status(first)) == (
        "agreed",
        "matched",
        "committed",
    )
    acsg.step("match", "status", match_id, "welcomed", "--note", "Welcomed at the meeting.")
    acsg.step("match", "status", match_id, "in_implementation")
    acsg.step("match", "update", match_id, "--summary", "Draft law reviewed.")
    acsg.step("match", "status", match_id, "completed", "--note", "Review delivered.")
    # The completed match frees the offer's place; the request stays out of the open views.
    assert (acsg.status(match_id), acsg.status(REQUEST), acsg.status(first)) == (
        "completed",
        "matched",
        "open",
    )
    assert acsg.open_views(REQUEST) == dict.fromkeys(everywhere, False)
    history = (acsg.root / "requests" / f"{REQUEST}.yaml").read_text()
    # The first move recorded is preceded by the status the request had since it was submitted.
    assert (
        "history:\n  - on: 2021-03-01\n    status: open\n  - on: 2024-06-01\n    status: matched\n"
        in history
    )


def test_a_welcomed_match_is_withdrawn_and_the_request_returns_when_no_match_holds_it(
    acsg: Registry,
) -> None:
    made = [
        acsg.step("match", "create", REQUEST, offer, "--by", "ACSG Secretariat").strip()
        for offer in ("OFF-2021-005", "OFF-2021-006")
    ]
    _agree(acsg, made[0], "OFF-2021-005")
    _agree(acsg, made[1], "OFF-2021-006")
    acsg.step("match", "status", made[0], "welcomed")
    assert acsg.status(REQUEST) == "matched"
    # A withdrawal needs a note, and changes nothing without one.
    before = {p: p.read_bytes() for p in acsg.root.rglob("*.yaml")}
    acsg.run("match", "status", made[0], "withdrawn", code=2)  # a note is required
    assert {p: p.read_bytes() for p in acsg.root.rglob("*.yaml")} == before
    acsg.step("match", "status", made[0], "withdrawn", "--note", "The ministry cannot travel.")
    assert acsg.status(made[0]) == "withdrawn"
    assert acsg.status("OFF-2021-005") == "open"
    # The second agreed match still holds the request.
    assert acsg.status(REQUEST) == "matched"
    assert not any(acsg.open_views(REQUEST).values())
    acsg.step("match", "status", made[1], "withdrawn", "--note", "Postponed by the State.")
    assert (acsg.status(REQUEST), acsg.status("OFF-2021-006")) == ("open", "open")
    views = acsg.open_views(REQUEST)
    assert views == dict.fromkeys(views, True)


def test_request_reopen(acsg: Registry) -> None:
    match_id = acsg.step("match", "create", REQUEST, "OFF-2021-005", "--by", "Secretariat").strip()
    _agree(acsg, match_id, "OFF-2021-005")
    path = acsg.root / "requests" / f"{REQUEST}.yaml"
    before = path.read_bytes()
    held = acsg.attempt("request", "reopen", REQUEST, "--note", "More needed")
    assert held.exit_code == 1 and f"held by the agreed match {match_id}" in held.stderr
    assert path.read_bytes() == before
    acsg.step("match", "status", match_id, "welcomed")
    acsg.step("match", "status", match_id, "in_implementation")
    acsg.step("match", "status", match_id, "completed")
    assert acsg.status(REQUEST) == "matched"
    acsg.run("request", "reopen", REQUEST, code=2)  # a note is required
    assert acsg.status(REQUEST) == "matched"
    acsg.step("request", "reopen", REQUEST, "--note", "Phase two was requested.", "--by", "Desk")
    assert acsg.status(REQUEST) == "open"
    assert path.read_text().endswith(
        "  - on: 2024-06-01\n    status: open\n    by: Desk\n    note: Phase two was requested.\n"
    )
    assert all(acsg.open_views(REQUEST).values())
    acsg.run("request", "reopen", REQUEST, "--note", "again", code=1)  # open already


def test_a_failure_mid_way_leaves_every_file_byte_identical(
    acsg: Registry, monkeypatch: pytest.MonkeyPatch
) -> None:
    from acsg_cli.yamlio import writer

    match_id = acsg.step("match", "create", REQUEST, "OFF-2021-005", "--by", "Secretariat").strip()
    acsg.step("consent", "record", match_id, "--party", "TCD", "--decision", "granted")
    before = {p: p.read_bytes() for p in acsg.root.rglob("*.yaml")}
    real = writer.atomic_write
    calls: list[str] = []

    def fail_on_the_second_file(path: Path, text: str, *, shown: str | None = None) -> None:
        calls.append(path.name)
        if len(calls) == 2:  # as the disk would refuse it
            raise writer.WriteError(shown or str(path), OSError(28, "No space left on device"))
        real(path, text, shown=shown)

    monkeypatch.setattr(writer, "atomic_write", fail_on_the_second_file)
    done = acsg.attempt(
        "consent", "record", match_id, "--party", "OFF-2021-005", "--decision", "granted"
    )
    assert done.exit_code == 1, done.output
    assert "No space left on device" in done.stderr and "Traceback" not in done.output
    # The match was written first, then the request failed: the match was put back.
    assert calls == [f"{match_id}.yaml", f"{REQUEST}.yaml", f"{match_id}.yaml"]
    assert {p: p.read_bytes() for p in acsg.root.rglob("*.yaml")} == before
    monkeypatch.setattr(writer, "atomic_write", real)
    acsg.step("consent", "record", match_id, "--party", "OFF-2021-005", "--decision", "granted")
    assert (acsg.status(match_id), acsg.status(REQUEST)) == ("agreed", "matched")


def test_a_refused_follower_leaves_the_match_untouched(acsg: Registry) -> None:
    match_id = acsg.step("match", "create", REQUEST, "OFF-2021-005", "--by", "Secretariat").strip()
    acsg.step("consent", "record", match_id, "--party", "TCD", "--decision", "granted")
    request = acsg.root / "requests" / f"{REQUEST}.yaml"
    # The request file breaks after the registry was read: its edit is refused, so is the whole.
    request.write_text(request.read_text() + "history: not a list\n")
    before = {p: p.read_bytes() for p in acsg.root.rglob("*.yaml")}
    done = acsg.attempt(
        "consent", "record", match_id, "--party", "OFF-2021-005", "--decision", "granted"
    )
    assert done.exit_code == 1 and "Traceback" not in done.output
    assert {p: p.read_bytes() for p in acsg.root.rglob("*.yaml")} == before


@pytest.mark.parametrize(
    ("record", "edit", "code", "expected"),
    [
        ("REQ-2021-001", ("status: open", "status: matched"), "ACSG118", "expected open"),
        ("REQ-2020-001", ("status: matched", "status: open"), "ACSG118", "expected matched"),
        ("OFF-2021-002", ("status: open", "status: committed"), "ACSG206", "expected open"),
        ("OFF-2021-001", ("status: committed", "status: open"), "ACSG206", "expected committed"),
    ],
    ids=["request-matched-without-match", "request-open-while-held", "offer-taken-free", "full"],
)
def test_validate_flags_a_status_that_contradicts_the_matches_both_ways(
    acsg: Registry, record: str, edit: tuple[str, str], code: str, expected: str
) -> None:
    folder = "requests" if record.startswith("REQ") else "offers"
    path = acsg.root / folder / f"{record}.yaml"
    text = path.read_text()
    assert f"\n{edit[0]}\n" in text
    # The status alone, as a hand edit would leave it (the history is dropped, so that it does
    # not end with another status).
    text = re.sub(
        r"^history:\n(?:  .*\n)+", "", text.replace(f"\n{edit[0]}\n", f"\n{edit[1]}\n"), flags=re.M
    )
    path.write_text(text)
    done = acsg.attempt("validate", "--select", code)
    assert done.exit_code == 1, done.output
    assert f"{record}.yaml" in done.stdout and code in done.stdout and expected in done.stdout


def test_as_of_reports_read_the_request_and_offer_histories(acsg: Registry) -> None:
    create = ["match", "create", REQUEST, "OFF-2021-005", "--by", "Secretariat"]
    match_id = acsg.step(*create, "--today", "2024-01-15").strip()
    for party, on in (("TCD", "2024-02-01"), ("OFF-2021-005", "2024-02-10")):
        consent = ["consent", "record", match_id, "--party", party, "--decision", "granted"]
        acsg.step(*consent, "--on", on)
    acsg.step("match", "status", match_id, "welcomed", "--on", "2024-03-01")
    acsg.step("match", "status", match_id, "in_implementation", "--on", "2024-03-15")
    acsg.step("match", "status", match_id, "completed", "--on", "2024-05-01")

    def stocktaking(on: str) -> tuple[dict[str, int], dict[str, int], list[str]]:
        report = acsg.json("report", "stocktaking", "--as-of", on)
        unmet = [u["request"] for u in report["unmet_needs"]["requests"]]
        return report["requests_by_status"], report["offers_by_status"], unmet

    # Before the proposal the request was an unmet need.
    assert REQUEST in stocktaking("2024-01-10")[2]
    # Open until the match was agreed, matched since; the offer (capacity 1) committed as long
    # as the match held it (OFF-2021-001, committed throughout, is the other one).
    requests, offers, _ = stocktaking("2024-02-09")
    assert (requests["open"], requests["matched"], offers["committed"]) == (2, 1, 1)
    requests, offers, _ = stocktaking("2024-04-01")
    assert (requests["open"], requests["matched"], offers["committed"]) == (1, 2, 2)
    # After the completion the request is still matched, as its history says (the matches
    # alone would have it open again once its match ended), and the offer is free again.
    requests, offers, unmet = stocktaking("2024-05-20")
    assert (requests["open"], requests["matched"], offers["committed"]) == (1, 2, 1)
    assert REQUEST not in unmet


def test_a_reopened_request_is_told_what_an_open_request_lacks(acsg: Registry) -> None:
    """A matched request is excused from criteria an open one must meet: reopening says which of
    them it now fails, as `validate` will."""
    match_id = acsg.step("match", "create", REQUEST, "OFF-2021-005", "--by", "Secretariat").strip()
    _agree(acsg, match_id, "OFF-2021-005")
    for status in ("welcomed", "in_implementation", "completed"):
        acsg.step("match", "status", match_id, status)
    path = acsg.root / "requests" / f"{REQUEST}.yaml"
    monitoring = "monitoring: Quarterly reports to the Secretariat on the milestones.\n"
    assert monitoring in path.read_text()
    path.write_text(path.read_text().replace(monitoring, ""))
    assert acsg.attempt("validate").exit_code == 0  # a matched request is not gated
    out = acsg.run("request", "reopen", REQUEST, "--note", "Phase two was requested.")
    assert "warning: as an open request it fails ACSG113" in out
    _warned_as_validated(acsg, out)


def test_a_first_recorded_move_keeps_the_status_history_true(acsg: Registry) -> None:
    """A request matched before histories were kept has none: its first recorded move is preceded
    by open since its submission and matched since its match was agreed, so `--as-of` reads
    open before the agreement, as the matches say."""
    path = acsg.root / "requests" / "REQ-2020-001.yaml"
    text = path.read_text()
    path.write_text(text[: text.index("history:")])
    (acsg.root / "practices" / "GP-2021-001.yaml").unlink()  # it needs the match agreed
    acsg.run("match", "status", "MAT-2021-001", "withdrawn", "--note", "Ended early.")
    assert "history:\n  - on: 2020-10-01\n    status: open\n  - on: 2021-04-22\n" in (
        path.read_text()
    )
    assert "    status: matched\n  - on: " in path.read_text()
    for day, expected in (("2021-01-01", "open"), ("2021-06-01", "matched")):
        report = acsg.json("report", "stocktaking", "--as-of", day)
        statuses = report["requests_by_status"]
        assert statuses[expected] >= 1, (day, statuses)
    before = acsg.json("report", "stocktaking", "--as-of", "2021-01-01")["requests_by_status"]
    assert before["matched"] == 0, before


def test_a_move_dated_before_the_request_s_last_move_is_refused(acsg: Registry) -> None:
    """A match's move is checked against the request's and the offers' histories too: a date
    before their last recorded move would write them out of order, which `validate` rejects."""
    create = ["match", "create", REQUEST, "--by", "Secretariat", "--today", "2024-01-15"]
    first = acsg.step(*create, "OFF-2021-005").strip()
    second = acsg.step(*create, "OFF-2021-006").strip()
    for party in ("TCD", "OFF-2021-005"):
        agree = ["consent", "record", first, "--party", party, "--decision", "granted"]
        acsg.step(*agree, "--on", "2024-02-01")
    withdraw = ["match", "status", first, "withdrawn", "--note", "Ended.", "--on", "2024-03-01"]
    acsg.step(*withdraw)  # the request is open again, moved on 2024-03-01
    consent = ["consent", "record", second, "--decision", "granted", "--on", "2024-02-20"]
    acsg.step(*consent, "--party", "TCD")
    before = {p: p.read_bytes() for p in acsg.root.rglob("*.yaml")}
    refused = acsg.attempt(*consent, "--party", "OFF-2021-006")
    assert refused.exit_code == 1, refused.output
    assert refused.stderr.startswith(
        f"Error: --on 2024-02-20 is before the last move of {REQUEST} (open on 2024-03-01)"
    ), refused.stderr
    assert {p: p.read_bytes() for p in acsg.root.rglob("*.yaml")} == before
    acsg.step(*consent[:-1], "2024-03-02", "--party", "OFF-2021-006")
    assert acsg.status(REQUEST) == "matched"


@pytest.mark.parametrize(
    "end",
    [
        ("match", "status", "{match}", "withdrawn", "--note", "The ministry cannot travel."),
        ("consent", "record", "{match}", "--party", "TCD", "--decision", "withdrawn"),
    ],
    ids=["withdrawn", "consent-withdrawn"],
)
def test_a_match_s_end_that_reopens_the_request_says_what_it_lacks(
    acsg: Registry, end: tuple[str, ...]
) -> None:
    """The end of a match that puts its request back among the open ones says which criteria
    an open request fails, as `acsg request reopen` does."""
    create = ["match", "create", REQUEST, "OFF-2021-005", "--by", "Secretariat"]
    match_id = acsg.step(*create, "--today", "2024-05-01").strip()
    for party in ("TCD", "OFF-2021-005"):
        agree = ["consent", "record", match_id, "--party", party, "--decision", "granted"]
        acsg.step(*agree, "--on", "2024-05-01")
    path = acsg.root / "requests" / f"{REQUEST}.yaml"
    monitoring = "monitoring: Quarterly reports to the Secretariat on the milestones.\n"
    path.write_text(path.read_text().replace(monitoring, ""))
    assert acsg.attempt("validate").exit_code == 0  # a matched request is not gated
    out = acsg.run(*(arg.format(match=match_id) for arg in end))
    assert f"{REQUEST}: status matched -> open" in out
    assert "warning: as an open request it fails ACSG113" in out
    _warned_as_validated(acsg, out)


def _codes(acsg: Registry) -> dict[str, set[str]]:
    """The codes `validate` reports, by record file name."""
    done = acsg.attempt("validate", "--format", "json")
    found: dict[str, set[str]] = {}
    for problem in json.loads(done.stdout)["problems"]:
        found.setdefault(Path(problem["file"]).stem, set()).add(problem["code"])
    return found


def test_a_match_said_agreed_without_consents_holds_neither_request_nor_offer(
    acsg: Registry,
) -> None:
    """One meaning of "the match holds the record" for requests (ACSG118) and offers (ACSG206):
    agreed with every consent. A status claiming agreement without them is reported once, as
    the match's own problem (ACSG306)."""
    match_id = acsg.step("match", "create", REQUEST, "OFF-2021-005", "--by", "Secretariat").strip()
    path = acsg.root / "matches" / f"{match_id}.yaml"
    path.write_text(path.read_text().replace("\nstatus: proposed\n", "\nstatus: agreed\n"))
    found = _codes(acsg)
    assert "ACSG306" in found[match_id]
    assert REQUEST not in found and "OFF-2021-005" not in found, found


def test_a_live_match_on_a_withdrawn_request_is_reported_once(acsg: Registry) -> None:
    """ACSG022 reports the live match on a withdrawn request; ACSG118 does not report the
    request's status for the same problem."""
    path = acsg.root / "requests" / "REQ-2020-001.yaml"
    text = re.sub(r"^history:\n(?:  .*\n)+", "", path.read_text(), flags=re.M)
    path.write_text(text.replace("\nstatus: matched\n", "\nstatus: withdrawn\n"))
    found = _codes(acsg)
    assert found.get("MAT-2021-001") == {"ACSG022"}, found
    assert "ACSG118" not in found.get("REQ-2020-001", set()), found


def _warned_as_validated(acsg: Registry, out: str) -> None:
    """The warning after a move back to open names exactly the errors `validate` then reports
    for the request: the match that ended no longer holds it, so its status agrees with its
    matches (no ACSG118)."""
    check = acsg.attempt("validate")
    assert check.exit_code == 1 and "ACSG113" in check.stdout
    warned = out.split("as an open request it fails ", 1)[1].split(";", 1)[0].split(", ")
    errors = json.loads(acsg.attempt("validate", "--format", "json").stdout)["problems"]
    reported = {
        p["code"] for p in errors if Path(p["file"]).stem == REQUEST and p["severity"] == "error"
    }
    assert set(warned) == reported, (warned, reported)
