"""What this CPU offers, read at run time: machines differ from session to session.

One machine had AVX2 only; another AVX-512 with AMX, where bf16 matrix products run about 1.8x
faster than fp32. Nothing here assumes either: bf16 is used only where the CPU has native bf16
instructions (AMX or AVX512-BF16); elsewhere bf16 is emulated and slower than fp32.
"""

from __future__ import annotations

import os
import statistics
import time
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

BF16_FLAGS = frozenset({"amx_bf16", "avx512_bf16"})


@lru_cache(maxsize=1)
def cpu_flags() -> frozenset[str]:
    """The feature flags of the first CPU in /proc/cpuinfo (empty where that file does not exist)."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return frozenset()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() in ("flags", "Features"):
            return frozenset(value.split())
    return frozenset()


def has_native_bf16(flags: frozenset[str] | None = None) -> bool:
    """True when bf16 matrix maths runs in hardware (AMX tiles or AVX512-BF16 dot products)."""
    return bool((cpu_flags() if flags is None else flags) & BF16_FLAGS)


def describe_cpu(flags: frozenset[str] | None = None) -> str:
    """A short label for reports and model cards: the widest vector unit and bf16 support."""
    flags = cpu_flags() if flags is None else flags
    width = next((name for name in ("amx_bf16", "avx512f", "avx2") if name in flags), "baseline")
    label = {"amx_bf16": "AMX", "avx512f": "AVX-512", "avx2": "AVX2", "baseline": "no AVX2"}[width]
    return f"{label}, {'native bf16' if has_native_bf16(flags) else 'no native bf16 (fp32)'}"


def fastest_threads(step: Callable[[], None], candidates: Sequence[int] = (1, 2), rounds: int = 3,
                    clock: Callable[[], float] = time.perf_counter) -> int:
    """Time ``step`` under each torch thread count and keep the fastest (measured, never assumed).

    On an idle 2-core machine two threads win; while another process holds a core they can run
    3-10x slower than one. The counts take turns, ``rounds`` timings each, and are compared on their
    median: one scheduling hiccup during a single timing must not set the count for a whole session
    (one timing each once left a benchmark on a quiet machine on one thread, 60 % slower). The count is
    left set to the winner.
    """
    import torch

    usable = [c for c in candidates if c <= (os.cpu_count() or 1)] or [1]
    for count in usable:  # first calls pay one-off set-up; they are not timed
        torch.set_num_threads(count)
        step()
    timings: dict[int, list[float]] = {count: [] for count in usable}
    for _ in range(rounds):
        for count in usable:
            torch.set_num_threads(count)
            started = clock()
            step()
            timings[count].append(clock() - started)
    best = min(usable, key=lambda count: statistics.median(timings[count]))
    torch.set_num_threads(best)
    return best
