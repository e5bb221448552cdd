"""The reference story is clean; each mutation breaks exactly one rule, found where it is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest

from storygen.checks.rules.registry import RULE_BY_CODE
from storygen.story.canonical import dump

from .rules_support import line_of, reference, run_rules

Data = dict[str, Any]


def test_reference_story_has_no_findings_at_any_severity() -> None:
    findings, notices = run_rules(reference())
    assert findings == []
    assert notices == ()  # its notes were found, so GRD001 ran


def _replace(data: Data, section: str, old: str, new: str) -> None:
    text = data["sections"][section]["strong_example"]
    assert old in text
    data["sections"][section]["strong_example"] = text.replace(old, new)


@dataclass(frozen=True)
class Mutation:
    """An edit that breaks ``code`` at ``pointer``, on the line of the last of ``markers``."""

    id: str
    code: str
    edit: Callable[[Data], None]
    pointer: str
    markers: tuple[str, ...]
    message: str = ""
    also: frozenset[str] = frozenset()


def own001(d: Data) -> None:
    _replace(d, "action", "from the Platform service.", "with our on-call engineer.")


def own001_we(d: Data) -> None:
    _replace(d, "action", "I traced the failure", "We traced the failure")


def own002(d: Data) -> None:
    _replace(d, "action", "until it was deployed.",
             "until it was deployed. The team deployed it the next day.")


def own003(d: Data) -> None:
    task = d["sections"]["task"]
    task["strong_example"] = ("My manager assigned me the webhook drops as a sprint ticket. "
                              "I started on it the same day.")
    task["key_phrases"] = ["My manager assigned me"]


def own004(d: Data) -> None:
    _replace(d, "action", "I invented a dead letter", "I escalated it to their manager. "
                                                      "I invented a dead letter")


def qnt001(d: Data) -> None:
    result = d["sections"]["result"]
    result["strong_example"] = (
        "The webhook drop rate fell to zero. "
        "The fix recovered weekly revenue by preventing delayed payment confirmations. "
        "The Platform team adopted my dead letter queue alert as a standard in their webhook "
        "template, reducing future silent failures.")
    result["key_phrases"] = ["fell to zero", "recovered weekly revenue",
                             "adopted my dead letter queue alert as a standard"]


def qnt002(d: Data) -> None:
    _replace(d, "result", "The webhook drop rate fell from 0.3% to zero.",
             "After the fix, the 0.3% webhook drop rate was gone.")
    d["sections"]["result"]["key_phrases"][0] = "the 0.3% webhook drop rate was gone"


def qnt003(d: Data) -> None:
    _replace(d, "result", "The fix recovered approximately $8,000 in weekly revenue by "
                          "preventing delayed payment confirmations. ", "")
    del d["sections"]["result"]["key_phrases"][1]


def qnt004(d: Data) -> None:
    _replace(d, "result", " The Platform team adopted my dead letter queue alert as a standard "
                          "in their webhook template, reducing future silent failures.", "")
    del d["sections"]["result"]["key_phrases"][2:]


def grd001(d: Data) -> None:
    _replace(d, "result", "$8,000", "$9,000")
    d["sections"]["result"]["key_phrases"][1] = "$9,000 in weekly revenue"


def grd001_phrase(d: Data) -> None:
    d["overview"]["analysis"] += " The fix took 3 days."


def grd004(d: Data) -> None:
    _replace(d, "action", "I reproduced the failure locally", "I reproduced the failure on Kubernetes")


def tim001(d: Data) -> None:
    filler = "I checked the delivery dashboards every morning and compared them with the logs."
    d["sections"]["situation"]["strong_example"] += " " + " ".join([filler] * 12) + " I waited."


def tim002(d: Data) -> None:
    d["sections"]["action"]["target_seconds"] = 120


def ref001(d: Data) -> None:
    d["reflections"]["sde2"] += " I learned a lot from this."


def ref002(d: Data) -> None:
    d["reflections"]["senior"] = ("I learned to write better integration tests. "
                                  "I now reproduce failures locally before I fix them.")


def key001(d: Data) -> None:
    d["sections"]["task"]["key_phrases"].append("no Jira ticket")


def con001(d: Data) -> None:
    d["quizzes"][0]["answer"] = 7


def con002(d: Data) -> None:
    d["quizzes"][0]["options"][3] = "WE figured out the root  cause together."


def con003(d: Data) -> None:
    d["principle_variants"][1]["principle"] = "Customer Obsession"


def con004(d: Data) -> None:
    d["weak_answer"]["text"] = "I fixed the webhook drops, and the drop rate fell from 0.3% to zero."


def sty001(d: Data) -> None:
    _replace(d, "action", "locally to confirm", "locally to basically confirm")


def gap001(d: Data) -> None:
    d["reflections"]["sde2"] = "[To fill in from your notes: what you learned.]"


def lnt001(d: Data) -> None:
    d["lint"] = {"ignore": [{"rule": "STY001", "path": "/sections/task/strong_example",
                             "reason": "the task quotes the manager"}]}


MUTATIONS = [
    Mutation("OWN001-our", "OWN001", own001, "/sections/action/strong_example",
             ("  action:", "with our on-call engineer"), "sentence 1 says 'our'"),
    Mutation("OWN001-we", "OWN001", own001_we, "/sections/action/strong_example",
             ("  action:", "We traced the failure"), "sentence 2 says 'we'",
             also=frozenset({"OWN002", "KEY001"})),
    Mutation("OWN002", "OWN002", own002, "/sections/action/strong_example",
             ("  action:", "The team deployed it"),
             "Action sentence 7 has subject 'the team', not 'I': 'The team deployed it the next "
             "day.'"),
    Mutation("OWN003", "OWN003", own003, "/sections/task/strong_example",
             ("  task:", "strong_example:"), "says the work was assigned ('My manager assigned"),
    Mutation("OWN004", "OWN004", own004, "/sections/action/strong_example",
             ("  action:", "I escalated it to their manager."), "'escalated it'"),
    Mutation("QNT001", "QNT001", qnt001, "/sections/result/strong_example",
             ("  result:", "strong_example:"), "Result has no number",
             also=frozenset({"QNT002"})),
    Mutation("QNT002", "QNT002", qnt002, "/sections/result/strong_example",
             ("  result:", "strong_example:"), "no before-and-after delta"),
    Mutation("QNT003", "QNT003", qnt003, "/sections/result/strong_example",
             ("  result:", "strong_example:"), "no business impact"),
    Mutation("QNT004", "QNT004", qnt004, "/sections/result/strong_example",
             ("  result:", "strong_example:"), "no second-order effect"),
    Mutation("GRD001", "GRD001", grd001, "/sections/result/strong_example",
             ("  result:", "The fix recovered approximately $9,000"),
             "figure '$9,000' in Result sentence 2 is not in the notes (raw_notes/webhook-dlq.md)"),
    Mutation("GRD001-key-phrase", "GRD001", grd001, "/sections/result/key_phrases/1",
             ("  result:", "- $9,000 in weekly revenue"), "Result key phrase 2"),
    Mutation("GRD004", "GRD004", grd004, "/sections/action/strong_example",
             ("  action:", "Kubernetes"), "name 'Kubernetes' in Action sentence"),
    Mutation("GRD001-analysis", "GRD001", grd001_phrase, "/overview/analysis",
             ("  analysis:", "The fix took 3 days."),
             "figure '3 days' in Overview analysis sentence 5 is not in the notes"),
    Mutation("TIM001", "TIM001", tim001, "/sections/situation/strong_example",
             ("  situation:", "strong_example:"),
             "Situation is 200 words; at 150 words a minute its 30 s budget allows 75 (90 with "
             "the 20% tolerance): cut 110 words"),
    Mutation("TIM002", "TIM002", tim002, "/sections", ("sections:",),
             "add up to 205 s, over the 180 s limit for SDE2 (120-180 s): cut 25 s"),
    Mutation("REF001", "REF001", ref001, "/reflections/sde2",
             ("reflections:", "I learned a lot from this."), "'I learned a lot'"),
    Mutation("REF002", "REF002", ref002, "/reflections/senior",
             ("reflections:", "  senior:"), "Senior reflection names no systemic"),
    Mutation("KEY001", "KEY001", key001, "/sections/task/key_phrases/3",
             ("  task:", "- no Jira ticket"),
             "key phrase 'no Jira ticket' does not appear in the Task strong example",
             also=frozenset({"GRD004"})),
    Mutation("CON001", "CON001", con001, "/quizzes/0/answer", ("quizzes:", "answer: 7"),
             "quiz 1 answer is 7, but it has 4 options (0-3)"),
    Mutation("CON002", "CON002", con002, "/quizzes/0/options/3",
             ("quizzes:", "- WE figured out"), "quiz 1 options 1 and 4 are the same"),
    Mutation("CON003", "CON003", con003, "/principle_variants/1/principle",
             ("principle_variants:", "emphasize:", "principle: Customer Obsession"),
             "principle variant 2 repeats variant 1 ('Customer Obsession')"),
    Mutation("CON004", "CON004", con004, "/weak_answer/text", ("weak_answer:", "  text:"),
             "none of the weaknesses"),
    Mutation("STY001", "STY001", sty001, "/sections/action/strong_example",
             ("  action:", "to basically confirm"), "sentence 3 hedges with 'basically'"),
    Mutation("GAP001", "GAP001", gap001, "/reflections/sde2", ("reflections:", "sde2:"),
             "SDE2 reflection is still a placeholder"),
    Mutation("LNT001", "LNT001", lnt001, "/lint/ignore/0", ("lint:", "- rule: STY001"),
             "lint.ignore entry 1 (STY001 at /sections/task/strong_example) matches no finding"),
]


def test_every_rule_has_a_mutation() -> None:
    assert set(RULE_BY_CODE) | {"LNT001"} == {m.code for m in MUTATIONS}


@pytest.mark.parametrize("mutation", MUTATIONS, ids=lambda m: m.id)
def test_mutation_fires_its_rule_on_the_right_pointer_and_line(mutation: Mutation) -> None:
    data = reference()
    mutation.edit(data)
    findings, _ = run_rules(data)
    text = dump(data)
    expected_line = line_of(text, *mutation.markers)
    hits = [f for f in findings if f.code == mutation.code and f.pointer == mutation.pointer]
    assert hits, [(f.code, f.pointer, f.message) for f in findings]
    assert hits[0].line == expected_line, (hits[0], text.split("\n")[expected_line - 1])
    assert mutation.message in hits[0].message
    unrelated = {f.code for f in findings} - {mutation.code} - mutation.also
    assert not unrelated, [(f.code, f.message) for f in findings if f.code in unrelated]


def test_sentence_findings_point_at_the_sentence_column_in_a_block() -> None:
    data = reference()
    own002(data)
    findings, _ = run_rules(data)
    (finding,) = findings
    line = dump(data).split("\n")[finding.line - 1]
    assert line[finding.column - 1:].startswith("The team deployed it")
