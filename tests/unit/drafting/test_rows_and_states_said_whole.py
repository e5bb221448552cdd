"""A note's "label: figure" row and a measure's state told without a verb ("p99 back to
180ms") are said as sentences, with only the verb they lack; anything else stays as written,
and each sentence keeps the card the note's words put it in."""

from __future__ import annotations

import pytest

from storygen.drafting.extract.phrasing import said_whole

from .facts_helpers import facts, holding


@pytest.mark.parametrize(("row", "said"), [
    ("CloudWatch Logs ingestion for pricing-api alone: ~$6.8K last month.",
     "CloudWatch Logs ingestion for pricing-api alone was ~$6.8K last month."),
    ("Ingestion after 1 week: ~$210/day -> ~$45/day.",
     "Ingestion after 1 week went from ~$210/day to ~$45/day."),
    ("Pages per week: 14 -> 3.", "Pages per week went from 14 to 3."),
    ("Stuck-dashboard incidents from forgotten unpause: 0 in the 5 months since.",
     "Stuck-dashboard incidents from forgotten unpause were 0 in the 5 months since."),
    ("p99 latency now: 180ms.", "P99 latency is now 180ms."),
    ("Cost: ~$12K/month.", "Cost was ~$12K/month."),
])
def test_a_row_whose_label_names_a_measure_gets_its_verb(row: str, said: str) -> None:
    assert said_whole(row) == said


@pytest.mark.parametrize("row", [
    "Support queue: ~90 tickets in 3 hrs, \"app closes when I open my cart\".",  # no measure
    "Retries: 3 retries x 45 min timeout, so a failure at 04:00 could push delivery past 09:00.",
    "Alarm: p99 850ms (SLO 300ms), p50 fine ~90ms -> tail problem, not general slowness.",
    "Pulled the top crashes from Crashlytics: 5 signatures = 81% of crashes.",  # a step
    "Cost: we paid ~$4K for the extra nodes.",  # has its verb
])
def test_a_row_that_is_no_measure_s_value_is_left_as_written(row: str) -> None:
    assert said_whole(row) == row


@pytest.mark.parametrize(("state", "said"), [
    ("P99 back to 180ms.", "P99 was back to 180ms."),
    ("Pages down to ~8/week.", "Pages were down to ~8/week."),
    ("Complaints about subtitles/AD down ~60% year on year.",
     "Complaints about subtitles/AD were down ~60% year on year."),
    ("P99 back to ~130ms and flat for 5 weeks now.", "P99 is back to ~130ms and flat for 5 weeks now."),
    ("Next month: GPU spend back under forecast by ~$6K, idle node-hours down from ~3,300 to"
     " under 200.",
     "Next month, GPU spend was back under forecast by ~$6K, and idle node-hours were down from"
     " ~3,300 to under 200."),
    ("Rollback done, error rate back to 0.3%.", "Rollback done, error rate was back to 0.3%."),
])
def test_a_measure_s_state_gets_its_verb(state: str, said: str) -> None:
    assert said_whole(state) == said


@pytest.mark.parametrize("line", [
    "And the runbook says if there's a correlating deploy, roll back first, ask questions later.",
    "Write up for Dana + ops.",  # a to-do
    "Team's proposal: scale Postgres up two sizes, done in a day.",  # a step
    "TTL cache (fast, wrong prices up to 5 min).",  # inside an aside
    "Rollback rehearsal: reverse replication back to the old primary.",  # no measure
    "Nov 27 AMBER: VIES goes down a lot (saw ~7% timeouts in testing).",  # has its verb
    "I'd book equal time up front next time.",
    "Launch night at brightside (agency) - typing this on the train so excuse typos.",
])
def test_anything_else_is_left_as_written(line: str) -> None:
    assert said_whole(line) == line


def test_the_verb_is_added_after_the_sentence_is_placed() -> None:
    found = facts("Checkout p99 was 1.8s at peak and the pager went off nightly.\n\n"
                  "I moved the price lookups into one batched query.\n\n"
                  "Result\n- p99 back to 420ms\n- pages per week: 14 -> 3\n")
    assert holding(found, "back to 420ms").text == "P99 was back to 420ms."
    assert holding(found, "back to 420ms").section == "result"
    assert holding(found, "went from 14 to 3").section == "result"


def test_threads_that_blocked_on_a_lock_are_what_the_look_found() -> None:
    found = facts("1. Pulled thread dumps from the consumer pods during the spike\n"
                  "   - workers blocked on a synchronized block in the dedup cache\n"
                  "   - the dedup cache used a single global lock, held during a remote Redis"
                  " call\n"
                  "2. Fix\n   - I split the lock into 64 striped locks\n")
    step = holding(found, "pulled thread dumps")
    assert step.section == "action"
    assert "workers blocked on a synchronized block" in step.text
    assert "single global lock" in step.text


# A who-did-what table's cells, and a finding said with the step that found it

WHO_DID_WHAT = ("| Who | What |\n|-----|------|\n"
                "| Me | Traced it to retries on timeouts with no idempotency key |\n"
                "| Priya | Wrote the backfill for the duplicates |\n")


def test_a_table_row_of_the_writer_s_is_their_step_and_another_s_is_theirs() -> None:
    found = facts(WHO_DID_WHAT)
    mine = holding(found, "retries on timeouts")
    assert mine.text == "I traced it to retries on timeouts with no idempotency key."
    assert mine.section == "action"
    assert holding(found, "backfill").text == "Priya wrote the backfill for the duplicates."


def test_what_a_step_found_is_said_with_it() -> None:
    found = facts("09:30 I join the incident call.\n"
                  "10:05 Found it: a config deploy on Friday pointed our normalizer at a stale"
                  " cache. Rolled back (me).\n")
    found_it = holding(found, "stale cache")
    assert found_it.text == ("At 10:05 I found it: a config deploy on Friday pointed our"
                             " normalizer at a stale cache.")
    assert found_it.section == "action"
    assert holding(found, "rolled back").text == "I rolled back."


def test_a_finding_that_holds_the_team_s_we_is_not_joined_to_the_writer_s_step() -> None:
    found = facts("- traced it: Stripe retries webhooks when we're slow to respond (>10s)\n")
    assert not any(s.text.startswith("I traced it: Stripe") for s in found.sentences)


@pytest.mark.parametrize(("row", "said"), [
    ("Main branch green rate: before 71%, after (~6 weeks) 96%.",
     "Main branch green rate was 71% before and 96% after (~6 weeks)."),
    ("Bidder instances at peak: before 420, after 260.",
     "Bidder instances at peak were 420 before and 260 after."),
    ("Deploy time ~47 min -> ~6 min.", "Deploy time went from ~47 min to ~6 min."),
    ("Max nightly lag ~2M -> under 5k, no lag alarms in the 6 wks since.",
     "Max nightly lag went from ~2M to under 5k, no lag alarms in the 6 wks since."),
])
def test_a_before_after_row_or_a_measure_s_move_gets_its_verb(row: str, said: str) -> None:
    assert said_whole(row) == said


@pytest.mark.parametrize("row", [
    "Pages per week: before (Jan-Mar) ~45, after (Jul-Sep) ~9.",  # when, not how much
    "Bad reports/mo: before ~3, after 0 since Aug.",
    "Version bumps in 3 places -> derived from the git tag.",  # no measure moved
])
def test_a_row_that_is_no_measure_s_move_is_left_as_written(row: str) -> None:
    assert said_whole(row) == row


@pytest.mark.parametrize(("row", "said"), [
    ("I cut p99 850ms -> 210ms.", "I cut p99 from 850ms to 210ms."),  # the writer's step
    ("P99 dropped 1.9s -> 240ms.", "P99 dropped from 1.9s to 240ms."),
    ("Bucket 1.2 PB -> ~90 TB.", "Bucket went from 1.2 PB to ~90 TB."),
    ("I ramped the flag 5% -> 50% -> 100%.", "I ramped the flag 5% -> 50% -> 100%."),  # a chain
    ("Traffic moved from 3 -> 5 hosts.", "Traffic moved from 3 -> 5 hosts."),
])
def test_a_before_after_pair_is_said_in_words_never_a_chain(row: str, said: str) -> None:
    assert said_whole(row) == said


def test_a_figure_under_a_label_that_names_it_is_said_as_what_the_label_names() -> None:
    found = facts("Impact: ~2,100 failed checkouts, est. $90-110K GMV.\n\n"
                  "Root cause: the job runs in a container w/ 512MB.\n\n"
                  "I raised the limit to 2GB.\n")
    assert holding(found, "failed checkouts").text == \
        "The impact was ~2,100 failed checkouts, est. $90-110K GMV."
    assert holding(found, "512MB").text == "The job runs in a container w/ 512MB."


# Truth: what the writer called for, planned or saw launch is not told as their step


def test_what_the_writer_called_for_is_not_told_as_done() -> None:
    found = facts("My call: don't launch on offline numbers alone. Run a 2-week A/B at 5%"
                  " traffic before deciding.\n\nMei ran the A/B; I reviewed the setup.\n")
    assert not any(s.text.startswith("I ran a 2-week") for s in found.sentences)
    assert holding(found, "2-week A/B at 5%").text == \
        "I decided: run a 2-week A/B at 5% traffic before deciding."


def test_a_plan_under_a_next_label_and_a_launch_date_are_no_steps_of_the_writer_s() -> None:
    found = facts("- Frankfurt went live in 11 months.\n"
                  "- Launched May 20, two weeks late.\n"
                  "- Next region: templated from Frankfurt, estimated at ~30% of the effort.\n"
                  "- Next day: rolled back the flag\n")
    assert not any(s.text.startswith(("I launched", "I templated")) for s in found.sentences)
    assert holding(found, "templated from Frankfurt").text.startswith("Next region:")
    assert holding(found, "rolled back the flag").text.startswith("I rolled back")


def test_our_own_is_not_narrowed_to_the_writer_s_team() -> None:
    from storygen.drafting.compose.sections import own
    assert own("I wrote a style guide with examples from our own spec.") == \
        "I wrote a style guide with examples from the in-house spec."
