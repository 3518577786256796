"""Conversations kept on disk: round trip, atomic replace, and a URL parameter never names a path."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ui.conversations import ConversationStore, new_conversation_id, valid_id


def test_round_trip(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path / "conversations")
    cid = new_conversation_id()
    data = {"messages": [{"role": "user", "content": "Berapa TPS?"}], "filters": {"f_regions": ["Bali"]}}
    store.save(cid, data)
    loaded = store.load(cid)
    assert loaded is not None
    assert loaded["messages"] == data["messages"] and loaded["filters"] == data["filters"]
    store.save(cid, {"messages": []})  # replaced whole, no temp file left behind
    assert store.load(cid)["messages"] == []
    assert [p.name for p in (tmp_path / "conversations").iterdir()] == [f"{cid}.json"]


@pytest.mark.parametrize("bad", ["../../etc/passwd", "abc", "A" * 32, "", None, 123, "0" * 31 + "/"])
def test_only_app_made_ids_are_accepted(tmp_path: Path, bad: object) -> None:
    store = ConversationStore(tmp_path)
    assert not valid_id(bad)
    assert store.load(bad) is None
    with pytest.raises(ValueError):
        store.save(bad, {"messages": []})  # type: ignore[arg-type]


def test_unknown_or_damaged_files_load_as_none(tmp_path: Path) -> None:
    store = ConversationStore(tmp_path)
    cid = new_conversation_id()
    assert store.load(cid) is None
    (tmp_path / f"{cid}.json").write_text("{not json", encoding="utf-8")
    assert store.load(cid) is None
    (tmp_path / f"{cid}.json").write_text(json.dumps({"messages": "nope"}), encoding="utf-8")
    assert store.load(cid) is None
