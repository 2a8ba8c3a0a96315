"""The package's exceptions, one tree, and the command line's exit codes.

Everything newsclaims raises on purpose derives from ``NewsclaimsError``;
each class also derives from the built-in exception callers caught before the
tree existed (``ConfigError`` is a ``ValueError``), so old ``except`` clauses
keep working. This module imports nothing from the package.
"""

from __future__ import annotations

# Exit codes of the ``newsclaims`` command.
EXIT_OK = 0  # every document processed (some may have produced no claims)
EXIT_FAILED_DOCUMENTS = 1  # some documents failed; their error records are in the errors file
EXIT_USAGE = 2  # bad arguments, paths or configuration: nothing was processed
EXIT_INTERRUPTED = 130  # stopped by Ctrl-C (128 + SIGINT)


class NewsclaimsError(Exception):
    """Base class of the errors newsclaims raises on purpose."""


class ConfigError(NewsclaimsError, ValueError):
    """The configuration is missing, unreadable or invalid (a usage error: exit code 2).

    The message names the file or the ``[section] key``, the value and what is
    allowed, e.g. ``[classifier] min_confidence = 5.0: must be a number between 0 and 1``.
    """


class UsageError(NewsclaimsError):
    """Bad arguments or paths (exit code 2)."""


class ModelError(NewsclaimsError, RuntimeError):
    """A model directory is missing, foreign, tampered with, or from other library versions."""


class BatchError(NewsclaimsError, ValueError):
    """The batch cannot run as asked: a bad option, an output that exists, parts of
    another run. Raised before any document is processed (the command's exit code 2)."""


class ResumeError(NewsclaimsError, ValueError):
    """The state folder cannot be used (another configuration, or a leftover run without ``--resume``)."""


class ReadError(NewsclaimsError, ValueError):
    """One input item cannot be turned into a Document (the message says why).

    Per-document: it becomes an error record at stage ``read``, never stops a batch."""


class CleanError(NewsclaimsError, ValueError):
    """Nothing usable remains of a document (empty, whitespace only, no body).

    Per-document: an error record at stage ``clean``."""


class BudgetExceeded(NewsclaimsError, ValueError):
    """A document is larger than a size budget (the message names the budget).

    Per-document: an error record at the stage that measured it."""
