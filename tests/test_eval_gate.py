"""Regression gate: the development set must stay above the bars (a few points under current scores).

Raise the bars as scores rise; never lower them to make a change pass.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

# Scores on 2026-11-28 (session 2): accuracy 0.937 (en 0.911, id 0.947), refusal 1.00 (18 questions: one
# miss is 0.944), false refusals 0.011. Bars sit a few points below them (first bars: 0.83 / 0.78 / 0.10).
MIN_ACCURACY = 0.89
MIN_ENGLISH = 0.85
MIN_REFUSAL = 0.94
MAX_FALSE_REFUSAL = 0.05


def test_dev_set_stays_above_the_bars(tmp_path: Path) -> None:
    env = {**os.environ, "SIAGA_DATA_DIR": str(tmp_path / "user-data")}
    result = subprocess.run(
        [sys.executable, "-m", "cli", "eval", "--json", "--out", str(tmp_path / "reports"),
         "--min-accuracy", str(MIN_ACCURACY), "--min-refusal", str(MIN_REFUSAL)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=1500,
    )
    assert result.stdout, result.stderr[-3000:]
    summary = json.loads(result.stdout)
    overall = summary["overall"]
    figures = (f"accuracy {overall['accuracy']}, en {summary['by_lang']['en']['accuracy']}, "
               f"refusal {overall['refusal_accuracy']}, false refusals {overall['false_refusal_rate']}")
    assert result.returncode == 0, figures + "\n" + result.stderr[-2000:]
    assert summary["by_lang"]["en"]["accuracy"] >= MIN_ENGLISH, figures
    assert overall["false_refusal_rate"] <= MAX_FALSE_REFUSAL, figures
    assert overall["citation_resolve"] == 1.0 and overall["numeric_fidelity"] == 1.0, figures
    assert not (tmp_path / "user-data").exists(), "the eval must not touch the user's index"
