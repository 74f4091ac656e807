"""`acsg report status` and `acsg report stocktaking` through the command line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from acsg_cli.cli import app
from tests.reports.registries import add_private_records, commit_all, emails_in, git


def _run(runner: CliRunner, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["report", *args])
    return result.exit_code, result.stdout, result.stderr


def test_help_documents_formats_ordering_and_json(runner: CliRunner) -> None:
    code, out, _ = _run(runner, "status", "--help")
    assert (
        code == 0
        and "--as-of" in out
        and "urgent requests without a match" in out
        and '"rows"' in out
    )
    code, out, _ = _run(runner, "stocktaking", "--help")
    assert (
        code == 0
        and "--since" in out
        and '"totals"' in out
        and "acsg report stocktaking --as-of" in out
    )


def test_stocktaking_json_as_of_a_date(shipped: Path, runner: CliRunner) -> None:
    code, out, err = _run(
        runner, "stocktaking", "--data", str(shipped), "--as-of", "2021-10-12", "-f", "json"
    )
    assert code == 0, err
    data = json.loads(out)
    assert data["as_of"] == "2021-10-12" and data["basis"]["kind"] == "date"
    assert (
        data["totals"]["requests"] == 7
        and data["totals"]["offers"] == 6
        and data["totals"]["matches"] == 5
    )
    assert data["audience"] == "shared" and data["changes"] is None


@pytest.mark.parametrize(
    ("lang", "now", "dated"),
    [
        ("en", "the registry in {data} as it is now", "with records and histories dated on"),
        ("fr", "le registre de {data} tel qu’il est aujourd’hui", "historiques datés du"),
        ("es", "el registro de {data} tal como está hoy", "historiales fechados el"),
    ],
)
def test_the_registry_line_is_in_the_report_s_language(
    shipped: Path, runner: CliRunner, lang: str, now: str, dated: str
) -> None:
    args = ["stocktaking", "--data", str(shipped), "--lang", lang, "--today", "2024-06-01"]
    code, out, err = _run(runner, *args)
    assert code == 0, err
    assert now.format(data=shipped) in out
    code, out, err = _run(runner, *args, "--as-of", "2021-10-12")
    assert code == 0, err
    assert dated in out


def test_status_table_and_csv(shipped: Path, runner: CliRunner) -> None:
    code, out, _ = _run(runner, "status", "--data", str(shipped), "--as-of", "2021-10-12")
    assert code == 0
    assert out.splitlines()[0] == "ACSG status report as of 12 October 2021"
    code, out, _ = _run(
        runner, "status", "--data", str(shipped), "--as-of", "2021-10-12", "--format", "csv"
    )
    lines = out.splitlines()
    assert lines[0] == "attention,id,parties,areas,stage,since,days,last_update,eligible_offer"
    assert lines[1].startswith("no match; an eligible offer exists,REQ-2019-005,Ecuador,")
    assert len(lines) == 1 + 3 + 5


def test_output_file_takes_its_format_from_the_suffix(
    shipped: Path, runner: CliRunner, tmp_path: Path
) -> None:
    target = tmp_path / "status.html"
    code, out, err = _run(
        runner, "status", "--data", str(shipped), "--as-of", "2021-10-12", "-o", str(target)
    )
    assert code == 0 and out == "" and err == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    target = tmp_path / "stocktaking.md"
    code, _, _ = _run(
        runner, "stocktaking", "--data", str(shipped), "--as-of", "2021-10-12", "-o", str(target)
    )
    assert code == 0 and target.read_text(encoding="utf-8").startswith(
        "# ACSG stocktaking as of 12 October 2021"
    )
    target = tmp_path / "stocktaking.csv"  # no CSV form of a stocktaking: a usage error
    code, _, err = _run(
        runner, "stocktaking", "--data", str(shipped), "--as-of", "2021-10-12", "-o", str(target)
    )
    assert code == 2 and "no stocktaking format writes '.csv' files" in err
    assert not target.exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (
            ["stocktaking", "--as-of", "2021-13-01"],
            "Error: '2021-13-01' is not a real date (YYYY-MM-DD)\n",
        ),
        (
            ["stocktaking", "--as-of", "2021-10-12", "--since", "2022-01-01"],
            "Error: --since 2022-01-01 (2022-01-01) is later than the report's date (2021-10-12); "
            "give an earlier point\n",
        ),
        (
            ["status", "--as-of", "last-week"],
            "Error: 'last-week' is neither a date (YYYY-MM-DD) nor a git revision",
        ),
        (["status", "--as-of", "2999-01-01"], "Error: 2999-01-01 is in the future"),
        (
            ["status", "-o", "/nonexistent-folder/x.html"],
            "Error: cannot write '/nonexistent-folder/x.html': folder '/nonexistent-folder' does "
            "not exist\n",
        ),
    ],
)
def test_bad_arguments_are_usage_errors(
    shipped: Path, runner: CliRunner, args: list[str], message: str
) -> None:
    code, out, err = _run(runner, *args, "--data", str(shipped))
    assert code == 2 and out == ""
    assert err.startswith(message)


def test_choices_are_checked(shipped: Path, runner: CliRunner) -> None:
    for args in (["stocktaking", "--format", "csv"], ["status", "--audience", "public"]):
        code, _, err = _run(runner, *args, "--data", str(shipped))
        assert code == 2 and "Invalid value" in err


def test_missing_registry_folder(runner: CliRunner, tmp_path: Path) -> None:
    code, _, err = _run(runner, "status", "--data", str(tmp_path / "nowhere"))
    assert code == 2 and err.startswith("Error: registry folder")


def test_broken_records_are_left_out_with_a_warning(shipped: Path, runner: CliRunner) -> None:
    (shipped / "requests" / "REQ-2019-007.yaml").write_text(
        "id: REQ-2019-007\nstatus: [\n", encoding="utf-8"
    )
    code, out, err = _run(
        runner, "stocktaking", "--data", str(shipped), "--as-of", "2021-10-12", "-f", "json"
    )
    assert code == 0
    assert json.loads(out)["totals"]["requests"] == 6 and json.loads(out)["registry_errors"] >= 1
    assert "warning: the registry has" in err and "acsg validate" in err


def test_no_email_address_in_any_report(shipped: Path, runner: CliRunner, tmp_path: Path) -> None:
    add_private_records(shipped)
    emails = emails_in(shipped)
    assert len(emails) >= 7
    reports = {
        "status": ["table", "markdown", "html", "json", "csv"],
        "stocktaking": ["table", "markdown", "html", "json"],
    }
    checked = 0
    for report, formats in reports.items():
        for fmt in formats:
            for audience in ("shared", "secretariat"):
                extra = ["--since", "2020-12-31"] if report == "stocktaking" else []
                code, out, err = _run(
                    runner,
                    report,
                    "--data",
                    str(shipped),
                    "--as-of",
                    "2022-06-01",
                    *extra,
                    "--format",
                    fmt,
                    "--audience",
                    audience,
                )
                assert code == 0, err
                leaked = [e for e in emails if e.lower() in (out + err).lower()]
                assert not leaked, (report, fmt, audience, leaked)
                checked += 1
    assert checked == 18


def test_confidential_details_only_for_the_secretariat(shipped: Path, runner: CliRunner) -> None:
    add_private_records(shipped)
    for fmt in ("markdown", "html", "json", "table"):
        _, shared, _ = _run(
            runner, "stocktaking", "--data", str(shipped), "--as-of", "2022-06-01", "-f", fmt
        )
        _, secret, _ = _run(
            runner,
            "stocktaking",
            "--data",
            str(shipped),
            "--as-of",
            "2022-06-01",
            "-f",
            fmt,
            "--audience",
            "secretariat",
        )
        for detail in ("Secret plan", "No case management system", "Digitise 20,000 files"):
            assert detail not in shared, (fmt, detail)
            assert detail in secret, (fmt, detail)


def test_as_of_a_git_revision_reports_the_smaller_registry(
    runner: CliRunner, tmp_path: Path
) -> None:
    repo = tmp_path / "registry-repo"
    shutil.copytree(Path(__file__).resolve().parents[2] / "data", repo / "data")
    git(tmp_path, "init", "-q", str(repo))
    later = {
        p: p.read_bytes()
        for p in [
            repo / "data/requests/REQ-2019-007.yaml",
            repo / "data/offers/OFF-2019-004.yaml",
            repo / "data/matches/MAT-2021-002.yaml",
        ]
    }
    for path in later:
        path.unlink()
    first = commit_all(repo, "first pledges", "2021-06-01")
    git(repo, "tag", "stocktaking-2021")
    for path, content in later.items():
        path.write_bytes(content)
    commit_all(repo, "more pledges", "2022-01-15")
    data = str(repo / "data")

    def totals(*args: str) -> dict[str, int]:
        code, out, err = _run(runner, "stocktaking", "--data", data, "-f", "json", *args)
        assert code == 0, err
        return json.loads(out)

    old = totals("--as-of", "stocktaking-2021")
    assert (
        old["totals"]["requests"] == 6
        and old["totals"]["offers"] == 5
        and old["totals"]["matches"] == 4
    )
    assert (
        old["as_of"] == "2021-06-01"
        and old["basis"]["kind"] == "git"
        and old["basis"]["commit"] == first
    )
    new = totals("--as-of", "HEAD", "--since", "stocktaking-2021")
    assert new["totals"] == {
        "requests": 7,
        "offers": 6,
        "matches": 5,
        "pledges": 13,
        "live_matches": 3,
    }
    changes = new["changes"]
    assert [r["id"] for r in changes["new_requests"]] == ["REQ-2019-007"]
    assert [r["id"] for r in changes["new_offers"]] == ["OFF-2019-004"]
    assert [r["id"] for r in changes["new_matches"]] == ["MAT-2021-002"]
    # The Markdown names the basis of the report, so a past stocktaking can be reproduced.
    _code, out, _ = _run(
        runner, "stocktaking", "--data", data, "-f", "markdown", "--as-of", "stocktaking-2021"
    )
    assert f"as committed at git revision stocktaking-2021 ({first[:12]}, 2021-06-01)" in out
    assert "| Requests                      | 6        |" in out
