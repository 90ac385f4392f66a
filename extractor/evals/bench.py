"""Speed benchmark: the pipeline's time per article against the model's own limit on the same server.

The limit for an article is one request that ingests the article once and then generates its gold record
as compact JSON, forced token by token by a grammar (a JSON schema whose only value is that record): the
least work any extractor built on this model must do to produce the right answer.
"""

from __future__ import annotations

import json
import statistics
import time
from dataclasses import dataclass, replace
from pathlib import Path

import openai

from extractor.client import PLACEHOLDER_KEY, Usage
from extractor.config import Settings
from extractor.cpu_probe import known_verdict
from extractor.doctor import buffer_line, measure_speed
from extractor.pipeline import extract, resolve_endpoint
from extractor.schemas.record import ConferenceRecord

WARM_UP_ARTICLE = "Am Morgen des 2. Mai hielt das Parteikomitee der Gemeinde eine Konferenz ab."


@dataclass
class ArticleTiming:
    name: str
    characters: int
    seconds: float
    prompt_tokens: int
    completion_tokens: int
    calls: int
    requests: int
    limit_seconds: float
    limit_prompt_tokens: int
    limit_completion_tokens: int
    baseline_seconds: float | None = None

    @property
    def ratio(self) -> float:
        return self.seconds / self.limit_seconds

    @property
    def baseline_ratio(self) -> float | None:
        return self.baseline_seconds / self.limit_seconds if self.baseline_seconds else None

    @property
    def seconds_per_1000_chars(self) -> float:
        return self.seconds / self.characters * 1000


def compact_gold(gold: ConferenceRecord) -> str:
    return json.dumps(gold.model_dump(mode="json"), ensure_ascii=False, separators=(",", ":"))


def model_limit(article: str, gold: ConferenceRecord, settings: Settings) -> tuple[float, int, int]:
    """(seconds, prompt tokens, completion tokens) to read the article once and emit its gold record."""
    base_url, _ = resolve_endpoint(settings)
    client = openai.OpenAI(base_url=base_url, api_key=settings.api_key or PLACEHOLDER_KEY, timeout=settings.timeout)
    forced = {"type": "json_object", "schema": {"const": gold.model_dump(mode="json")}}
    started = time.perf_counter()
    response = client.chat.completions.create(
        model=settings.model,
        messages=[{"role": "user", "content": article}],
        max_tokens=4096,
        temperature=0,
        extra_body={"response_format": forced},
    )
    seconds = time.perf_counter() - started
    content = response.choices[0].message.content or ""
    if json.loads(content) != json.loads(compact_gold(gold)):
        raise RuntimeError("the forced output differs from the gold record; the limit would be wrong")
    return seconds, response.usage.prompt_tokens, response.usage.completion_tokens


def time_pipeline(article: str, settings: Settings) -> Usage:
    usage = Usage()
    extract(article, replace(settings, cache=False), usage=usage)
    return usage


def baseline_seconds_from_run(run_dir: Path, template: str) -> dict[str, float]:
    """Seconds per document of the `template` variant of an eval run (its real calls, same server)."""
    seconds = {}
    for path in run_dir.glob(f"predictions/*__{template}/*.json"):
        usage = json.loads(path.read_text(encoding="utf-8")).get("usage") or {}
        if usage.get("seconds"):
            seconds[path.stem] = float(usage["seconds"])
    return seconds


def bench_article(
    name: str, article: str, gold: ConferenceRecord, settings: Settings, baseline: str | None
) -> ArticleTiming:
    limit_seconds, limit_prompt, limit_completion = model_limit(article, gold, settings)
    usage = time_pipeline(article, settings)
    timing = ArticleTiming(
        name=name,
        characters=len(article),
        seconds=usage.seconds,
        prompt_tokens=usage.prompt_tokens,
        completion_tokens=usage.completion_tokens,
        calls=usage.calls,
        requests=usage.requests,
        limit_seconds=limit_seconds,
        limit_prompt_tokens=limit_prompt,
        limit_completion_tokens=limit_completion,
    )
    if baseline:
        time_pipeline(WARM_UP_ARTICLE, replace(settings, template=baseline))  # its instructions cached, as in a batch
        timing.baseline_seconds = time_pipeline(article, replace(settings, template=baseline)).seconds
        time_pipeline(WARM_UP_ARTICLE, settings)
    return timing


def run_bench(
    docs: list[tuple[str, str, ConferenceRecord]],
    settings: Settings,
    baseline: str | None = "naive",
    baseline_seconds: dict[str, float] | None = None,
) -> list[ArticleTiming]:
    """Time every article; the baseline is run here too unless its seconds come from an eval run."""
    time_pipeline(WARM_UP_ARTICLE, settings)  # steady state of a batch: the instructions are in the prompt cache
    timings = []
    for name, article, gold in docs:
        timing = bench_article(name, article, gold, settings, None if baseline_seconds else baseline)
        if baseline_seconds:
            timing.baseline_seconds = baseline_seconds.get(name)
        timings.append(timing)
    return timings


def machine_lines(settings: Settings) -> list[tuple[str, str]]:
    """The server's buffer configuration and tokens per second, measured on the server the pipeline uses."""
    base_url, _ = resolve_endpoint(settings)
    verdict = known_verdict() if settings.uses_embedded_model else None
    return [("buffers", buffer_line(verdict)), *measure_speed(base_url, settings.model).lines()]


def markdown_table(
    timings: list[ArticleTiming], settings: Settings, machine: list[tuple[str, str]] | None = None
) -> str:
    intro = (
        f"Model {settings.model}, template {settings.template}, {time.strftime('%Y-%m-%d')}; limit = one request "
        "that reads the article and emits its gold record as compact JSON (forced), on the same server.\n\n"
    )
    measured = "".join(f"- {name}: {value}\n" for name, value in machine or [])
    server = f"Server measured in the same run (`extractor doctor`'s fixed prompt):\n{measured}\n" if measured else ""
    columns = (
        "| article | chars | pipeline s | tokens in+out | calls (requests) | limit s | limit tokens in+out "
        "| ratio | naive s | naive ratio | s / 1000 chars |\n|---|---|---|---|---|---|---|---|---|---|---|\n"
    )
    header = intro + server + columns
    rows = [_row(timing) for timing in timings]
    return header + "\n".join(rows) + "\n" + _totals(timings) + "\n"


def _row(t: ArticleTiming) -> str:
    baseline = f"{t.baseline_seconds:.1f} | {t.baseline_ratio:.2f}" if t.baseline_seconds else "- | -"
    return (
        f"| {t.name} | {t.characters} | {t.seconds:.1f} | {t.prompt_tokens}+{t.completion_tokens} | "
        f"{t.calls} ({t.requests}) | {t.limit_seconds:.1f} | {t.limit_prompt_tokens}+{t.limit_completion_tokens} | "
        f"{t.ratio:.2f} | {baseline} | {t.seconds_per_1000_chars:.1f} |"
    )


def _totals(timings: list[ArticleTiming]) -> str:
    seconds = sum(t.seconds for t in timings)
    limit = sum(t.limit_seconds for t in timings)
    baselines = [t.baseline_ratio for t in timings if t.baseline_ratio]
    naive = f"{statistics.mean(baselines):.2f}" if baselines else "-"
    return (
        f"\n**Mean ratio to the limit: {statistics.mean(t.ratio for t in timings):.2f}** "
        f"(total {seconds:.0f} s against {limit:.0f} s); naive single call: {naive}."
    )


def write_report(
    timings: list[ArticleTiming], settings: Settings, directory: Path, machine: list[tuple[str, str]] | None = None
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.md"
    text = markdown_table(timings, settings, machine)
    path.write_text(text, encoding="utf-8")
    (directory / "latest.md").write_text(text, encoding="utf-8")
    return path
