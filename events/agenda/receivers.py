"""The agenda follows what the domain apps announce (events.core.signals): thin, each calls a service."""

from django.dispatch import receiver

from events.accounts.signals import preferred_language_changed
from events.agenda.invitations import record_delivery
from events.agenda.selectors import answers_to_meetings
from events.agenda.services import follow_new_language, refresh_calendars, remember_moved_address
from events.core.signals import address_moved, attendance_changed
from events.meetings.signals import rsvp_answers_wanted
from events.notifications.signals import email_failed, email_sent


@receiver(attendance_changed, dispatch_uid="agenda.refresh_calendars")
def on_attendance_changed(sender, *, sessions=(), people=(), **kwargs):
    refresh_calendars(sessions=sessions, people=people)


@receiver(address_moved, dispatch_uid="agenda.answers_follow_the_person")
def on_address_moved(sender, *, old, new, **kwargs):
    remember_moved_address(old=old, new=new)


@receiver(preferred_language_changed, dispatch_uid="agenda.follow_new_language")
def on_preferred_language_changed(sender, *, user, **kwargs):
    follow_new_language(user)


@receiver(rsvp_answers_wanted, dispatch_uid="agenda.rsvp_answers")
def on_rsvp_answers_wanted(sender, *, uids=(), **kwargs):
    return answers_to_meetings(uids)


@receiver(email_sent, dispatch_uid="agenda.invitation_delivered")
def on_email_sent(sender, *, row, **kwargs):
    record_delivery(row, delivered=True)


@receiver(email_failed, dispatch_uid="agenda.invitation_failed")
def on_email_failed(sender, *, row, **kwargs):
    record_delivery(row, delivered=False)
