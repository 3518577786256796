"""Choosing the torch thread count by timing, with a scripted clock: which count wins, not how fast."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import torch

from siaga.cpu import fastest_threads

pytestmark = pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="needs 2 cores to offer a choice")


class ScriptedStep:
    """A step that takes, on a fake clock, the next scripted duration for the thread count it runs under."""

    def __init__(self, durations: dict[int, list[float]]) -> None:
        self.durations = {count: iter(values) for count, values in durations.items()}
        self.now = 0.0
        self.counts: list[int] = []

    def __call__(self) -> None:
        count = torch.get_num_threads()
        self.counts.append(count)
        self.now += next(self.durations[count])

    def clock(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def _restore_threads() -> Iterator[None]:
    before = torch.get_num_threads()
    yield
    torch.set_num_threads(before)


def test_one_hiccup_does_not_decide_the_count() -> None:
    """Two threads are faster but one of their timings is hit by a hiccup: a single timing each would pick 1."""
    step = ScriptedStep({1: [9.0, 1.8, 1.8, 1.8], 2: [9.0, 10.0, 1.0, 1.0]})  # first call: untimed set-up
    assert fastest_threads(step, clock=step.clock) == 2
    assert torch.get_num_threads() == 2


def test_a_core_held_by_another_process_keeps_one_thread() -> None:
    """Two threads slow in every timing (another process holds a core): one thread wins."""
    step = ScriptedStep({1: [9.0, 1.8, 1.8, 1.8], 2: [9.0, 6.0, 5.0, 7.0]})
    assert fastest_threads(step, clock=step.clock) == 1
    assert torch.get_num_threads() == 1


def test_counts_take_turns_after_an_untimed_first_call_each() -> None:
    step = ScriptedStep({1: [1.0] * 4, 2: [1.0] * 4})
    fastest_threads(step, rounds=3, clock=step.clock)
    assert step.counts == [1, 2, 1, 2, 1, 2, 1, 2]
