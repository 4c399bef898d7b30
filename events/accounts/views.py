"""The language switcher, which also remembers the choice as the signed-in person's mail language; allauth's email
page, which asks before an address becomes the primary one."""

from allauth.account import views as allauth_views
from django.contrib import messages
from django.db import transaction
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as switch_interface_language

from events.accounts.services import address_refusal, set_preferred_language


@require_POST
def set_language(request):
    """Django's set_language (the interface's language, in a cookie), and for a signed-in person the
    language of their mail too: the language they read the site in is the one they read their mail in."""
    response = switch_interface_language(request)
    set_preferred_language(request.user, language=request.POST.get("language", ""), chosen=True)
    return response


class EmailView(allauth_views.EmailView):
    """allauth's email page. Making an address primary asks first whether the person may take it
    (services.address_refusal): a second address may have been named elsewhere since it was added. The check,
    its lock and the change are one transaction."""

    @transaction.atomic
    def _action_primary(self, request, *args, **kwargs):
        address = request.POST.get("email", "")
        if refusal := address_refusal(request.user, address):
            messages.error(request, refusal)
            return None  # allauth's post() then redirects to this page, where the message is shown
        return super()._action_primary(request, *args, **kwargs)


email = EmailView.as_view()  # allauth's class is signed-in only and rate-limited: this one too
