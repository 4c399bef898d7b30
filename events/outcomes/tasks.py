"""The outcomes sweep: forms for meetings that ended and for waves whose day has come (services)."""

from celery import shared_task

from events.outcomes import services


@shared_task(name="events.outcomes.ask_for_feedback")
def ask_for_feedback() -> dict:
    return {"after_meetings": services.ask_feedback_after_meetings(), "waves": services.send_due_waves()}
