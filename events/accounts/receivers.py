"""Accounts follow allauth's sign-up: thin, each calls a service."""

from allauth.account.signals import user_signed_up
from django.dispatch import receiver
from django.utils.translation import get_language

from events.accounts.services import set_preferred_language


@receiver(user_signed_up, dispatch_uid="accounts.language_at_sign_up")
def on_user_signed_up(sender, *, request, user, **kwargs):
    # Whoever signs up on the French site reads their mail in French.
    set_preferred_language(user, language=get_language())
