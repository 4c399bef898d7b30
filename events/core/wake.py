"""Wake a worker for rows a transaction left for it: one task per moment, however many requests wrote rows.

Work for a worker is written as rows first (outbox messages, pending announcements) and committed with
the change that caused it. The worker then has to hear of it. A task per request costs every request a
round trip to the broker and, in a rush (500 registrations in a few seconds after an announcement), the
worker a task per row. Instead, after commit, `wake` sends the task that picks up everything waiting,
due WAKE_WINDOW from now, and notes in the cache that it is on its way; the requests that commit while
it waits only find the note. The task reads their rows too: each request committed before it looked
for the note, and the note expires before the task is due (DUE_AFTER_NOTE), so the task runs after
every commit whose request skipped it, clocks a little apart included.

A lost wake (broker or cache down, a worker that crashed) costs time, never a row: beat runs the same
tasks every few seconds (CELERY_BEAT_SCHEDULE). The cost of the window is delay: a confirmation leaves
about a second and a quarter after the request, where mail takes seconds to arrive anyway.

The note is per process where the cache is (the embedded default's local memory): still right, since
each process's own task covers the rows its requests wrote.
"""

import logging

from celery import current_app
from django.core.cache import cache

logger = logging.getLogger(__name__)

# Seconds the note lives (the cache counts timeouts in whole seconds) and, after it, before the task is due.
WAKE_WINDOW = 1
DUE_AFTER_NOTE = 0.25


def wake(task_name: str) -> bool:
    """Have a worker run `task_name` (a task that takes no arguments and picks up every row waiting)
    within WAKE_WINDOW + DUE_AFTER_NOTE seconds; returns whether this call sent it.

    Call after commit (transaction.on_commit). Never raises: what cannot be sent waits for beat.
    """
    note = f"wake:{task_name}"
    try:
        if not cache.add(note, True, timeout=WAKE_WINDOW):
            return False
    except Exception:  # noqa: BLE001 - without the cache, wake at once: correct, only less frugal.
        logger.warning("Cache unavailable; waking %s at once", task_name, exc_info=True)
        note = None
    try:
        current_app.send_task(task_name, countdown=WAKE_WINDOW + DUE_AFTER_NOTE if note else 0)
    except Exception:  # noqa: BLE001 - the rows are safe; beat runs the task.
        logger.warning("Broker unavailable; %s waits for beat", task_name, exc_info=True)
        if note:
            cache.delete(note)  # so that the next commit tries the broker again
        return False
    return True
