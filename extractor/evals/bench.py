"""Speed benchmark: each pipeline's seconds per article against the article's floor, measured in one run.

The floor for an article is the least time any extractor built on this model and server must spend: reading
the article once (the article alone as the prompt, timed on a cold prefix) plus writing the fewest answer
tokens the gold record needs at the server's measured generation rate. The fewest answer tokens are the
record's free text in English (title, summary, purpose, tasks, the organizer's name, people's titles, awards),
which only generation can give, plus one token for every other value, which a choice or a rule can give.
Every template is timed on every article in the same run, calls never cached, so the ratios compare.
"""

from __future__ import annotations

import json
import statistics
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import httpx
import openai

from extractor.chunking import article_budget, split_article
from extractor.client import PLACEHOLDER_KEY, Usage
from extractor.config import Settings
from extractor.cpu_probe import known_verdict
from extractor.doctor import SpeedSample, buffer_line, measure_speed
from extractor.errors import ExtractionFailed
from extractor.pipeline import extract, resolve_endpoint
from extractor.schemas.record import ConferenceRecord

WARM_UP_ARTICLE = "Am Morgen des 2. Mai hielt das Parteikomitee der Gemeinde eine Konferenz ab."
# Values only generation can give: English prose (and the organizer's English name).
FREE_TEXT_KEYS = ("title", "summary", "purpose", "tasks", "titles", "awards", "issuer", "unit", "description")
DEFAULT_TEMPLATES = ("default", "ask", "naive")


@dataclass(frozen=True)
class Floor:
    """Reading the article once, then writing the fewest answer tokens at the measured generation rate."""

    prompt_tokens: int
    ingest_seconds: float
    answer_tokens: int
    generation_rate: float

    @property
    def seconds(self) -> float:
        writing = self.answer_tokens / self.generation_rate if self.generation_rate > 0 else 0.0
        return self.ingest_seconds + writing


@dataclass
class ArticleTiming:
    name: str
    characters: int
    floor: Floor
    runs: dict[str, Usage] = field(default_factory=dict)  # template -> what its extraction cost
    failures: dict[str, str] = field(default_factory=dict)  # template -> why its extraction failed

    def ratio(self, template: str) -> float:
        return self.runs[template].seconds / self.floor.seconds

    def seconds_per_1000_chars(self, template: str) -> float:
        return self.runs[template].seconds / self.characters * 1000


def fewest_answer(gold: ConferenceRecord) -> tuple[str, int]:
    """(the record's free text as compact JSON, the number of its other values): what an answer must hold."""
    free: list[Any] = []
    data = gold.model_dump(mode="json", exclude_none=True)
    organizer = data.get("organizer") or {}
    if organizer.get("name"):
        free.append(organizer.pop("name"))
    values = _split_values(data, free, inside=None)
    return json.dumps(free, ensure_ascii=False, separators=(",", ":")), values


def _split_values(value: Any, free: list[Any], inside: str | None) -> int:
    """Collect the free-text values into `free`; count the others (one token each)."""
    if isinstance(value, dict):
        return sum(_split_values(item, free, key) for key, item in value.items())
    if isinstance(value, list):
        return sum(_split_values(item, free, inside) for item in value)
    if value is False or value == "":
        return 0
    if inside in FREE_TEXT_KEYS:
        free.append(value)
        return 0
    return 1


def count_tokens(base_url: str, model: str, text: str) -> int:
    """Tokens of `text` in the model's tokenizer: the llama.cpp server's tokenize endpoint, else the
    difference in prompt tokens between a chat request holding the text and an empty one."""
    root = base_url.removesuffix("/").removesuffix("/v1")
    try:
        response = httpx.post(f"{root}/extras/tokenize/count", json={"input": text, "model": model}, timeout=60)
        if response.status_code == 200:
            return int(response.json()["count"])
    except (httpx.HTTPError, KeyError, ValueError):
        pass
    client = openai.OpenAI(base_url=base_url, api_key=PLACEHOLDER_KEY, max_retries=0, timeout=300)
    with_text = _prompt_tokens(client, model, text)
    return max(with_text - _prompt_tokens(client, model, ""), 0)


def _prompt_tokens(client: openai.OpenAI, model: str, content: str) -> int:
    response = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": content}], max_tokens=1, temperature=0
    )
    return response.usage.prompt_tokens if response.usage else 0


def time_reading(base_url: str, model: str, text: str, timeout: float) -> tuple[float, int]:
    """(seconds, prompt tokens) of one request that reads `text` and writes one token, on a cold prefix."""
    client = openai.OpenAI(base_url=base_url, api_key=PLACEHOLDER_KEY, max_retries=0, timeout=timeout)
    started = time.perf_counter()
    response = client.chat.completions.create(
        model=model,
        messages=[{"role": "user", "content": f"[{uuid.uuid4().hex}]\n{text}"}],  # a nonce: no cached prefix
        max_tokens=1,
        temperature=0,
    )
    return time.perf_counter() - started, response.usage.prompt_tokens if response.usage else 0


def article_floor(
    base_url: str, article: str, gold: ConferenceRecord, settings: Settings, speed: SpeedSample
) -> Floor:
    """The floor of one article; one too long for the context is read in the parts the pipeline splits it into."""
    parts = split_article(article, article_budget(settings.context_tokens, settings.max_tokens))
    readings = [time_reading(base_url, settings.model, part, settings.timeout) for part in parts]
    free_text, values = fewest_answer(gold)
    answer_tokens = count_tokens(base_url, settings.model, free_text) + values
    return Floor(
        prompt_tokens=sum(tokens for _, tokens in readings),
        ingest_seconds=sum(seconds for seconds, _ in readings),
        answer_tokens=answer_tokens,
        generation_rate=speed.generation_rate,
    )


def time_template(article: str, settings: Settings, template: str) -> tuple[Usage, str | None]:
    """What one uncached extraction cost, and why it failed (None when it did not): a failure is timed too and
    does not end the run, so the rows already measured are kept."""
    usage = Usage()
    try:
        extract(article, replace(settings, template=template, cache=False), usage=usage)
    except ExtractionFailed as error:
        return usage, str(error)
    return usage, None


def joined_article(docs: list[tuple[str, str, ConferenceRecord]]) -> tuple[str, str, ConferenceRecord]:
    """The long-article row: every article joined into one, which the pipeline splits and merges. Its record
    is one event's, so its answer is the first article's."""
    name = f"long: {len(docs)} joined"
    return name, "\n\n".join(article for _, article, _ in docs), docs[0][2]


def run_bench(
    docs: list[tuple[str, str, ConferenceRecord]],
    settings: Settings,
    templates: tuple[str, ...] = DEFAULT_TEMPLATES,
    *,
    long_row: bool = True,
    progress: Callable[[str], None] = lambda _: None,
) -> tuple[list[ArticleTiming], SpeedSample]:
    """Time every template on every article (and on all of them joined), with each article's floor."""
    base_url, _ = resolve_endpoint(settings)
    speed = measure_speed(base_url, settings.model)
    rows = [*docs, joined_article(docs)] if long_row and len(docs) > 1 else list(docs)
    timings = []
    for name, article, gold in rows:
        progress(f"{name}: floor")
        timings.append(ArticleTiming(name, len(article), article_floor(base_url, article, gold, settings, speed)))
    # Each article is read cold, as in a batch: the template's instructions are in the prompt cache, the article
    # is not. A request on the short warm-up article before each run leaves only the instructions cached; else a
    # run would reuse the article its predecessor read (the long row begins with the first article, and ask
    # sends default's draft request).
    for template in templates:
        for timing, (name, article, _) in zip(timings, rows, strict=True):
            time_template(WARM_UP_ARTICLE, settings, template)
            progress(f"{name}: {template}")
            timing.runs[template], failure = time_template(article, settings, template)
            if failure:
                timing.failures[template] = failure
    return timings, speed


def machine_lines(settings: Settings, speed: SpeedSample) -> list[tuple[str, str]]:
    """The server's buffer configuration and tokens per second, measured on the server the pipeline uses."""
    verdict = known_verdict() if settings.uses_embedded_model else None
    return [("buffers", buffer_line(verdict)), *speed.lines()]


def markdown_table(
    timings: list[ArticleTiming], settings: Settings, templates: tuple[str, ...], machine: list[tuple[str, str]]
) -> str:
    intro = (
        f"Model {settings.model}, {time.strftime('%Y-%m-%d')}, calls not cached. Floor = reading the article once"
        " (the article alone as the prompt, timed on a cold prefix) + the fewest answer tokens its gold record"
        " needs (its free text in English, one token per other value) at the measured generation rate.\n\n"
    )
    measured = "".join(f"- {name}: {value}\n" for name, value in machine)
    server = f"Server, measured in the same run (`extractor doctor`'s fixed prompt):\n{measured}\n"
    heads = "".join(f" {t} s | {t} ratio | {t} s/1000 chars |" for t in templates)
    columns = f"| article | chars | floor s (tokens read + answer) |{heads}\n|" + "---|" * (3 + 3 * len(templates))
    rows = [_row(timing, templates) for timing in timings]
    return intro + server + columns + "\n" + "\n".join(rows) + "\n\n" + _totals(timings, templates) + "\n"


def _row(timing: ArticleTiming, templates: tuple[str, ...]) -> str:
    floor = timing.floor
    cells = "".join(
        f" {timing.runs[t].seconds:.1f}{' (failed)' if t in timing.failures else ''} | {timing.ratio(t):.2f} |"
        f" {timing.seconds_per_1000_chars(t):.1f} |"
        for t in templates
    )
    tokens = f"{floor.prompt_tokens} + {floor.answer_tokens}"
    return f"| {timing.name} | {timing.characters} | {floor.seconds:.1f} ({tokens}) |{cells}"


def _totals(timings: list[ArticleTiming], templates: tuple[str, ...]) -> str:
    single = [t for t in timings if not t.name.startswith("long:")] or timings
    lines = ["| template | mean s per article | mean ratio to the floor | requests per article |", "|---|---|---|---|"]
    for template in templates:
        seconds = statistics.mean(t.runs[template].seconds for t in single)
        ratio = statistics.mean(t.ratio(template) for t in single)
        requests = statistics.mean(t.runs[template].requests for t in single)
        lines.append(f"| {template} | {seconds:.1f} | {ratio:.2f} | {requests:.1f} |")
    floor = statistics.mean(t.floor.seconds for t in single)
    return f"Means over the {len(single)} single articles (floor {floor:.1f} s):\n\n" + "\n".join(lines)


def write_report(
    timings: list[ArticleTiming],
    settings: Settings,
    templates: tuple[str, ...],
    directory: Path,
    machine: list[tuple[str, str]],
) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.md"
    text = markdown_table(timings, settings, templates, machine)
    path.write_text(text, encoding="utf-8")
    (directory / "latest.md").write_text(text, encoding="utf-8")
    return path
