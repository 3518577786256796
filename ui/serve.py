"""``python -m ui.serve [streamlit options]``: run the app with the model warmed as the server starts.

``streamlit run app.py`` has no start-up hook: the model would load on the first page view, and a
quick first question would wait for it. This entry point creates the app's engine first (its model
and indexes load in a background thread), then hands over to ``streamlit run app.py`` in the same
process, where every session finds that engine (``ui.resources.get_engine``).

The heavy modules are imported here, before the server compiles any page: CPython 3.11.7 can fail
with "AST constructor recursion depth mismatch" when one thread compiles while another imports.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
APP = ROOT / "app.py"


def warm_start() -> None:
    """Import the answering stack and start loading the model and indexes in the background."""
    if str(ROOT) not in sys.path:
        sys.path.insert(0, str(ROOT))
    from ui.resources import get_engine, get_settings

    get_settings().apply_runtime_env()
    import sentence_transformers  # noqa: F401
    import transformers  # noqa: F401

    import rag.pipeline  # noqa: F401 - import now, in this thread (see the module docstring)

    get_engine()  # starts the warm-up thread


def main(argv: list[str] | None = None) -> None:
    warm_start()
    from streamlit.web import cli

    sys.argv = ["streamlit", "run", str(APP), *(sys.argv[1:] if argv is None else argv)]
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
