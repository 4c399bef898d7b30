from allauth.account.models import EmailAddress
from django.conf import settings
from django.db import transaction

from events.accounts.models import User


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
    EmailAddress.objects.update_or_create(
        user=user, email__iexact=email, defaults={"email": email, "verified": True, "primary": True}
    )
    return user


def set_preferred_language(user, *, language) -> bool:
    """Remember `language` (a code of settings.LANGUAGES) as the language of `user`'s mail; False, and
    nothing written, for any other code. Mail already written keeps its language; mail written from
    now on (composed when sent, events.notifications.composers) follows."""
    if language not in dict(settings.LANGUAGES) or not user.is_authenticated:
        return False
    if user.language != language:
        user.language = language
        user.save(update_fields=["language"])
    return True
