"""Errors the CLI turns into one-line messages and exit codes."""

from __future__ import annotations


class ExtractorError(Exception):
    """A failure with a message fit for the user; `exit_code` is what the CLI returns."""

    exit_code = 1


class InputError(ExtractorError):
    """The article cannot be read as text (missing, empty, binary, undecodable)."""

    exit_code = 2


class UsageError(ExtractorError):
    """The command was given something it cannot work with: a bad model spec, a conflicting run id..."""

    exit_code = 2


class EndpointError(ExtractorError):
    """The model endpoint could not be reached or kept failing after the retries."""

    exit_code = 3


class ServerCrashed(EndpointError):
    """The embedded server process died (a signal such as SIGILL, or an exit) while loading or answering."""


class ExtractionFailed(ExtractorError):
    """The model answered, but no valid record came out of it after the re-asks."""

    exit_code = 4
