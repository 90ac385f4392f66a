"""The embedded server checks a grammar on the sampled token first (llama.cpp's way), with the same tokens."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor import llama_child

SEED = Path(__file__).resolve().parent.parent / "seeds" / "003_a8ab37e39b0f0da1.txt"

# Loads the model in a child process, so that a trapped instruction cannot kill the test run, and answers one
# grammar-constrained request twice on the same model: with the stock sampler, then with the checked one.
SAME_TOKENS_SCRIPT = """
import json, sys, time
import llama_cpp, llama_cpp._internals as internals
from extractor.grammar_sampling import use_grammar_checked_sampling
from extractor.llama_child import without_extra_buffers
from extractor.schemas.draft import Draft

model_file, extra_buffers, article = sys.argv[1], sys.argv[2] == "1", sys.argv[3]
if not extra_buffers:
    without_extra_buffers()
model = llama_cpp.Llama(model_path=model_file, n_ctx=2048, verbose=False)
messages = [{"role": "user", "content": "Write the JSON object for this article.\\n" + article}]
schema = {"type": "json_object", "schema": Draft.model_json_schema()}

def answer():
    model.reset()  # read the prompt afresh: logits after a cached prefix may differ in the last bits
    started = time.monotonic()
    reply = model.create_chat_completion(messages, response_format=schema, temperature=0.0, max_tokens=80)
    return reply["choices"][0]["message"]["content"], time.monotonic() - started

stock, stock_seconds = answer()
use_grammar_checked_sampling()
checked, checked_seconds = answer()
print(json.dumps({"stock": stock, "checked": checked, "seconds": [stock_seconds, checked_seconds]}))
"""


def test_serving_installs_the_checked_sampler_before_the_stock_server_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []
    monkeypatch.setattr(llama_child, "use_grammar_checked_sampling", lambda: calls.append("checked"))
    monkeypatch.setattr(llama_child.runpy, "run_module", lambda name, **_: calls.append(name))

    llama_child.serve(["--model", "m.gguf"])

    assert calls == ["checked", "llama_cpp.server"]


def test_the_checked_sampler_replaces_llama_cpp_pythons_sampler_class() -> None:
    pytest.importorskip("llama_cpp")
    script = (
        "import llama_cpp._internals as i; from extractor.grammar_sampling import use_grammar_checked_sampling; "
        "stock = i.LlamaSampler; use_grammar_checked_sampling(); "
        "print(issubclass(i.LlamaSampler, stock), i.LlamaSampler is not stock)"
    )
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert completed.stdout.split() == ["True", "True"]


@pytest.mark.e2e
@pytest.mark.timeout(900)
def test_the_checked_sampler_writes_the_same_tokens_as_the_stock_one() -> None:
    pytest.importorskip("llama_cpp")
    from extractor.cpu_probe import choose_buffers
    from extractor.local_models import ensure_model_file, get_local_model

    model_file = ensure_model_file(get_local_model("qwen2.5-coder-1.5b"))
    verdict = choose_buffers(model_file, log=lambda line: print(line, file=sys.stderr))
    article = SEED.read_text(encoding="utf-8")[:1200]
    extra_buffers = "1" if verdict.extra_buffers else "0"
    command = [sys.executable, "-c", SAME_TOKENS_SCRIPT, str(model_file), extra_buffers, article]

    completed = subprocess.run(command, capture_output=True, text=True, timeout=850)

    assert completed.returncode == 0, completed.stderr[-2000:]
    answers = json.loads(completed.stdout.strip().splitlines()[-1])
    assert answers["checked"] == answers["stock"]
    assert answers["stock"].startswith("{")
    print("seconds stock / checked:", answers["seconds"], file=sys.stderr)
