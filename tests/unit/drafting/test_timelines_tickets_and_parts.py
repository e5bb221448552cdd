"""Timelines kept by weekday and clock, lists of arrows, tables whose "who" cell names the deed,
the parts of what the writer built, tickets the writer commented on, and sentences that must
stay as grammatical as the note was."""

from __future__ import annotations

from storygen.drafting.compose.offline import draft_offline
from storygen.drafting.extract.facts import extract_facts
from storygen.drafting.extract.phrasing import clauses, rewrite
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine

TIMELINE = "\n".join([
    "orders-events consumer lag, timeline I kept that week",
    "",
    "Mon 09:40  PagerDuty: consumer lag at 1.2M messages, growing by ~15K a minute.",
    "Mon 10:05  Team scaled the consumer group from 6 to 12 replicas. Lag kept growing.",
    "Mon 11:30  I pulled per-partition lag instead of the aggregate.",
    "Tue 10:00  I added an in-process cache for merchant settings and shipped it behind a flag.",
    "Wed        I told my manager I'd own the follow-up.",
    "Thu        Ravi reviewed and merged the key-salting change.",
    ""])


def test_a_weekday_and_clock_before_the_writer_s_step_leave_it_theirs() -> None:
    found = facts(TIMELINE)
    assert holding(found, "pulled per-partition lag").section == "action"
    assert mine(found, "added an in-process cache")
    assert mine(found, "told my manager I'd own the follow-up")
    # the team's step and Ravi's stay theirs
    assert not mine(found, "scaled the consumer group")
    assert not mine(found, "reviewed and merged")


def test_a_weekday_and_part_of_the_day_never_become_a_step() -> None:
    found = facts("tariff weekend\n\n- Sat morning I called Irene and our compliance head.\n"
                  "- sat am: Crashlytics alert, crash-free users 99.6% -> 97.1%\n")
    assert mine(found, "called Irene")
    assert not any(s.text.startswith(("I sat", "I Sat")) for s in found.sentences)


def test_lines_that_open_on_an_arrow_are_items_of_their_own() -> None:
    found = facts("crash notes\n\n"
                  "-> remote config kill switch existed for the cache, nobody had ever tested it\n"
                  "-> didn't wait for weekday triage: flipped the kill switch at 11:40\n")
    assert mine(found, "didn't wait for weekday triage")
    assert "weekday triage" not in holding(found, "kill switch existed").text


def test_a_table_s_who_cell_that_names_the_deed_gives_the_writer_their_step() -> None:
    found = facts("\n".join([
        "GPU spend cleanup", "",
        "| what | before | after | who |", "|---|---|---|---|",
        "| idle notebooks | ~$48K/mo | ~$9K/mo | me: moved idle notebooks to auto-stop |",
        "| sweeps | ~$40K/mo | ~$22K/mo | Nadia's team: early-stopping in the sweep config |",
        ""]))
    assert mine(found, "moved idle notebooks to auto-stop")
    assert holding(found, "~$48K/mo").section != "action"
    assert not mine(found, "early-stopping")


def test_a_script_s_label_keeps_what_the_script_does() -> None:
    found = facts("cleanup\n\n- wrote script: list unattached volumes older than 14 days\n")
    assert mine(found, "wrote script: list unattached volumes")


BUILT = "\n".join([
    "flaky tests",
    "",
    "I proposed dropping the meeting and built it over ~2 weeks:",
    "- a CI step that reruns a failed test in isolation",
    "- the bot files a ticket to the CODEOWNERS team with the failure logs attached",
    "",
    "Numbers after 6 weeks: main green on first run went from ~55% to ~92%.",
    ""])


def test_the_parts_of_what_the_writer_built_are_told_in_the_action() -> None:
    notes = parse_notes(BUILT)
    action = draft_offline(notes, extract_facts(notes))["sections"]["action"]["strong_example"]
    assert "built it over ~2 weeks: a CI step that reruns a failed test" in action
    assert "the bot files a ticket" in action


def test_what_the_writer_wrote_down_is_not_taken_for_parts_they_built() -> None:
    found = facts("pushback\n\nWhat I wrote down at the time:\n"
                  "- new platform had never processed a real amended return\n")
    assert not mine(found, "amended return")
    assert holding(found, "amended return").section != "action"


def test_a_group_named_with_its_owner_is_never_the_writer_s_finding() -> None:
    found = facts("cert expiry\n\nWhat I did\n- I filed SEC-4471 and asked Sofia to approve me "
                  "doing the renewal.\n- the bank's ops team signed it within 2 days.\n")
    assert not mine(found, "signed it within 2 days")


def test_a_ticket_comment_the_writer_left_is_their_step() -> None:
    found = facts("ORG ticket (pasted)\n\nComment (me): Met with HR and the 2 directors.\n"
                  "Comment (Siobhan, Dublin EM): Dublin teams took primary on-call.\n")
    assert mine(found, "met with HR and the 2 directors")
    assert not mine(found, "took primary on-call")


def test_the_writer_s_own_taking_it_on_in_a_chat_is_said_with_an_i() -> None:
    found = facts("ticket\n\nComment (me): Taking this myself; no single team owns it.\n")
    assert any(s.text.startswith("I'm taking this myself") for s in found.sentences)


def test_words_that_begin_a_line_are_not_taken_for_a_team_s_name() -> None:
    found = facts("on-call\n\nI ran workshops with each of the 3 worst teams.\n\n"
                  "Worst team 25+ -> 6.\n")
    assert "3 worst teams" in holding(found, "ran workshops").text


def test_a_clause_with_its_own_present_verb_gets_no_there_was() -> None:
    assert rewrite("no single team owns on-call health", None).text == \
        "No single team owns on-call health."
    assert rewrite("nothing changes for users", None).text == "Nothing changes for users."
    assert rewrite("no runbook", None).text == "There was no runbook."
    assert rewrite("no dashboards or alerts", None).text == "There were no dashboards or alerts."


def test_how_a_job_ran_is_never_the_writer_s_step() -> None:
    found = facts("KYC batch\n\nContext\n- Ran on a dedicated Spark cluster, 40 nodes, always on.\n")
    assert not any(s.text.startswith("I ran on") for s in found.sentences)


def test_a_proposal_named_among_the_writer_s_steps_is_theirs() -> None:
    found = facts("cost cut\n\nWhat I did\n- Proposed delta screening: only records changed "
                  "since last run.\n- Built the change detection with a hash column.\n")
    assert mine(found, "proposed delta screening")


def test_after_how_long_i_had_done_it_is_a_step_before_that_it_is_background() -> None:
    assert rewrite("Within about 20 minutes I'd confirmed it was my change.", None).person == "I"
    assert rewrite("Two days earlier I'd shipped a change to the mapping.", None).person \
        == "other"


def test_a_change_and_how_long_it_took_is_not_given_a_second_verb() -> None:
    said = rewrite("scale-up from 2.6x to 3.5x took ~25 min in a drill", None).text
    assert "went" not in said
    assert rewrite("p99 from 850ms to 210ms", None).text == "P99 went from 850ms to 210ms."


def test_a_measure_in_a_clock_log_is_never_a_step() -> None:
    assert rewrite("10:55  lag back under 10K", None).text == "At 10:55 lag back under 10K."
    assert rewrite("09:31 roll back to v1.2", None).text == "At 09:31 I rolled back to v1.2."


def test_a_result_told_first_under_its_own_label_is_the_result() -> None:
    found = facts("offline sync bug\n\nresult up top bc that's what I remember: duplicate work "
                  "orders went from ~1,200/week to basically 0.\n\nI added an idempotency key.\n")
    assert holding(found, "~1,200/week").section == "result"
    assert not any("up top" in s.text for s in found.sentences)


def test_a_first_investigation_assigned_by_a_lead_reads_as_sde1() -> None:
    note = ("memory leak in pricing-api (my first real investigation)\n\n"
            "Pods OOMKilled every ~6h. Ticket assigned to me by my lead.\n\n"
            "I took heap snapshots 30 min apart and compared them.\n")
    assert facts(note).level == "SDE1"


def test_what_the_team_did_under_its_own_heading_is_never_the_writer_s() -> None:
    found = facts("notes\n\nWhat I did\n- I ran the sessions.\n\nWhat the team did\n"
                  "- Ahmed (SDE2) took over the sessions in the spring.\n"
                  "- wrote the runbook together\n")
    assert mine(found, "ran the sessions")
    assert not mine(found, "took over the sessions")
    assert not mine(found, "wrote the runbook together")


def test_a_name_that_ends_like_a_past_verb_stays_a_name() -> None:
    said = rewrite("Ahmed (SDE2) took over the sessions in the spring.", "action")
    assert said.text == "Ahmed (SDE2) took over the sessions in the spring."
    assert said.person == "other"
    assert rewrite("Fixed (finally) the flaky test.", "action").text == \
        "I fixed (finally) the flaky test."


def test_a_service_s_change_after_the_writer_s_chat_line_is_not_theirs() -> None:
    found = facts("thread\n\n> **me**: looking now. will update within the hour\n"
                  "> cause: payments service renamed amount_cents -> amount_minor yesterday\n")
    assert not mine(found, "payments service renamed")


def test_what_the_writer_measured_and_changed_under_their_headings_is_their_work() -> None:
    found = facts("\n".join([
        "checkout p99", "", "what I measured:",
        "  - sampled 500 slow requests from tracing: 88% spent >900ms in the tax call", "",
        "what I built:", "  - retry wrapper for the client", "  - a small step before OCR", "",
        "what I changed:", "  - pool 20 -> 120, plus a 250ms acquire timeout",
        "  - load test at 2x peak: p99 610ms", ""]))
    assert holding(found, "sampled 500 slow requests").section == "action"
    assert mine(found, "I built: retry wrapper for the client")
    assert mine(found, "I built a small step before OCR")
    assert mine(found, "I changed: pool from 20 to 120")
    # a verb that only looks like one is never made the writer's step
    assert not any("I retried wrapper" in s.text for s in found.sentences)
    assert not mine(found, "I changed: load test")


def test_a_table_column_of_the_writer_s_steps_is_said_as_theirs() -> None:
    found = facts("\n".join([
        "storage bill", "",
        "| prefix | before | what I found | what I did | after |", "|---|---|---|---|---|",
        "| ingest-tmp/ | 62 TB | retries never cleaned up | fixed the cleanup step | 3 TB |",
        "| audit/ | 25 TB | compliance needs 7 years | left alone, moved to archive | 25 TB |",
        ""]))
    assert mine(found, "I fixed the cleanup step (after 3 TB)")
    assert mine(found, "I left it alone, moved to archive")
    assert not mine(found, "retries never cleaned up")


def test_a_tool_that_fired_is_no_speaker_and_the_writer_s_doing_is_said_with_i() -> None:
    found = facts("incident\n\n09:12  PagerDuty fires: consumer lag above 2M. I'm secondary "
                  "on-call.\n09:38  Pod logs: OOMKilled.\n\n"
                  "[23:02] me: paging ranking team lead to let her know, just FYI\n")
    assert not any("said:" in s.text for s in found.sentences)
    assert holding(found, "secondary on-call").text == "I'm secondary on-call."
    assert holding(found, "paging ranking team lead").text.startswith("I'm paging")


def test_a_role_in_brackets_after_a_name_stays_beside_the_name() -> None:
    said = clauses("I sent it to Helen (platform lead) directly beforehand so she wasn't "
                   "blindsided.")
    assert said == ["I sent it to Helen (platform lead) directly beforehand so she wasn't "
                    "blindsided."]


def test_the_thing_the_writer_did_told_as_a_thing_is_still_theirs() -> None:
    said = rewrite("The thing I did that ended up mattering was writing a small job that "
                   "logged the features served online.", None)
    assert said.person == "I"


def test_the_newest_on_the_team_with_an_onboarding_task_states_the_task() -> None:
    found = facts('notes\n\nHow: I\'m the newest on the payments-web team. Part of my '
                  'onboarding task was "fix some flaky tests".\n- fixed 9 of them myself: '
                  'mostly shared fixture state and real timers\n')
    assert holding(found, "newest on the payments-web team").section == "task"
    assert holding(found, "onboarding task").section == "task"
    assert mine(found, "fixed 9 of them myself: mostly shared fixture state")


def test_a_person_named_with_where_they_sit_is_never_the_writer_s_finding() -> None:
    found = facts("printers\n\nQ: can we fix it without waiting on the vendor?\n"
                  "I suggested static reservations as a stopgap and put together the list of "
                  "printer MAC addresses. Rashid from IT set them up while the vendor sent the "
                  "firmware update, and the warehouse ops team rolled the update out.\n")
    assert mine(found, "suggested static reservations")
    assert not mine(found, "Rashid from IT set them up")
    assert not mine(found, "rolled the update out")


def test_prose_wrapped_with_a_ragged_edge_is_never_cut_at_its_line_ends() -> None:
    found = facts("\n".join([
        "Self-review: mentoring",
        "",
        "As the senior engineer on the team, the thing I'm proudest of this cycle is how Marcus "
        "grew.",
        "He moved to us from the QA org wanting to get into backend work, and at the start he was",
        "nervous about touching the billing reconciler. Rather than feeding him small tickets,",
        "I gave him ownership of the retry logic. I reviewed his PRs the same day.",
        "Our manager arranged for him to shadow the on-call rotation, and",
        "the team lead put his name forward for promotion. Looking back, I should",
        "have let him present to the wider org sooner.",
        ""]))
    texts = [s.text for s in found.sentences]
    assert not any(t.endswith(("he was.", "I should.")) for t in texts), texts
    assert "at the start he was nervous about" in holding(found, "QA org").text
    assert "I should have let him present" in holding(found, "wider org").text


def test_agreeing_and_disagreeing_are_the_writer_s_steps() -> None:
    assert rewrite("agreed with Sam on the fields", "action").text == \
        "I agreed with Sam on the fields."
    assert rewrite("Disagreed in the design review", None).text.startswith("I disagreed")
    assert rewrite("need more time", "action").text == "Need more time."


def test_who_says_me_and_the_team_is_no_i_was_me() -> None:
    said = rewrite("Who: me (AppSec, SDE2) + dev-productivity team", None).text
    assert not said.startswith("I was me")
    assert "dev-productivity team" in said


def test_a_list_s_name_after_its_own_article_is_not_given_a_second_one() -> None:
    found = facts("hiring\n\nThe new loop (I drafted it, then ran it past the EMs):\n"
                  "- replaced one coding round with a data debugging exercise\n"
                  "- wrote rubrics for each round\n")
    assert mine(found, "I drafted the new loop")
    assert not any("the the" in s.text for s in found.sentences)


def test_a_clause_on_the_object_inside_commas_does_not_cut_the_step_in_two() -> None:
    found = facts("what I did:\n- moved audit logs, which we must keep for 7 years, to cold "
                  "storage via the existing archive bucket\n"
                  "- agreed with the on-call rota which fields they use\n")
    assert mine(found, "moved audit logs, which we must keep for 7 years, to cold storage")
    assert mine(found, "I agreed with the on-call rota")
    assert not any(s.text.startswith("We must keep") for s in found.sentences)


def test_options_the_writer_laid_out_are_never_told_as_steps_taken() -> None:
    found = facts("data minimisation\n\nOptions I laid out\n"
                  "- keep collecting, improve disclosure: cheapest\n"
                  "- make it opt-in per partner: partners wouldn't know what to choose\n"
                  "- remove collection entirely\n\nChosen: remove.\n")
    assert not mine(found, "I made it opt-in")
    assert not mine(found, "I removed collection")
    assert mine(found, "I laid out an option: make it opt-in per partner")
    assert not any(s.text == "Options I laid out." for s in found.sentences)


def test_a_checklist_item_someone_else_did_is_not_given_the_writer_s_i() -> None:
    found = facts("phonebook sync\n\nmy list:\n"
                  "[x] measure where the 90s goes -> ~60% was photos\n"
                  "[x] batch the PBAP pulls (was 1 request per 50 contacts)\n"
                  "[x] make photo fetch lazy, only when the contact is shown\n"
                  "[x] split the sync into pages\n"
                  "[x] test lab run on 30 phone models — Felipe's team ran it, I triaged the "
                  "7 failures\n"
                  "[x] perf on the slowest phone in the lab: 90s -> 11s\n")
    assert mine(found, "I batched the PBAP pulls")  # ticked: done, told as done
    assert mine(found, "I triaged the 7 failures")
    assert not mine(found, "test lab run")
    assert not mine(found, "perf on the slowest phone")
