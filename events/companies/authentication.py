"""API tokens that bring the company with the user: one query answers "who is this" and "whom do they act for".

Most API writes are a company's (registering, asking for meetings) and check it before reading the body
(permissions.RepresentsACompany); the view and the service ask again. Loaded with the token, the answer
costs no query of its own, which counts in an announcement rush (issue 12).
"""

from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


class CompanyTokenAuthentication(TokenAuthentication):
    """DRF's token authentication (`Authorization: Token <key>`), with the user's representative and company
    selected with the token (companies.selectors.company_of reads them)."""

    def authenticate_credentials(self, key):
        token = Token.objects.select_related("user__representative__organization").filter(key=key).first()
        if token is None or not token.user.is_active:
            return super().authenticate_credentials(key)  # refused in DRF's own words (and languages)
        return token.user, token
