"""The corpus commands: records, export, link, people, import-gold."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.table import Table

from extractor.console import err, reported_errors
from extractor.core.validation import first_problem
from extractor.corpus import export as export_module
from extractor.corpus import linking, page, people
from extractor.corpus.cli import DbOption
from extractor.corpus.records import RecordFilter, find_records, table_row
from extractor.corpus.store import ArticleIn, Store, default_db_path
from extractor.errors import ExtractorError, InputError, UsageError
from extractor.schemas.record import ConferenceRecord

SCHEMA_HELP = """Tables (SQLite; query with sqlite3 or Datasette):
  articles   id, sha256 (unique), source, language, chars, text, added_at
  runs       id, created_at, origin, eval_run, model, endpoint (no credentials), template, template_sha256,
             schema_sha256, pipeline_version, response_format, calls, requests, prompt_tokens,
             completion_tokens, cached_calls, seconds
  records    id, article_id -> articles, run_id -> runs, settings_key, source, origin (extract/batch/eval/gold),
             model, template, pipeline_version, written_at, is_conference, title, summary, source_language,
             event_date (YYYY[-MM[-DD]]), date_year, date_month, date_day, date_part_of_day, date_year_inferred,
             organizer_name, organizer_level, province, locality, format, purpose, period_start, period_end,
             author, source_url, record_json;  unique (article_id, settings_key)
  people     id, record_id -> records, position, role (chair/participant), name, name_key, titles (JSON list)
  documents  id, record_id, position, kind, number, number_key, issuer
  figures    id, record_id, position, value, unit, description
  tasks      id, record_id, position, task
  awards     id, record_id, position, recipient, award, count
  evidence   id, record_id, field (path such as chairs[0].name), start, end, status, score, text
  articles_fts (text, trigram), people_fts (name, name_key): FTS5
  _extractor_migrations  name, applied_at"""

COMMANDS: list[Callable[..., None]] = []


def command(function: Callable[..., None]) -> Callable[..., None]:
    COMMANDS.append(function)
    return function


def _open(db: Path | None) -> Store:
    path = db or default_db_path()
    if not path.exists():
        raise InputError(f"{path}: no records store yet (extract something, or give --db PATH)")
    return Store(path)


@command
def records_command(
    db: DbOption = None,
    province: Annotated[str | None, typer.Option(help="Only this province (diacritics and case ignored).")] = None,
    year: Annotated[int | None, typer.Option(help="Only events of this year.")] = None,
    person: Annotated[str | None, typer.Option(help="Only records naming this person (any script).")] = None,
    language: Annotated[str | None, typer.Option(help="Only articles in this language (ISO 639-1).")] = None,
    search: Annotated[str | None, typer.Option(help="Only articles whose text contains this (full-text).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines: one record with its id and source.")] = False,
    schema: Annotated[bool, typer.Option("--schema", help="Print the store's tables and columns, and exit.")] = False,
) -> None:
    """List the records in the store, filtered.

    \b
    Examples:
      extractor records --province "Nghe An" --year 2025
      extractor records --person "Nguyen Duc Trung" --json
      extractor records --schema
    """
    if schema:
        typer.echo(SCHEMA_HELP)
        return
    with reported_errors(), _open(db) as store:
        found = find_records(store, RecordFilter(province, year, person, language, search))
    if as_json:
        for stored in found:
            sys.stdout.write(json.dumps(stored.as_json(), ensure_ascii=False) + "\n")
        return
    table = Table("id", "date", "province", "organizer", "chairs", "lang", "source")
    for stored in found:
        table.add_row(*table_row(stored))
    Console().print(table)
    err.print(f"{len(found)} record(s)", style="dim")


@command
def export_command(
    db: DbOption = None,
    csv_dir: Annotated[Path | None, typer.Option("--csv", metavar="DIR", help="One CSV per table in DIR.")] = None,
    jsonl: Annotated[Path | None, typer.Option("--jsonl", metavar="FILE", help="One JSON line per record.")] = None,
    bom: Annotated[bool, typer.Option("--bom", help="Start each CSV with a UTF-8 BOM (for Excel).")] = False,
) -> None:
    """Export the store: CSV (UTF-8, header row, RFC 4180 quoting) and/or JSONL."""
    with reported_errors():
        if not csv_dir and not jsonl:
            raise UsageError("give --csv DIR and/or --jsonl FILE")
        with _open(db) as store:
            if csv_dir:
                paths = export_module.export_csv(store, csv_dir, bom=bom)
                err.print(f"{len(paths)} CSV file(s) -> {csv_dir}", style="dim")
            if jsonl:
                count = export_module.export_jsonl(store, jsonl)
                err.print(f"{count} record(s) -> {jsonl}", style="dim")


def _read_groups(path: Path) -> dict[str, list[str]]:
    try:
        groups = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(groups, dict) or not all(isinstance(v, list) for v in groups.values()):
            raise ValueError("expected {event: [source names]}")
        return {str(k): [str(name) for name in v] for k, v in groups.items()}
    except (OSError, ValueError) as error:
        raise InputError(f"{path}: not a groups file ({error})") from None


@command
def link_command(
    db: DbOption = None,
    out: Annotated[
        Path | None, typer.Option("--out", metavar="DIR", help="Write events.json and events.html here.")
    ] = None,
    groups: Annotated[
        Path | None,
        typer.Option(metavar="FILE", help="True groups {event: [source names]}: measure pairwise P/R/F1 (report.md)."),
    ] = None,
) -> None:
    """Group the records that report the same event, across languages and sources.

    Each group becomes one canonical event: every field's value with how many sources support it, the
    conflicts between sources, and all sources kept. Without --out, prints one line per event.
    """
    with reported_errors():
        with _open(db) as store:
            events = linking.link(store)
            texts = _article_texts(store)
        truth = _read_groups(groups) if groups else None
        if out:
            _write_link_outputs(out, events, texts, truth)
    for event in events:
        head = ", ".join(str(v.values[0].value) for v in event.fields if v.name in ("date", "province", "organizer"))
        typer.echo(f"{event.id}\t{len(event.sources)} source(s)\t{head}\t" + " ".join(s.label for s in event.sources))
    if truth is not None:
        scores = linking.pairwise_scores([[s.label for s in e.sources] for e in events], truth.values())
        typer.echo("pairwise precision {precision:.3f} recall {recall:.3f} F1 {f1:.3f} "
                   "(tp {tp}, fp {fp}, fn {fn})".format(**scores))  # fmt: skip


def _article_texts(store: Store) -> dict[int, str]:
    query = "SELECT records.id, articles.text FROM records JOIN articles ON articles.id = records.article_id"
    return dict(store.conn.execute(query).fetchall())


def _write_link_outputs(
    out: Path, events: list[linking.Event], texts: dict[int, str], truth: dict[str, list[str]] | None
) -> None:
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / "events.json").write_text(
            json.dumps([linking.event_json(e) for e in events], ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (out / "events.html").write_text(page.events_page(events, texts), encoding="utf-8")
        if truth is not None:
            (out / "report.md").write_text(linking_report(events, truth), encoding="utf-8")
    except OSError as error:
        raise ExtractorError(f"{out}: cannot write ({error.strerror or error})") from None


def linking_report(events: list[linking.Event], truth: dict[str, list[str]]) -> str:
    predicted = [[s.label for s in e.sources] for e in events]
    scores = linking.pairwise_scores(predicted, truth.values())
    true_of = {name: event for event, names in truth.items() for name in names}
    lines = [
        "# Linking run", "",
        f"{sum(map(len, predicted))} source records, {len(truth)} true events, {len(events)} predicted events.", "",
        "| pairwise precision | recall | F1 | tp | fp | fn |", "|---|---|---|---|---|---|",
        "| {precision:.3f} | {recall:.3f} | **{f1:.3f}** | {tp} | {fp} | {fn} |".format(**scores), "",
        f"Thresholds (fixed in `extractor/corpus/linking.py`): link at {linking.LINK_THRESHOLD}, names at "
        f"{linking.NAME_MATCH}, weights {linking.WEIGHTS}, dates at most {linking.MAX_DAYS_APART} day apart.", "",
        "## Predicted events", "", "| event | sources | true event(s) | conflicts |", "|---|---|---|---|",
    ]  # fmt: skip
    for event, names in zip(events, predicted, strict=True):
        truths = sorted({true_of.get(name, "?") for name in names})
        mark = "" if len(truths) == 1 and len(truth.get(truths[0], [])) == len(names) else " ⚠"
        lines.append(f"| {event.id}{mark} | {', '.join(names)} | {', '.join(truths)} | {len(event.conflicts)} |")
    wrong = sorted(linking.pairs(predicted) - linking.pairs(truth.values()), key=sorted)
    missed = sorted(linking.pairs(truth.values()) - linking.pairs(predicted), key=sorted)
    lines += ["", "## Errors", "", f"Wrongly joined pairs ({len(wrong)}):", ""]
    lines += [f"- {' + '.join(sorted(pair))}" for pair in wrong] or ["- none"]
    lines += ["", f"Missed pairs ({len(missed)}):", ""]
    lines += [f"- {' + '.join(sorted(pair))}" for pair in missed] or ["- none"]
    return "\n".join(lines + _closest_distractors(events, true_of)) + "\n"


def _closest_distractors(events: list[linking.Event], true_of: dict[str, str], top: int = 8) -> list[str]:
    """The highest-scoring pairs of sources from different true events: how close the linker came to a merge."""
    sources = [source for event in events for source in event.sources]
    scored = [
        (linking.pair_score(a.record, b.record), a.label, b.label)
        for i, a in enumerate(sources) for b in sources[i + 1 :]
        if true_of.get(a.label) != true_of.get(b.label) and linking.is_candidate(a.record, b.record)
    ]  # fmt: skip
    lines = ["", f"## Closest pairs across different true events (pair score; link at {linking.LINK_THRESHOLD} "
             "on the group average)", "", "| score | pair |", "|---|---|"]  # fmt: skip
    lines += [f"| {score:.3f} | {a} + {b} |" for score, a, b in sorted(scored, reverse=True)[:top]]
    return lines


@command
def people_command(
    db: DbOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="JSON lines, one person each.")] = False,
) -> None:
    """The person index: each person once across scripts, with name variants, titles held and when.

    Names are joined when their romanized keys are equal, or when the linker aligned them in one event.
    """
    with reported_errors(), _open(db) as store:
        aliases = [p.variants for event in linking.link(store) for p in event.people]
        index = people.person_index(store, aliases)
    if as_json:
        for entry in index:
            sys.stdout.write(json.dumps(people.person_json(entry), ensure_ascii=False) + "\n")
        return
    table = Table("person", "variants", "titles (first - last seen)", "first seen", "last seen", "records")
    for entry in index:
        titles = "\n".join(f"{t.title} ({t.first_seen} - {t.last_seen})" for t in entry.titles)
        table.add_row(entry.name, ", ".join(entry.variants), titles, entry.first_seen or "", entry.last_seen or "",
                      str(len(entry.records)))  # fmt: skip
    Console().print(table)


@command
def import_gold_command(
    docs: Annotated[Path, typer.Argument(help="Articles NAME.txt.")],
    gold: Annotated[Path, typer.Argument(help="Their records NAME.json (contract shape).")],
    db: DbOption = None,
) -> None:
    """Load hand-written records into the store (origin 'gold'): to measure `link` apart from extraction."""
    with reported_errors():
        names = sorted(path.stem for path in docs.glob("*.txt"))
        if not names:
            raise InputError(f"{docs}: no *.txt articles")
        with Store(db or default_db_path()) as store:
            for name in names:
                store.save(ArticleIn((docs / f"{name}.txt").read_text("utf-8"), str(docs / f"{name}.txt")),
                           _gold(gold / f"{name}.json"), None, origin="gold")  # fmt: skip
    err.print(f"{len(names)} gold record(s) -> {db or default_db_path()}", style="dim")


def _gold(path: Path) -> ConferenceRecord:
    try:
        return ConferenceRecord.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise InputError(f"{path}: cannot read ({error.strerror or error})") from None
    except ValidationError as error:
        raise InputError(f"{path}: not a valid record ({first_problem(error)})") from None


def register(app: typer.Typer) -> None:
    """Add the corpus commands (records, export, link, people) to the main app."""
    for command in COMMANDS:
        app.command(command.__name__.removesuffix("_command").replace("_", "-"))(command)
