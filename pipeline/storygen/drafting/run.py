"""``storygen draft``: notes in, stories out, one result per notes file.

``draft_paths(options)`` drafts every notes file (offline, or with a model when one is set),
writes each story safely, and returns the results; the CLI only prints them.
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from storygen import DISTRIBUTION
from storygen.checks.settings import DEFAULT_EXCLUDE, Settings
from storygen.checks.validate import check_data
from storygen.core.errors import ExitStatus, InputError, StorygenError, UsageError
from storygen.core.findings import Finding, Severity, fails
from storygen.core.fsutil import real_path
from storygen.core.secrets import redact
from storygen.drafting.compose.offline import draft_offline
from storygen.drafting.extract.facts import Facts, extract_facts, slug_for, stem_of
from storygen.drafting.gaps import append_answers, ask, gap_questions
from storygen.drafting.llm.drafter import draft_with_model
from storygen.drafting.llm.guard import GUARD_CODE
from storygen.drafting.llm.options import ModelDraft, ModelOptions
from storygen.drafting.output import (
    OverwriteError,
    default_out_dir,
    shown,
    story_path,
    with_provenance,
    write_story,
)
from storygen.drafting.redraft import plan_redraft
from storygen.drafting.truth import keep_truth
from storygen.story.notes import MAX_NOTES_BYTES, Notes, read_notes

NOTES_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(slots=True)
class DraftOptions:
    """What ``storygen draft`` was asked to do."""

    paths: list[Path]
    out_dir: Path | None = None
    force: bool = False
    jobs: int = 1
    max_bytes: int = MAX_NOTES_BYTES
    model: ModelOptions | None = None
    settings: Settings | None = None
    fail_on: Severity = Severity.ERROR


@dataclass(slots=True)
class DraftResult:
    """What happened to one notes file."""

    notes: str
    story: str = ""
    status: str = "error"  # written, unchanged, refused, error
    principle: str = ""
    drafter: str = "offline"
    findings: list[Finding] = field(default_factory=list)
    gaps: list[Any] = field(default_factory=list)
    messages: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    error: str = ""
    exit_status: int = ExitStatus.OK
    model_report: dict[str, Any] | None = None
    budget_stopped: bool = False
    notes_findings: list[Finding] | None = None
    """The offline draft's findings when a model drafted: what the gap questions come from."""
    removed: list[str] = field(default_factory=list)
    """Pointers of the fields the truth invariant changed (drafting/truth.py)."""

    def as_dict(self) -> dict[str, Any]:
        out = {"notes": self.notes, "story": self.story, "status": self.status,
               "principle": self.principle, "drafter": self.drafter,
               "exit_status": int(self.exit_status),
               "findings": [f.as_dict() for f in self.findings],
               "gap_questions": [g.as_dict() for g in self.gaps], "messages": self.messages,
               "kept": self.kept, "conflicts": self.conflicts, "removed": self.removed}
        if self.error:
            out["error"] = self.error
        if self.model_report is not None:
            out["model"] = self.model_report
        return out


def excluded(path: Path, folder: Path, exclude: Sequence[str]) -> bool:
    """Whether a file found in ``folder`` matches an ``exclude`` glob (by name, or by its path
    under the folder, e.g. ``drafts/*``); matching is case-sensitive."""
    relative = path.relative_to(folder).as_posix()
    return any(fnmatchcase(path.name, glob) or fnmatchcase(relative, glob) for glob in exclude)


def find_notes_files(paths: list[Path], *,
                     exclude: Sequence[str] = DEFAULT_EXCLUDE) -> list[Path]:
    """Named files as given (always drafted); directories expanded to their notes files
    (sorted), leaving out hidden files and those matching ``exclude`` (config ``exclude``)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.rglob("*")
                                if p.is_file() and p.suffix.lower() in NOTES_SUFFIXES
                                and not p.name.startswith(".")
                                and not excluded(p, path, exclude)))
        else:
            found.append(path)
    if not found:
        raise InputError("no notes files found (looked for *.md, *.markdown, *.txt)",
                         path=", ".join(str(p) for p in paths))
    return found


def _messages(notes: Notes, facts: Facts) -> list[str]:
    out = list(facts.warnings)
    we = facts.we_sentences
    if we:
        numbers = sorted({s.line for s in we})
        lines = ", ".join(map(str, numbers))
        plural = "s say" if len(we) != 1 else " says"
        out.append(f'{len(we)} sentence{plural} "we" (line{"s" if len(numbers) != 1 else ""} '
                   f'{lines}): say what you did yourself; "we" is kept as context, never '
                   "used as your action")
    out.extend(f"left out {item.where}: it reads as an instruction, not a note"
               for item in facts.dropped)
    return out


def _model_draft(notes: Notes, facts: Facts, data: dict[str, Any], options: DraftOptions,
                 ) -> ModelDraft:
    assert options.model is not None
    if importlib.util.find_spec("langchain") is None:
        raise UsageError(f"--model {options.model}: drafting with a model needs LangChain, which "
                         f"this installation lacks: pip install '{DISTRIBUTION}[llm]' (or "
                         "[openai], [anthropic], [ollama]); or drop --model to draft offline")
    return draft_with_model(notes, facts, data, replace(options.model, settings=options.settings))


def _usage_line(drafted: ModelDraft) -> str:
    """ "6 model calls; fake:model 1,200 tokens in, 800 out" """
    usage = drafted.usage
    parts = [f"{name} {u.get('input_tokens', 0):,} tokens in, {u.get('output_tokens', 0):,} out"
             for name, u in sorted(usage.items())]
    calls = drafted.calls
    return f"{calls} model call{'s' if calls != 1 else ''}" + (f"; {'; '.join(parts)}"
                                                               if parts else "")


def _drafted_story(path: Path, notes: Notes, facts: Facts, options: DraftOptions,
                   result: DraftResult, out: Path | None = None) -> dict[str, Any]:
    """The story for one notes file, with its provenance block (offline, or with the model)."""
    data = draft_offline(notes, facts, settings=options.settings)
    offline = data
    extra: dict[str, Any] = {}
    guarded: list[Finding] = []
    if options.model is not None:
        drafted = _model_draft(notes, facts, data, options)
        data, result.drafter = drafted.data, drafted.drafter
        guarded = [f for f in drafted.findings if f.code == GUARD_CODE]
        result.notes_findings = check_data(offline, notes_text=notes.text,
                                           settings=options.settings)
        extra = {"prompts_sha256": drafted.prompts_sha256,
                 "offline_parts": list(drafted.offline_parts)}
        result.messages += [redact(m) for m in drafted.messages] + [_usage_line(drafted)]
        result.budget_stopped = drafted.budget_stopped
        result.model_report = drafted.report()
    data, removals = keep_truth(
        data, offline, lambda story: check_data(story, notes_text=notes.text,
                                                settings=options.settings), guarded)
    result.removed = [removal.pointer for removal in removals]
    result.messages += [removal.message() for removal in removals]
    return with_provenance(data, notes_path=path, notes_sha256=notes.sha256,
                           drafter=result.drafter, story=out, removed=result.removed, **extra)


def _notes_findings(result: DraftResult) -> list[Finding]:
    """The findings gap questions come from: the offline draft's when a model drafted (a
    question asks about the notes, never about what a model wrote), else the story's."""
    return result.notes_findings if result.notes_findings is not None else result.findings


def draft_in_memory(path: Path, options: DraftOptions) -> tuple[dict[str, Any], list[Finding]]:
    """Draft one notes file without writing anything: the story data and its findings.

    The same steps as ``draft_file`` (offline, or with ``options.model``); errors are raised
    as they are (``InputError`` for unreadable notes, ``ProviderError`` for a failing model).
    """
    notes = read_notes(path, max_bytes=options.max_bytes)
    facts = extract_facts(notes)
    story = _drafted_story(path, notes, facts, options, DraftResult(notes=str(path)))
    findings = check_data(story, notes_text=notes.text, settings=options.settings,
                          path=f"{path} (draft)")
    return story, findings


def draft_notes(notes: Notes, options: DraftOptions) -> tuple[DraftResult, dict[str, Any]]:
    """Draft notes already read (from stdin, or for ``--out -``) and write nothing: the result
    (its ``story`` is ``<stdout>``) and the story data."""
    result = DraftResult(notes=notes.path, story="<stdout>", status="printed")
    facts = extract_facts(notes)
    result.principle = facts.principle
    result.messages = _messages(notes, facts)
    story = _drafted_story(Path(notes.path), notes, facts, options, result)
    result.findings = check_data(story, notes_text=notes.text, settings=options.settings,
                                 path=f"{notes.path} (draft)")
    result.gaps = gap_questions(facts, _notes_findings(result))
    result.exit_status = ExitStatus.FINDINGS if fails(result.findings, options.fail_on) \
        or result.removed else ExitStatus.OK
    return result, story


def draft_file(path: Path, options: DraftOptions, *,
               out_paths: dict[Path, str] | None = None) -> DraftResult:
    """Draft one notes file and write its story; every failure becomes the result's error."""
    result = DraftResult(notes=str(path))
    try:
        notes = read_notes(path, max_bytes=options.max_bytes)
        facts = extract_facts(notes)
        result.principle = facts.principle
        result.messages = _messages(notes, facts)
        out = story_path(options.out_dir or default_out_dir(path), facts.slug)
        result.story = shown(out)
        claimed = (out_paths or {}).get(real_path(out))
        if claimed is not None and claimed != str(path):
            raise UsageError(f"{claimed} drafts to the same story {out}: give one of them "
                             "another 'id:' in its front matter", path=path)
        story = _drafted_story(path, notes, facts, options, result, out)
        plan = plan_redraft(out, story, force=options.force)
        result.kept, result.conflicts = plan.kept, plan.conflicts
        if plan.kept:
            result.messages.append(
                f"kept {len(plan.kept)} field{'s' if len(plan.kept) != 1 else ''} edited by "
                f"hand: {', '.join(plan.kept)}")
        result.findings = check_data(plan.data, notes_text=notes.text,
                                     settings=options.settings, path=result.story)
        result.gaps = gap_questions(facts, _notes_findings(result))
        result.status = write_story(out, plan.data, force=True).value
    except OSError as exc:
        result.error = redact(f"{result.story or path}: cannot write the story: "
                              f"{exc.strerror or exc}")
        result.exit_status = ExitStatus.USAGE
        return result
    except StorygenError as exc:
        result.error, result.exit_status = redact(exc.one_line()), exc.exit_status
        result.status = "refused" if isinstance(exc, OverwriteError) else "error"
        return result
    failed = fails(result.findings, options.fail_on) or bool(result.conflicts) \
        or result.budget_stopped or bool(result.removed)
    result.exit_status = ExitStatus.FINDINGS if failed else ExitStatus.OK
    return result


def _claims(files: list[Path], options: DraftOptions) -> dict[Path, str]:
    """Which notes file each output path belongs to (the first one named wins)."""
    claims: dict[Path, str] = {}
    for path in files:
        try:  # the front matter's id names the story, else the file name does
            named = read_notes(path, max_bytes=options.max_bytes).meta.get("id")
        except StorygenError:
            named = None  # draft_file reports the error
        out = story_path(options.out_dir or default_out_dir(path),
                         slug_for(named or stem_of(str(path))))
        claims.setdefault(real_path(out), str(path))
    return claims


def draft_paths(options: DraftOptions, *, files: list[Path] | None = None,
                on_done: Callable[[DraftResult], None] | None = None) -> list[DraftResult]:
    """Draft every notes file under ``options.paths``; results in the order of the files."""
    exclude = options.settings.exclude if options.settings is not None else DEFAULT_EXCLUDE
    files = files if files is not None else find_notes_files(options.paths, exclude=exclude)
    claims = _claims(files, options)
    results = list(_run(files, options, claims, on_done))
    return results


MAX_THREADS = 32
"""Model calls wait on the network, so threads may outnumber CPUs, up to this many."""


def worker_count(jobs: int, files: int, *, threads: bool = False) -> int:
    """Workers for a run: never more than the notes, nor (for processes) the CPUs."""
    limit = MAX_THREADS if threads else (os.cpu_count() or 1)
    return max(1, min(jobs, files, limit))


def die_with_parent(parent: int) -> None:
    """Worker start-up: end with the parent (killed or not), never drafting on as an orphan."""
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        libc.prctl(pr_set_pdeathsig, signal.SIGKILL)
    except (OSError, AttributeError):  # not Linux: fall back to the check below
        pass
    if os.getppid() != parent:  # the parent died before the signal was armed
        os._exit(1)


def _run(files: list[Path], options: DraftOptions, claims: dict[Path, str],
         on_done: Callable[[DraftResult], None] | None) -> Iterator[DraftResult]:
    workers = worker_count(options.jobs, len(files), threads=options.model is not None)
    if workers <= 1:
        for path in files:
            result = draft_file(path, options, out_paths=claims)
            if on_done:
                on_done(result)
            yield result
        return
    from concurrent.futures import Executor, ProcessPoolExecutor, ThreadPoolExecutor

    pool: Executor = ThreadPoolExecutor(workers) if options.model is not None \
        else ProcessPoolExecutor(workers, initializer=die_with_parent, initargs=(os.getpid(),))
    with pool:
        futures = [pool.submit(draft_file, path, options, out_paths=claims) for path in files]
        for future in futures:
            result = future.result()
            if on_done:
                on_done(result)
            yield result


def ask_and_redraft(result: DraftResult, options: DraftOptions,
                    prompt: Callable[[str], str | None]) -> DraftResult | None:
    """Ask the result's gap questions; with any answer, append them to the notes and draft
    again. Returns the new result, or None when nothing was answered."""
    if not result.gaps or result.exit_status >= ExitStatus.USAGE:
        return None
    answers = ask(result.gaps, prompt)
    if not answers:
        return None
    path = Path(result.notes)
    append_answers(path, answers)
    again = draft_file(path, options)
    if not again.error:  # the first draft's merge already recorded these: still name them
        again.kept = list(dict.fromkeys(result.kept + again.kept))
        again.conflicts = list(dict.fromkeys(result.conflicts + again.conflicts))
        if again.conflicts:
            again.exit_status = max(again.exit_status, ExitStatus.FINDINGS)
    again.messages.insert(0, f"added {len(answers)} answer{'s' if len(answers) != 1 else ''} "
                             f"to {path} under '## Answers' and drafted again")
    return again


def overall_status(results: list[DraftResult]) -> int:
    """The worst exit status of the run: provider 3, unreadable or refused 2, findings 1."""
    return max((int(r.exit_status) for r in results), default=0)
