"""Whose words and deeds a line tells: a speaker's "I" in a pasted thread, a helper named with
their role or in brackets, a team that "had wanted" something; notes dated line by line, notes
whose only stop is a spaced hyphen; steps told in the passive after "so"; the call the writer
made and the part they held; and how the principle reads a note with headings."""

from __future__ import annotations

from storygen.drafting.extract.facts import extract_facts
from storygen.story.judge import guess_level, guess_principle
from storygen.story.notes import parse_notes

from .facts_helpers import facts, holding
from .facts_helpers import said_as_mine as mine


def test_a_speakers_i_in_a_pasted_thread_is_not_the_writers() -> None:
    found = facts(
        "I raised it in the launch review. Pasted from the thread after:\n\n"
        "> Lena: I hear you but we can't slip.\n"
        "> me: I disagree, we'd be sending invoices that don't match the app.\n")
    assert holding(found, "I hear you").person != "I"
    assert holding(found, "I disagree").person == "I"
    # where the paste came from is not a step of the writer's
    assert not any("pasted" in s.text.lower() for s in found.sentences)


def test_someone_named_with_their_role_or_an_accent_keeps_their_own_step() -> None:
    found = facts(
        "# What I did\n"
        "- I put up a PR: idempotency key on the trade commit\n"
        "- their on-call Yuki reviewed it early morning her time, they deployed Friday morning\n"
        "- kept a shared list of blockers with QA. Tomás's team ran the regression pass\n"
        "- pitched the platform at the forum; 4 other institutions signed an MOU to co-fund it\n"
        "- pushed for paid comp time after a night page (HR + VP approved)\n")
    for words in ("they deployed", "ran the regression pass", "signed an MOU", "HR + VP"):
        assert mine(found, words) == [], words
    assert holding(found, "I pushed for paid comp time").person == "I"


def test_people_who_had_wanted_something_are_not_a_finding_of_the_writers() -> None:
    found = facts(
        "# What I did\n"
        "- pushed for paid comp time after a night page. managers had wanted it for years but "
        "nobody had made the case with data\n")
    assert mine(found, "managers had wanted") == []


def test_a_lowercase_helper_from_another_team_is_not_folded_into_the_writers_step() -> None:
    found = facts(
        "what i did\n"
        "- killed 2 old runner pools nobody used - had to chase 4 teams to confirm\n"
        "- sam from finops helped me set up a cost dashboard per team\n")
    assert mine(found, "sam from finops") == []


def test_a_list_named_mid_paragraph_keeps_its_name() -> None:
    found = facts(
        "Following week\n"
        "- wrote the postmortem. Action items: pre-commit secret hook on all repos (I wrote it), "
        "sync job defaults to private.\n")
    told = holding(found, "I wrote the postmortem").text
    # the items sit in a sentence of their own, under the list's name
    assert told.split(". ", 1)[1].startswith("Action items: pre-commit")
    assert "sync job defaults to private" in told.split(". ", 1)[1]


def test_a_step_label_that_names_a_document_is_the_writers_step() -> None:
    found = facts(
        "# Approach\n"
        "- I argued we shrink the card data environment to one tiny service. Wrote a 6-page doc "
        "(\"Payments without PANs\"): hosted card fields are the only things that see a card.\n"
        "- Wrote a 6-page doc: hosted card fields in an iframe are the only things that see a "
        "raw card.\n")
    assert holding(found, "Payments without PANs").text.startswith("I wrote a 6-page doc")
    # the description after the colon keeps its own subject: no "I hosted card fields"
    assert not any(s.text.startswith("I hosted") for s in found.sentences)


def test_dates_that_open_line_after_line_are_a_log_not_figures() -> None:
    found = facts(
        "3/5 asked my lead to let me own the investigation\n"
        "3/6 pulled raw match logs for one evening, ~40k rows\n"
        "3/8 wrote up findings, proposed salting the partition key\n"
        "3/13 east zone match rate back to 93%\n")
    assert holding(found, "pulled raw match logs").text.startswith("I pulled")
    assert holding(found, "wrote up findings").section == "action"
    # one line that opens on a fraction is still a figure
    single = facts("2/3 failed on the first run, so I reran them with logging on.\n")
    assert holding(single, "failed").text.startswith("2/3")


def test_notes_whose_only_stop_is_a_spaced_hyphen_are_read_a_thought_at_a_time() -> None:
    found = facts(
        "context - our dev platform runs ci for about 300 engineers - runners were sized for "
        "monday peak - bill was around 42k dollars a month - my manager asked me to own "
        "getting it down\n\n"
        "what i did\n"
        "- set up a shared layer cache instead of buying the vendor product they quoted us\n")
    assert holding(found, "bill was around").section == "situation"
    assert holding(found, "my manager asked me").section == "task"
    assert "they quoted us" in holding(found, "shared layer cache").text
    # a range keeps its hyphen
    ranged = facts("it took 3 - 4 weeks - then we shipped - nobody complained\n")
    assert any("3 - 4 weeks" in s.text for s in ranged.sentences)


def test_a_step_told_in_the_passive_after_so_is_said_with_i() -> None:
    found = facts(
        "# What I did\n"
        "- Unit tests alone weren't enough for me to sign off, so the new parser was run by me "
        "against ~300 real datalogs from the archive.\n"
        "- the load test was run by me and Carla\n")
    assert "so I ran the new parser against ~300 real datalogs" in \
        holding(found, "new parser").text
    assert mine(found, "load test") == []


def test_a_participle_opening_is_not_a_step() -> None:
    found = facts(
        "We kept raw GPS traces forever. Combined with our yield maps, anyone with that data "
        "could estimate a farm's harvest.\n\n"
        "- paired with Sam on the parser for a week, let him drive\n")
    assert not any(s.text.startswith("I combined") for s in found.sentences)
    assert holding(found, "paired with Sam").text.startswith("I paired")


def test_pushed_to_with_a_verb_gets_no_object() -> None:
    found = facts("# What I did\n- pushed to send corrected reports to all families\n"
                  "- traced to timeouts in the pool\n")
    assert holding(found, "corrected reports").text.startswith("I pushed to send")
    assert holding(found, "timeouts").text.startswith("I traced it to")


def test_a_clause_cut_at_and_does_not_leave_the_and_behind() -> None:
    found = facts(
        "# What I did\n"
        "- I wrote a little script to line them up by device and it turned out the same frame "
        "was arriving twice\n")
    assert not any(" and:" in s.text or " and;" in s.text for s in found.sentences)


def test_the_call_the_writer_made_and_the_part_they_held_are_the_task() -> None:
    found = facts(
        "- notice a spike of fake listings while on call sat night\n"
        "- check the trust dashboard, the fraud model isn't flagging them\n"
        "- ping the trust team lead, no answer\n"
        "- decide not to wait till Monday: ~200 more listings every hour\n"
        "- write a temporary rule in the rules service\n\n"
        "# What I did\n"
        "- Owned the backend integration with the provider.\n"
        "- wrote the retry wrapper.\n"
        "- So I took incident lead.\n"
        "- I asked my manager (Carla) if I could spend my 20% time on it.\n")
    assert holding(found, "not to wait till Monday").section == "task"
    # "Owned the backend integration" under "What I did" is read as one of the steps listed
    # there: the gold of tests/eval puts such lines in the Action more often than in the Task
    assert holding(found, "backend integration").section in ("task", "action")
    assert holding(found, "backend integration").person == "I"
    assert holding(found, "incident lead").section == "task"
    assert holding(found, "20% time").section == "task"
    assert holding(found, "retry wrapper").section == "action"


def test_a_role_said_before_what_the_writer_owned_is_the_task() -> None:
    found = facts(
        "context\n"
        "I was an SDE2, owned the mobile swap flow, not the roster engine.\n"
        "I'm one of 4 maintainers of corp-http, the client lib ~200 services depend on.\n"
        "I was the most senior IC on the team (6 people).\n"
        "I was not security but I'm oncall for SSO tooling.\n")
    for words in ("mobile swap flow", "4 maintainers", "senior IC", "oncall for SSO"):
        assert holding(found, words).section == "task", words


def test_me_label_keeps_the_writers_own_sentence_and_a_line_about_someone_else() -> None:
    found = facts(
        "- me: lead was literally on a plane lol\n"
        "- Me: I wrote in the incident channel what I wanted to do and how to roll back.\n")
    assert not any(s.text.startswith("I was lead was") for s in found.sentences)
    assert holding(found, "incident channel").text.startswith("I wrote in the incident channel")


def test_a_what_i_proposed_heading_opens_the_writers_steps() -> None:
    found = facts(
        "- before\n"
        "  - 17 hand-tuned bitrate ladders, one per device combo\n"
        "- what I proposed\n"
        "  - one generic ladder generator instead of hand-tuned ladders\n"
        "  - wrote the 4-page doc, got encoding to review it\n")
    assert holding(found, "hand-tuned bitrate ladders").section == "situation"
    assert holding(found, "4-page doc").section == "action"


def test_outcome_headings_weigh_less_for_the_principle_than_the_writers_steps() -> None:
    note = ("# Situation\n"
            "Supplier API spend was ~$3.1M/yr across three stacks.\n\n"
            "# What I owned\n"
            "I pushed to reframe it: I wrote the 6-pager for a shared trip platform that every "
            "vertical would sit on, with a three-year arc.\n\n"
            "# Result\n"
            "Supplier API spend down ~$1.2M/yr, $400K a year saved.\n")
    found = extract_facts(parse_notes(note))
    # the same words with no headings: the money is read at full weight, the steps no more
    plain = "\n".join(line for line in note.splitlines() if not line.startswith("#"))
    _, scores = guess_principle(plain)
    read = found.principle_scores
    assert scores["Frugality"] - read["Frugality"] > 2 * (scores["Think Big"] - read["Think Big"])


def test_one_year_in_and_one_of_two_principals_are_the_writers_level() -> None:
    assert guess_level("saturday, I'm oncall for internal tools. ~1 yr in.") == "SDE1"
    assert guess_level("ML platform org, ~35 engineers. I'm one of two principals.") \
        == "Principal SDE"


def test_an_aside_or_a_present_tense_reply_of_someone_else_stays_theirs() -> None:
    found = facts(
        "- checked the runbook. there was one, half out of date, but the renewed cert was "
        "already in secrets manager (someone renewed it, nobody deployed it)\n"
        "- I write a one-pager arguing to slip to January. Lena disagrees: marketing already "
        "printed in-store signage\n"
        "- I shadowed her first on-call shifts. When she caught a reference-build mismatch "
        "that would have mis-annotated samples.\n")
    for words in ("someone renewed it", "printed in-store signage", "she caught"):
        assert mine(found, words) == [], words


def test_a_measure_the_writer_cut_is_the_outcome_and_a_setting_they_cut_is_a_step() -> None:
    found = facts(
        "I cut median STAT result turnaround from 47 min to 22 min across all six hospitals.\n\n"
        "I cut the batch size from 500 to 100 and the p99 dropped.\n")
    assert holding(found, "turnaround").section == "result"
    assert holding(found, "batch size").section == "action"


def test_finishing_ahead_of_the_deadline_and_being_accountable_for_the_plan() -> None:
    found = facts(
        "# context\nI was the principal engineer accountable for the technical plan across "
        "the lab systems.\n\n# what i did\n- wrote the plan\n"
        "- I ended with all six sites cut over, 2 weeks before the deadline.\n")
    assert holding(found, "accountable").section == "task"
    assert holding(found, "six sites cut over").section == "result"


def test_going_to_see_the_work_reads_as_customer_obsession() -> None:
    _, scores = guess_principle(
        "I asked if I could spend a couple of early shifts with the phlebotomy team on the "
        "medical ward. What I took from it: the ticket described a symptom in our words, not "
        "theirs. Now I go and see the work before I decide what the problem is.")
    assert max(scores, key=lambda name: scores[name]) == "Customer Obsession"


def test_a_heading_with_an_aside_is_still_a_heading_and_a_team_name_is_not_a_step() -> None:
    found = facts(
        "**What I did** (wrote none of the code, on purpose):\n"
        "- got three teams to sign up: Build Infra (remote execution + hermetic builds), "
        "Release Eng (retire the train). Each already had a roadmap\n\n"
        "Situation (writing it last bc I keep forgetting to explain it)\n"
        "The release lead (Tomas) was on a flight.\n")
    assert mine(found, "Infra") == [] and mine(found, "remote execution") == []
    assert holding(found, "on a flight").section == "situation"
    assert not any("writing it last" in s.text for s in found.sentences)


def test_how_long_it_took_and_a_step_after_a_comma_are_read_as_written() -> None:
    found = facts(
        "what i did\n"
        "- deleted or downgraded to ticket anything non-actionable\n"
        "- proposed, and got our manager to approve, a comp half-day after any night\n\n"
        "after: i personally took the follow-up — added expiry alerts for every cert and "
        "automated the deploy on renewal. took ~2 days.\n")
    assert holding(found, "comp half-day").text.startswith("I proposed, and got our manager")
    assert holding(found, "expiry alerts").text.startswith("I added expiry alerts")
    assert holding(found, "expiry alerts").section == "action"
    assert holding(found, "~2 days").text == "It took ~2 days."


def test_the_writers_role_in_a_headings_aside_is_kept() -> None:
    found = facts(
        "what I did (I was the senior eng on my team, not the manager)\n"
        "- got on their bridge myself and did the rollback while they watched\n"
        "- Day 12 - launched, no incidents\n")
    assert holding(found, "senior eng on my team").section == "task"
    assert guess_level("what I did (I was the senior eng on my team, not the manager)") \
        == "Senior SDE"
    # "launched, no incidents" is how it went, not a step told with "I"
    assert not any(s.text.startswith("I launched, no incidents") for s in found.sentences)


def test_a_long_aside_after_a_heading_is_said_whole_as_the_writers_part() -> None:
    found = facts(
        "Two people left the team over on-call.\n\n"
        "what i did (as the senior on the team — I didn't have authority over the rotation, "
        "but I took it on)\n"
        "- went through 3 months of pages with a spreadsheet\n")
    part = holding(found, "authority over the rotation")
    assert part.text == ("As the senior on the team, I didn't have authority over the rotation, "
                         "but I took it on.")
    assert part.section == "task"
    assert not any(s.text.endswith(")") or s.text.startswith("What I did (")
                   for s in found.sentences)


def test_a_thread_pasted_under_its_intro_is_read_as_chat_with_its_speakers() -> None:
    found = facts(
        "I'm the principal eng for dispatch.\n\n"
        "pasted from the launch review thread:\n"
        "> me: I'd rather ship after peak with a density gate.\n"
        "> Marta: hear you. peak is when batching pays for itself most though. decision made.\n"
        "> me: ok. committing. I'll own the rollback plan.\n")
    theirs = holding(found, "batching pays for itself")
    assert theirs.person != "I" and theirs.text.startswith("Marta")
    assert mine(found, "batching pays for itself") == []
    # an email pasted the same way is not a chat: its label is not a speaker
    mail = facts("Pasted from the email I sent the directors:\n"
                 "> Recommendation: fix the input pipeline first, 3-4 weeks.\n")
    assert not any(" said:" in s.text for s in mail.sentences)


def test_a_thing_described_with_an_ed_word_is_not_a_step() -> None:
    found = facts("- Corrected file going to Gloria today, fix PR up within the hour.\n"
                  "- fixed tests failing on main\n")
    assert mine(found, "Corrected file") == [] and mine(found, "corrected file") == []
    assert holding(found, "tests failing").text.startswith("I fixed tests failing")
