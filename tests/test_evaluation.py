"""The evaluation harness's bookkeeping: dataset, response cache, run files, resume, rescore, CLI. No model needed.

Where a run needs answers, `StandInExtract` below takes the place of `extractor.pipeline.extract`.
It is a TEST DOUBLE OF THE EXTRACT FUNCTION ONLY (no HTTP, no fake server): it hands back the gold
record (or a damaged copy) so that the harness's counting, caching, resuming and scoring can be checked.
"""

from __future__ import annotations

import json
import os
import shutil
from dataclasses import replace
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor.cache import (
    CacheEntry,
    ResponseCache,
    cache_key,
    extract_cached,
)
from extractor.cli import app
from extractor.client import Usage
from extractor.config import Settings
from extractor.core.files import write_atomic
from extractor.errors import EndpointError, ExtractionFailed, InputError, UsageError
from extractor.evals.evaluation import (
    EvalOptions,
    RunStore,
    build_variants,
    load_dataset,
    load_gold,
    parse_model_spec,
    rescore,
    run_evaluation,
)
from extractor.grounding import Evidence
from extractor.pipeline import ExtractionResult, RunInfo, schema_sha256
from extractor.prompting import load_template
from extractor.schemas.record import ConferenceRecord

ROOT = Path(__file__).resolve().parent.parent
SEEDS, GOLD = ROOT / "seeds", ROOT / "evals" / "gold"
GEMMA = Settings(model="gemma3-270m")
STEMS = ("002_9e90e167a72bcd0b", "003_a8ab37e39b0f0da1", "004_a7db35e02588c290")


# --------------------------------------------------------------------------- helpers


class StandInExtract:
    """TEST DOUBLE of `extract` (not of any HTTP backend): answers each article with its gold record.

    `damage` maps article names to "fail" (raises ExtractionFailed), "endpoint" (raises EndpointError)
    or "wrong" (the gold record with a wrong year and no people). `calls` lists the articles it was asked about.
    """

    def __init__(self, docs: Path, gold: Path, damage: dict[str, str] | None = None) -> None:
        self.by_text = {
            (docs / f"{path.stem}.txt").read_text(encoding="utf-8"): (path.stem, load_gold(path))
            for path in gold.glob("*.json")
            if (docs / f"{path.stem}.txt").is_file()
        }
        self.damage = damage or {}
        self.calls: list[str] = []

    def __call__(self, article: str, settings: Settings, *, usage: Usage) -> ExtractionResult:
        name, gold = self.by_text[article]
        self.calls.append(name)
        usage.calls += 1
        usage.requests += 1
        usage.prompt_tokens += 1000
        usage.completion_tokens += 200
        usage.seconds += 1.5
        usage.raw_responses.append({"content": "{}", "finish_reason": "stop", "usage": None})
        kind = self.damage.get(name)
        if kind == "fail":
            raise ExtractionFailed("no valid record after 2 attempts: stand-in failure")
        if kind == "endpoint":
            raise EndpointError("cannot reach http://127.0.0.1:9/v1: stand-in outage")
        if kind == "wrong":  # the wrong province is also one the grounding step could not find
            record = gold.model_copy(update={"date": None, "chairs": [], "participants": [], "province": "Hanoi"})
            evidence = {"province": Evidence(status="not_found")}
            return ExtractionResult(
                record=record, run=_run_info(settings, usage), evidence=evidence, ungrounded=["province: Hanoi"]
            )
        return ExtractionResult(record=gold, run=_run_info(settings, usage))


def _run_info(settings: Settings, usage: Usage) -> RunInfo:
    template = load_template(settings.template)
    return RunInfo(
        model=settings.model, base_url=settings.base_url, template=template.name, template_sha256=template.sha256,
        schema_sha256=schema_sha256(), response_format="json_object_schema", calls=usage.calls,
        requests=usage.requests, prompt_tokens=usage.prompt_tokens, completion_tokens=usage.completion_tokens,
        seconds=usage.seconds,
    )  # fmt: skip


@pytest.fixture
def corpus(tmp_path: Path) -> tuple[Path, Path]:
    """Three seed articles with their gold files, copied to a temporary directory."""
    docs, gold = tmp_path / "docs", tmp_path / "gold"
    docs.mkdir()
    gold.mkdir()
    for stem in STEMS:
        shutil.copy(SEEDS / f"{stem}.txt", docs)
        shutil.copy(GOLD / f"{stem}.json", gold)
    return docs, gold


def _options(tmp_path: Path, stand_in: StandInExtract, **overrides: object) -> EvalOptions:
    return replace(EvalOptions(cache=ResponseCache(tmp_path / "cache"), extract_fn=stand_in), **overrides)


def _run(tmp_path: Path, corpus: tuple[Path, Path], stand_in: StandInExtract, run_id: str = "r1", **options: object):
    dataset = load_dataset(*corpus)
    variants = build_variants(["gemma3-270m"])
    store = RunStore(tmp_path / "runs" / run_id)
    return store, run_evaluation(store, dataset, variants, _options(tmp_path, stand_in, **options))


# --------------------------------------------------------------------------- dataset


def test_load_dataset_pairs_articles_with_their_gold(corpus: tuple[Path, Path]) -> None:
    dataset = load_dataset(*corpus)
    assert [d.name for d in dataset.documents] == list(STEMS)
    assert [d.language for d in dataset.documents] == ["pl", "pl", "ru"]
    assert dataset.limited(2).documents == dataset.documents[:2]


def test_the_committed_gold_files_all_validate() -> None:
    assert len(load_dataset(SEEDS, GOLD).documents) == 5
    assert len(load_dataset(ROOT / "evals/extra/docs", ROOT / "evals/extra/gold").documents) == 3


def test_articles_without_gold_are_an_error_listing_them(corpus: tuple[Path, Path]) -> None:
    docs, gold = corpus
    (docs / "zz_new.txt").write_text("Ein Artikel ohne Goldstandard.", encoding="utf-8")
    (docs / "aa_new.txt").write_text("Article sans référence.", encoding="utf-8")
    with pytest.raises(InputError, match=r"without a gold file .*: aa_new\.txt, zz_new\.txt"):
        load_dataset(docs, gold)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda data: "{not json", "not JSON"),
        (lambda data: {**data, "date": {**data["date"], "month": 13}}, r"date\.month: .*less than or equal to 12"),
        (lambda data: {k: v for k, v in data.items() if k != "is_conference"}, "is_conference: Field required"),
        (lambda data: {**data, "particpants": []}, r"unknown field\(s\) particpants"),
        (lambda data: {**data, "chairs": [{"name": "Le Anh Xuan", "title": []}]}, r"field\(s\) chairs\.0\.title"),
    ],
    ids=["not-json", "bad-month", "missing-field", "typo-top-level", "typo-nested"],
)
def test_an_invalid_gold_file_is_a_one_line_error_naming_it(corpus: tuple[Path, Path], change, message: str) -> None:
    docs, gold = corpus
    path = gold / f"{STEMS[1]}.json"
    changed = change(json.loads(path.read_text(encoding="utf-8")))
    path.write_text(changed if isinstance(changed, str) else json.dumps(changed), encoding="utf-8")
    with pytest.raises(InputError, match=message) as caught:
        load_dataset(docs, gold)
    assert str(path) in str(caught.value)
    assert "\n" not in str(caught.value)


# --------------------------------------------------------------------------- cache


def test_cache_key_is_stable_and_ignores_the_api_key() -> None:
    template = load_template("default")
    settings = Settings(model="gemma3-270m")
    key = cache_key("Artikel", settings, template)
    assert key == cache_key("Artikel", Settings(model="gemma3-270m"), load_template("default"))
    assert key == cache_key("Artikel", replace(settings, api_key="sk-secret-123456789"), template)
    assert len(key) == 64


@pytest.mark.parametrize(
    "change",
    [
        lambda article, settings, template: (article, settings, load_template("naive")),
        lambda article, settings, template: (article, replace(settings, model="qwen2.5-coder-1.5b"), template),
        lambda article, settings, template: (
            article,
            replace(settings, model="m", base_url="http://localhost:8000/v1"),
            template,
        ),
        lambda article, settings, template: (article, replace(settings, temperature=0.7), template),
        lambda article, settings, template: (article + " ", settings, template),
    ],
    ids=["template", "model", "endpoint", "temperature", "article"],
)
def test_cache_key_changes_with_what_changes_the_output(change) -> None:
    original = ("Artikel", Settings(model="gemma3-270m"), load_template("default"))
    assert cache_key(*change(*original)) != cache_key(*original)


def test_write_atomic_replaces_the_whole_file_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "file.json"
    write_atomic(path, "old")
    write_atomic(path, "new")
    assert path.read_text() == "new"
    assert sorted(p.name for p in path.parent.iterdir()) == ["file.json"]


def test_a_failed_atomic_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "file.json"
    write_atomic(path, "old")

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(path, "new")
    assert path.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.json"]


def test_response_cache_round_trip_and_damaged_entries_are_misses(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    key = "ab" + "0" * 62
    assert cache.get(key) is None
    cache.put(key, CacheEntry(key=key, status="failed", error="cut off at max_tokens"))
    assert cache.path(key) == tmp_path / "ab" / f"{key}.json"
    assert cache.get(key) == CacheEntry(key=key, status="failed", error="cut off at max_tokens")
    cache.path(key).write_text("{broken", encoding="utf-8")
    assert cache.get(key) is None


def test_extract_cached_calls_the_model_once_and_caches_deterministic_failures(
    tmp_path: Path, corpus: tuple[Path, Path]
) -> None:
    docs, gold = corpus
    stand_in = StandInExtract(docs, gold, damage={STEMS[1]: "fail"})
    cache, settings, template = ResponseCache(tmp_path / "cache"), GEMMA, load_template("default")
    for stem in STEMS[:2]:
        article = (docs / f"{stem}.txt").read_text(encoding="utf-8")
        first, first_cached = extract_cached(article, settings, template, cache, extract_fn=stand_in)
        second, second_cached = extract_cached(article, settings, template, cache, extract_fn=stand_in)
        assert (first_cached, second_cached) == (False, True)
        assert first == second
    assert stand_in.calls == list(STEMS[:2])
    assert second.status == "failed" and "stand-in failure" in (second.error or "")
    assert second.usage.requests == 1


def test_endpoint_errors_propagate_and_are_not_cached(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    docs, gold = corpus
    stand_in = StandInExtract(docs, gold, damage={STEMS[0]: "endpoint"})
    cache, settings, template = ResponseCache(tmp_path / "cache"), GEMMA, load_template("default")
    article = (docs / f"{STEMS[0]}.txt").read_text(encoding="utf-8")
    for _ in range(2):
        with pytest.raises(EndpointError):
            extract_cached(article, settings, template, cache, extract_fn=stand_in)
    assert len(stand_in.calls) == 2
    assert not (tmp_path / "cache").exists()


def test_read_cache_false_calls_again_and_refreshes(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    docs, gold = corpus
    stand_in = StandInExtract(docs, gold)
    cache, settings, template = ResponseCache(tmp_path / "cache"), GEMMA, load_template("default")
    article = (docs / f"{STEMS[0]}.txt").read_text(encoding="utf-8")
    extract_cached(article, settings, template, cache, extract_fn=stand_in)
    _, cached = extract_cached(article, settings, template, cache, read_cache=False, extract_fn=stand_in)
    assert not cached and len(stand_in.calls) == 2


# --------------------------------------------------------------------------- variants


def test_model_specs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_BASE_URL", "http://elsewhere:1/v1")
    assert parse_model_spec("gemma3-270m").uses_embedded_model
    remote = parse_model_spec("Qwen/Qwen2.5-7B-Instruct@http://localhost:8000/v1")
    assert (remote.model, remote.base_url) == ("Qwen/Qwen2.5-7B-Instruct", "http://localhost:8000/v1")
    assert parse_model_spec("llama3").base_url == "http://elsewhere:1/v1"
    with pytest.raises(UsageError, match="endpoint URL"):
        parse_model_spec("model@localhost:8000")


def test_variant_labels_name_the_template_only_when_several_are_compared() -> None:
    assert [v.label for v in build_variants(["gemma3-270m", "qwen2.5-coder-1.5b"])] == [
        "gemma3-270m", "qwen2.5-coder-1.5b"
    ]  # fmt: skip
    variants = build_variants(["gemma3-270m"], ["default", "naive"])
    assert [v.label for v in variants] == ["gemma3-270m/default", "gemma3-270m/naive"]
    assert [v.slug for v in variants] == ["gemma3-270m__default", "gemma3-270m__naive"]
    assert [v.settings.template for v in variants] == ["default", "naive"]
    same_model = build_variants(["m@http://a:1/v1", "m@http://b:2/v1"])
    assert [v.label for v in same_model] == ["m@http://a:1/v1", "m@http://b:2/v1"]
    with pytest.raises(UsageError, match="given twice"):
        build_variants(["gemma3-270m", "gemma3-270m"])


# --------------------------------------------------------------------------- runs


def test_a_run_writes_its_files_and_predictions(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    stand_in = StandInExtract(*corpus, damage={STEMS[2]: "wrong"})
    store, results = _run(tmp_path, corpus, stand_in)
    for path in (store.manifest_path, store.scores_path, store.markdown_path, store.html_path):
        assert path.is_file()
    manifest = json.loads(store.manifest_path.read_text())
    assert manifest["run_id"] == "r1" and manifest["schema_sha256"] == schema_sha256()
    assert [d["name"] for d in manifest["documents"]] == list(STEMS)
    assert manifest["variants"][0]["template_sha256"] == load_template("default").sha256
    assert "api_key" not in json.dumps(manifest)
    prediction = json.loads(store.prediction_path("gemma3-270m", STEMS[0]).read_text())
    assert prediction["status"] == "ok" and prediction["cached"] is False
    assert prediction["usage"] == {"calls": 1, "requests": 1, "prompt_tokens": 1000, "completion_tokens": 200,
                                   "seconds": 1.5}  # fmt: skip
    assert prediction["raw_responses"] and prediction["run"]["model"] == "gemma3-270m"
    assert ConferenceRecord.model_validate(prediction["record"]) == load_gold(corpus[1] / f"{STEMS[0]}.json")
    assert prediction["evidence"] == {} and prediction["ungrounded"] == []
    wrong = json.loads(store.prediction_path("gemma3-270m", STEMS[2]).read_text())
    assert wrong["ungrounded"] == ["province: Hanoi"] and wrong["evidence"]["province"]["status"] == "not_found"
    variant = results.variants[0]
    assert variant.results[STEMS[0]].score.core.f1 == 1.0
    assert variant.results[STEMS[2]].score.core.f1 < 1.0
    assert (
        variant.ungrounded == 1
        and "| model values dropped (not in the article) | 1 |" in store.markdown_path.read_text()
    )
    assert json.loads(store.scores_path.read_text())["variants"]["gemma3-270m"]["ungrounded"] == 1


def test_prediction_files_without_evidence_still_score(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    store, _ = _run(tmp_path, corpus, StandInExtract(*corpus, damage={STEMS[2]: "wrong"}))
    for stem in STEMS:  # as written before evidence and ungrounded values were stored
        path = store.prediction_path("gemma3-270m", stem)
        old = {k: v for k, v in json.loads(path.read_text()).items() if k not in ("evidence", "ungrounded")}
        path.write_text(json.dumps(old))
    results = rescore(store.root)
    assert len(results.variants[0].results) == 3 and results.variants[0].ungrounded is None
    assert "| model values dropped (not in the article) | n/a |" in store.markdown_path.read_text()
    scores = json.loads(store.scores_path.read_text())["variants"]["gemma3-270m"]
    assert scores["ungrounded"] is None and scores["per_document"][STEMS[0]]["ungrounded"] is None


def test_rerunning_a_run_id_skips_finished_documents(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    stand_in = StandInExtract(*corpus)
    store, _ = _run(tmp_path, corpus, stand_in)
    assert len(stand_in.calls) == 3
    _run(tmp_path, corpus, stand_in, cache=None)
    assert len(stand_in.calls) == 3, "finished documents must not be extracted again"
    store.prediction_path("gemma3-270m", STEMS[1]).unlink()
    _run(tmp_path, corpus, stand_in, cache=None)
    assert stand_in.calls[3:] == [STEMS[1]]


def test_a_new_run_takes_its_answers_from_the_response_cache(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    stand_in = StandInExtract(*corpus)
    _run(tmp_path, corpus, stand_in, run_id="first")
    store, results = _run(tmp_path, corpus, stand_in, run_id="second")
    assert len(stand_in.calls) == 3
    assert all(result.cached for result in results.variants[0].results.values())
    assert json.loads(store.prediction_path("gemma3-270m", STEMS[0]).read_text())["cached"] is True
    _run(tmp_path, corpus, stand_in, run_id="third", read_cache=False)
    assert len(stand_in.calls) == 6


def test_an_interrupted_run_keeps_finished_documents_and_resumes(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    outage = StandInExtract(*corpus, damage={STEMS[1]: "endpoint"})
    with pytest.raises(EndpointError):
        _run(tmp_path, corpus, outage)
    store = RunStore(tmp_path / "runs" / "r1")
    assert store.has_prediction("gemma3-270m", STEMS[0])
    assert not store.has_prediction("gemma3-270m", STEMS[1])
    assert not store.has_prediction("gemma3-270m", STEMS[2]), "documents after the outage are not started"
    recovered = StandInExtract(*corpus)
    _, results = _run(tmp_path, corpus, recovered)
    assert recovered.calls == list(STEMS[1:])
    assert len(results.variants[0].results) == 3


def test_failed_outputs_are_stored_and_scored_as_all_missing(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    stand_in = StandInExtract(*corpus, damage={STEMS[0]: "fail"})
    store, results = _run(tmp_path, corpus, stand_in)
    prediction = json.loads(store.prediction_path("gemma3-270m", STEMS[0]).read_text())
    assert prediction["status"] == "failed" and prediction["record"] is None
    assert "stand-in failure" in prediction["error"]
    failed = results.variants[0].results[STEMS[0]]
    assert not failed.ok and failed.score.core.tp == 0 and failed.score.core.fp == 0
    assert failed.score.core.missing == failed.score.core.fn > 0
    scores = json.loads(store.scores_path.read_text())["variants"]["gemma3-270m"]
    assert scores["schema_valid"] == {"valid": 2, "total": 3, "rate": pytest.approx(2 / 3, abs=1e-6)}
    assert scores["per_document"][STEMS[0]]["status"] == "failed"
    assert "schema-valid | 2/3 (67%)" in store.markdown_path.read_text()


def test_a_stored_record_that_no_longer_validates_counts_as_failed(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    store, _ = _run(tmp_path, corpus, StandInExtract(*corpus))
    path = store.prediction_path("gemma3-270m", STEMS[0])
    prediction = json.loads(path.read_text())
    prediction["record"]["source_language"] = "polish"
    path.write_text(json.dumps(prediction))
    result = rescore(store.root).variants[0].results[STEMS[0]]
    assert not result.ok and "source_language" in (result.error or "")


def test_rescore_reproduces_the_scores_without_any_model(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    stand_in = StandInExtract(*corpus, damage={STEMS[0]: "fail", STEMS[2]: "wrong"})
    store, _ = _run(tmp_path, corpus, stand_in)
    scores, report = store.scores_path.read_text(), store.markdown_path.read_text()
    store.scores_path.unlink()
    rescore(store.root)
    assert store.scores_path.read_text() == scores
    assert store.markdown_path.read_text() == report
    assert len(stand_in.calls) == 3


def test_rescoring_after_a_schema_change_says_so(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    store, results = _run(tmp_path, corpus, StandInExtract(*corpus))
    assert results.notes == []
    manifest = json.loads(store.manifest_path.read_text())
    store.write_manifest({**manifest, "schema_sha256": "0" * 64})
    assert any("schema changed" in note for note in rescore(store.root).notes)
    assert "**Note:** the record schema changed" in store.markdown_path.read_text()


def test_a_run_id_cannot_be_resumed_with_another_template(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    _run(tmp_path, corpus, StandInExtract(*corpus))
    store = RunStore(tmp_path / "runs" / "r1")
    variant = build_variants(["gemma3-270m"])[0]
    changed = replace(variant, template=load_template("naive"))
    with pytest.raises(UsageError, match=r"already has variant 'gemma3-270m' with other model or .*template_sha256"):
        run_evaluation(store, load_dataset(*corpus), [changed], _options(tmp_path, StandInExtract(*corpus)))


def test_a_run_id_cannot_be_resumed_once_an_article_changed(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    _run(tmp_path, corpus, StandInExtract(*corpus))
    docs, _ = corpus
    article = docs / f"{STEMS[0]}.txt"
    article.write_text(article.read_text(encoding="utf-8") + "\nDodatek.", encoding="utf-8")
    with pytest.raises(UsageError, match=f"document '{STEMS[0]}' with other article_sha256"):
        _run(tmp_path, corpus, StandInExtract(*corpus))


def test_variants_can_be_added_to_an_existing_run(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    stand_in = StandInExtract(*corpus)
    store, _ = _run(tmp_path, corpus, stand_in)
    variants = build_variants(["gemma3-270m"], ["default", "naive"])
    relabelled = [replace(variants[0], label="gemma3-270m"), variants[1]]
    results = run_evaluation(store, load_dataset(*corpus), relabelled, _options(tmp_path, stand_in, cache=None))
    assert [v.label for v in results.variants] == ["gemma3-270m", "gemma3-270m/naive"]
    assert len(stand_in.calls) == 6
    assert json.loads(store.scores_path.read_text())["comparisons"][0]["verdict"] == "not distinguishable from noise"


def test_jobs_run_documents_concurrently_and_store_them_all(tmp_path: Path, corpus: tuple[Path, Path]) -> None:
    stand_in = StandInExtract(*corpus)
    _, results = _run(tmp_path, corpus, stand_in, jobs=3)
    assert sorted(stand_in.calls) == list(STEMS)
    assert len(results.variants[0].results) == 3


# --------------------------------------------------------------------------- command line


def test_cli_eval_runs_resumes_and_rescores(
    tmp_path: Path, corpus: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    stand_in = StandInExtract(*corpus)
    monkeypatch.setattr("extractor.pipeline.extract", stand_in)  # the test double, see the module docstring
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "cache"))
    docs, gold = corpus
    runs = tmp_path / "runs"
    arguments = ["eval", "-m", "gemma3-270m", "--docs", str(docs), "--gold", str(gold), "--runs-dir", str(runs)]
    result = CliRunner().invoke(app, [*arguments, "--run-id", "cli", "--limit", "2"])
    assert result.exit_code == 0, result.output
    assert "| **core F1** | **1.000** |" in result.stdout
    assert str(runs / "cli" / "report.html") in result.stdout
    assert len(stand_in.calls) == 2
    again = CliRunner().invoke(app, [*arguments, "--run-id", "cli"])
    assert again.exit_code == 0 and len(stand_in.calls) == 3
    rescored = CliRunner().invoke(app, ["eval", "--rescore", "cli", "--runs-dir", str(runs)])
    assert rescored.exit_code == 0 and "documents run | 3/3" in rescored.stdout
    by_path = CliRunner().invoke(app, ["eval", "--rescore", str(runs / "cli")])
    assert by_path.exit_code == 0 and len(stand_in.calls) == 3


@pytest.mark.parametrize(
    ("arguments", "code", "message"),
    [
        (["eval"], 2, "give at least one --model"),
        (["eval", "--rescore", "no-such-run"], 2, "no evaluation run 'no-such-run'"),
        (["eval", "-m", "x@not-a-url"], 2, "endpoint URL"),
        (["eval", "-m", "gemma3-270m", "--docs", "/nonexistent"], 2, "does not exist"),
    ],
)
def test_cli_eval_errors_are_one_line(arguments: list[str], code: int, message: str, tmp_path: Path) -> None:
    result = CliRunner().invoke(app, [*arguments, "--runs-dir", str(tmp_path)])
    assert result.exit_code == code
    assert message in result.output and "Traceback" not in result.output


def test_cli_eval_help_teaches_with_examples() -> None:
    result = CliRunner().invoke(app, ["eval", "--help"], terminal_width=100)
    assert result.exit_code == 0
    for text in ("Examples:", "--rescore", "MODEL@BASE_URL", "--run-id", "--no-cache", "--jobs", "--limit"):
        assert text in result.output


def test_reassemble_rebuilds_the_records_from_the_stored_answers_and_says_so(tmp_path: Path) -> None:
    from extractor.cache import PIPELINE_VERSION
    from extractor.evals.evaluation import RunStore, reassemble

    run = tmp_path / "compare-1"
    shutil.copytree(ROOT / "evals/runs/compare-1", run)
    manifest = json.loads((run / "run.json").read_text(encoding="utf-8"))
    manifest["docs_dir"], manifest["gold_dir"] = str(ROOT / "seeds"), str(ROOT / "evals/gold")
    (run / "run.json").write_text(json.dumps(manifest), encoding="utf-8")
    slug = "qwen2.5-coder-1.5b__default"
    stored = RunStore(run).read_prediction(slug, "003_a8ab37e39b0f0da1")
    assert stored is not None
    broken = stored.model_copy(update={"record": {**(stored.record or {}), "province": "Nowhere"}})
    RunStore(run).write_prediction(slug, broken)

    results = reassemble(run)

    again = RunStore(run).read_prediction(slug, "003_a8ab37e39b0f0da1")
    assert again is not None and again.record is not None and again.record["province"] == stored.record["province"]
    assert again.raw_responses == stored.raw_responses and again.usage == stored.usage
    assert json.loads((run / "run.json").read_text(encoding="utf-8"))["reassembled_by"] == PIPELINE_VERSION
    assert any("assembled again" in note for note in results.notes)
