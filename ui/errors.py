"""How the app words a failure: an operational error is one line for the user, never a stack trace.

Operational errors (a missing model, a locked index, an unreadable file...) are raised as
``siaga.errors.SiagaError``, whose ``str()`` is already a one-line message for the user. Anything
else is a bug: the user sees its type and first line, the full traceback goes to the server log.
"""

from __future__ import annotations

import logging

from ui.i18n import DEFAULT_LANG, t

try:
    from siaga.errors import SiagaError
except ImportError:  # the shared error module may not exist yet in this checkout; nothing raises it then

    class SiagaError(Exception):  # type: ignore[no-redef]
        """Stand-in for ``siaga.errors.SiagaError`` until that module exists."""


log = logging.getLogger("siaga.app")


def one_line(text: object, limit: int = 300) -> str:
    """The first non-empty line of ``text``, shortened: a message, never a traceback."""
    line = next((ln.strip() for ln in str(text).splitlines() if ln.strip()), "")
    return line if len(line) <= limit else line[: limit - 1].rstrip() + "…"


def is_operational(exc: BaseException) -> bool:
    return isinstance(exc, SiagaError)


def user_message(exc: BaseException, lang: str = DEFAULT_LANG) -> str:
    """What the user reads about ``exc`` (plain text; escape it before drawing it as Markdown).

    A ``SiagaError`` speaks for itself; any other exception is logged with its traceback and
    reported by type and first line.
    """
    if is_operational(exc):
        return one_line(exc) or type(exc).__name__
    log.error("unexpected error in the app", exc_info=exc)
    detail = one_line(exc)
    return t("error_unexpected", lang, e=f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__)
