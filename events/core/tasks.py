from celery import shared_task

from events.core import signals
from events.core.wall_clock import rederive_instants


@shared_task(name="events.core.rederive_instants", ignore_result=True)
def rederive_instants_task():
    rederive_instants()


@shared_task(name=signals.FOLLOW_TASK, ignore_result=True)
def follow_announcements_task(pks):
    # Sent per announcement before they were woken together (events.core.wake); kept for those still queued.
    # Not only its own: in a rush, the first task follows what the others announced meanwhile, in one go,
    # and theirs then find nothing left (follow_announcements skips rows another worker holds).
    signals.follow_announcements()


@shared_task(name=signals.SWEEP_TASK, ignore_result=True)
def sweep_announcements_task():
    signals.sweep_announcements()
