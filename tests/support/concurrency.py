"""Running jobs from real threads started together, for the guarantees proven on PostgreSQL."""

import threading
import time

from django.db import connections

from events.core.errors import ApplicationError


def run_in_parallel(jobs, workers):
    """Run callables from `workers` threads started together; return (domain errors, crashes)."""
    barrier = threading.Barrier(workers)
    refused, crashed = [], []
    chunks = [jobs[n::workers] for n in range(workers)]

    def work(chunk):
        barrier.wait()
        try:
            for job in chunk:
                try:
                    job()
                except ApplicationError as error:
                    refused.append(error)
                except Exception as error:  # noqa: BLE001 - a crash is what this test looks for
                    crashed.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=(chunk,)) for chunk in chunks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return refused, crashed


def without_row_lock(model, pause=0.3):
    """`model` as a service sees it, for a negative control: its select_for_update().get() takes no lock and
    then waits `pause` seconds, so that every racing run reads what the lock would have kept from it before
    any commits. The race is then certain however a loaded machine schedules the threads."""

    class Unlocked:
        class objects:  # noqa: N801 - stands in for the model's manager
            @staticmethod
            def select_for_update():
                return Unlocked

        @staticmethod
        def get(**lookup):
            row = model.objects.get(**lookup)
            time.sleep(pause)
            return row

    return Unlocked
