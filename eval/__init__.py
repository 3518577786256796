"""The eval suite: datasets, deterministic metrics, runner with baselines, and reports."""
