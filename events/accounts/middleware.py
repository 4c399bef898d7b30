"""The language a signed-in person reads the site in: their account's (User.language), the one their mail,
invitations and calendar feed are written in, whatever the browser's cookie or Accept-Language says."""

from django.conf import settings
from django.utils import translation


class AccountLanguageMiddleware:
    """After LocaleMiddleware and AuthenticationMiddleware: a signed-in person's language replaces the one
    LocaleMiddleware negotiated. Signed-out visitors keep Django's negotiation (cookie, Accept-Language)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.languages = dict(settings.LANGUAGES)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.language in self.languages:
            translation.activate(user.language)
            request.LANGUAGE_CODE = translation.get_language()
        return self.get_response(request)
