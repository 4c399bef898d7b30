"""Django's SMTP backend, declaring the 8-bit bodies it sends.

Django writes UTF-8 text parts (the iTIP part of every invitation among them) with
Content-Transfer-Encoding 8bit. RFC 6152 lets a client send 8-bit data only to a server that
advertises 8BITMIME, and only with BODY=8BITMIME on MAIL FROM, which Django's backend never says.
SendGrid's relay advertises it; a relay that does not gets the message as before.
"""

import smtplib

from django.core.mail.backends import smtp


class _Declares8BitMIME:
    def sendmail(self, from_addr, to_addrs, msg, mail_options=(), rcpt_options=()):
        self.ehlo_or_helo_if_needed()
        if self.has_extn("8bitmime") and "BODY=8BITMIME" not in mail_options:
            mail_options = (*mail_options, "BODY=8BITMIME")
        return super().sendmail(from_addr, to_addrs, msg, mail_options, rcpt_options)


class _SMTP(_Declares8BitMIME, smtplib.SMTP):
    pass


class _SMTP_SSL(_Declares8BitMIME, smtplib.SMTP_SSL):  # noqa: N801 - named after smtplib's class
    pass


class EmailBackend(smtp.EmailBackend):
    @property
    def connection_class(self):
        return _SMTP_SSL if self.use_ssl else _SMTP
