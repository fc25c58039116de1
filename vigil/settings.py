"""Vigil settings: one module, driven by the environment (see docs/configuration.md).

VIGIL_ENV is one of: development (default), demo, test, production. Production refuses to start
without its secrets instead of falling back to a default.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
env = environ.Env()

VIGIL_ENV = env.str("VIGIL_ENV", default="development")
if VIGIL_ENV not in {"development", "demo", "test", "production"}:
    raise ImproperlyConfigured(f"VIGIL_ENV must be development, demo, test or production, not {VIGIL_ENV!r}")
PRODUCTION = VIGIL_ENV == "production"

if PRODUCTION:
    SECRET_KEY = env.str("SECRET_KEY")  # raises ImproperlyConfigured when missing
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS")
    DEBUG = False
else:
    SECRET_KEY = env.str("SECRET_KEY", default="insecure-development-key-not-for-production-use-0123456789")
    ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
    DEBUG = env.bool("DEBUG", default=False)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "csp",
    "axes",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "vigil.core",
    "vigil.accounts",
    "vigil.people",
    "vigil.incidents",
    "vigil.missing",
    "vigil.offenders",
    "vigil.api",
    "django.forms",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "vigil.accounts.middleware.RequireSecondFactorMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "vigil.urls"
FORM_RENDERER = "vigil.core.renderers.GovukFormRenderer"
WSGI_APPLICATION = "vigil.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "vigil" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "vigil.core.context_processors.vigil",
            ],
        },
    }
]

# Database: PostgreSQL in production via DATABASE_URL; SQLite under var/ by default.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'var' / 'vigil.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Writers wait for each other instead of failing; each transaction takes the write lock
    # up front so two requests cannot deadlock upgrading a read lock (see ADR 0002).
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    DATABASES["default"]["TEST"] = {"NAME": ":memory:"}
else:
    DATABASES["default"]["CONN_MAX_AGE"] = env.int("CONN_MAX_AGE", default=60)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
ATOMIC_REQUESTS = False

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "core:my_work"
LOGOUT_REDIRECT_URL = "account_login"

# allauth: username login, no self sign-up (accounts are created by administrators).
ACCOUNT_LOGIN_METHODS = {"username"}
ACCOUNT_SIGNUP_FIELDS = ["username*", "password1*"]
ACCOUNT_ADAPTER = "vigil.accounts.adapters.AccountAdapter"
SOCIALACCOUNT_ADAPTER = "vigil.accounts.adapters.SocialAccountAdapter"
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
# django-axes counts failed sign-ins per username (below); allauth's own per-username limit would
# refuse the attempt first with a different message, so keep only its per-address guards, sized for
# a whole force signing in through one NAT address at a shift change.
ACCOUNT_RATE_LIMITS = {"login": "300/m/ip", "login_failed": "60/m/ip"}
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Vigil"
# Second factor: enforced everywhere except the demo and the test settings that say otherwise.
VIGIL_REQUIRE_MFA = env.bool("VIGIL_REQUIRE_MFA", default=VIGIL_ENV not in {"demo", "development"})

# OpenID Connect single sign-on, for forces with an identity provider (docs/configuration.md).
VIGIL_OIDC_SERVER_URL = env.str("VIGIL_OIDC_SERVER_URL", default="")
SOCIALACCOUNT_PROVIDERS = {}
if VIGIL_OIDC_SERVER_URL:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": "force-idp",
                "name": env.str("VIGIL_OIDC_NAME", default="Force sign-in"),
                "client_id": env.str("VIGIL_OIDC_CLIENT_ID"),
                "secret": env.str("VIGIL_OIDC_CLIENT_SECRET"),
                "settings": {"server_url": VIGIL_OIDC_SERVER_URL},
            }
        ]
    }
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_AUTO_SIGNUP = False
# Only existing users may sign in through the force's identity provider: it is matched to the Vigil
# account with the same (administrator-entered, so verified) email, then linked by its subject id.
# Sign-up stays closed (SocialAccountAdapter). See docs/adr/0005-authentication.md.
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True

# Lockout (django-axes): 5 failures lock the username for 30 minutes.
AXES_FAILURE_LIMIT = env.int("VIGIL_LOCKOUT_FAILURES", default=5)
AXES_COOLOFF_TIME = env.float("VIGIL_LOCKOUT_HOURS", default=0.5)
AXES_LOCKOUT_PARAMETERS = ["username"]
# A force's staff share a few NAT addresses: locking by address would lock out a whole station.
SILENCED_SYSTEM_CHECKS = ["axes.W006"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
AXES_LOCKOUT_CALLABLE = "vigil.accounts.views.locked_out"
AXES_ENABLED = env.bool("AXES_ENABLED", default=True)

# Sessions expire after 30 idle minutes and at browser close.
SESSION_COOKIE_AGE = env.int("VIGIL_SESSION_SECONDS", default=30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True

# Security headers.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
CSRF_FAILURE_VIEW = "vigil.accounts.views.csrf_failure"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}
if PRODUCTION:
    SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

# Request size: refuse oversized bodies with a clear 413/400 instead of reading them.
DATA_UPLOAD_MAX_MEMORY_SIZE = env.int("VIGIL_MAX_BODY_BYTES", default=2_621_440)
FILE_UPLOAD_MAX_MEMORY_SIZE = DATA_UPLOAD_MAX_MEMORY_SIZE
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000

# Internationalisation: English and Welsh; all times in Europe/London.
LANGUAGE_CODE = "en-gb"
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
LOCALE_PATHS = [BASE_DIR / "vigil" / "locale"]
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "vigil" / "static"]
# Collected files only in production; elsewhere WhiteNoise serves straight from the finders.
STATIC_ROOT = env.path("STATIC_ROOT", default=str(BASE_DIR / "staticfiles")) if PRODUCTION else None
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
MEDIA_ROOT = env.path("VIGIL_MEDIA_ROOT", default=str(BASE_DIR / "var" / "media"))

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.SessionAuthentication",
        "rest_framework.authentication.TokenAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "vigil.api.pagination.CursorPagination",
    "PAGE_SIZE": 25,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "vigil.api.exceptions.exception_handler",
    "DEFAULT_THROTTLE_RATES": {"user": "600/minute"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Vigil API",
    "DESCRIPTION": "Police child protection case management. Same permissions and audit as the web pages.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # Several models have a field called "kind"; name each choice set so the schema is stable.
    "ENUM_NAME_OVERRIDES": {
        "VisitKindEnum": "vigil.offenders.models.HomeVisit.Kind",
        "VisitOutcomeEnum": "vigil.offenders.models.HomeVisit.Outcome",
        # Missing children: the same choice set under several field names (risk_grade and grade,
        # found_kind and kind, found_condition and condition); "outcome" is also a home visit's.
        "MissingGradeEnum": "vigil.missing.models.Grade",
        "MissingPlaceKindEnum": "vigil.missing.models.PlaceKind",
        "MissingConditionEnum": "vigil.missing.models.MissingEpisode.Condition",
        "MissingReturnInterviewOutcomeEnum": "vigil.missing.models.ReturnHomeInterview.Outcome",
    },
}

EMAIL_BACKEND = env.str(
    "EMAIL_BACKEND",
    default="django.core.mail.backends.smtp.EmailBackend" if PRODUCTION else "django.core.mail.backends.console.EmailBackend",
)
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="vigil@midshire.police.invalid")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    # The level is on the handler too: records from Django's own loggers propagate to it.
    "handlers": {"console": {"class": "logging.StreamHandler", "level": env.str("LOG_LEVEL", default="WARNING")}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
}

# Name shown in the header; a force deploying Vigil sets its own.
VIGIL_SERVICE_NAME = env.str("VIGIL_SERVICE_NAME", default="Vigil")
