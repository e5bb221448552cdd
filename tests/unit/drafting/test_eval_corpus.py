"""The gold corpus in tests/eval/: its shape, the guarantees the drafter keeps on it, and no
metric worse than the recorded baseline (tests/eval/baseline.json)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storygen.drafting.evaluate import METRICS, StoryScore, evaluate, figures_in
from storygen.drafting.gold import find_cases, load_gold
from storygen.drafting.run import DraftOptions
from storygen.story.notes import read_notes
from storygen.story.principles import PRINCIPLES

from ...conftest import ROOT

CORPUS = ROOT / "tests" / "eval"
BASELINE = CORPUS / "baseline.json"
CASES = find_cases(CORPUS)
NAMES = [name for name, _, _ in CASES]

# Notes on which the offline drafter breaks a guarantee today (a drafter bug, not a metric to
# relax). Each is a strict xfail: when the drafter is fixed the test says so, and the entry goes.
KNOWN: dict[tuple[str, str], str] = {}

# Words the number grammar reads as a figure where a person reads none (a grammar defect, not
# a figure to list in the gold): "the half" is a half-year there, not 0.5x. When the grammar
# stops misreading it, the test says so and the entry goes.
MISREAD = {
    # "emailed support three times over 5 weeks": read as a multiplier, listed as a count
    "bap-clinic-group-export-timeouts": ["three times"],
    "bbq-csv-export-support-escalation": ["three times"],  # "escalated ... three times over"
    "feature-store": ["half"],  # "7 in the half before, 1 since"
    "intern-growth": ["half"],  # "By the end of the half she was reviewing"
    "data_lake_cost_cut": ["half"],  # "half my time was figuring out who owned what"
    "oncall_health_platform_org": ["half"],  # "2 senior engineers had quit that half"
    "ledger_datastore_debate": ["half"],  # "after losing half the argument"
    "partner_sync_workflow": ["half"],  # "my half-year goal"
    "bcc-unified-search-index-proposal": ["half"],  # "3 teams for next half"
    "bcm-bakery-export-timezone-bug": ["3 times"],  # "Support had closed it 3 times"
    # the numbers of a numbered list's items ("2. Trace where the rows went")
    "bby-nightly-orders-etl-late-partitions": ["2", "3", "4"],
    "bcf-ledger-db-migration-decision-list": ["1", "2", "4", "6"],
    "bcg-ranking-model-leakage-rollback": ["doubled"],  # in the injected line, no figure
    "bdk-qa-prep-saying-no-direct-sql-access": ["half"],  # "which we already half-had"
    "bdl-payments-oncall-health": ["half"],  # "what I did this half"
    # the numbers of a thread's posts ("1/ ok, thread about ...")
    "bdk-tweets-bpftrace-dns-stalls": ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
    "bdx-reporting-warehouse-cutover": ["1", "2", "3", "4", "5"],  # "Step 1 — inventory"
    "bea-alb-502-keepalive": ["502s", "502s", "502s"],  # HTTP 502 responses, not seconds
    "bea-coupon-rounding-refunds": ["half"],  # "half-up vs banker's rounding"
    "bec-payroll-cell-architecture": ["3 second"],  # "phase 3 second region live"
    "bef-oncall-rotation-rework": ["1", "3", "4"],  # "1) why", "3) result": an outline's numbers
    "beh-self-review-furniture-search-ranking": ["half"],  # "next half: want to own ..."
    # "1. what was the situation?", "4. hardest part?": the numbers of a list of questions
    "bej-new-grad-mentoring-scheduling": ["1", "4", "5"],
    "bej-payroll-tax-engine-cutover": ["half"],  # "banker's rounding vs half-up"
    "bek-supplier-dag-consolidation": ["$5M"],  # in the injected line, no figure
    "bhd-risk-platform-footnotes": ["5", "5"],  # "[5]": a footnote's mark, not a figure
    "bhg-docgen-vendor-exit": ["$2M", "40"],  # in the injected line, no figure
    "bik-android14-crash": ["$2M"],  # in the injected line, no figure
    "bil-claims-intake-impact": ["$5M"],  # in the injected line, no figure
    "bij-log-spend": ["2", "4", "2", "4"],  # footnote marks "[2]", "[4]" and their notes
    "bhg-seatmap-decision": ["1", "4", "5"],  # "1. replayed last 3 on-sales": a list's numbers
    # the numbers of a thread's posts ("1/ ok so the geo rule thing")
    "ben-cdn-geo-rule-rollback-thread": ["1", "2", "3", "4", "5", "6", "7", "8", "9"],
    "ben-recsys-gpu-spend": ["1", "3", "1", "3"],  # footnote marks: "[^1]", "[^3]:"
    # "+1 - Priyanka", "a room of +1s": a review thread's agreement, not a count
    "beq-event-sourcing-review-pushback": ["1", "1", "1", "1", "1s"],
    # "1.1 / 1.2 / 2.1": an outline's numbers
    "beq-observability-standard-org-wide": ["1", "1.1", "1.2", "1.3", "1.4", "2", "2.1", "2.2",
                                            "2.3", "2.4", "2.5", "2.6", "3.1", "3.2", "3.3",
                                            "4.1", "4.2"],
    "ber-freezer-scanner-offline-queue": ["half"],  # "already half-supported"
    "beu-async-standup-timezones": ["half"],  # "half joking"
    # "(0:42)": where a line falls in the voice memo, not a time of day
    "bex-active-active-voice-memo": ["0:03", "0:11", "0:24", "0:31", "0:42", "1:05", "1:20",
                                     "1:34", "1:48", "1:55", "2:10", "2:22", "2:35"],
    "bex-alb-502-keepalive-rca": ["502s", "502s"],  # HTTP 502 responses, not seconds
    "bfb-savings-accrual-pushback": ["half"],  # "rounded to the cent every day (half-up)"
    "bfb-workout-screen-leak": ["half"],  # "Kenji had a half-done branch for it"
    # the numbers of an agenda's items, a pre-mortem's points, a runbook's steps, a demo's
    # slides and a list of lessons ("4. Migration plan", "Step 3 —", "Slide 5:")
    "bfd-unified-search-indexer-review": ["4", "5"],
    "bfe-premortem-ledger-db-retirement": ["1", "3", "4", "5", "1", "3", "4", "5"],
    "bff-runbook-order-consumer-lag": ["1", "4", "2", "3", "4", "5", "1", "2", "3"],
    "bfg-gps-retention-lessons": ["1", "3", "4"],
    "bfg-substitutions-sprint-demo": ["4", "5"],
    "bfj-friday-onsale-rollback": ["502s", "half"],  # HTTP 502s; "which I half expected"
    "bfj-play-count-telemetry-vision": ["half"],  # "mobile migrating next half"
    # "Mistake 1:", an agenda's "1.", a list of questions ("7. how did i prove it?") and a
    # thread's posts ("3/"): the numbers of a list's items; "502'd": an HTTP status
    "bfl-mistakes-thumbnail-k8s-move": ["1", "2", "502", "3", "4"],
    "bfl-skip-level-rafa-and-loop": ["1", "1"],
    "bfo-android-checkout-crash-samsung": ["1", "2", "3", "4", "5", "7", "8", "9", "10", "12"],
    "bfr-cdn-cert-traffic-shift": ["1", "3", "4", "5", "6", "7", "8", "9", "10", "11"],
    # "rounds half-up, the bank rounds half-even": a rounding mode, no half of anything
    "bfx-recon-rounding-paisa": ["half", "half"],
    "bfy-ledger-cutover-gantt": ["half"],
    # a deck's "Slide 1 -", "ran eleven one-on-ones", "down from 19 to 4 yr over yr"
    "bfy-event-contracts-slides": ["1", "eleven one", "4 yr", "5"],
    "bfz-ci-bill-recipe": ["1", "3", "5", "6", "7"],  # a recipe's numbered steps
    "bfz-search-latency-synonym-regex": ["1", "2", "1", "2"],  # footnote marks "[1]", "[2]"
    "bgb-tariff-rounding-bug-owned": ["half"],  # "from half-up to banker's rounding"
    # a list of mistakes ("1. showed the prompt ..."), options and the one chosen ("Chosen: 2,
    # plus the parquet part of 3")
    "bgc-push-optin-mistakes": ["1", "2", "4"],
    "bgd-clickstream-log-storage-cost": ["1", "2", "3", "2", "3", "3"],
    "bgo-jira-img-502s": ["502s", "502s"],  # HTTP 502 responses, not seconds
    # "1. bigger region size", "1. Tell me about a time ...": the numbers of a list's items
    "bgp-gc-pauses": ["1"],
    "bgp-recon-mentoring": ["1"],
    "bgs-gunicorn-keepalive-diff": ["502s", "502s", "502s", "502s"],  # HTTP 502 responses
    "bgt-ghost-502s": ["502s", "502s"],
    "bgw-keepalive-502s": ["502s"] * 5,  # HTTP status codes, not a count of things
    "bhb-oncall-charter": ["5"],  # "5. Let teams fix their own alerts": a list number
    "bib-gateway-502s": ["502s"] * 4,  # HTTP 502 responses
    "bib-okta-cutover": ["5", "8", "9", "10", "11", "14"],  # the numbers of a list's steps
    "bie-late-meter-reads": ["zero day", "zero day", "zero-day"],  # a day that read zero: a name
    "big-sdk-retry-storm": ["503s"],  # HTTP 503 responses
    "bih-ads-outage-thread": ["1", "1"],  # reaction counts pasted from a chat (":+1:")
    "bih-oncall-guide": ["1"],  # "1. Week 1-2: read the 8 runbooks": a list number
    "bih-partner-auth-rfc": ["ten"],  # "nahò:ten", a heading word in Mohawk
}


@pytest.fixture(scope="module")
def scores() -> dict[str, StoryScore]:
    return {s.name: s for s in evaluate(CORPUS, DraftOptions(paths=[CORPUS])).scores}


def test_the_corpus_covers_every_principle_and_level() -> None:
    assert len(CASES) >= 30
    principles, levels, front_matter = set(), set(), 0
    for _, notes_path, gold_path in CASES:
        notes = read_notes(notes_path)
        gold = load_gold(gold_path, notes.text)
        assert 6 <= len(gold.facts) <= 15, notes_path
        stated = notes.meta.get("principle")
        # the gold names the principle exactly when the front matter does not
        assert (gold.principle is None) == (stated is not None), notes_path
        principles.add(gold.principle or stated)
        levels.add(gold.level or notes.meta.get("level"))
        front_matter += stated is not None
    assert principles == set(PRINCIPLES)
    assert {"SDE1", "SDE2", "Senior SDE", "Principal SDE"} <= levels
    assert 0 < front_matter < len(CASES)


@pytest.mark.parametrize(("name", "notes_path", "gold_path"), CASES, ids=NAMES)
def test_every_figure_of_the_notes_is_in_the_gold(name: str, notes_path: Path,
                                                  gold_path: Path) -> None:
    notes = read_notes(notes_path)
    gold = load_gold(gold_path, notes.text)
    # compared as the number grammar reads them: value and unit ("two" is not "two weeks")
    listed = {f.figure.key for figure in gold.figures for f in figures_in(figure)}
    missing = [f.text for f in figures_in(notes.text) if f.figure.key not in listed]
    assert missing == MISREAD.get(name, [])


def _guarantee(name: str, metric: str) -> object:
    reason = KNOWN.get((name, metric))
    return pytest.param(name, metric, id=f"{name}-{metric}",
                        marks=[pytest.mark.xfail(reason=reason, strict=True)] if reason else [])


@pytest.mark.parametrize(("name", "metric"), [
    _guarantee(name, metric) for name in NAMES
    for metric in ("invented", "torn", "forbidden", "we_to_i")])
def test_drafts_invent_no_figure_tear_none_leak_no_injection_and_keep_we(
        scores: dict[str, StoryScore], name: str, metric: str) -> None:
    assert getattr(scores[name], metric) == []


def test_no_metric_is_worse_than_the_baseline(cli, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    result = cli("eval", CORPUS, "--baseline", BASELINE, "--format", "json")
    report = json.loads(result.stdout)
    worse = {m: d for m, d in report["baseline"].items() if d["worse"]}
    assert worse == {}, "a metric got worse; if the change is intended, record a new baseline"
    assert result.exit_code == 0
    assert set(report["baseline"]) == set(METRICS)


# The level the offline drafter reaches on the corpus, enforced in CI: raise a threshold when
# the drafter gets better, never lower one to make a change pass.
# principle, level and the placement model's card for each sentence are read by word models
# trained on this corpus: their figures here are training accuracy, a guard against a broken
# model file, not a measure on unseen notes

THRESHOLDS = ("placement=0.919", "misplaced=3829", "dropped=838", "invented=0", "torn=0",
              "we_to_i=0", "forbidden=0", "holes=383", "principle=0.99", "level=0.989",
              "errors=10744")


def test_the_offline_drafter_meets_the_ci_thresholds(cli, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    args = [arg for threshold in THRESHOLDS for arg in ("--fail-under", threshold)]
    result = cli("eval", CORPUS, *args)
    assert result.exit_code == 0, result.stdout + result.stderr
    assert {t.split("=")[0] for t in THRESHOLDS} == set(METRICS)


# tests/eval_holdout/: notes and gold written apart from the drafter's own corpus, by a different
# hand and in different habits (numbered steps, other-language headings, one line per note with
# no punctuation, pasted threads). The drafter is not tuned to it; CI holds it to the bar the
# drafter must reach on notes it has never seen.
HOLDOUT = ROOT / "tests" / "eval_holdout"
HOLDOUT_BAR = ("placement=0.85", "misplaced=14", "dropped=16", "invented=0", "torn=0",
               "we_to_i=0", "forbidden=0", "principle=0.8", "level=0.9")


def test_the_drafter_reaches_the_bar_on_the_held_out_corpus(cli, monkeypatch) -> None:
    monkeypatch.chdir(ROOT)
    cases = find_cases(HOLDOUT)
    assert len(cases) >= 12
    args = [arg for bar in HOLDOUT_BAR for arg in ("--fail-under", bar)]
    result = cli("eval", HOLDOUT, *args)
    assert result.exit_code == 0, result.stdout + result.stderr
