"""`{% issued_certificates user as certificates %}` and the manage page's `rows|qualifying_count`.

For pages of apps below this one (the agenda may not import events.certificates): a template loads this library
and links to `certificates:pdf` and `certificates:verify` by name, so who holds which certificate is decided
here, in one place, as `{% badge_missions %}` does for badges.
"""

from django import template

from events.certificates.selectors import certificates_of

register = template.Library()


@register.simple_tag
def issued_certificates(user):
    return certificates_of(user)


@register.filter
def qualifying_count(rows) -> int:
    return sum(1 for row in rows if row.qualifies)
