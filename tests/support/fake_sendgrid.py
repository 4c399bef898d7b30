"""A local stand-in for SendGrid's v3 mail API, for tests that send through anymail for real.

It speaks just enough of `POST /v3/mail/send`: it checks the Bearer key, validates the JSON the way
SendGrid does (400 with an `errors` list), records each accepted message and answers 202 with an
`X-Message-Id`. Tests script the failures ahead of time (`fail_next`, `refuse_recipient`) and can slow
every answer (`latency`) or one scripted failure (`delay`) to widen race windows or to leave time to
kill a worker mid-request (`held` counts the requests waiting out their delay).

Order of checks for each request: wrong path (404), wrong key (401), the next scripted failure if one
is queued (429/5xx/dropped connection, as a provider answers before it reads the message), the JSON
and its fields (400), a refused recipient, then acceptance. A message counts as accepted once the
fake has decided so, even if the client is gone before the answer is written (as with the real
provider); such messages are marked `reply_lost`.
"""

import json
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

SEND_PATH = "/v3/mail/send"
DISCONNECT = 0
"""A scripted "status" that closes the connection without an answer: the client sees no status code."""
_LET_THROUGH = -1
"""A scripted entry that answers as if nothing were scripted: places a later failure among acceptances."""


@dataclass(frozen=True)
class Failure:
    status: int
    delay: float = 0.0
    message: str = ""


@dataclass
class AcceptedMessage:
    message_id: str
    to: tuple[str, ...]
    subject: str
    headers: dict
    custom_args: dict
    payload: dict
    reply_lost: bool = False

    @property
    def anymail_id(self) -> str:
        """The id anymail generated and reports as the message id (`anymail_status.message_id`)."""
        return self.custom_args.get("anymail_id", "")

    def header(self, name, default=""):
        return next((value for key, value in self.headers.items() if key.lower() == name.lower()), default)


@dataclass
class _Reply:
    status: int
    body: dict | None = None
    headers: dict = field(default_factory=dict)
    accepted: AcceptedMessage | None = None


DEFAULT_MESSAGES = {
    400: "Bad Request",
    401: "The provided authorization grant is invalid, expired, or revoked",
    404: "Not Found",
    429: "too many requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def _errors(message, field_name=None):
    return {"errors": [{"message": message, "field": field_name, "help": None}]}


class FakeSendGrid:
    """A threaded HTTP server on 127.0.0.1 and a free port; thread-safe; start/stop or use as a context."""

    def __init__(self, *, api_key="SG.fake-key-for-tests", latency=0.0):
        self.api_key = api_key
        self.latency = latency
        self._lock = threading.Lock()
        self._failures = deque()
        self._refused = {}
        self._accepted = []
        self._statuses = []
        self._held = 0
        self._server = None
        self._thread = None

    # Life cycle

    def start(self):
        handler = type("FakeSendGridHandler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="fake-sendgrid", daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._thread.join(timeout=5)
            self._server = self._thread = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def port(self) -> int:
        return self._server.server_address[1]

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v3/"

    def anymail_settings(self) -> dict:
        """The `ANYMAIL` setting that points anymail's SendGrid backend here."""
        return {"SENDGRID_API_KEY": self.api_key, "SENDGRID_API_URL": self.api_url}

    # Script

    def fail_next(self, status, times=1, *, delay=0.0, message=""):
        """Answer the next `times` requests with `status` (or DISCONNECT), after the ones already queued."""
        with self._lock:
            self._failures.extend(Failure(status, delay, message) for _ in range(times))

    def let_through(self, times=1):
        """Answer the next `times` requests as if nothing were scripted, after the ones already queued."""
        with self._lock:
            self._failures.extend(Failure(_LET_THROUGH) for _ in range(times))

    def refuse_recipient(self, address, status=400, message="Does not contain a valid address."):
        """Always refuse messages to `address` (a permanent error such as a malformed or blocked address)."""
        with self._lock:
            self._refused[address.lower()] = Failure(status, message=message)

    def reset(self):
        """Forget the script and everything recorded; the server keeps running on the same port."""
        with self._lock:
            self._failures.clear()
            self._refused.clear()
            self._accepted.clear()
            self._statuses.clear()

    # What happened

    @property
    def accepted(self) -> list[AcceptedMessage]:
        with self._lock:
            return list(self._accepted)

    @property
    def statuses(self) -> list[int]:
        """The status of every answer, in order (DISCONNECT for a dropped connection)."""
        with self._lock:
            return list(self._statuses)

    @property
    def request_count(self) -> int:
        with self._lock:
            return len(self._statuses)

    @property
    def failures_left(self) -> int:
        with self._lock:
            return sum(failure.status != _LET_THROUGH for failure in self._failures)

    @property
    def held(self) -> int:
        """Requests answered but not yet replied to, waiting out a latency or a scripted delay."""
        with self._lock:
            return self._held

    def accepted_with_header(self, name, value) -> list[AcceptedMessage]:
        return [message for message in self.accepted if message.header(name) == value]

    # Serving

    def _answer(self, path, authorization, body) -> tuple[_Reply | None, float]:
        """Decide and record the reply (None drops the connection) and the delay before it is given.

        Recording happens here, before the answer is written, so a client that has its answer always
        finds it counted.
        """
        with self._lock:
            delay = self.latency
            if path != SEND_PATH:
                reply = _Reply(404, _errors(DEFAULT_MESSAGES[404]))
            elif authorization != f"Bearer {self.api_key}":
                reply = _Reply(401, _errors(DEFAULT_MESSAGES[401]))
            else:
                failure = self._failures.popleft() if self._failures else None
                if failure is None or failure.status == _LET_THROUGH:
                    reply = self._accept_or_refuse(body)
                else:
                    reply, delay = self._failure_reply(failure), delay + failure.delay
            self._statuses.append(DISCONNECT if reply is None else reply.status)
            return reply, delay

    def _failure_reply(self, failure):
        if failure.status == DISCONNECT:
            return None
        message = failure.message or DEFAULT_MESSAGES.get(failure.status, "Error")
        headers = {}
        if failure.status == 429:
            headers = {"X-RateLimit-Limit": "600", "X-RateLimit-Remaining": "0", "X-RateLimit-Reset": "1"}
        return _Reply(failure.status, _errors(message), headers)

    def _accept_or_refuse(self, body):
        try:
            payload = json.loads(body)
        except ValueError:
            return _Reply(400, _errors("Bad Request"))
        problem = _invalid(payload)
        if problem:
            return _Reply(400, _errors(*problem))
        personalizations = payload["personalizations"]
        to = tuple(recipient["email"] for p in personalizations for recipient in p["to"])
        for address in to:
            refusal = self._refused.get(address.lower())
            if refusal:
                return _Reply(refusal.status, _errors(refusal.message, "personalizations.0.to.0.email"))
        custom_args = {key: value for p in personalizations for key, value in p.get("custom_args", {}).items()}
        accepted = AcceptedMessage(
            message_id=secrets.token_urlsafe(16),
            to=to,
            subject=payload.get("subject", ""),
            headers=dict(payload.get("headers", {})),
            custom_args=custom_args,
            payload=payload,
        )
        self._accepted.append(accepted)
        return _Reply(202, None, {"X-Message-Id": accepted.message_id}, accepted)

    def _hold(self, delay):
        with self._lock:
            self._held += 1
        try:
            time.sleep(delay)
        finally:
            with self._lock:
                self._held -= 1

    def _mark_reply_lost(self, accepted):
        with self._lock:
            accepted.reply_lost = True


def _invalid(payload):
    """SendGrid's own checks, in its words: (message, field) or None."""
    if not isinstance(payload, dict):
        return "Bad Request", None
    personalizations = payload.get("personalizations")
    if not personalizations or not all(p.get("to") for p in personalizations):
        return "The personalizations field is required and must have at least one personalization.", "personalizations"
    if not (payload.get("from") or {}).get("email"):
        return "The from object must be provided for every email send.", "from"
    if not payload.get("subject") and not payload.get("template_id"):
        return "The subject is required.", "subject"
    if not payload.get("content") and not payload.get("template_id"):
        return "Unless a valid template_id is provided, the content parameter is required.", "content"
    return None


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as anymail's requests session expects
    fake: FakeSendGrid

    def do_POST(self):  # noqa: N802 - the name http.server dispatches to
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        reply, delay = self.fake._answer(self.path, self.headers.get("Authorization"), body)
        if delay:
            self.fake._hold(delay)
        if reply is None:
            self.close_connection = True
            return
        if not self._write(reply) and reply.accepted is not None:
            self.fake._mark_reply_lost(reply.accepted)

    do_GET = do_PUT = do_DELETE = do_POST

    def _write(self, reply) -> bool:
        content = json.dumps(reply.body).encode() if reply.body is not None else b""
        try:
            self.send_response(reply.status)
            for name, value in reply.headers.items():
                self.send_header(name, value)
            if content:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(content)))
            self.end_headers()
            self.wfile.write(content)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True
            return False
        return True

    def log_message(self, format, *args):  # noqa: A002 - keep test output quiet
        pass
