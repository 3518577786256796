"""A scripted OpenAI-compatible (and minimal Ollama-compatible) chat server on 127.0.0.1.

Tests run the real llama-index clients against it over real HTTP, so streaming, HTTP errors and
hung connections are exercised exactly as with llama.cpp / vLLM / Ollama. Each reply is a
``Script``; request bodies are recorded so tests can inspect the prompt.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Script:
    """One scripted reply.

    ``hang``: seconds to wait before sending anything (the client sees a silent server).
    ``hang_after``: stream this many tokens, then wait ``hang`` seconds mid-stream.
    ``drip``: seconds between streamed tokens (a server that never stops talking slowly).
    Every wait ends early when the server shuts down, so handler threads exit promptly.
    """

    text: str = ""
    status: int = 200
    hang: float = 0.0
    hang_after: int | None = None
    drip: float = 0.0
    error_message: str = "scripted failure"


def tokens_of(text: str) -> list[str]:
    """Split text into stream deltas the way a tokenizer roughly would (word plus leading space)."""
    return re.findall(r"\s*\S+", text) or [text]


class _Server(ThreadingHTTPServer):
    daemon_threads = False  # server_close() joins handler threads: nothing outlives the fixture
    block_on_close = True

    def __init__(self, owner: FakeLLMServer) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.owner = owner


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.0"  # one request per connection; the body ends when the socket closes
    timeout = 30  # a half-open client cannot pin a handler thread forever

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib signature
        pass

    # -- plumbing --------------------------------------------------------------------------

    @property
    def owner(self) -> FakeLLMServer:
        return self.server.owner

    def _wait(self, seconds: float) -> bool:
        """Sleep up to ``seconds``; False when the server is shutting down."""
        return not self.owner.closing.wait(seconds) if seconds > 0 else not self.owner.closing.is_set()

    def _send_json(self, status: int, payload: Any) -> None:
        body = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _read_body(self) -> dict[str, Any]:
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length) if length else b""
        try:
            body = json.loads(raw or b"{}")
        except json.JSONDecodeError:
            body = {"_raw": raw.decode("utf-8", "replace")}
        self.owner.record(self.path, body)
        return body

    def handle_one_request(self) -> None:
        try:
            super().handle_one_request()
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            self.close_connection = True  # the client gave up (deadline): nothing to do

    # -- routes ----------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - stdlib name
        if self.path.rstrip("/").endswith("/models"):
            self._send_json(200, {"object": "list", "data": [{"id": self.owner.model, "object": "model"}]})
        elif self.path.rstrip("/") == "/api/tags":
            self._send_json(200, {"models": [{"name": self.owner.model, "model": self.owner.model}]})
        else:
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})

    def do_POST(self) -> None:  # noqa: N802 - stdlib name
        body = self._read_body()
        path = self.path.rstrip("/")
        if path.endswith("/chat/completions"):
            self._openai_chat(body, self.owner.next_script())
        elif path == "/api/chat":
            self._ollama_chat(body, self.owner.next_script())
        elif path == "/api/show":
            self._send_json(200, {"modelinfo": {"llama.context_length": 8192}, "details": {}})
        else:
            self._send_json(404, {"error": {"message": f"no route {self.path}"}})

    def _before_reply(self, script: Script) -> bool:
        """Common prelude: a hang before any byte is sent. False when shutting down."""
        if script.hang and script.hang_after is None:
            return self._wait(script.hang)
        return True

    def _stream(self, script: Script, content_type: str, frames: list[bytes], tail: list[bytes]) -> None:
        """Send ``frames`` one by one (with drip / mid-stream hang), then ``tail``."""
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Cache-Control", "no-cache")
        self.send_header("Connection", "close")
        self.end_headers()
        self.wfile.flush()
        for i, frame in enumerate(frames):
            if script.hang_after is not None and i == script.hang_after:
                self._wait(script.hang)
                return
            if i and script.drip and not self._wait(script.drip):
                return
            self.wfile.write(frame)
            self.wfile.flush()
        for frame in tail:
            self.wfile.write(frame)
        self.wfile.flush()

    def _openai_chat(self, body: dict[str, Any], script: Script) -> None:
        if not self._before_reply(script):
            return
        if script.status != 200:
            self._send_json(script.status, {"error": {"message": script.error_message, "type": "server_error"}})
            return
        model = body.get("model", self.owner.model)
        created = int(time.time())
        if not body.get("stream"):
            self._send_json(
                200,
                {
                    "id": "chatcmpl-fake",
                    "object": "chat.completion",
                    "created": created,
                    "model": model,
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": script.text}, "finish_reason": "stop"}
                    ],
                    "usage": {"prompt_tokens": 10, "completion_tokens": 10, "total_tokens": 20},
                },
            )
            return

        def chunk(delta: dict[str, Any], finish: str | None = None) -> bytes:
            payload = {
                "id": "chatcmpl-fake",
                "object": "chat.completion.chunk",
                "created": created,
                "model": model,
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            return b"data: " + json.dumps(payload).encode() + b"\n\n"

        frames = [chunk({"role": "assistant", "content": tok}) for tok in tokens_of(script.text)]
        self._stream(script, "text/event-stream", frames, [chunk({}, "stop"), b"data: [DONE]\n\n"])

    def _ollama_chat(self, body: dict[str, Any], script: Script) -> None:
        if not self._before_reply(script):
            return
        if script.status != 200:
            self._send_json(script.status, {"error": script.error_message})
            return
        model = body.get("model", self.owner.model)
        stamp = "2024-02-14T00:00:00Z"
        done = {
            "model": model,
            "created_at": stamp,
            "message": {"role": "assistant", "content": ""},
            "done": True,
            "done_reason": "stop",
            "total_duration": 1000,
            "load_duration": 10,
            "prompt_eval_count": 10,
            "prompt_eval_duration": 100,
            "eval_count": 10,
            "eval_duration": 100,
        }
        if body.get("stream") is False:
            self._send_json(200, {**done, "message": {"role": "assistant", "content": script.text}})
            return
        frames = [
            json.dumps(
                {"model": model, "created_at": stamp, "message": {"role": "assistant", "content": tok}, "done": False}
            ).encode()
            + b"\n"
            for tok in tokens_of(script.text)
        ]
        self._stream(script, "application/x-ndjson", frames, [json.dumps(done).encode() + b"\n"])


class FakeLLMServer:
    """Context manager: ``with FakeLLMServer(Script(text=...)) as srv: srv.base_url``.

    ``script`` answers every request unless ``queue`` holds scripts, which are used first, in order.
    """

    def __init__(self, script: Script | None = None, *, model: str = "fake-model") -> None:
        self.script = script or Script(text="")
        self.queue: deque[Script] = deque()
        self.model = model
        self.requests: list[dict[str, Any]] = []
        self.closing = threading.Event()
        self._lock = threading.Lock()
        self._server: _Server | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeLLMServer:
        self._server = _Server(self)
        self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        """Wake every waiting handler, stop serving, join all threads."""
        self.closing.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=5)

    def __enter__(self) -> FakeLLMServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting and inspection ------------------------------------------------------------

    @property
    def port(self) -> int:
        assert self._server is not None, "server not started"
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """OpenAI-compatible base URL (what SIAGA_LLM_BASE_URL would hold)."""
        return f"http://127.0.0.1:{self.port}/v1"

    @property
    def ollama_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def reply(self, script: Script) -> None:
        self.script = script

    def next_script(self) -> Script:
        with self._lock:
            return self.queue.popleft() if self.queue else self.script

    def record(self, path: str, body: dict[str, Any]) -> None:
        with self._lock:
            self.requests.append({"path": path, "body": body})

    def chat_bodies(self) -> list[dict[str, Any]]:
        """Bodies of the chat requests received so far (either API)."""
        with self._lock:
            return [
                r["body"] for r in self.requests if r["path"].rstrip("/").endswith(("/chat/completions", "/api/chat"))
            ]

    def last_messages(self) -> list[dict[str, Any]]:
        bodies = self.chat_bodies()
        assert bodies, "no chat request received"
        return bodies[-1].get("messages", [])
