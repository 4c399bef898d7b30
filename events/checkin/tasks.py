from celery import shared_task

from events.checkin import services


@shared_task(name=services.BADGE_PRINT_TASK, acks_late=True, ignore_result=True)
def build_badge_print_task(badge_print_id):
    """Thin: the service claims the print, builds and stores it, and records any failure itself."""
    services.build_badge_print(badge_print_id)
