"""Settings shared by every environment; values that differ come from the environment."""

import os
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF, UNSAFE_INLINE
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_bool(name, default=False):
    return os.environ.get(name, str(default)).strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", False)
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    # Before the admin, which it extends with a tab per language (events/missions/translation.py).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_countries",
    "allauth",
    "allauth.account",
    "events.core",
    "events.accounts",
    "events.missions",
    "events.registrations",
    "events.matching",
    "events.notifications",
    "events.companies",
    "events.meetings",
    "events.agenda",
    "events.checkin",
    "events.certificates",
    "events.outcomes",
    # Last: the demo loader uses every app above.
    "events.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "events.core.middleware.FormLineBreaksMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "events.accounts.middleware.AccountLanguageCookieMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

# Scripts only from our own files (no inline script, no CDN); inline style attributes are allowed,
# since the templates use a few and they cannot run code. Images may be data: URLs (the API docs' icons).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, UNSAFE_INLINE],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
# Browser features the site does not use are denied to it and to anything it could embed.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "payment": [],
    "usb": [],
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# The embedded default is a SQLite file beside the code; production and CI set DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default serves a few people at once (runserver's threads). SQLite's default (deferred)
    # transactions fail at once with "database is locked" when two writers meet; IMMEDIATE ones take the
    # write lock when they begin and wait for it, up to `timeout` seconds. WAL lets pages read meanwhile.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL;",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
# Services own their transactions (STYLE.md); a request is not one big transaction.
ATOMIC_REQUESTS = False

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_REDIRECT_URL = "missions:home"
ACCOUNT_LOGOUT_REDIRECT_URL = "missions:home"

# django-allauth: email is the identity, verified before first sign-in. Delegates
# may sign in with a one-time code sent by email instead of a password.
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_UNIQUE_EMAIL = True
# Adding an address asks whether the person may hold it (events.accounts.services.address_refusal).
ACCOUNT_FORMS = {"add_email": "events.accounts.forms.AddEmailForm"}
# ... and again when its mailed code is entered (events.accounts.adapter.AccountAdapter.confirm_email).
ACCOUNT_ADAPTER = "events.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_BY_CODE_ENABLED = True
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = True
# A code typed on the same page keeps a new user in the flow they started (register for a briefing).
ACCOUNT_EMAIL_VERIFICATION_BY_CODE_ENABLED = True
# The site's name as its pages show it, in the language the mail is written in (allauth adds the prefix
# when the mail is rendered, under the request's language); a plain string stayed English in French mail.
ACCOUNT_EMAIL_SUBJECT_PREFIX = format_lazy("[{}] ", _("Trade missions"))
# allauth counts attempts in the default cache: local memory for one process, Redis in production (which
# requires it), so a limit holds across every web process. Per IP limits stay loose because a briefing
# room signs in from one venue address; per key (the email typed) limits are the tight ones.
ACCOUNT_RATE_LIMITS = {
    # Every sign-in post, right or wrong: a full room signing in at once stays under it.
    "login": "60/m/ip",
    # Wrong passwords: 5 per account in 5 minutes stops guessing; 20 a minute from one address stops spraying.
    "login_failed": "20/m/ip,5/5m/key",
    # Each request mails a code: 3 per address in 15 minutes is enough for a lost mail, not for mail bombing.
    "request_login_code": "20/m/ip,3/15m/key",
    # Each request mails a reset link: the same reasoning as sign-in codes.
    "reset_password": "20/m/ip,3/15m/key",
    # Posting the new password from the mailed link.
    "reset_password_from_key": "20/m/ip",
    # New accounts from one address.
    "signup": "20/m/ip",
    # (Re)sending the verification code: one a minute per address.
    "confirm_email": "1/m/key",
}

LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("fr", _("French")), ("ar", _("Arabic"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
# Dates and times by name in templates (DATETIME_FORMAT, SHORT_DATETIME_FORMAT), each language's own
# (config/formats): Arabic writes its own comma between a date and a time.
FORMAT_MODULE_PATH = ["config.formats"]
# Numbers and times are written in Western digits (0-9) in every language, Arabic included: Morocco's
# administration and press write them so, and a time or an amount beside a Latin name reads the same in
# the Arabic and the French interface (Django's Arabic formats do the same).
#
# Content in several languages (a mission's and a session's title, summary, description): a column per
# language (django-modeltranslation), read in the reader's language: the page's, or the recipient's for
# mail and calendars, which are written under translation.override(their language). An empty translation
# falls back to English, then French, then Arabic.
# How a company's fit to a procurement priority is weighed (events.matching.scoring; shown to organisers):
# shared sector or industry codes, certifications held of those required, text relevance, and the owning
# delegate's own interest. A part that does not apply (no certification required) is left out.
MATCHING_WEIGHTS = {"sector": 0.35, "certifications": 0.2, "text": 0.35, "interest": 0.1}

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_LANGUAGES = ("en", "fr", "ar")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "ar")
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
# Every process reads the pinned `tzdata` wheel (config/tz_database.py, run when `config` is imported,
# before these settings); `manage.py check` warns when anything undid that.

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Trade missions <missions@example.org>")
# Where links in emails point (answer an invitation, open the agenda): mail is written by workers,
# away from any request that could tell the host. Unset (the demo), they lead to the demo server.
# PUBLIC_SITE_URL is the address when it was given: calendar feed links use it, and otherwise the
# address the page was reached at (http on the demo server's own host and port).
PUBLIC_SITE_URL = os.environ.get("SITE_URL", "").rstrip("/")
SITE_URL = PUBLIC_SITE_URL or "http://127.0.0.1:8000"
# How long a personal feed's version is trusted before it is worked out again from the data.
AGENDA_FEED_FRESHNESS_SECONDS = int(os.environ.get("AGENDA_FEED_FRESHNESS_SECONDS", "60"))
# Console mail by default; production sends through an SMTP relay (SendGrid's: see production.py).
EMAIL_BACKEND = os.environ.get("DJANGO_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
# A relay that holds a message longer than this is treated as gone; the message is retried.
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
# SendGrid's signed Event Webhook (POST /hooks/sendgrid/events/): its verification key, base64 as
# SendGrid's console shows it. Without it the endpoint refuses every post.
SENDGRID_WEBHOOK_PUBLIC_KEY = os.environ.get("SENDGRID_WEBHOOK_PUBLIC_KEY", "")
# A signed post older or newer than this (seconds) is refused, and a post is never accepted twice.
SENDGRID_WEBHOOK_MAX_AGE_SECONDS = int(os.environ.get("SENDGRID_WEBHOOK_MAX_AGE_SECONDS", "600"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "events.companies.authentication.CompanyTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticatedOrReadOnly"],
    "DEFAULT_FILTER_BACKENDS": [
        "django_filters.rest_framework.DjangoFilterBackend",
        "rest_framework.filters.SearchFilter",
        "rest_framework.filters.OrderingFilter",
    ],
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Counted in the default cache, so shared by every process in production. Rates are per minute for
    # reading and writing; "outreach" is the stricter hourly rate for the actions in API_OUTREACH_ACTIONS.
    "DEFAULT_THROTTLE_CLASSES": [
        "events.core.throttles.AnonymousRateThrottle",
        "events.core.throttles.UserRateThrottle",
        "events.core.throttles.OutreachRateThrottle",
    ],
    "DEFAULT_THROTTLE_RATES": {"anon": "60/minute", "user": "300/minute", "outreach": "30/hour"},
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "events.core.api.exception_handler",
    # Bodies are JSON objects (a list is refused at the door); forms for the browsable API and uploads.
    "DEFAULT_PARSER_CLASSES": [
        "events.core.parsers.ObjectJSONParser",
        "rest_framework.parsers.FormParser",
        "rest_framework.parsers.MultiPartParser",
    ],
}
# API actions that send something to another person (a meeting request to a delegate or a company, an
# invitation to a colleague), as "<router basename>:<action>": each user may take them together at the
# "outreach" rate, on top of the "user" rate.
API_OUTREACH_ACTIONS = ["meeting-request:create", "company-invitation:create"]
SPECTACULAR_SETTINGS = {
    "TITLE": "Trade missions API",
    "DESCRIPTION": "Missions, itineraries, programmes and delegations.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    # The docs page works offline: Swagger UI is served from our own static files.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    # Choices shared by fields of the same name ("kind", "status") in several components get a hashed
    # name (Kind502Enum) unless named here.
    "ENUM_NAME_OVERRIDES": {
        "OrganizationKindEnum": "events.missions.models.Organization.Kind",
        "RegistrationStatusEnum": "events.registrations.models.Registration.Status",
        "DealKindEnum": "events.outcomes.models.DealKind",
    },
    # The router's "<path>.json" variants are the same operations; list each once.
    "PREPROCESSING_HOOKS": ["drf_spectacular.hooks.preprocess_exclude_path_format"],
}

# Celery: Redis in production and CI; in the embedded default tasks run in-process.
CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = "UTC"
# One dispatcher hands due outbox rows to workers; rows outlive any broker or worker crash.
CELERY_BEAT_SCHEDULE = {
    "dispatch-due-emails": {"task": "events.notifications.dispatch_due_emails", "schedule": 10.0},
    # Announcements a crash or a stopped broker left behind (events.core.signals.announcements_left_to_worker).
    "sweep-announcements": {"task": "events.core.sweep_announcements", "schedule": 10.0},
    # After a tzdata upgrade, future times follow the new rules even if nobody ran the command on deploy;
    # on other days it finds nothing to do in one query per model.
    "rederive-instants": {"task": "events.core.rederive_instants", "schedule": 3600.0},
    # Feedback forms for meetings that ended, and follow-up waves whose day has come (events.outcomes).
    "ask-for-feedback": {"task": "events.outcomes.ask_for_feedback", "schedule": 300.0},
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
}
