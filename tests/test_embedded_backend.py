"""The embedded backend on CPUs that advertise instructions they trap: the probe, the fallback, crash reports.

The crash tests run tests/fake_llama_server.py, a real child process that answers /v1/models and then dies by
a real SIGILL, as llama.cpp's server does on a VM that advertises AMX but refuses it. The probe tests give the
probe's outcome (the child's exit status) directly.
"""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from extractor import cpu_probe, pipeline
from extractor.cli import app
from extractor.cpu_probe import BufferVerdict, ProbeOutcome, choose_buffers, describe_signal, probe_buffers
from extractor.errors import EndpointError, ServerCrashed, UsageError
from extractor.llama_child import child_command, child_process_options
from extractor.local_models import get_local_model
from extractor.server import EmbeddedServer, ServerInfo, free_port, server_command

FAKE_SERVER = Path(__file__).resolve().parent / "fake_llama_server.py"
MODEL = "qwen2.5-coder-1.5b"
SIGILL = -int(signal.SIGILL)


class ScriptedProbe:
    """Probe outcomes in order, as the child's exit statuses; records which configurations were probed."""

    def __init__(self, tmp_path: Path, *returncodes: int) -> None:
        self.returncodes = list(returncodes)
        self.probed: list[bool] = []
        self.log = tmp_path / "probe.log"
        self.log.write_text("llama_model_loader: loaded meta data\nfatal: something\n")

    def __call__(self, model_file: Path, extra_buffers: bool) -> ProbeOutcome:
        self.probed.append(extra_buffers)
        return ProbeOutcome(self.returncodes.pop(0), self.log)


# --- the probe and its fallback ------------------------------------------------------------------------------


def test_default_buffers_are_kept_when_the_probe_completes(tmp_path: Path) -> None:
    probe = ScriptedProbe(tmp_path, 0)
    verdict = probe_buffers(tmp_path / "m.gguf", "k", probe)
    assert verdict.extra_buffers and probe.probed == [True]


def test_a_probe_killed_by_sigill_falls_back_to_plain_buffers(tmp_path: Path) -> None:
    probe = ScriptedProbe(tmp_path, SIGILL, 0)
    verdict = probe_buffers(tmp_path / "m.gguf", "k", probe)
    assert not verdict.extra_buffers
    assert probe.probed == [True, False]
    assert "SIGILL, illegal instruction" in verdict.reason


def test_a_probe_that_fails_without_a_signal_is_an_error_not_a_fallback(tmp_path: Path) -> None:
    probe = ScriptedProbe(tmp_path, 1)
    with pytest.raises(EndpointError, match=r"failed to load \(exited with status 1: fatal: something\)"):
        probe_buffers(tmp_path / "m.gguf", "k", probe)
    assert probe.probed == [True]


def test_both_configurations_dying_is_reported_with_both_signals(tmp_path: Path) -> None:
    probe = ScriptedProbe(tmp_path, SIGILL, -int(signal.SIGSEGV))
    with pytest.raises(EndpointError, match=r"cannot run on this CPU: .*SIGILL.*SIGSEGV"):
        probe_buffers(tmp_path / "m.gguf", "k", probe)


def test_the_verdict_is_cached_per_llama_cpp_version_and_cpu_flags(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cpu_probe, "cpu_flags", lambda: ["avx2", "amx_tile", "amx_int8"])
    probe = ScriptedProbe(tmp_path, SIGILL, 0, 0)
    first = choose_buffers(tmp_path / "m.gguf", run_probe=probe, log=lambda _: None)
    again = choose_buffers(tmp_path / "m.gguf", run_probe=probe, log=lambda _: None)
    assert first == again and not again.extra_buffers
    assert probe.probed == [True, False]  # the second run did not probe

    monkeypatch.setattr(cpu_probe, "cpu_flags", lambda: ["avx2"])  # another machine: probe again
    other = choose_buffers(tmp_path / "m.gguf", run_probe=probe, log=lambda _: None)
    assert other.extra_buffers and probe.probed == [True, False, True]


def test_a_failed_probe_is_not_cached(tmp_path: Path) -> None:
    with pytest.raises(EndpointError):
        choose_buffers(tmp_path / "m.gguf", run_probe=ScriptedProbe(tmp_path, 1), log=lambda _: None)
    assert not cpu_probe.verdict_file().exists()


@pytest.mark.parametrize(("value", "extra"), [("on", True), ("off", False), ("OFF", False)])
def test_the_environment_forces_a_configuration_without_probing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: str, extra: bool
) -> None:
    monkeypatch.setenv(cpu_probe.FORCE_VARIABLE, value)
    probe = ScriptedProbe(tmp_path)
    assert choose_buffers(tmp_path / "m.gguf", run_probe=probe, log=lambda _: None).extra_buffers is extra
    assert probe.probed == []


def test_a_bad_forcing_value_is_a_usage_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(cpu_probe.FORCE_VARIABLE, "maybe")
    with pytest.raises(UsageError, match="must be on, off or auto"):
        choose_buffers(tmp_path / "m.gguf", run_probe=ScriptedProbe(tmp_path), log=lambda _: None)


def test_a_child_killed_by_a_real_sigill_reads_as_that_signal(tmp_path: Path) -> None:
    completed = subprocess.run([sys.executable, "-c", "import os, signal; os.kill(os.getpid(), signal.SIGILL)"])
    outcome = ProbeOutcome(completed.returncode, tmp_path / "none.log")
    assert not outcome.ok
    assert outcome.signal_name == "SIGILL, illegal instruction"
    assert describe_signal(9) == "SIGKILL, killed"


def test_the_server_command_runs_the_stock_llama_cpp_server_with_the_buffer_choice(tmp_path: Path) -> None:
    plain = BufferVerdict(False, "test", "k")
    command = server_command(tmp_path / "m.gguf", MODEL, 1234, 4096, plain)
    assert command[1:6] == ["-m", "extractor.llama_child", "--no-extra-buffers", "serve", "--"]
    assert command[command.index("--model") + 1] == str(tmp_path / "m.gguf")
    default = server_command(tmp_path / "m.gguf", MODEL, 1234, 4096, BufferVerdict(True, "test", "k"))
    assert "--no-extra-buffers" not in default


def test_the_child_turns_extra_buffer_types_off_in_llama_cpp() -> None:
    pytest.importorskip("llama_cpp")
    script = (
        "import llama_cpp.llama_cpp as b; from extractor.llama_child import without_extra_buffers; "
        "before = b.llama_model_default_params().use_extra_bufts; without_extra_buffers(); "
        "print(before, b.llama_model_default_params().use_extra_bufts)"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert completed.stdout.split() == ["True", "False"]


# --- a server that dies is reported as what it is -------------------------------------------------------------


@pytest.fixture
def fake_embedded(monkeypatch: pytest.MonkeyPatch) -> Iterator[callable]:
    """Start the fake server as the pipeline's embedded server for MODEL; stopped and forgotten afterwards."""
    started: list[EmbeddedServer] = []

    def start(mode: str, answers: int = 0) -> EmbeddedServer:
        server = EmbeddedServer(get_local_model(MODEL), port=free_port(), log=lambda _: None)
        command = [sys.executable, str(FAKE_SERVER), str(server.port), mode, str(answers)]
        started.append(server)
        server.launch(command)
        monkeypatch.setitem(pipeline._embedded_servers, MODEL, server)
        return server

    yield start
    for server in started:
        server.stop()


def test_sigill_on_the_first_request_is_reported_as_a_crash_not_as_unreachable(
    tmp_path: Path, fake_embedded: callable
) -> None:
    server = fake_embedded("answer-then-sigill")
    article = tmp_path / "a.txt"
    article.write_text("Am 2. Mai tagte das Parteikomitee der Gemeinde.", encoding="utf-8")

    result = CliRunner().invoke(app, ["extract", str(article), "--no-cache"])

    assert result.exit_code == 3
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1, message
    crashed = f"error: embedded server for {MODEL} crashed (SIGILL, illegal instruction) while answering: "
    assert message.startswith(crashed)
    assert "tilezero" in message  # the log's last meaningful line
    assert message.endswith(f"log: {server.log_file}")
    assert "cannot reach" not in message and "Traceback" not in result.output


def test_sigill_while_loading_names_the_signal(tmp_path: Path) -> None:
    server = EmbeddedServer(get_local_model(MODEL), port=free_port(), log=lambda _: None)
    command = [sys.executable, str(FAKE_SERVER), str(server.port), "sigill-while-loading"]
    with pytest.raises(ServerCrashed) as caught:
        server.launch(command)
    assert str(caught.value) == (
        f"embedded server for {MODEL} crashed (SIGILL, illegal instruction) while loading: "
        f"llama_model_load: loading model tensors, this can take a while...; log: {server.log_file}"
    )


def test_a_crash_in_the_middle_of_a_batch_stops_it_with_every_finished_line_kept(
    tmp_path: Path, fake_embedded: callable
) -> None:
    fake_embedded("answer-then-sigill", answers=2)
    docs = tmp_path / "docs"
    docs.mkdir()
    for index in range(5):
        (docs / f"a{index}.txt").write_text(f"Am {index + 1}. Mai tagte das Parteikomitee.", encoding="utf-8")
    output = tmp_path / "out.jsonl"

    result = CliRunner().invoke(app, ["extract", str(docs), "-o", str(output), "--template", "naive", "--no-cache"])

    assert result.exit_code == 3
    assert "crashed (SIGILL, illegal instruction) while answering" in result.stderr
    lines = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [str(docs / "a0.txt"), str(docs / "a1.txt")]
    assert all(line["status"] == "ok" for line in lines)


def test_a_deterministic_crash_is_not_restarted_on_the_next_call(tmp_path: Path, fake_embedded: callable) -> None:
    fake_embedded("answer-then-sigill")
    with pytest.raises(ServerCrashed):
        pipeline.extract("Am 2. Mai tagte das Parteikomitee.", template="naive", cache=False)
    with pytest.raises(ServerCrashed, match="SIGILL"):  # the same fault again, not a new server
        pipeline.extract("Am 3. Mai tagte das Parteikomitee.", template="naive", cache=False)
    assert MODEL not in pipeline._embedded_servers


def test_a_run_answered_from_the_cache_starts_no_server(
    tmp_path: Path, fake_embedded: callable, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EXTRACTOR_CACHE_DIR", str(tmp_path / "cache"))
    article = "Am 2. Mai tagte das Parteikomitee."
    fake_embedded("answer-then-sigill", answers=1)
    first = pipeline.extract(article, template="naive")
    monkeypatch.delitem(pipeline._embedded_servers, MODEL)

    def no_server(model_name: str) -> str:
        raise AssertionError(f"a server for {model_name} was started")

    monkeypatch.setattr(pipeline, "_embedded_base_url", no_server)
    again = pipeline.extract(article, template="naive")

    assert again.record.model_dump() == first.record.model_dump()
    assert again.run.cached_calls == 1 and first.run.cached_calls == 0


def test_a_served_process_that_is_gone_is_reported_with_its_log(tmp_path: Path) -> None:
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    info = ServerInfo(model=MODEL, port=1, pid=gone.pid, log=str(tmp_path / "serve.log"))
    with pytest.raises(ServerCrashed, match=r"kept by `extractor serve`\) is gone; log: .*serve.log"):
        info.check_alive()


def test_the_child_imports_this_extractor_even_when_started_in_a_checkout_of_another(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`python -m` puts the working directory first on sys.path: the README's command runs in a checkout."""
    pytest.importorskip("llama_cpp")
    decoy = tmp_path / "extractor"
    decoy.mkdir()
    (decoy / "__init__.py").write_text("raise SystemExit('imported the decoy extractor')\n")
    monkeypatch.chdir(tmp_path)
    work_dir = tmp_path / "work"
    work_dir.mkdir()
    command = child_command("serve", extra_buffers=False, args=["--help"])

    completed = subprocess.run(command, capture_output=True, text=True, timeout=120, **child_process_options(work_dir))

    assert completed.returncode == 0, completed.stderr[-1000:]
    assert "--n_ctx" in completed.stdout  # llama_cpp.server's own help


@pytest.mark.parametrize("extra_buffers", [True, False])
def test_the_child_reads_its_own_flag_and_passes_the_rest_to_the_server(
    extra_buffers: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from extractor import llama_child

    seen: dict[str, object] = {}
    monkeypatch.setattr(llama_child, "without_extra_buffers", lambda: seen.setdefault("plain", True))
    monkeypatch.setattr(llama_child, "serve", lambda args: seen.setdefault("args", args))
    command = child_command("serve", extra_buffers=extra_buffers, args=["--model", "m.gguf", "--port", "1"])

    llama_child.main(command[3:])

    assert seen == ({"args": ["--model", "m.gguf", "--port", "1"]} | ({} if extra_buffers else {"plain": True}))
