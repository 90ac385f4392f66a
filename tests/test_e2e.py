"""End to end on a fresh machine: assemble the embedded model, start its server, extract a seed.

Slow (model assembly, load and a real extraction on CPU); run with `pytest -m e2e`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import ConferenceRecord

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_a8ab37e39b0f0da1.txt"


@pytest.mark.e2e
@pytest.mark.timeout(1800)
def test_cli_extracts_a_seed_with_the_embedded_model(tmp_path: Path) -> None:
    command = shutil.which("extractor") or f"{sys.executable} -m extractor"
    out = tmp_path / "record.json"

    completed = subprocess.run(
        [*command.split(), "extract", str(SEED), "-o", str(out), "--with-run", "--no-cache"],
        capture_output=True,
        text=True,
        timeout=1700,
        cwd=tmp_path,  # outside the checkout: `-m extractor` must import the installed package
        # The real user cache (where the model is assembled once); no endpoint: the embedded model.
        env={k: v for k, v in os.environ.items() if not k.startswith("OPENAI_") and k != "EXTRACTOR_CACHE_DIR"},
    )

    assert completed.returncode == 0, completed.stderr[-2000:]
    payload = json.loads(out.read_text())
    record = ConferenceRecord.model_validate(payload["record"])
    assert record.is_conference
    assert payload["run"]["model"] == "qwen2.5-coder-1.5b"
    assert payload["run"]["completion_tokens"] > 0
    print(json.dumps(payload["run"]), file=sys.stderr)


@pytest.mark.e2e
@pytest.mark.timeout(900)
def test_doctor_reports_the_buffer_configuration_and_measured_speed(tmp_path: Path) -> None:
    command = shutil.which("extractor") or f"{sys.executable} -m extractor"
    completed = subprocess.run(
        [*command.split(), "doctor", "--json"],
        capture_output=True,
        text=True,
        timeout=800,
        cwd=tmp_path,
        env={k: v for k, v in os.environ.items() if not k.startswith("OPENAI_") and k != "EXTRACTOR_CACHE_DIR"},
    )

    assert completed.returncode == 0, completed.stderr[-2000:]
    report = json.loads(completed.stdout)
    assert report["llama-cpp-python"] not in ("", "not installed")
    assert report["buffers"].startswith("extra buffer types")
    assert float(report["ingestion"].split(" tokens/s")[0]) > 0
    assert float(report["generation"].split(" tokens/s")[0]) > 0
    print(completed.stdout, file=sys.stderr)  # CI's log then says which kind of machine it ran on
