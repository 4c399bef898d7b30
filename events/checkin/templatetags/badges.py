"""`{% badge_missions user as missions %}`: the missions whose badge the person can download.

For pages of apps that may not import events.checkin (the agenda is on its layer): a template loads this
library and links to `checkin:own-badge` by name, so the rule of who has a badge stays here, in one place.
"""

from django import template

from events.checkin.selectors import missions_with_a_badge

register = template.Library()


@register.simple_tag
def badge_missions(user):
    return missions_with_a_badge(user)
