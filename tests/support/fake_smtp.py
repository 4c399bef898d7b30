"""A local stand-in for SendGrid's SMTP relay (smtp.sendgrid.net), for tests that send for real.

It is an aiosmtpd server on the loopback: it asks for AUTH as the relay does (user `apikey`, the API
key as password), records every message it accepts byte for byte, and answers as a relay does when
it cannot take a message. Tests script those answers ahead of time:

    fail_next(451)              the next message is refused at DATA with "451 4.7.0 ..." (try later)
    fail_next(554)              ... refused for good
    fail_next(DISCONNECT)       the connection is dropped where the answer to DATA would be
    fail_next(..., delay=3.0)   the answer (or the drop) comes after 3 s: time to kill a worker
    let_through(n)              the next n messages are taken as if nothing were scripted
    refuse_recipient(address)   RCPT TO that address is always answered "550 5.1.1 ..."

A message counts as accepted once the fake has decided so (as with the real relay, even if the
client is gone before reading "250"). `statuses` lists every answer to a message, in order.
"""

import asyncio
import email
import json
import re
import socket
import threading
from collections import deque
from dataclasses import dataclass
from email import policy

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

DISCONNECT = 0
"""A scripted "status" that drops the connection instead of answering DATA."""
_LET_THROUGH = -1
# What the relay takes as an address at RCPT; anything else is a syntax error (RFC 5321 section 4.1.2).
ADDRESS = re.compile(r"[^@\s<>]+@[^@\s<>]+\.[^@\s<>]+")

REPLIES = {
    421: "421 4.7.0 Try again later, closing connection",
    450: "450 4.2.0 Mailbox unavailable, try again later",
    451: "451 4.7.0 Too many messages, slow down",
    452: "452 4.3.1 Insufficient system storage",
    550: "550 5.1.1 The email account that you tried to reach does not exist",
    552: "552 5.3.4 Message size exceeds fixed limit",
    554: "554 5.7.1 Message refused",
}


@dataclass(frozen=True)
class Failure:
    status: int
    delay: float = 0.0
    message: str = ""


@dataclass
class AcceptedMessage:
    """One message the relay took: its envelope and the message exactly as it arrived."""

    mail_from: str
    to: tuple[str, ...]
    raw: bytes
    mail_options: tuple[str, ...] = ()

    @property
    def message(self) -> email.message.EmailMessage:
        return email.message_from_bytes(self.raw, policy=policy.default)

    @property
    def subject(self) -> str:
        return str(self.message["Subject"])

    def header(self, name, default="") -> str:
        value = self.message[name]
        return default if value is None else str(value)

    @property
    def unique_args(self) -> dict:
        """SendGrid's SMTP API header (X-SMTPAPI) `unique_args`: what its events carry back."""
        return json.loads(self.header("X-SMTPAPI", "{}")).get("unique_args", {})


class FakeSMTPRelay:
    """Start/stop, or use as a context; thread-safe."""

    def __init__(self, *, username="apikey", password="SG.fake-key-for-tests", latency=0.0):  # noqa: S107
        self.username, self.password, self.latency = username, password, latency
        self._lock = threading.Lock()
        self._failures = deque()
        self._refused = {}
        self._accepted = []
        self._statuses = []
        self._held = 0
        # Set while a message's answer is held back: a test may act in that window (kill a worker) without
        # having to poll for it, however slow the machine is at that moment.
        self.holding = threading.Event()
        self._controller = None

    # Life cycle

    def start(self):
        self._controller = Controller(
            _Handler(self),
            hostname="127.0.0.1",
            port=_free_port(),
            authenticator=self._authenticate,
            auth_required=True,
            auth_require_tls=False,
            ready_timeout=10,
        )
        self._controller.start()
        return self

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def __enter__(self):
        return self.start()

    def __exit__(self, *exc_info):
        self.stop()

    @property
    def port(self) -> int:
        return self._controller.port

    def email_settings(self) -> dict:
        """Django's EMAIL_* settings (and environment names) that point its SMTP backend here."""
        return {
            "EMAIL_BACKEND": "events.notifications.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": self.port,
            "EMAIL_HOST_USER": self.username,
            "EMAIL_HOST_PASSWORD": self.password,
            "EMAIL_USE_TLS": False,
            "EMAIL_TIMEOUT": 10,
        }

    # Script

    def fail_next(self, status, times=1, *, delay=0.0, message=""):
        with self._lock:
            self._failures.extend(Failure(status, delay, message) for _ in range(times))

    def let_through(self, times=1):
        with self._lock:
            self._failures.extend(Failure(_LET_THROUGH) for _ in range(times))

    def refuse_recipient(self, address, status=550, message=""):
        with self._lock:
            self._refused[address.lower()] = Failure(status, message=message)

    # What happened

    @property
    def accepted(self) -> list[AcceptedMessage]:
        with self._lock:
            return list(self._accepted)

    @property
    def statuses(self) -> list[int]:
        """The answer to every message, in order: 250, a refusal's code, or DISCONNECT."""
        with self._lock:
            return list(self._statuses)

    @property
    def held(self) -> int:
        """Messages whose answer is being held back by a latency or a scripted delay."""
        with self._lock:
            return self._held

    def accepted_for(self, address) -> list[AcceptedMessage]:
        return [message for message in self.accepted if address.lower() in (to.lower() for to in message.to)]

    # Serving

    def _authenticate(self, server, session, envelope, mechanism, auth_data):
        if isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode() == self.username and auth_data.password.decode() == self.password
        ):
            return AuthResult(success=True)
        return AuthResult(success=False, handled=False)

    def _recipient_refusal(self, address) -> str | None:
        with self._lock:
            refusal = self._refused.get(address.lower())
            if refusal is None:
                return None
            self._statuses.append(refusal.status)
            return refusal.message or REPLIES.get(refusal.status, f"{refusal.status} Refused")

    def _record(self, status, reply) -> str:
        with self._lock:
            self._statuses.append(status)
        return reply

    def _decide(self, envelope) -> tuple[Failure | None, float]:
        """The scripted failure for this message, or None after recording it as accepted; and the delay."""
        with self._lock:
            failure = self._failures.popleft() if self._failures else None
            if failure is not None and failure.status == _LET_THROUGH:
                failure = None
            if failure is None:
                self._accepted.append(
                    AcceptedMessage(
                        envelope.mail_from,
                        tuple(envelope.rcpt_tos),
                        bytes(envelope.original_content),
                        tuple(envelope.mail_options),
                    )
                )
                self._statuses.append(250)
                return None, self.latency
            self._statuses.append(failure.status)
            return failure, self.latency + failure.delay

    async def _hold(self, delay):
        with self._lock:
            self._held += 1
            self.holding.set()
        try:
            await asyncio.sleep(delay)
        finally:
            with self._lock:
                self._held -= 1
                if not self._held:
                    self.holding.clear()


def _free_port() -> int:
    # aiosmtpd's controller connects to its own port to know it is up, so it needs the number first.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _Handler:
    def __init__(self, fake):
        self.fake = fake

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook
        if not ADDRESS.fullmatch(address):
            return self.fake._record(501, "501 5.1.3 Bad recipient address syntax")
        refusal = self.fake._recipient_refusal(address)
        if refusal:
            return refusal
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook
        failure, delay = self.fake._decide(envelope)
        if delay:
            await self.fake._hold(delay)
        if failure is None:
            return "250 OK: queued"
        if failure.status == DISCONNECT:
            server.transport.abort()
            return "421 4.3.2 Connection dropped"  # never reaches the client
        return failure.message or REPLIES.get(failure.status, f"{failure.status} Refused")
