from celery import shared_task

from events.notifications import services


@shared_task(name=services.SEND_TASK, ignore_result=True)
def send_emails_task(pks):
    services.deliver_emails(pks)


# Tasks of one row each, as handed out before batches; kept so that those still queued are sent.
@shared_task(name="events.notifications.send_email", ignore_result=True)
def send_email_task(pk):
    services.deliver_email(pk)


@shared_task(name=services.DISPATCH_TASK, ignore_result=True)
def dispatch_due_emails_task():
    services.dispatch_due_emails()
