"""The evaluation harness: run model x template variants over articles with gold records, store, score, report.

A run lives in `evals/runs/<run-id>/`:

    run.json                          what was run: variants (settings fingerprint, template sha256), schema, documents
    predictions/<variant>/<doc>.json  one file per finished document, written atomically as soon as it finishes
    scores.json, report.md, report.html

Rerunning with the same run id skips every document that already has a prediction file, so an
interrupted run resumes where it stopped; answers come from the response cache when the key matches.
`rescore` recomputes scores and reports from the stored predictions without calling any model.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, Field, SerializerFunctionWrapHandler, ValidationError, model_serializer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from extractor.assemble import Assembler, Facts
from extractor.cache import (
    PIPELINE_VERSION,
    CacheEntry,
    ResponseCache,
    extract_cached,
    sha256_text,
)
from extractor.chunking import merge_answers
from extractor.config import REMOTE_DEFAULT_JOBS, Settings
from extractor.core.files import write_atomic, write_json_atomic
from extractor.core.scheduling import run_bounded
from extractor.core.validation import first_problem
from extractor.errors import InputError, UsageError
from extractor.evals.report import DocumentResult, RunResults, VariantResult, html_report, markdown_report, scores_json
from extractor.evals.scoring import score_record
from extractor.grounding import Evidence, ungrounded_in
from extractor.local_models import LOCAL_MODELS
from extractor.pipeline import ExtractFn, schema_sha256
from extractor.prompting import PromptTemplate, load_template
from extractor.questions import Readings
from extractor.schemas.draft import Draft
from extractor.schemas.record import ConferenceRecord
from extractor.textio import read_article
from extractor.usage import UsageCounts

DEFAULT_DOCS_DIR = Path("seeds")
DEFAULT_GOLD_DIR = Path("evals/gold")
DEFAULT_RUNS_DIR = Path("evals/runs")
"""Concurrent documents for an OpenAI-compatible endpoint; the embedded model serves one request at a time."""


# --------------------------------------------------------------------------- dataset


@dataclass(frozen=True)
class Document:
    name: str
    article: str
    gold: ConferenceRecord

    @property
    def article_sha256(self) -> str:
        return sha256_text(self.article)

    @property
    def language(self) -> str:
        return self.gold.source_language


@dataclass(frozen=True)
class Dataset:
    docs_dir: Path
    gold_dir: Path
    documents: tuple[Document, ...]

    def limited(self, limit: int | None) -> Dataset:
        return self if limit is None else replace(self, documents=self.documents[:limit])

    def by_name(self) -> dict[str, Document]:
        return {document.name: document for document in self.documents}


def _unknown_keys(given: object, validated: object, prefix: str = "") -> list[str]:
    """Keys of the gold JSON that the model ignored (ConferenceRecord drops extra keys): usually typos."""
    if isinstance(given, dict) and isinstance(validated, dict):
        unknown = [f"{prefix}{key}" for key in given if key not in validated]
        for key in given:
            if key in validated:
                unknown += _unknown_keys(given[key], validated[key], f"{prefix}{key}.")
        return unknown
    if isinstance(given, list) and isinstance(validated, list):
        pairs = enumerate(zip(given, validated, strict=False))
        return [key for index, (g, v) in pairs for key in _unknown_keys(g, v, f"{prefix}{index}.")]
    return []


def load_gold(path: Path) -> ConferenceRecord:
    """A gold file as a ConferenceRecord; an InputError naming the file and the first problem otherwise."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(f"gold file {path}: cannot read ({error})") from error
    except json.JSONDecodeError as error:
        raise InputError(f"gold file {path}: not JSON ({error.msg} at line {error.lineno})") from error
    try:
        record = ConferenceRecord.model_validate(data)
    except ValidationError as error:
        problem = first_problem(error)
        raise InputError(f"gold file {path}: not a valid ConferenceRecord: {problem}") from error
    unknown = _unknown_keys(data, record.model_dump(mode="json"))
    if unknown:
        raise InputError(f"gold file {path}: unknown field(s) {', '.join(unknown)} (typo?)")
    return record


def _require_dir(path: Path, what: str) -> None:
    if not path.is_dir():
        raise InputError(f"{what} directory {path} does not exist")


def load_documents(docs_dir: Path, gold_dir: Path, names: Sequence[str] | None = None) -> Dataset:
    """Articles `docs_dir/NAME.txt` with gold `gold_dir/NAME.json`: all articles, or only `names`."""
    _require_dir(docs_dir, "articles")
    _require_dir(gold_dir, "gold")
    if names is None:
        names = sorted(path.stem for path in docs_dir.glob("*.txt"))
        if not names:
            raise InputError(f"no articles (*.txt) in {docs_dir}")
    missing_articles = [name for name in names if not (docs_dir / f"{name}.txt").is_file()]
    if missing_articles:
        raise InputError(f"articles not found in {docs_dir}: {', '.join(missing_articles)}")
    without_gold = [name for name in names if not (gold_dir / f"{name}.json").is_file()]
    if without_gold:
        raise InputError(f"articles without a gold file in {gold_dir}: {', '.join(f'{n}.txt' for n in without_gold)}")
    documents = tuple(
        Document(name, read_article(docs_dir / f"{name}.txt"), load_gold(gold_dir / f"{name}.json")) for name in names
    )
    return Dataset(docs_dir, gold_dir, documents)


def load_dataset(docs_dir: Path, gold_dir: Path) -> Dataset:
    """Every `NAME.txt` of docs_dir paired with `NAME.json` of gold_dir, each gold file validated."""
    return load_documents(docs_dir, gold_dir)


# --------------------------------------------------------------------------- variants


@dataclass(frozen=True)
class Variant:
    """One model with one prompt template."""

    label: str
    settings: Settings
    template: PromptTemplate

    @property
    def slug(self) -> str:
        return slugify(self.label)

    @property
    def default_jobs(self) -> int:
        return 1 if self.settings.uses_embedded_model else REMOTE_DEFAULT_JOBS

    def describe(self) -> dict[str, object]:
        """What run.json records about the variant; never the API key."""
        return {
            "label": self.label,
            "slug": self.slug,
            "model": self.settings.model,
            "base_url": None if self.settings.uses_embedded_model else self.settings.base_url,
            "template": self.template.name,
            "template_sha256": self.template.sha256,
            "settings": self.settings.fingerprint(),
        }


def slugify(label: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "-", label.replace("/", "__")).strip("-.") or "variant"


def parse_model_spec(spec: str) -> Settings:
    """`qwen2.5-coder-1.5b` / `gemma3-270m` (embedded), `MODEL@http://host:port/v1` (any OpenAI-compatible
    endpoint), or a bare model id for the endpoint of OPENAI_BASE_URL. The key comes from OPENAI_API_KEY."""
    spec = spec.strip()
    model, at, base_url = spec.rpartition("@")
    if at and model:
        if not re.match(r"https?://\S+$", base_url):
            raise UsageError(f"model spec {spec!r}: after '@' comes the endpoint URL, e.g. http://localhost:8000/v1")
        return Settings.from_env(model=model, base_url=base_url)
    if not spec or at:
        raise UsageError(f"model spec {spec!r}: give a local model name or MODEL@BASE_URL")
    if spec in LOCAL_MODELS:
        return replace(Settings.from_env(model=spec), base_url=None)
    return Settings.from_env(model=spec)


def _model_labels(specs: Sequence[str], settings: Sequence[Settings]) -> list[str]:
    names = [s.model for s in settings]
    return [name if names.count(name) == 1 else spec for name, spec in zip(names, specs, strict=True)]


def build_variants(models: Sequence[str], templates: Sequence[str] = ("default",)) -> list[Variant]:
    """models x templates; labelled `model`, or `model/template` when several templates are compared."""
    if not models:
        raise UsageError("give at least one --model")
    templates = list(templates) or ["default"]
    for given, what in ((models, "model"), (templates, "template")):
        repeated = sorted({item for item in given if list(given).count(item) > 1})
        if repeated:
            raise UsageError(f"{what} given twice: {', '.join(repeated)}")
    settings = [parse_model_spec(spec) for spec in models]
    loaded = [load_template(name) for name in templates]
    labels = _model_labels(models, settings)
    return [
        Variant(
            label if len(loaded) == 1 else f"{label}/{template.name}", replace(base, template=template.name), template
        )
        for label, base in zip(labels, settings, strict=True)
        for template in loaded
    ]


# --------------------------------------------------------------------------- stored predictions


class Prediction(BaseModel):
    """One variant's answer for one document, as stored in predictions/<variant>/<doc>.json."""

    document: str
    variant: str
    status: Literal["ok", "failed"]
    error: str | None = None
    record: dict[str, Any] | None = None
    run: dict[str, Any] | None = None
    """RunInfo of a successful extraction (model, template, response format, tokens, seconds)."""
    evidence: dict[str, Evidence] | None = None
    """Where each grounded value stands in the article (field path -> span); None in files of older runs."""
    ungrounded: list[str] | None = None
    """Values not found in the article ("path: value"); None in files of older runs."""
    readings: dict[str, Any] | None = None
    """The answers to the questions of a template that asks them (see extractor.questions); else None."""
    usage: UsageCounts = Field(default_factory=UsageCounts)
    raw_responses: list[dict[str, Any]] = Field(default_factory=list)
    cached: bool = False
    cache_key: str | None = None

    @model_serializer(mode="wrap")
    def _readings_only_when_asked(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        """Files of templates that ask no questions keep the shape they always had."""
        data = handler(self)
        if data.get("readings") is None:
            data.pop("readings", None)
        return data

    @classmethod
    def from_entry(cls, document: str, variant: str, entry: CacheEntry, cached: bool) -> Prediction:
        result = entry.result
        return cls(
            document=document,
            variant=variant,
            status=entry.status,
            error=entry.error,
            record=result.record.model_dump(mode="json") if result else None,
            run=result.run.model_dump(mode="json") if result else None,
            evidence=result.evidence if result else None,
            ungrounded=list(result.ungrounded) if result else None,
            readings=result.readings if result else None,
            usage=entry.usage,
            raw_responses=entry.raw_responses,
            cached=cached,
            cache_key=entry.key,
        )

    def validated_record(self) -> tuple[ConferenceRecord | None, str | None]:
        """(record, None) for a valid success; (None, why) for a failure or a record that no longer validates."""
        if self.status != "ok" or self.record is None:
            return None, self.error or "no record"
        try:
            return ConferenceRecord.model_validate(self.record), None
        except ValidationError as error:
            return None, f"stored record is not a valid ConferenceRecord: {first_problem(error)}"


class RunStore:
    """The files of one run directory."""

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def run_id(self) -> str:
        return self.root.name

    @property
    def manifest_path(self) -> Path:
        return self.root / "run.json"

    @property
    def scores_path(self) -> Path:
        return self.root / "scores.json"

    @property
    def markdown_path(self) -> Path:
        return self.root / "report.md"

    @property
    def html_path(self) -> Path:
        return self.root / "report.html"

    def prediction_path(self, variant_slug: str, document: str) -> Path:
        return self.root / "predictions" / variant_slug / f"{document}.json"

    def read_manifest(self) -> dict[str, Any] | None:
        try:
            return json.loads(self.manifest_path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError) as error:
            raise InputError(f"{self.manifest_path}: cannot read ({error})") from error

    def write_manifest(self, manifest: dict[str, Any]) -> None:
        write_json_atomic(self.manifest_path, manifest)

    def read_prediction(self, variant_slug: str, document: str) -> Prediction | None:
        """The stored prediction, or None when the document has not finished (or its file is unreadable)."""
        try:
            text = self.prediction_path(variant_slug, document).read_text(encoding="utf-8")
            return Prediction.model_validate_json(text)
        except (OSError, ValidationError, ValueError):
            return None

    def has_prediction(self, variant_slug: str, document: str) -> bool:
        return self.read_prediction(variant_slug, document) is not None

    def write_prediction(self, variant_slug: str, prediction: Prediction) -> None:
        path = self.prediction_path(variant_slug, prediction.document)
        write_json_atomic(path, prediction.model_dump(mode="json"))


# --------------------------------------------------------------------------- run.json


def new_run_id(variants: Sequence[Variant], dataset: Dataset) -> str:
    """A timestamp and a short hash of what is run, e.g. 20250301-142233-3fa9c1."""
    what = json.dumps([[v.describe() for v in variants], [d.article_sha256 for d in dataset.documents]], sort_keys=True)
    digest = hashlib.sha256(f"{what}{time.time_ns()}".encode()).hexdigest()[:6]
    return f"{time.strftime('%Y%m%d-%H%M%S')}-{digest}"


def _relative_to(path: Path, start: Path) -> str:
    return Path(os.path.relpath(path.resolve(), start.resolve())).as_posix()


def build_manifest(store: RunStore, dataset: Dataset, variants: Sequence[Variant]) -> dict[str, Any]:
    return {
        "run_id": store.run_id,
        "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
        "pipeline": PIPELINE_VERSION,
        "schema_sha256": schema_sha256(),
        "docs_dir": dataset.docs_dir.as_posix(),
        "gold_dir": dataset.gold_dir.as_posix(),
        "docs_dir_from_run": _relative_to(dataset.docs_dir, store.root),
        "gold_dir_from_run": _relative_to(dataset.gold_dir, store.root),
        "variants": [variant.describe() for variant in variants],
        "documents": [
            {"name": d.name, "language": d.language, "article_sha256": d.article_sha256} for d in dataset.documents
        ],
    }


def _merged_items(
    old: list[dict[str, Any]], new: list[dict[str, Any]], key: str, must_match: Sequence[str], what: str, run_id: str
) -> list[dict[str, Any]]:
    """Union by `key`, newest entry winning; an entry whose `must_match` fields changed is a conflict."""
    merged = {item[key]: item for item in old}
    for item in new:
        previous = merged.get(item[key])
        if previous is not None and any(previous.get(field) != item.get(field) for field in must_match):
            raise UsageError(
                f"run {run_id} already has {what} {item[key]!r} with other {' or '.join(must_match)}; "
                "start a new --run-id (or --rescore this one)"
            )
        merged[item[key]] = item
    return list(merged.values())


VARIANT_IDENTITY = ("model", "base_url", "template_sha256", "settings")
"""What must not change when a run is resumed: the predictions already stored were made with it."""


def merge_manifest(existing: dict[str, Any], new: dict[str, Any]) -> dict[str, Any]:
    """Resume or extend a run: same schema, pipeline and directories; variants and documents may be added."""
    run_id = new["run_id"]
    for key in ("schema_sha256", "pipeline", "docs_dir_from_run", "gold_dir_from_run"):
        if existing.get(key) != new[key]:
            raise UsageError(
                f"run {run_id} was started with a different {key} ({existing.get(key)} vs {new[key]}); "
                "start a new --run-id (or --rescore this one)"
            )
    old_variants, old_documents = existing.get("variants", []), existing.get("documents", [])
    variants = _merged_items(old_variants, new["variants"], "label", VARIANT_IDENTITY, "variant", run_id)
    documents = _merged_items(old_documents, new["documents"], "name", ("article_sha256",), "document", run_id)
    return {**existing, "variants": variants, "documents": documents}


def prepare_run(store: RunStore, dataset: Dataset, variants: Sequence[Variant]) -> dict[str, Any]:
    manifest = build_manifest(store, dataset, variants)
    existing = store.read_manifest()
    if existing is not None:
        manifest = merge_manifest(existing, manifest)
    store.write_manifest(manifest)
    return manifest


# --------------------------------------------------------------------------- running


@dataclass
class VariantTally:
    """What happened to one variant's documents in this invocation."""

    label: str
    already_done: int = 0
    extracted: int = 0
    from_cache: int = 0
    failed: int = 0
    seconds: float = 0.0

    def line(self) -> str:
        return (
            f"{self.label}: {self.extracted} extracted, {self.from_cache} from cache, {self.failed} failed, "
            f"{self.already_done} already done ({self.seconds:.0f} s)"
        )


@dataclass
class EvalOptions:
    cache: ResponseCache | None = None
    read_cache: bool = True
    jobs: int | None = None
    extract_fn: ExtractFn | None = None
    """None: the real `extractor.pipeline.extract`. Tests pass a stand-in to check the bookkeeping."""
    console: Console | None = None
    on_prediction: Callable[[Document, Prediction], None] | None = None
    """Given each prediction before its file is written (the records store)."""


def predict_document(variant: Variant, document: Document, options: EvalOptions) -> Prediction:
    entry, cached = extract_cached(
        document.article, variant.settings, variant.template, options.cache,
        read_cache=options.read_cache, extract_fn=options.extract_fn,
    )  # fmt: skip
    return Prediction.from_entry(document.name, variant.label, entry, cached)


@contextmanager
def progress_bar(console: Console) -> Iterator[Progress]:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
               TimeRemainingColumn())  # fmt: skip
    with Progress(*columns, console=console, disable=not console.is_terminal) as progress:
        yield progress


def _finish_document(store: RunStore, variant: Variant, document: Document, *, options: EvalOptions) -> Prediction:
    prediction = predict_document(variant, document, options)
    if options.on_prediction is not None:
        options.on_prediction(document, prediction)
    store.write_prediction(variant.slug, prediction)
    return prediction


def _count(tally: VariantTally, prediction: Prediction) -> None:
    if prediction.cached:
        tally.from_cache += 1
    else:
        tally.extracted += 1
    tally.failed += prediction.status == "failed"


def run_variant(
    store: RunStore, variant: Variant, documents: Sequence[Document], options: EvalOptions, progress: Progress
) -> VariantTally:
    """Extract every document of `documents` that has no prediction file yet, `jobs` at a time.

    After the first error nothing new starts; the documents in flight finish (and are stored), then the error
    propagates. Ctrl-C behaves the same."""
    tally = VariantTally(variant.label)
    pending = [d for d in documents if not store.has_prediction(variant.slug, d.name)]
    tally.already_done = len(documents) - len(pending)
    task = progress.add_task(variant.label, total=len(documents), completed=tally.already_done)
    started = time.perf_counter()

    def counted(prediction: Prediction) -> None:
        _count(tally, prediction)
        progress.advance(task)

    work = partial(_finish_document, store, variant, options=options)
    run_bounded(work, pending, max(1, options.jobs or variant.default_jobs), counted, thread_name_prefix="eval")
    tally.seconds = time.perf_counter() - started
    return tally


def run_evaluation(
    store: RunStore, dataset: Dataset, variants: Sequence[Variant], options: EvalOptions | None = None
) -> RunResults:
    """Run every variant over the dataset (skipping finished documents), then score and write the reports."""
    options = options or EvalOptions()
    console = options.console or Console(stderr=True)
    prepare_run(store, dataset, variants)
    with progress_bar(console) as progress:
        for variant in variants:
            tally = run_variant(store, variant, dataset.documents, options, progress)
            progress.console.print(tally.line(), style="dim", highlight=False)
    return rescore(store.root)


# --------------------------------------------------------------------------- scoring stored predictions


def _document_result(store: RunStore, slug: str, document: Document) -> DocumentResult | None:
    prediction = store.read_prediction(slug, document.name)
    if prediction is None:
        return None
    record, problem = prediction.validated_record()
    return DocumentResult(
        document=document.name,
        ok=record is not None,
        score=score_record(document.gold, record),
        usage=prediction.usage,
        cached=prediction.cached,
        error=problem,
        ungrounded=None if prediction.ungrounded is None else len(prediction.ungrounded),
        ungrounded_emitted=(
            len(ungrounded_in(record, prediction.evidence)) if record is not None and prediction.evidence else None
        ),
    )


def _variant_result(store: RunStore, described: dict[str, Any], dataset: Dataset) -> VariantResult:
    results = {
        document.name: result
        for document in dataset.documents
        if (result := _document_result(store, described["slug"], document)) is not None
    }
    details = {key: described.get(key) for key in ("model", "base_url", "template", "template_sha256", "settings")}
    return VariantResult(described["label"], details, results)


def _resolve_dir(store: RunStore, manifest: dict[str, Any], key: str) -> Path:
    from_run = store.root / manifest[f"{key}_from_run"]
    return from_run if from_run.is_dir() else Path(manifest[key])


def articles_dir(store: RunStore, manifest: dict[str, Any]) -> Path:
    """Where the run's articles are: found from the run directory first, as recorded otherwise."""
    return _resolve_dir(store, manifest, "docs_dir")


def collect_results(store: RunStore, manifest: dict[str, Any]) -> RunResults:
    names = [document["name"] for document in manifest["documents"]]
    docs_dir, gold_dir = _resolve_dir(store, manifest, "docs_dir"), _resolve_dir(store, manifest, "gold_dir")
    dataset = load_documents(docs_dir, gold_dir, names)
    return RunResults(
        run_id=manifest["run_id"],
        created=manifest.get("created", ""),
        documents=names,
        languages={d.name: d.language for d in dataset.documents},
        articles={d.name: d.article for d in dataset.documents},
        variants=[_variant_result(store, described, dataset) for described in manifest["variants"]],
        meta={key: manifest.get(key) for key in ("docs_dir", "gold_dir", "schema_sha256", "pipeline")},
        notes=staleness_notes(manifest),
    )


def staleness_notes(manifest: dict[str, Any]) -> list[str]:
    """What changed since the run was made, so that a rescore does not pass for a fresh run."""
    notes = []
    if manifest.get("schema_sha256") != schema_sha256():
        notes.append(
            "the record schema changed since this run: stored records were validated against the current schema "
            "(records that no longer validate count as failed)"
        )
    reassembled_by = manifest.get("reassembled_by")
    if reassembled_by:
        notes.append(
            f"the records were assembled again by {reassembled_by} from the model's answers stored by "
            f"{manifest.get('pipeline')} (no model call: prompts changed since are not reflected)"
        )
    if (reassembled_by or manifest.get("pipeline")) != PIPELINE_VERSION:
        notes.append(f"the run was made by {manifest.get('pipeline')}, this is {PIPELINE_VERSION}")
    return notes


def write_reports(store: RunStore, results: RunResults) -> None:
    write_json_atomic(store.scores_path, scores_json(results))
    write_atomic(store.markdown_path, markdown_report(results))
    write_atomic(store.html_path, html_report(results))


def rescore(run_dir: Path) -> RunResults:
    """Scores and reports again from the stored predictions and the current gold files; no model is called."""
    store = RunStore(run_dir)
    manifest = store.read_manifest()
    if manifest is None:
        raise InputError(f"{run_dir} is not an evaluation run (no run.json)")
    results = collect_results(store, manifest)
    write_reports(store, results)
    return results


def reassemble(run_dir: Path) -> RunResults:
    """Build every stored draft's record again with today's rules, from the model's answers as they were stored
    (the draft, and the answers to the questions); then score and report. No model is called, so a prompt
    changed since the run is not reflected: the manifest says the records were reassembled, and by what."""
    store = RunStore(run_dir)
    manifest = store.read_manifest()
    if manifest is None:
        raise InputError(f"{run_dir} is not an evaluation run (no run.json)")
    docs_dir = _resolve_dir(store, manifest, "docs_dir")
    for described in manifest["variants"]:
        if load_template(described["template"]).output != "draft":
            continue
        keep_ungrounded = bool(described["settings"].get("keep_ungrounded"))
        for document in manifest["documents"]:
            prediction = store.read_prediction(described["slug"], document["name"])
            if prediction is not None and prediction.status == "ok":
                article = read_article(docs_dir / f"{document['name']}.txt")
                store.write_prediction(described["slug"], assembled_again(prediction, article, keep_ungrounded))
    manifest["reassembled_by"] = PIPELINE_VERSION
    store.write_manifest(manifest)
    return rescore(run_dir)


def assembled_again(prediction: Prediction, article: str, keep_ungrounded: bool) -> Prediction:
    """The prediction with its record, evidence and ungrounded values built again from its stored answers."""
    readings = readings_from(prediction.readings)
    # The drafts come first: one per part of a split article (which gets no questions), else one draft and then
    # the answers to the questions. An answer a re-ask replaced does not validate and is passed over.
    drafts = [draft for response in prediction.raw_responses if (draft := _draft_in(response)) is not None]
    drafts = drafts[:1] if readings is not None else drafts
    if not drafts:
        return prediction  # no stored draft to build from (an older file, an answer that no longer parses)
    assembler = Assembler(article, Facts.of(article), keep_ungrounded=keep_ungrounded)
    assembled = assembler.build(merge_answers(drafts), readings)
    return prediction.model_copy(
        update={
            "record": assembled.record.model_dump(mode="json"),
            "evidence": assembled.evidence,
            "ungrounded": list(assembled.ungrounded),
        }
    )


def _draft_in(response: dict[str, Any]) -> Draft | None:
    try:
        return Draft.model_validate(json.loads(response.get("content") or "", strict=False))
    except (ValueError, ValidationError):
        return None


def readings_from(stored: dict[str, Any] | None) -> Readings | None:
    if stored is None:
        return None
    known = {key: value for key, value in stored.items() if key in Readings.__dataclass_fields__}
    if known.get("period") is not None:
        known["period"] = tuple(known["period"])
    return Readings(**known)


def find_run(run_id_or_dir: str, runs_dir: Path = DEFAULT_RUNS_DIR) -> Path:
    """A run directory given as a path, or as a run id under runs_dir."""
    for candidate in (Path(run_id_or_dir), runs_dir / run_id_or_dir):
        if (candidate / "run.json").is_file():
            return candidate
    raise InputError(f"no evaluation run {run_id_or_dir!r} (looked for run.json in it and under {runs_dir})")
