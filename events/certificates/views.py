"""Public pages: a certificate's verification, its PDF and signed JSON, and the published public keys.

Anyone with a certificate's address may read what the certificate itself states (that is what it is
for); nothing else: never the email it went to, nor why it was revoked.
"""

import json

from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from events.certificates import selectors


@require_GET
def verify(request, public_id):
    """valid, revoked (with the date) or unknown (a 404, so that a guessed id looks like any other miss)."""
    result = selectors.verification(public_id)
    context = {"result": result, "certificate": result.certificate}
    response = render(request, "certificates/verify.html", context, status=404 if result.status == "unknown" else 200)
    # Whoever holds the address may read it; search engines need not list people's names.
    response["X-Robots-Tag"] = "noindex"
    return response


def _valid(public_id):
    result = selectors.verification(public_id)
    if result.status != selectors.VALID:
        raise Http404
    return result.certificate


@require_GET
def certificate_json(request, public_id):
    certificate = _valid(public_id)
    response = JsonResponse(selectors.signed_document(certificate), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.public_id}.json"'
    return response


@require_GET
def certificate_pdf(request, public_id):
    from events.certificates.documents import certificate_pdf as render_pdf

    certificate = _valid(public_id)
    response = HttpResponse(render_pdf(certificate), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="certificate-{certificate.public_id}.pdf"'
    return response


@require_GET
def keys(request):
    """Every public key that ever signed a certificate here, as a JWK set (RFC 7517)."""
    response = HttpResponse(json.dumps(selectors.published_keys()), content_type="application/jwk-set+json")
    response["Access-Control-Allow-Origin"] = "*"  # public keys: any verifier, from any page
    response["Cache-Control"] = "public, max-age=300"
    return response
