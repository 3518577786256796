"""Run the real `siaga` CLI in a child process that kills or stops itself at an exact point.

    python tests/fault_driver.py SPEC[,SPEC...] -- ingest data/articles --json

Each SPEC is ``ACTION:WHEN:MODULE:ATTR:N``: on the N-th call of ``MODULE.ATTR`` (``Class.method`` or a
function), ``before`` or ``after`` it runs, the process sends itself ``kill`` (SIGKILL, as ``kill -9``
would) or ``stop`` (SIGSTOP: the test inspects the world, then sends SIGCONT). Nothing is replaced:
the wrapped call runs unchanged, so the state on disk is exactly what a kill at that instant leaves.
This makes the fault matrix deterministic without sleeping or polling.
"""

from __future__ import annotations

import functools
import importlib
import os
import signal
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def _install(spec: str) -> None:
    action, when, module_name, attr, nth = spec.split(":")
    sig = {"kill": signal.SIGKILL, "stop": signal.SIGSTOP}[action]
    owner: Any = importlib.import_module(module_name)
    *path, name = attr.split(".")
    for part in path:
        owner = getattr(owner, part)
    original = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
    func = original.__func__ if isinstance(original, staticmethod) else original
    calls = 0

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        nonlocal calls
        calls += 1
        if when == "before" and calls == int(nth):
            os.kill(os.getpid(), sig)
        result = func(*args, **kwargs)
        if when == "after" and calls == int(nth):
            os.kill(os.getpid(), sig)
        return result

    setattr(owner, name, staticmethod(wrapper) if isinstance(original, staticmethod) else wrapper)


def main() -> None:
    sys.path.insert(0, str(REPO))
    if len(sys.argv) < 3 or sys.argv[2] != "--":
        raise SystemExit("usage: fault_driver.py SPEC[,SPEC...] -- CLI ARGS...")
    specs, cli_args = sys.argv[1], sys.argv[3:]
    for spec in specs.split(","):
        _install(spec)
    from cli import app

    sys.argv = ["siaga", *cli_args]
    app()


if __name__ == "__main__":
    main()
