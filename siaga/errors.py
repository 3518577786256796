"""Operational errors a user can act on: ``str(error)`` is the one line to show, never a traceback.

The stores and the ingest pipeline raise these; the CLI prints the message and exits with
``exit_code``, and the Streamlit app catches :class:`SiagaError` and shows the same line. Bugs are not
wrapped: only faults of the environment (a server down, a full disk, a read-only folder, another
writer, a model change) become a :class:`SiagaError`.
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from pathlib import Path


class SiagaError(Exception):
    """Base of every user-facing operational error; ``str()`` is the one-line message."""

    exit_code: int = 1


class IngestLockedError(SiagaError):
    """Another writer (ingest, delete, reindex, doctor --repair) holds the index lock."""

    exit_code = 2


class EmbeddingMismatchError(SiagaError, RuntimeError):
    """The collection was built with another embedding model; mixing vectors would be meaningless."""

    exit_code = 2


class StoreUnavailableError(SiagaError):
    """The vector store cannot be reached (Chroma server down) or its collection is gone."""

    exit_code = 3


class StorageError(SiagaError):
    """The index folder cannot be written: disk full, read-only file system, permission denied."""

    exit_code = 3


_ERRNO_WORDS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is exhausted",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
    errno.EFBIG: "the file size limit was reached",
    errno.EIO: "an input/output error occurred",
}

# What SQLite and Chroma's Rust core put in their messages for the same faults.
_MESSAGE_WORDS = (
    ("disk is full", "the disk is full"),
    ("no space left", "the disk is full"),
    ("readonly database", "the index is read-only"),
    ("read-only file system", "the file system is read-only"),
    ("permission denied", "permission denied"),
    ("unable to open database file", "the database file cannot be opened"),
    ("disk i/o error", "an input/output error occurred"),
    ("file too large", "the file size limit was reached"),
)


def storage_problem(exc: BaseException) -> str | None:
    """A short phrase for a storage fault ("the disk is full"), or None when ``exc`` is not one."""
    if isinstance(exc, OSError) and exc.errno in _ERRNO_WORDS:
        return _ERRNO_WORDS[exc.errno]
    if isinstance(exc, OSError | sqlite3.OperationalError | sqlite3.DatabaseError) or type(exc).__module__.startswith(
        "chromadb"
    ):
        text = str(exc).lower()
        for needle, words in _MESSAGE_WORDS:
            if needle in text:
                return words
    return None


_VAGUE = ("the database file cannot be opened", "an input/output error occurred")
LOW_SPACE_BYTES = 1 << 20


def _refine(problem: str, where: Path | str) -> str:
    """SQLite says only "unable to open database file" for a read-only folder or a full disk: look which."""
    if problem not in _VAGUE:
        return problem
    folder = Path(where)
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if folder.is_file():
        folder = folder.parent
    if not os.access(folder, os.W_OK):
        return "the folder is not writable (read-only file system or permissions)"
    try:
        if shutil.disk_usage(folder).free < LOW_SPACE_BYTES:
            return "the disk is full"
    except OSError:
        pass
    return problem


def storage_error(exc: BaseException, where: Path | str, action: str = "write to") -> StorageError | None:
    """A :class:`StorageError` naming ``where`` for a storage fault, else None (let the original raise)."""
    problem = storage_problem(exc)
    if problem is None:
        return None
    return StorageError(f"cannot {action} {where}: {_refine(problem, where)}")
