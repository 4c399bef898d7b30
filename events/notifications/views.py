"""The provider's delivery events reach us here (SendGrid's Event Webhook)."""

import json
import logging

from django.http import HttpResponse, JsonResponse
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from events.notifications import sendgrid_webhook, services

logger = logging.getLogger(__name__)


@csrf_exempt  # signed by SendGrid instead: no cookie, no CSRF token
@require_POST
def sendgrid_events(request):
    """POST a JSON array of SendGrid events. 204 when recorded; 403 when unsigned, wrongly signed, outside
    the time window or replayed (nothing recorded); 400 when a signed body is not a JSON array."""
    timestamp = request.headers.get(sendgrid_webhook.TIMESTAMP_HEADER, "")
    try:
        sendgrid_webhook.verify(
            signature=request.headers.get(sendgrid_webhook.SIGNATURE_HEADER, ""),
            timestamp=timestamp,
            body=request.body,
            now=timezone.now(),
        )
        reports = sendgrid_webhook.read_reports(json.loads(request.body))
        services.record_delivery_reports(reports, timestamp=timestamp, body=request.body)
    except sendgrid_webhook.RefusedPost as refusal:
        logger.warning("SendGrid event post refused: %s", refusal)
        return JsonResponse({"detail": str(refusal)}, status=403)
    except ValueError:  # json.JSONDecodeError included
        return JsonResponse({"detail": "The body must be a JSON array of events."}, status=400)
    return HttpResponse(status=204)
