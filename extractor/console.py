"""How the command line reports: one line per failure on stderr, an exit code, and with --debug the cause.

Shared by every command, the corpus commands included.
"""

from __future__ import annotations

import sys
import time
import traceback
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import typer
from rich.console import Console
from rich.markup import escape

from extractor.errors import ExitCode, ExtractorError
from extractor.local_models import cache_dir

err = Console(stderr=True)


@dataclass
class CliOptions:
    """Options of the top-level app, set by its callback before any command runs."""

    debug: bool = False


options = CliOptions()
STARTED = time.time()
SERVER_LOG_LINES = 20


def fail(error: ExtractorError) -> typer.Exit:
    """One line on stderr (with --debug, the cause and the server log before it) and the error's exit code."""
    if options.debug:
        _print_debug(error)
    err.print(f"[bold red]error:[/] {escape(str(error))}", highlight=False, soft_wrap=True)
    return typer.Exit(error.exit_code)


def _print_debug(error: BaseException) -> None:
    sys.stderr.write("".join(traceback.format_exception(type(error), error, error.__traceback__)))
    for log_file in _server_logs_of_this_run():
        lines = log_file.read_text(encoding="utf-8", errors="replace").splitlines()[-SERVER_LOG_LINES:]
        sys.stderr.write(f"--- last {len(lines)} line(s) of {log_file}\n" + "".join(f"{line}\n" for line in lines))


def _server_logs_of_this_run() -> list[Path]:
    """The logs of embedded servers written since this process started (the servers it involved)."""
    logs = (cache_dir() / "servers").glob("*.log")
    return sorted(log for log in logs if log.stat().st_mtime >= STARTED)


@contextmanager
def reported_errors(on_interrupt: str | None = None) -> Iterator[None]:
    """A command's failures as one line and an exit code; Ctrl-C as INTERRUPTED (after `on_interrupt`)."""
    try:
        yield
    except ExtractorError as error:
        raise fail(error) from error
    except KeyboardInterrupt:
        if on_interrupt:
            err.print(on_interrupt)
        raise typer.Exit(ExitCode.INTERRUPTED) from None
