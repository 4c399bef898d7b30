"""The language a signed-in person reads the site in: the one they chose for their account (User.language,
the language of their mail, invitations and calendar feed), whichever browser they sign in from.

Signing in leaves that language in Django's language cookie, which LocaleMiddleware reads from then on, as
it reads what the switcher writes; no request reads the account for it. Until a person chooses, the
browser's language rules, and each sign-in copies it to the account (services.adopt_browser_language),
so their pages and their mail agree either way."""

from django.conf import settings

ACCOUNT_LANGUAGE = "account_language"
"""The request attribute a sign-in sets (events.accounts.receivers) to the language its response keeps;
a sign-out sets it to FORGET, so that the next person on the browser does not take it for their choice."""
FORGET = ""


class AccountLanguageCookieMiddleware:
    """Writes the language cookie a sign-in asked for, as Django's set_language view writes it; deletes it
    on sign-out."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        language = getattr(request, ACCOUNT_LANGUAGE, None)
        if language == FORGET:
            response.delete_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        elif language:
            response.set_cookie(
                settings.LANGUAGE_COOKIE_NAME,
                language,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                path=settings.LANGUAGE_COOKIE_PATH,
                domain=settings.LANGUAGE_COOKIE_DOMAIN,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
