"""What runs inside the embedded backend's child processes: the llama.cpp server, and the CPU probe.

    python -m extractor.llama_child [--no-extra-buffers] serve -- LLAMA_CPP_SERVER_ARGS...
    python -m extractor.llama_child [--no-extra-buffers] probe -- MODEL_FILE

Both load the model through llama-cpp-python. `--no-extra-buffers` sets llama.cpp's model parameter
`use_extra_bufts = false`: no AMX and no weight-repacking buffer types. On a VM whose CPU advertises AMX but
traps it, the default buffers die with SIGILL at the first matrix product; this keeps them off. The stock
`llama_cpp.server` has no flag for the parameter, so `serve` sets it and then runs that same server, with one
change: a grammar is checked on the sampled token first, as llama.cpp's own server does (`grammar_sampling`).
"""

from __future__ import annotations

import argparse
import json
import os
import runpy
import sys
from pathlib import Path
from typing import Any

from extractor.grammar_sampling import use_grammar_checked_sampling

# Long enough that the prompt is ingested as a batch (the path AMX kernels take), as a real request's is.
PROBE_PROMPT = (
    "The provincial Party Committee held a conference on the morning of 12 March to review the work of the "
    "past year and to set tasks for the coming year. Delegates discussed the draft resolution, approved the "
    "plan for the congress and elected the new standing committee. The record of this meeting is:"
)


def child_command(action: str, *, extra_buffers: bool, args: list[str]) -> list[str]:
    """The command line that runs `action` in a child process with this interpreter."""
    flags = [] if extra_buffers else ["--no-extra-buffers"]
    return [sys.executable, "-m", "extractor.llama_child", *flags, action, "--", *args]


def child_process_options(work_dir: Path) -> dict[str, Any]:
    """Popen options that make the child import the same `extractor` as this process.

    `python -m` puts the working directory first on sys.path, so a child started in a checkout would import
    that checkout instead of the installed package: the child runs in `work_dir`. When this process itself
    runs from a checkout (no install), PYTHONPATH points the child at it."""
    root = Path(__file__).resolve().parent.parent
    env = dict(os.environ)
    if (root / "pyproject.toml").is_file():
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), env.get("PYTHONPATH")]))
    return {"cwd": work_dir, "env": env}


def without_extra_buffers() -> None:
    """Make every model this process loads use llama.cpp's plain CPU buffers (use_extra_bufts = false)."""
    import llama_cpp.llama_cpp as bindings

    default_params = bindings.llama_model_default_params

    def plain_buffer_params():  # type: ignore[no-untyped-def]
        params = default_params()
        params.use_extra_bufts = False
        return params

    bindings.llama_model_default_params = plain_buffer_params


def serve(server_args: list[str]) -> None:
    use_grammar_checked_sampling()
    sys.argv = ["llama_cpp.server", *server_args]
    runpy.run_module("llama_cpp.server", run_name="__main__", alter_sys=True)


def probe(model_file: str) -> None:
    """Load the model and complete one token; exits 0 if the CPU runs it (a trapped instruction kills it)."""
    import llama_cpp

    threads = max(1, os.cpu_count() or 1)
    model = llama_cpp.Llama(model_path=model_file, n_ctx=512, n_threads=threads, n_threads_batch=threads, verbose=True)
    model.create_completion(PROBE_PROMPT, max_tokens=1, temperature=0.0)
    print(json.dumps({"system_info": llama_cpp.llama_print_system_info().decode(errors="replace").strip()}))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m extractor.llama_child")
    parser.add_argument("action", choices=["serve", "probe"])
    parser.add_argument("--no-extra-buffers", action="store_true", help="use_extra_bufts = false (no AMX, no repack)")
    parser.add_argument("rest", nargs=argparse.REMAINDER)
    args = parser.parse_args(argv)
    rest = args.rest[1:] if args.rest[:1] == ["--"] else args.rest
    if args.no_extra_buffers:
        without_extra_buffers()
    if args.action == "serve":
        serve(rest)
    elif len(rest) != 1:
        parser.error("probe takes one MODEL_FILE")
    else:
        probe(rest[0])


if __name__ == "__main__":
    main()
