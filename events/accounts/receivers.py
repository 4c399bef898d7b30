"""Accounts follow allauth's sign-up and Django's sign-in: thin, each calls a service."""

from allauth.account.signals import user_signed_up
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils.translation import get_language

from events.accounts.middleware import ACCOUNT_LANGUAGE, FORGET
from events.accounts.models import User
from events.accounts.services import adopt_browser_language, set_preferred_language
from events.accounts.signals import address_changed, preferred_language_changed
from events.core.signals import announce_attendance_changed


@receiver(post_save, sender=User, dispatch_uid="accounts.language_changed")
def on_user_saved(sender, *, instance, created, raw, **kwargs):
    # One place for every way a language changes (the switcher, sign-up, the Django admin, an import): the
    # save itself, compared with what was stored (core.models.RemembersStoredValues).
    changed = instance.value_before_save("language") is not None
    if not raw and (created or changed):
        preferred_language_changed.send(sender=User, user=instance)


@receiver(post_save, sender=User, dispatch_uid="accounts.address_changed")
def on_user_address_saved(sender, *, instance, created, raw, **kwargs):
    # A delegate's calendar goes to their account's address (Delegate.calendar_address): a new address takes
    # the entries, reminders and invitations, and the old one is told they are gone, as for an attendee's
    # corrected address. Whatever changed it, as for the language above.
    old = instance.value_before_save("email", same=lambda first, second: first.lower() == (second or "").lower())
    if not (raw or created or old is None):
        address_changed.send(sender=User, user=instance, old=old, new=instance.email)
        announce_attendance_changed(User, people=[old, instance.email])


@receiver(user_signed_up, dispatch_uid="accounts.language_at_sign_up")
def on_user_signed_up(sender, *, request, user, **kwargs):
    # Whoever signs up on the French site reads their mail in French; a choice if made with the switcher.
    chosen = bool(request is not None and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME))
    set_preferred_language(user, language=get_language(), chosen=chosen)


@receiver(user_logged_in, dispatch_uid="accounts.language_at_sign_in")
def on_user_logged_in(sender, *, request, user, **kwargs):
    if request is not None:
        adopt_browser_language(user, request)
        if user.language_chosen:  # the response leaves it in the language cookie (middleware)
            setattr(request, ACCOUNT_LANGUAGE, user.language)


@receiver(user_logged_out, dispatch_uid="accounts.language_at_sign_out")
def on_user_logged_out(sender, *, request, user, **kwargs):
    # The language was this person's: the next one on the browser starts from their own browser's.
    if request is not None:
        setattr(request, ACCOUNT_LANGUAGE, FORGET)
