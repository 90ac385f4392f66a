"""`extractor doctor`: what a bug report about the embedded backend needs, measured on this machine.

The llama-cpp-python version, the CPU's kernel-relevant features, the buffer configuration the embedded server
uses (and why), and its ingestion and generation speed on a fixed prompt, each on a cold prefix.
"""

from __future__ import annotations

import platform
import sys
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openai

from extractor.client import PLACEHOLDER_KEY
from extractor.cpu_probe import BufferVerdict, cpu_flags, kernel_flags, known_verdict, llama_cpp_version
from extractor.errors import EndpointError
from extractor.local_models import get_local_model
from extractor.server import EmbeddedServer, running_server

# About 250 tokens of fixed text: long enough for a stable ingestion rate, short enough to take seconds.
SPEED_TEXT = " ".join(
    [
        "The district Party Committee held its regular conference on Tuesday morning to review the first half of",
        "the year. The secretary opened the meeting and reported on the local economy: industrial output grew by",
        "eight percent, the budget collected two hundred billion dong, and four new schools were opened in the",
        "mountain communes. Delegates discussed land clearance for the new highway, the consolidation of hamlets,",
        "and the training of young officials. The conference approved the plan for the second half of the year,",
        "with tasks on administrative reform, digital transformation, public health and the fight against",
        "corruption. The standing committee will inspect the communes in the autumn and report to the provincial",
        "committee before the end of the year. Closing the conference, the chairman thanked the delegates and",
        "asked every Party cell to study the resolution and to turn it into concrete action programmes.",
    ]
)
GENERATED_TOKENS = 48
SPEED_INSTRUCTION = "Count from one to one hundred in English words, separated by commas."


@dataclass(frozen=True)
class SpeedSample:
    """Tokens per second of one server: prompt ingestion (cache missed on purpose) and generation."""

    prompt_tokens: int
    ingest_seconds: float
    completion_tokens: int
    generate_seconds: float

    @property
    def ingestion_rate(self) -> float:
        return self.prompt_tokens / self.ingest_seconds if self.ingest_seconds > 0 else 0.0

    @property
    def generation_rate(self) -> float:
        return self.completion_tokens / self.generate_seconds if self.generate_seconds > 0 else 0.0

    def lines(self) -> list[tuple[str, str]]:
        ingestion = f"{self.ingestion_rate:.1f} tokens/s ({self.prompt_tokens} tokens in {self.ingest_seconds:.2f} s)"
        generated = f"{self.completion_tokens} tokens in {self.generate_seconds:.2f} s"
        return [("ingestion", ingestion), ("generation", f"{self.generation_rate:.1f} tokens/s ({generated})")]


def _timed_request(client: openai.OpenAI, model: str, instruction: str, max_tokens: int) -> tuple[float, int, int]:
    # A fresh nonce first: the server reuses a cached prompt prefix, which would hide the ingestion cost.
    content = f"[{uuid.uuid4().hex}] {SPEED_TEXT}\n\n{instruction}"
    started = time.perf_counter()
    response = client.chat.completions.create(
        model=model, messages=[{"role": "user", "content": content}], max_tokens=max_tokens, temperature=0
    )
    seconds = time.perf_counter() - started
    usage = response.usage
    return seconds, (usage.prompt_tokens if usage else 0), (usage.completion_tokens if usage else 0)


def measure_speed(base_url: str, model: str, samples: int = 3) -> SpeedSample:
    """Requests on the same fixed prompt, each on a cold prefix: some write one token (ingestion), some write
    GENERATED_TOKENS (ingestion and generation). The fastest of each kind is the least disturbed by the
    machine's other work; generation is their difference."""
    client = openai.OpenAI(base_url=base_url, api_key=PLACEHOLDER_KEY, max_retries=0, timeout=300)
    _timed_request(client, model, SPEED_INSTRUCTION, 1)  # warm-up: the first request after a load is slower
    reads = [_timed_request(client, model, SPEED_INSTRUCTION, 1) for _ in range(samples)]
    writes = [_timed_request(client, model, SPEED_INSTRUCTION, GENERATED_TOKENS) for _ in range(max(samples - 1, 1))]
    return speed_from_samples(reads, writes)


def speed_from_samples(reads: list[tuple[float, int, int]], writes: list[tuple[float, int, int]]) -> SpeedSample:
    """From (seconds, prompt tokens, completion tokens) of one-token and of longer answers to the same prompt:
    the fastest of each, and generation as their difference (both read the same prompt on a cold prefix)."""
    ingest_seconds, prompt_tokens, _ = min(reads)
    total_seconds, _, completion = min(writes)
    generate_seconds = total_seconds - ingest_seconds
    if completion < 2 or generate_seconds <= 0:
        raise EndpointError(
            f"the speed sample is unusable: {completion} tokens written in {total_seconds:.2f} s, reading alone took"
            f" {ingest_seconds:.2f} s (is the machine busy?)"
        )
    return SpeedSample(prompt_tokens, ingest_seconds, completion - 1, generate_seconds)


def cpu_model_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text(errors="replace").splitlines():
            if line.startswith("model name"):
                return line.partition(":")[2].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def llama_system_info() -> str:
    """What llama.cpp was built with and detects (AVX2 = 1 | AMX_INT8 = 1 | ...); loads the library only."""
    try:
        import llama_cpp
    except ImportError:
        return "llama-cpp-python not installed"
    return llama_cpp.llama_print_system_info().decode(errors="replace").strip()


def environment_lines() -> list[tuple[str, str]]:
    flags = cpu_flags()
    amx = [flag for flag in flags if flag.startswith("amx")]
    return [
        ("python", sys.version.split()[0]),
        ("llama-cpp-python", llama_cpp_version()),
        ("cpu", cpu_model_name()),
        ("cpu features", " ".join(kernel_flags(flags)) or "unknown"),
        ("amx advertised", " ".join(amx) if amx else "no"),
        ("llama.cpp build", llama_system_info()),
    ]


def buffer_line(verdict: BufferVerdict | None) -> str:
    if verdict is None:
        return "not probed yet (the first embedded run probes)"
    return f"{verdict.label}; {verdict.reason}"


def diagnose(model_name: str, *, speed: bool, log: Callable[[str], None]) -> list[tuple[str, str]]:
    """The environment, then the buffer configuration in use and, with `speed`, tokens per second measured
    on the embedded server: the one `extractor serve` keeps, else one started for this check."""
    lines = environment_lines()
    served = running_server(model_name)
    if served is not None:
        lines.append(("server", f"{served.base_url} (kept by `extractor serve`, pid {served.pid})"))
        lines.append(("buffers", buffer_line(known_verdict())))
        if speed:
            lines += _measure(served.base_url, model_name, served.check_alive).lines()
        return lines
    with EmbeddedServer(get_local_model(model_name), log=log) as server:
        lines.append(("server", f"{server.base_url} (started for this check; log: {server.log_file})"))
        lines.append(("buffers", buffer_line(server.buffers)))
        if speed:
            lines += _measure(server.base_url, model_name, server.check_alive).lines()
    return lines


def _measure(base_url: str, model_name: str, check_alive: Callable[[], None]) -> SpeedSample:
    try:
        return measure_speed(base_url, model_name)
    except openai.APIConnectionError as error:
        check_alive()  # a dead server is what to report, not the refused connection
        raise EndpointError(f"cannot reach {base_url}: {error}") from error
