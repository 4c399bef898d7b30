"""What a mail provider's refusal means for the message and for the messages behind it.

A refusal is read from the exception Django's mail backend raised:
- SMTP (RFC 5321 section 4.2.1): a 4yz reply is transient, a 5yz reply permanent. A refusal of the
  recipient (RCPT) concerns that message only; a refusal of the connection, the sender or the data
  (421, 451 "slow down", a dropped connection) is the relay asking every message to wait, so the rest
  of a worker's batch waits with it instead of being offered one by one. An authentication failure
  (535) is a configuration error that the operator fixes: the messages wait for it.
- HTTP providers (another backend named in EMAIL_BACKEND): 429 and 5xx are transient and concern
  every message; other statuses are permanent.
- A message that could not be built (ValueError, TypeError) is permanent; any other error (a network
  failure) is transient and concerns every message.
"""

import smtplib
from dataclasses import dataclass


@dataclass(frozen=True)
class Refusal:
    transient: bool
    # The provider as a whole asked to wait: the rest of the batch is deferred with this message.
    everyone_waits: bool


def read_refusal(error) -> Refusal:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _reply in error.recipients.values()]
        return Refusal(transient=all(400 <= code < 500 for code in codes), everyone_waits=False)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        return Refusal(transient=True, everyone_waits=True)
    if isinstance(error, smtplib.SMTPResponseException):
        transient = 400 <= error.smtp_code < 500
        return Refusal(transient=transient, everyone_waits=transient)
    status_code = getattr(error, "status_code", None)
    if status_code is None:
        status_code = getattr(getattr(error, "response", None), "status_code", None)
    if status_code is not None:
        transient = status_code == 429 or status_code >= 500
        return Refusal(transient=transient, everyone_waits=transient)
    if isinstance(error, ValueError | TypeError):
        return Refusal(transient=False, everyone_waits=False)
    return Refusal(transient=True, everyone_waits=True)
