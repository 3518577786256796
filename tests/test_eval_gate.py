"""Regression gate: the reader answerer on the locked ``heldout`` split must stay above the bars.

The bars sit a few points under the scores measured when they were set; raise them as scores rise,
never lower them to make a change pass. Only ``heldout`` is scored here: the answerer's weights and
thresholds are fitted on ``tune`` (``siaga calibrate``), so these figures are not fitted to.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent

# heldout (88 questions) on 2026-12-01, reader FacQA test F1 80.7, calibration refitted with cross-validated
# grid selection: accuracy 0.557 (en 0.36, id 0.635), refusals of unanswerables 0.50, false refusals 0.15,
# every citation verified (before: 0.534, 0.75, 0.312). Raised on 2026-12-03 (twenty-fourth session), after
# heldout had held 0.648 (en 0.48, false refusals 0.113, unanswerables refused 0.50) for three sessions.
# Far under the targets (0.90 / 0.85 / 0.90 / 0.05): these bars only stop regressions.
MIN_ACCURACY = 0.60
MIN_ENGLISH = 0.40
MIN_REFUSAL = 0.50
MAX_FALSE_REFUSAL = 0.15


@pytest.mark.slow
def test_heldout_stays_above_the_bars(tmp_path: Path) -> None:
    env = {**os.environ, "SIAGA_DATA_DIR": str(tmp_path / "user-data")}
    result = subprocess.run(
        [sys.executable, "-m", "cli", "eval", "--json", "--split", "heldout", "--compare", "",
         "--out", str(tmp_path / "reports"), "--min-accuracy", str(MIN_ACCURACY), "--min-refusal", str(MIN_REFUSAL)],
        cwd=REPO, env=env, capture_output=True, text=True, timeout=1500,
    )
    assert result.stdout, result.stderr[-3000:]
    summary = json.loads(result.stdout)
    overall = summary["overall"]
    assert summary["run"]["split"] == "heldout" and overall["n"] >= 80
    figures = (f"accuracy {overall['accuracy']}, en {summary['by_lang']['en']['accuracy']}, "
               f"refusal {overall['refusal_accuracy']}, false refusals {overall['false_refusal_rate']}")
    assert result.returncode == 0, figures + "\n" + result.stderr[-2000:]
    assert summary["by_lang"]["en"]["accuracy"] >= MIN_ENGLISH, figures
    assert overall["false_refusal_rate"] <= MAX_FALSE_REFUSAL, figures
    assert overall["citation_resolve"] == 1.0 and overall["verified"] == 1.0, figures
    assert not (tmp_path / "user-data").exists(), "the eval must not touch the user's index"
