from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction
from django.utils import translation

from events.accounts.models import User
from events.accounts.signals import address_refusals_wanted


@transaction.atomic
def ensure_user_for_email(email, *, full_name="", language="en"):
    """Return the account for `email`, creating a password-less one if none exists.

    The address is recorded as verified: it came from an organiser who knows the person
    (a delegate on a roster), so the person can sign in with an emailed code at once.
    """
    email = User.objects.normalize_email(email).strip()
    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        user = User.objects.create_user(email, full_name=full_name, language=language)
    make_primary_address(user, email)
    return user


@transaction.atomic
def set_preferred_language(user, *, language, chosen=True) -> bool:
    """Remember `language` (a code of settings.LANGUAGES) as the language of `user`'s pages and mail; False,
    and nothing written, for any other code. `chosen`: the person chose it (the switcher), so it follows them
    to every browser (adopt_browser_language leaves it). Mail already sent keeps its language; mail written
    from now on (composed when sent, events.notifications.composers) follows, and the saved new language is
    announced (accounts.receivers) so that mail written ahead (reminders) is written again in it."""
    if language not in dict(settings.LANGUAGES) or not user.is_authenticated:
        return False
    if user.language != language or (chosen and not user.language_chosen):
        user.language = language
        user.language_chosen = user.language_chosen or chosen
        user.save(update_fields=["language", "language_chosen"])
    return True


def adopt_browser_language(user, request) -> None:
    """At sign-in: a language chosen in this browser before signing in (Django's language cookie, set only
    by the switcher) becomes the person's choice; otherwise, until they have chosen one, the account takes
    the language the browser asks for (Accept-Language). A request that asks for nothing changes nothing."""
    if request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME):
        set_preferred_language(user, language=translation.get_language_from_request(request), chosen=True)
    elif not user.language_chosen and request.headers.get("Accept-Language"):
        set_preferred_language(user, language=translation.get_language_from_request(request), chosen=False)


@transaction.atomic
def make_primary_address(user, email) -> None:
    """Record `email` (the account's address already, as an administrator typed it) as the account's verified
    primary address in allauth's list, in place of the primary one it replaces (a second address the person
    added stays): an administrator who changes an address vouches for it, as an organiser naming a delegate
    does (ensure_user_for_email). Otherwise mail went to the new address while the account's email page named
    the old one, and signing in asked for a code. The admin refuses first an address another account holds
    (accounts.admin.UserChangeForm)."""
    # The address it replaces is no longer the person's: it stops signing them in, and may go to another account.
    EmailAddress.objects.filter(user=user, primary=True).exclude(email__iexact=email).delete()
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=email, defaults={"email": email, "verified": True, "primary": True}
    )


def address_refusal(user, address) -> str | None:
    """Why `user` may not take `address` (to add it, or to make it their primary one), or None.

    The first reason given by whoever answers accounts.signals.address_refusals_wanted. Call it inside the
    transaction that then writes the address: a receiver may hold a lock until that transaction ends, so that
    the check and the write are one step against whoever names the address elsewhere at the same time.
    """
    if user is None or user.pk is None or not address:
        return None
    responses = address_refusals_wanted.send(sender=User, user=user, address=address.strip().lower())
    return next((refusal for _receiver, refusal in responses if refusal), None)
