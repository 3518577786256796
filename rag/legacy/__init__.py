"""The rule-based answerer being replaced by the trained reader; kept only so `siaga eval` can report it
side by side with the reader until it is deleted."""
