"""`{% may_check_in user mission as staffed %}`: whether the person may open the mission's doors.

For the mission page (events.missions may not import events.checkin, which is built on it): the template
asks here, so the rule of who checks people in stays in events.checkin.selectors, in one place.
"""

from django import template

from events.checkin import selectors

register = template.Library()


@register.simple_tag
def may_check_in(user, mission):
    return selectors.may_check_in(user, mission)
