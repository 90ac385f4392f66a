"""The corpus on the command line: --db/--no-db for extract and eval, and the records, export, link and people
commands, registered onto the main app by `register(app)`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import typer

from extractor.corpus.store import DB_ENV, ArticleIn, Store, default_db_path
from extractor.pipeline import ExtractionResult, RunInfo
from extractor.schemas.record import ConferenceRecord

DbOption = Annotated[
    Path | None,
    typer.Option(
        "--db", envvar=DB_ENV, show_envvar=True, metavar="PATH",
        help="Records store (SQLite). Default: records.db in the user data directory.",
    ),
]  # fmt: skip
NoDbOption = Annotated[bool, typer.Option("--no-db", help="Do not write the records store.")]


def open_for_writing(db: Path | None, no_db: bool) -> Store | None:
    """The store `extract` and `eval` write to, opened (and migrated) before any model call; None with --no-db."""
    return None if no_db else Store(db or default_db_path())


def save_result(store: Store | None, source: str, article: str, result: ExtractionResult, origin: str) -> None:
    if store is not None:
        store.save(ArticleIn(article, source), result.record, result.run, result.evidence, origin=origin)


def batch_sink(store: Store | None) -> Callable[[Any, ExtractionResult], None] | None:
    """For run_batch(on_result=...): each finished article goes to the store before its JSONL line is written."""
    if store is None:
        return None

    def sink(item: Any, result: ExtractionResult) -> None:
        save_result(store, item.id, item.text, result, "batch")

    return sink


def eval_sink(store: Store | None, run_id: str, docs_dir: Path) -> Callable[[Any, Any], None] | None:
    """For EvalOptions(on_prediction=...): each successful prediction of an eval run goes to the store."""
    if store is None:
        return None

    def sink(document: Any, prediction: Any) -> None:
        record, _ = prediction.validated_record()
        if record is None or prediction.run is None:
            return
        run = RunInfo.model_validate(prediction.run)
        article = ArticleIn(document.article, str(docs_dir / f"{document.name}.txt"))
        store.save(article, record, run, prediction.evidence or {}, origin="eval", eval_run=run_id)

    return sink


def save_gold(store: Store, article: str, source: str, record: ConferenceRecord) -> None:
    store.save(ArticleIn(article, source), record, None, origin="gold")
