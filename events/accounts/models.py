from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from events.core.models import ConstraintErrorsOnFieldsMixin, RemembersStoredValues
from events.core.text import validate_single_line


class UserManager(BaseUserManager):
    """Email is the identity; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An email address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        if password:
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields["is_staff"] = True
        extra_fields["is_superuser"] = True
        return self._create_user(email, password, **extra_fields)


class User(RemembersStoredValues, ConstraintErrorsOnFieldsMixin, AbstractUser):
    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("email address"), unique=True)
    full_name = models.CharField(_("full name"), max_length=200, blank=True, validators=[validate_single_line])
    language = models.CharField(
        _("preferred language"),
        max_length=10,
        default="en",
        help_text=_("Language of the emails we send you."),
    )
    # Whether the person chose `language` (the switcher), rather than it being the default or what their
    # browser asked for when they signed in: a choice follows them to every browser, a default does not.
    language_chosen = models.BooleanField(default=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    constraint_fields = {"user_email_ci_unique": "email"}
    # Any save that changes one (the switcher, allauth's email page, the Django admin, an import) is told apart
    # from one that does not: accounts.receivers announces it.
    stored_fields = ("language", "email")

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            # Addresses differing only in case are the same mailbox.
            models.UniqueConstraint(
                Lower("email"),
                name="user_email_ci_unique",
                violation_error_message=_("An account already uses this email address."),
            ),
        ]

    def __str__(self):
        return self.full_name or self.email

    def get_full_name(self):
        return self.full_name or self.email

    def get_short_name(self):
        return self.full_name.split(" ")[0] if self.full_name else self.email
