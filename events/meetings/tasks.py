from celery import shared_task

from events.meetings.services import execute_run


@shared_task(name="events.meetings.run_scheduler", acks_late=True)
def run_scheduler_task(run_id):
    """Thin: the run is claimed, solved and applied by the service, which records any failure itself."""
    execute_run(run_id)
