"""Which llama.cpp buffer configuration this CPU can run: probed once in a child process, then remembered.

llama.cpp picks extra buffer types (AMX tiles, repacked weights) from what the CPU advertises. Some VMs
advertise AMX but trap its instructions, and the server then dies with SIGILL at its first request. So the
first run loads the model in a child with the default (fastest) buffers and completes one token. If the child
is killed by a signal, the plain buffers are probed too and used from then on. The verdict is cached, keyed by
the llama-cpp-python version and the CPU's flags, so later runs skip the probe. EXTRACTOR_EXTRA_BUFFERS=on|off
skips the probe and forces a configuration.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import os
import signal
import subprocess
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from extractor.core.files import write_atomic
from extractor.errors import EndpointError, UsageError
from extractor.llama_child import child_command, child_process_options
from extractor.local_models import cache_dir

PROBE_TIMEOUT_SECONDS = 300
FORCE_VARIABLE = "EXTRACTOR_EXTRA_BUFFERS"
# The flags that decide which kernels and buffer types ggml selects.
KERNEL_FLAG_PREFIXES = ("avx", "amx", "f16c", "fma", "sse", "ssse", "bmi", "vnni", "sve", "neon", "asimd")


@dataclass(frozen=True)
class ProbeOutcome:
    """How one probe child ended: its exit status (negative: killed by that signal) and its log."""

    returncode: int
    log_file: Path

    @property
    def ok(self) -> bool:
        return self.returncode == 0

    @property
    def signal_name(self) -> str | None:
        return describe_signal(-self.returncode) if self.returncode < 0 else None


@dataclass(frozen=True)
class BufferVerdict:
    """The buffer configuration the embedded server uses on this machine, and why."""

    extra_buffers: bool
    reason: str
    key: str

    @property
    def label(self) -> str:
        if self.extra_buffers:
            return "extra buffer types on (llama.cpp default: AMX / repacked weights where the CPU has them)"
        return "extra buffer types off (use_extra_bufts=false: plain CPU buffers)"


ProbeRunner = Callable[[Path, bool], ProbeOutcome]


def describe_signal(number: int) -> str:
    """'SIGILL, illegal instruction' for 4."""
    try:
        name = signal.Signals(number).name
    except ValueError:
        return f"signal {number}"
    description = (signal.strsignal(number) or "").lower()
    return f"{name}, {description}" if description else name


def cpu_flags() -> list[str]:
    """The CPU's feature flags as the kernel reports them (Linux /proc/cpuinfo); empty elsewhere."""
    try:
        text = Path("/proc/cpuinfo").read_text(errors="replace")
    except OSError:
        return []
    for line in text.splitlines():
        name, _, value = line.partition(":")
        if name.strip() in ("flags", "Features"):
            return sorted(set(value.split()))
    return []


def kernel_flags(flags: list[str]) -> list[str]:
    return [flag for flag in flags if flag.startswith(KERNEL_FLAG_PREFIXES)]


def llama_cpp_version() -> str:
    try:
        return importlib.metadata.version("llama_cpp_python")
    except importlib.metadata.PackageNotFoundError:
        return "not installed"


def verdict_key(version: str, flags: list[str]) -> str:
    canonical = json.dumps({"llama_cpp_python": version, "cpu_flags": sorted(flags)})
    return hashlib.sha256(canonical.encode()).hexdigest()[:16]


def verdict_file() -> Path:
    return cache_dir() / "cpu-probe.json"


def choose_buffers(
    model_file: Path, *, run_probe: ProbeRunner | None = None, log: Callable[[str], None]
) -> BufferVerdict:
    """The configuration to serve with: forced by the environment, cached, or probed now (and cached)."""
    known = known_verdict()
    if known is not None:
        return known
    key = verdict_key(llama_cpp_version(), cpu_flags())
    log("probing which llama.cpp buffers this CPU runs (once per machine)...")
    verdict = probe_buffers(model_file, key, run_probe or probe_in_child)
    save_verdict(verdict)
    return verdict


def known_verdict() -> BufferVerdict | None:
    """The configuration in force on this machine without probing: forced by the environment, or cached."""
    key = verdict_key(llama_cpp_version(), cpu_flags())
    return _forced(key) or load_verdict(key)


def probe_buffers(model_file: Path, key: str, run_probe: ProbeRunner) -> BufferVerdict:
    default = run_probe(model_file, True)
    if default.ok:
        return BufferVerdict(True, "the default buffers completed the probe", key)
    if default.signal_name is None:  # not the CPU: the model or the install is at fault; nothing to fall back to
        raise EndpointError(f"the embedded model failed to load ({_exit_text(default)}); log: {default.log_file}")
    plain = run_probe(model_file, False)
    if plain.ok:
        return BufferVerdict(False, f"the default buffers died with {default.signal_name}", key)
    raise EndpointError(
        f"the embedded model cannot run on this CPU: the default buffers died with {default.signal_name}, "
        f"the plain ones {_exit_text(plain)}; log: {plain.log_file}"
    )


def _exit_text(outcome: ProbeOutcome) -> str:
    if outcome.signal_name:
        return f"died with {outcome.signal_name}"
    return f"exited with status {outcome.returncode}: {last_log_line(outcome.log_file) or 'no output'}"


def probe_in_child(model_file: Path, extra_buffers: bool) -> ProbeOutcome:
    """Load the model and complete one token in a child process; a trapped instruction kills only the child."""
    log_file = cache_dir() / "servers" / f"probe-{'default' if extra_buffers else 'plain'}-{os.getpid()}.log"
    log_file.parent.mkdir(parents=True, exist_ok=True)
    command = child_command("probe", extra_buffers=extra_buffers, args=[str(model_file)])
    options = child_process_options(log_file.parent)
    with log_file.open("wb") as sink:
        try:
            completed = subprocess.run(
                command, stdout=sink, stderr=subprocess.STDOUT, timeout=PROBE_TIMEOUT_SECONDS, **options
            )
        except subprocess.TimeoutExpired:
            raise EndpointError(
                f"the CPU probe did not finish within {PROBE_TIMEOUT_SECONDS} s; log: {log_file}"
            ) from None
    return ProbeOutcome(completed.returncode, log_file)


def last_log_line(log_file: Path) -> str:
    """The last line of a llama.cpp log worth showing: not blank, not an HTTP access line."""
    try:
        lines = log_file.read_text(errors="replace").splitlines()
    except OSError:
        return ""
    for line in reversed(lines):
        text = " ".join(line.split())
        if text and not text.startswith("INFO:"):
            return text[:300]
    return ""


def _forced(key: str) -> BufferVerdict | None:
    value = os.environ.get(FORCE_VARIABLE, "").strip().lower()
    if value in ("", "auto"):
        return None
    if value not in ("on", "off"):
        raise UsageError(f"{FORCE_VARIABLE} must be on, off or auto (got {value!r})")
    return BufferVerdict(value == "on", f"forced by {FORCE_VARIABLE}={value}", key)


def load_verdict(key: str) -> BufferVerdict | None:
    try:
        stored = json.loads(verdict_file().read_text())
        verdict = BufferVerdict(bool(stored["extra_buffers"]), str(stored["reason"]), str(stored["key"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return verdict if verdict.key == key else None


def save_verdict(verdict: BufferVerdict) -> None:
    write_atomic(verdict_file(), json.dumps({**asdict(verdict), "probed_at": time.strftime("%Y-%m-%dT%H:%M:%S%z")}))
