"""Conversations kept on this computer, so a reload (or a restart of the app) does not lose them.

Each conversation is one JSON file, ``<data_dir>/conversations/<id>.json``, named by a random
32-hex id that the app keeps in the page URL (``?c=<id>``): reloading the page reads it back, and
"New conversation" simply starts a new id. Nothing leaves the machine. Writes are atomic (a
temporary file renamed over the old one), so a crash mid-write never leaves half a conversation.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import uuid
from pathlib import Path
from typing import Any

_ID_RE = re.compile(r"^[0-9a-f]{32}$")
VERSION = 1


def new_conversation_id() -> str:
    return uuid.uuid4().hex


def valid_id(value: Any) -> bool:
    """Only ids the app makes: a URL parameter must never name a path."""
    return isinstance(value, str) and bool(_ID_RE.match(value))


class ConversationStore:
    """Load and save conversations (messages, filters, interface language) as JSON files in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def path(self, conversation_id: str) -> Path:
        if not valid_id(conversation_id):
            raise ValueError(f"not a conversation id: {conversation_id!r}")
        return self.folder / f"{conversation_id}.json"

    def load(self, conversation_id: Any) -> dict[str, Any] | None:
        """The stored conversation, or None when the id is unknown, malformed or its file unreadable."""
        if not valid_id(conversation_id):
            return None
        try:
            data = json.loads(self.path(conversation_id).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        if not isinstance(data, dict) or not isinstance(data.get("messages", []), list):
            return None
        return data

    def save(self, conversation_id: str, data: dict[str, Any]) -> None:
        """Write atomically: a reader sees the old file or the new one, never a torn one."""
        target = self.path(conversation_id)
        target.parent.mkdir(parents=True, exist_ok=True)
        payload = json.dumps({"version": VERSION, **data}, ensure_ascii=False, indent=1)
        fd, tmp = tempfile.mkstemp(prefix=".conv-", suffix=".tmp", dir=target.parent)
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(payload)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
