"""The language a signed-in person reads the site in: the one they chose for their account (User.language,
the language of their mail, invitations and calendar feed), whatever the browser's cookie or
Accept-Language says. Until they choose, the browser's: each sign-in copies it to the account
(services.adopt_browser_language), so pages and mail agree either way."""

from django.conf import settings
from django.utils import translation


class AccountLanguageMiddleware:
    """After LocaleMiddleware and AuthenticationMiddleware: a signed-in person's chosen language replaces the
    one LocaleMiddleware negotiated. Everyone else keeps Django's negotiation (cookie, Accept-Language)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = dict(settings.LANGUAGES)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language_chosen and user.language in self.languages:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
