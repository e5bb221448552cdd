"""Pasted review threads and e-mail replies, trackers with who did each item, check boxes left
open, commit logs, logs stamped with a date and a clock time, and the clauses of other people
that used to ride along in the writer's sentences."""

from __future__ import annotations

from storygen.drafting.compose.sections import choose
from storygen.drafting.extract.phrasing import clauses

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine

REVIEW_THREAD = """Android release blocker, PR thread (copied from GitHub)

**mpatel** commented on Apr 14
> The release is ready, crash-free sessions at 99.1% in beta. Proposing we ship.

**me** commented on Apr 14
> I'm not comfortable shipping this. 70% of the crashes are the same NPE in the photo picker.
> I can have a fix + test in 24h.

**jlin (EM)** commented on Apr 14
> Campaign date is fixed. If the fix is in by Thursday we hold; otherwise we ship and hotfix.

**mpatel** commented on Apr 15
> > Fix is up, with a regression test
> Verified on the device lab, 12 devices. LGTM.
"""


def test_a_review_thread_gives_each_comment_to_its_author() -> None:
    found = facts(REVIEW_THREAD)
    texts = [s.text for s in found.sentences]
    # someone else's comment is theirs, quoted, with their "we" inside the quote
    assert holding(found, "Proposing we ship").text.startswith('Mpatel said: "')
    assert holding(found, "Campaign date is fixed").text.startswith('Jlin (EM) said: "')
    assert holding(found, "Verified on the device lab").text.startswith('Mpatel said: "')
    # the writer's own comment is the writer's, in the first person
    assert holding(found, "not comfortable shipping").text.startswith("I'm not comfortable")
    assert not mine(found, "Verified on the device lab")
    # the headers and the quote of an earlier comment say nothing of their own
    assert not any("commented on" in t for t in texts)
    assert sum("Fix is up" in t for t in texts) == 0


REPLY = """From: Marta Okafor
Sent: 2024-03-12 09:14
Subject: RE: Customers seeing old prices

I traced the stale prices to our CDN purge job.

- wrote a script to purge all variants for the 212 affected SKUs
- switched the purge job to surrogate-key purging

Marta

> From: Dev Patel
> Sent: 2024-03-11 15:02
>
> We've had 40+ tickets since this morning about checkout charging more than the
> product page shows. Can someone from storefront own this?

My follow-up notes: in the two weeks after the switch we had zero stale-price tickets.
"""


def test_the_mail_a_reply_quotes_is_its_sender_s_and_told_first() -> None:
    found = facts(REPLY)
    texts = [s.text for s in found.sentences]
    first = texts[0]
    # the quoted mail happened before the reply: it opens the story, as Dev's words, joined
    # over its wrapped lines
    assert first.startswith('Dev Patel said: "We\'ve had 40+ tickets')
    assert "product page shows" in first
    assert not any(t.startswith("We've had") for t in texts)
    # the writer's sign-off and the label on their own notes are no facts
    assert "Marta." not in texts
    assert holding(found, "zero stale-price tickets").text.startswith("In the two weeks")
    assert mine(found, "surrogate-key purging")


TRACKER = """Tracker (copied from my notebook):
- [x] adapter for the new provider's API behind our gateway interface (me)
- [x] provider-to-provider export of ~1.1M saved cards (Zainab, with the provider's team)
- [x] ramp 1% -> 10% -> 100% over 9 days, with automatic rollback (me)
- [x] refunds for old-provider charges still routed to the old provider (Hugo)
- [ ] decommission old-provider credentials after the final settlement
"""


def test_a_tracker_says_whose_each_item_is_and_never_that_an_open_box_was_done() -> None:
    found = facts(TRACKER)
    assert mine(found, "adapter for the new provider") == [
        "I did this part: adapter for the new provider's API behind our gateway interface."]
    assert mine(found, "ramped 1% -> 10% -> 100%")
    assert holding(found, "refunds for old-provider").text.startswith("Hugo: ")
    assert holding(found, "export of ~1.1M").text.startswith("Zainab: ")
    assert "(with the provider's team)" in holding(found, "export of ~1.1M").text
    assert not mine(found, "export of ~1.1M") and not mine(found, "refunds for")
    # a box left open is still open; where the list was copied from is no step
    assert holding(found, "decommission").text.startswith("Still open: ")
    assert not mine(found, "decommission") and not mine(found, "copied")


def test_an_open_check_box_is_never_said_as_done_anywhere() -> None:
    found = facts("What I did:\n- [x] rewrote the expiry logic\n- [ ] fix the cron role\n")
    assert mine(found, "rewrote the expiry logic")
    assert not mine(found, "cron role")
    assert holding(found, "cron role").text == "Still open: fix the cron role."


def test_a_commit_log_of_the_writer_s_commits_reads_as_their_steps() -> None:
    found = facts("git log --oneline (my branch):\n"
                  "e41b7a2 fix: cap retries at 3 across the client\n"
                  "9c0d3f1 feat: exponential backoff with full jitter\n"
                  "b72a9e4 dashboard: per-feature drift alarm\n")
    assert mine(found, "retries at 3") == ["I capped retries at 3 across the client."]
    # a commit that names a thing is said in its own words, not given a verb the log never had
    assert mine(found, "exponential backoff") == [
        'I committed "exponential backoff with full jitter".']
    assert mine(found, "drift alarm") == ['I committed "dashboard: per-feature drift alarm".']


def test_a_log_stamped_with_date_and_clock_time_reads_entry_by_entry() -> None:
    found = facts("5/20 21:40 - paged: search API error rate 12% and climbing\n"
                  "5/20 21:55 - rolled back. error rate under 1% by 22:01\n"
                  "5/20 22:20 - ranking on-call (Ines) called back, confirmed the bad entry\n")
    texts = [s.text for s in found.sentences]
    assert not any(t.startswith(("5/20", "20 21")) for t in texts)
    assert mine(found, "rolled back")
    # Ines's call is hers, not what the writer's roll-back found
    assert not mine(found, "called back")
    assert holding(found, "called back").text.startswith("Ranking on-call (Ines)")


def test_a_look_into_something_said_as_a_label_is_the_writer_s_step() -> None:
    found = facts("10/9 - profiled: ~70% of latency is feature lookups\n"
                  "10/13 - I batched the lookups into one multi-get\n")
    assert mine(found, "~70% of latency") == ["I profiled: ~70% of latency is feature lookups."]


def test_a_step_with_its_finding_after_an_arrow_says_what_it_showed() -> None:
    found = facts("- I pulled 90 days of PagerDuty data (prob should've done this yrs ago) "
                  "-> ~65% of pages were auto-resolved\n- I deleted 31 alerts myself\n")
    pulled = holding(found, "PagerDuty data")
    assert "data (prob should've done this yrs ago): ~65% of pages" in pulled.text
    # its regret in brackets does not make the step a lesson
    assert pulled.section != "reflection"


def test_a_group_that_acted_stays_the_subject_of_the_fragment_after_it() -> None:
    found = facts("the DS team retrained without the leaky feature. shipped in May.\n\n"
                  "- At 5% we caught a rounding bug in JPY. Fixed same day.\n")
    assert not mine(found, "shipped in May") and not mine(found, "Fixed same day")


def test_someone_else_s_deed_is_never_joined_to_the_writer_s_step() -> None:
    found = facts("- wrote the migration guide + did a 20-min demo at eng all-hands\n"
                  "team: Amir's team migrated the payments services; platform SREs added the "
                  "schema check to CI.\n\n"
                  "- turned on dependency caching; cold installs were taking ~4 min\n"
                  "Kasia from the platform team set up autoscaling for the runners.\n")
    assert not mine(found, "added the schema check")
    assert not mine(found, "set up autoscaling")
    caching = mine(found, "dependency caching")
    assert caching and not any("Kasia" in t for t in caching)
    assert holding(found, "set up autoscaling").text.startswith("Kasia from the platform team")


def test_the_deed_of_others_in_brackets_after_the_writer_s_step_is_their_own_sentence() -> None:
    assert clauses("also pushed for comp time after night pages (mgr + HR approved it, I just "
                   "made the case w/ the data)")[:3] == [
        "also pushed for comp time after night pages.",
        "Mgr + HR approved it", "I just made the case w/ the data."]
    found = facts("- shadow mode: compare responses for 2 weeks (I built the comparison job; "
                  "found 0.4% mismatch and fixed the mapping)\n"
                  "- the rule was written into the standard (I drafted it, the privacy office "
                  "owns it)\n")
    assert mine(found, "comparison job") == ["I built the comparison job."]
    assert mine(found, "0.4% mismatch")
    # where someone else's clause is inside the aside, it stays where it was said
    assert not mine(found, "privacy office owns it")


def test_notes_on_the_notes_are_left_out() -> None:
    found = facts("- shipped the fix\n"
                  "edit: forgot - finance later told us the bug would have been ~$12K.\n"
                  "ps forgot to mention: I also wrote the runbook\n\n"
                  "for the interview:\n"
                  "- say \"27 attempts\" early, it lands\n"
                  "- mention I didn't trust the \"Monday load\" explanation\n"
                  "- lesson: retries need a budget shared across layers\n")
    texts = [s.text for s in found.sentences]
    assert not any("forgot" in t for t in texts)
    assert not mine(found, "finance later told us")
    assert mine(found, "wrote the runbook") == ["I also wrote the runbook."]
    assert not any("27 attempts" in t or "Monday load" in t for t in texts)
    assert holding(found, "budget shared across layers").section == "reflection"


def test_a_time_span_over_a_list_names_it_and_a_step_is_no_team() -> None:
    found = facts("- I fixed the cache\n\nafter ~2 months:\n- pages 45/wk -> 12/wk\n\n"
                  "Went team by team (11 teams owned a copy) and negotiated timelines.\n")
    texts = [s.text for s in found.sentences]
    assert not any(t.startswith("After ~2 months") for t in texts)
    assert holding(found, "45/wk").section == "result"
    assert mine(found, "team by team") == ["I went team by team and negotiated timelines."]


def test_the_situation_names_the_person_its_first_sentence_is_about() -> None:
    found = facts("## Bakgrund\nAmir joined our team straight out of university, on the "
                  "service I own.\nHis early PRs were huge and sat in review for days.\n\n"
                  "## Min uppgift\nOur manager, Karin, asked me to be his onboarding buddy.\n\n"
                  "## Vad jag gjorde\n- paired with him twice a week\n")
    budgets = {"situation": 80.0, "task": 80.0, "action": 80.0, "result": 80.0,
               "reflection": 80.0}
    chosen = choose(found, budgets)
    situation = [s.text for s in chosen["situation"]]
    assert any("His early PRs" in t for t in situation)
    assert situation[0].startswith("Amir joined")


THREAD_OF_MAILS = """From: Rahul Menon
Subject: RE: New search ranking - full rollout Thursday?

Sofia, I'm not comfortable going to full rollout Thursday. Mobile web is -3.4%.
Rahul

From: Sofia Lindqvist
Subject: RE: RE: New search ranking

Rahul, I looked at your notebook. Agree mobile web is worse, but the launch date isn't moving.
Compromise: ship to desktop and apps Thursday.

From: Rahul Menon
Subject: RE: RE: RE: New search ranking

Works for me. I'll own the mobile fix and have it behind the flag by Wednesday.

My notes after: the fix brought mobile web to +0.8%.
"""


def test_in_a_thread_of_mails_the_writer_is_the_first_sender_and_the_others_speak_for_themselves(
) -> None:
    found = facts(THREAD_OF_MAILS)
    # Sofia looked at the notebook, not the writer
    assert not mine(found, "looked at your notebook")
    assert holding(found, "looked at your notebook").text.startswith(
        'Sofia Lindqvist said: "I looked at your notebook.')
    assert "Compromise: ship to desktop" in holding(found, "looked at your notebook").text
    # the writer's own mails are theirs, without the name they open on, and so are their notes
    assert holding(found, "not comfortable").text.startswith("I'm not comfortable")
    assert holding(found, "own the mobile fix").text.startswith("I'll own the mobile fix")
    assert holding(found, "+0.8%").text == "The fix brought mobile web to +0.8%."


TIMELINE = """| date | what happened | who |
|---|---|---|
| Oct 2 | risk team shares offline results, proposes full switch | risk team |
| Oct 9 | re-ran the eval split by time instead of random | me |
| Oct 16 | asked for a 2-week shadow run instead of a switch | me |
| Oct 17-31 | shadow run; p99 38ms vs 160ms | infra team, me |
| Dec 15 | new GBM with embedding features live | Sana |
"""


def test_a_timeline_with_a_who_column_says_each_event_as_its_doers() -> None:
    found = facts(TIMELINE)
    texts = [s.text for s in found.sentences]
    # no column names stuck to the cells, no date left in the sentence
    assert not any("what happened" in t.lower() or ", who " in t for t in texts)
    assert mine(found, "re-ran the eval") == ["I re-ran the eval split by time instead of random."]
    assert mine(found, "asked for a 2-week shadow run")
    assert holding(found, "offline results").text.startswith("Risk team shares")
    assert holding(found, "embedding features live").text.startswith("Sana: ")
    # a shared row keeps who shared it, and no row is what an earlier row's step found
    shared = holding(found, "38ms vs 160ms")
    assert "(infra team, me)" in shared.text and "shadow run instead" not in shared.text


def test_the_writer_correcting_their_own_we_is_told_as_they_corrected_it() -> None:
    found = facts("We looked at it, well I looked at the access logs and the team looked at "
                  "the Redis design.\nWe, or honestly I, also killed the idea of caching the "
                  "search page.\n")
    assert mine(found, "access logs") == ["I looked at the access logs."]
    assert not mine(found, "Redis design")
    assert mine(found, "killed the idea") == ["I also killed the idea of caching the search page."]


def test_a_name_that_opens_a_line_is_never_read_as_a_verb() -> None:
    found = facts("## What I did\n- Kenji on the platform team reviewed the Terraform and rolled "
                  "it out to the shared account\n- wrote the lifecycle rules\n")
    assert holding(found, "reviewed the Terraform").text.startswith("Kenji on the platform team")
    assert not any("kenjied" in s.text.lower() for s in found.sentences)


def test_an_item_tagged_as_the_writer_s_in_brackets_is_their_part() -> None:
    found = facts("## Action items\n- (me) runbook for the kill switch, linked from the alarm\n"
                  "- (me) wrote the backoff change\n- Marco: dashboard panel for failure rate\n"
                  "- [me] still think it was right\n")
    assert mine(found, "runbook for the kill switch") == [
        "I did this part: runbook for the kill switch, linked from the alarm."]
    assert mine(found, "backoff change") == ["I wrote the backoff change."]
    assert not mine(found, "dashboard panel")
    assert not any("did this part: still" in s.text for s in found.sentences)


def test_how_the_team_s_things_stood_among_the_steps_reaches_the_situation() -> None:
    found = facts("- I asked my lead if I could take it\n- Root cause: we were decoding the "
                  "full-size image on the main thread, OOM on 2GB phones\n- I switched to "
                  "downsampled loading and moved the decode off the main thread\n")
    budgets = {"situation": 80.0, "task": 80.0, "action": 80.0, "result": 80.0,
               "reflection": 80.0}
    chosen = choose(found, budgets)
    assert any("full-size image" in s.text for s in chosen["situation"])
    assert not any("full-size image" in s.text for s in chosen["action"])


def test_the_writer_s_part_named_as_things_is_said_as_their_part() -> None:
    found = facts("Rafael led that squad.\nMy part: the design, the propagation spec, and going "
                  "team by team to the owners.\n")
    part = holding(found, "propagation spec")
    assert part.text == ("My part was the design, the propagation spec, and going team by team "
                         "to the owners.")
    assert part.person == "I" and part.section == "action"


def test_feedback_quoted_under_the_line_that_says_whose_it_is_is_theirs() -> None:
    found = facts("Feedback from my EM, copied from the review tool:\n"
                  "> You disagreed with the director's plan, and you did it in the right forum.\n"
                  "> That's the behaviour I want from seniors.\n\n"
                  "What I did:\n- pulled last quarter's support tickets and tagged them myself\n")
    said = holding(found, "disagreed with the director")
    assert said.text.startswith('My EM said: "You disagreed with the director')
    assert "behaviour I want from seniors" in said.text  # the quote, joined, as theirs
    assert said.section == "result"
    assert not any("review tool" in s.text for s in found.sentences)
