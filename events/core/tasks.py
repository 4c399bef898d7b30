from celery import shared_task

from events.core.wall_clock import rederive_instants


@shared_task(name="events.core.rederive_instants", ignore_result=True)
def rederive_instants_task():
    rederive_instants()
