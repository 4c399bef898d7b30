"""Reads about accounts that other apps build on."""

from django.db.models import F, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce, Lower, NullIf

from events.accounts.models import User

DEFAULT_LANGUAGE = "en"


def language_of_address(address: str, otherwise: str):
    """The language a person's calendar and mail speak, as an expression for a query that knows them by address.

    `address`: the name of the query's lower-case address (an annotation); `otherwise`: the name of the
    field whose language applies when no account has that address (who registered them, for an attendee).
    A person with an account reads their own language in every role, so that a delegate registered by a
    company, or an attendee who signed up, is never written to in two. Then `otherwise`, then English.
    """
    own = User.objects.annotate(address=Lower("email")).filter(address=OuterRef(address)).values("language")[:1]
    return Coalesce(NullIf(Subquery(own), Value("")), NullIf(F(otherwise), Value("")), Value(DEFAULT_LANGUAGE))


def languages_of(emails) -> dict[str, str]:
    """{lower-case address: language} of those of `emails` an account has (addresses match whatever their case,
    as the accounts' unique rule says). One query."""
    addresses = {email.lower() for email in emails if email}
    accounts = User.objects.annotate(address=Lower("email")).filter(address__in=addresses)
    return {address: language or DEFAULT_LANGUAGE for address, language in accounts.values_list("address", "language")}
