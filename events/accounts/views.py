"""The language switcher, which also remembers the choice as the signed-in person's mail language."""

from django.views.decorators.http import require_POST
from django.views.i18n import set_language as switch_interface_language

from events.accounts.services import set_preferred_language


@require_POST
def set_language(request):
    """Django's set_language (the interface's language, in a cookie), and for a signed-in person the
    language of their mail too: the language they read the site in is the one they read their mail in."""
    response = switch_interface_language(request)
    set_preferred_language(request.user, language=request.POST.get("language", ""), chosen=True)
    return response
