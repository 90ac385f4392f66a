"""Errors the CLI turns into one-line messages and exit codes."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    """What the `extractor` command returns; the one place these numbers are written."""

    OK = 0
    ERROR = 1
    BAD_INPUT = 2  # a missing, empty, binary or undecodable file, or a bad option
    ENDPOINT = 3  # the endpoint unreachable or failing after the retries
    NO_RECORD = 4  # no valid record after the re-asks
    BATCH_PARTIAL = 5  # a batch finished but some articles failed
    INTERRUPTED = 130  # Ctrl-C
    TERMINATED = 143  # SIGTERM


class ExtractorError(Exception):
    """A failure with a message fit for the user; `exit_code` is what the CLI returns."""

    exit_code: ExitCode = ExitCode.ERROR


class InputError(ExtractorError):
    """The article cannot be read as text (missing, empty, binary, undecodable)."""

    exit_code = ExitCode.BAD_INPUT


class UsageError(ExtractorError):
    """The command was given something it cannot work with: a bad model spec, a conflicting run id..."""

    exit_code = ExitCode.BAD_INPUT


class EndpointError(ExtractorError):
    """The model endpoint could not be reached or kept failing after the retries."""

    exit_code = ExitCode.ENDPOINT


class ServerCrashed(EndpointError):
    """The embedded server process died (a signal such as SIGILL, or an exit) while loading or answering."""


class ExtractionFailed(ExtractorError):
    """The model answered, but no valid record came out of it after the re-asks."""

    exit_code = ExitCode.NO_RECORD
