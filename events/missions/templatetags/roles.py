"""`{% roles_of user as roles %}`: the person's roles for the page (the header shows each role its own links)."""

from django import template

from events.missions import selectors

register = template.Library()


@register.simple_tag
def roles_of(user):
    return selectors.roles_of(user)
