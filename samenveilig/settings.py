"""Settings for Samen Veilig, read from the environment (12-factor).

Safe laptop defaults: SQLite under ``var/``, e-mail to the console, tasks run in-process. ``SAMENVEILIG_ENV=production``
turns on the strict checks in :mod:`samenveilig.lib.production`. Every variable is documented in
``docs/configuration.md``.
"""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import dj_database_url
from cryptography.fernet import Fernet
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

from samenveilig.lib import production
from samenveilig.lib.env import env_bool, env_choice, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("SAMENVEILIG_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

ENVIRONMENT = env_choice("SAMENVEILIG_ENV", ("development", "test", "production"), "development")
IS_PRODUCTION = ENVIRONMENT == "production"
DEBUG = env_bool("SAMENVEILIG_DEBUG", default=not IS_PRODUCTION)
DEMO_MODE = env_bool("SAMENVEILIG_DEMO", default=False)
SECRET_KEY = env_str("SAMENVEILIG_SECRET_KEY", production.DEFAULT_SECRET_KEY)
ALLOWED_HOSTS = env_list("SAMENVEILIG_ALLOWED_HOSTS", [] if IS_PRODUCTION else ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("SAMENVEILIG_CSRF_TRUSTED_ORIGINS", [])

# Keys for personal free text at rest (Fernet, comma separated, newest first; old keys still decrypt).
ENCRYPTION_KEYS = env_list("SAMENVEILIG_ENCRYPTION_KEYS", [])
for _position, _key in enumerate(ENCRYPTION_KEYS, start=1):
    try:
        Fernet(_key)
    except ValueError:
        # A malformed key would only fail at the first encryption; refuse now, without echoing the secret.
        raise ImproperlyConfigured(
            f"SAMENVEILIG_ENCRYPTION_KEYS: key number {_position} is not a Fernet key (32 url-safe base64 bytes)."
        ) from None

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    # third party
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "csp",
    "django_htmx",
    "template_partials",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "rules.apps.AutodiscoverRulesConfig",
    # Samen Veilig, one app per domain
    "samenveilig.core",
    "samenveilig.audit",
    "samenveilig.accounts",
    "samenveilig.regio",
    "samenveilig.sociale_kaart",
    "samenveilig.notifications",
    "samenveilig.meldcode",
    "samenveilig.verwijsindex",
    "samenveilig.plannen",
    "samenveilig.monitor",
    "simple_history",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "samenveilig.core.middleware.DutchFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "samenveilig.accounts.middleware.LoginRequiredExceptApiMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "samenveilig.accounts.middleware.ActiveMembershipMiddleware",
    "samenveilig.accounts.middleware.MfaRequiredMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "samenveilig.urls"
WSGI_APPLICATION = "samenveilig.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "samenveilig" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "samenveilig.core.context_processors.layout",
                "samenveilig.notifications.context_processors.unread",
            ],
            "builtins": ["template_partials.templatetags.partials"],
        },
    },
]

# --- Database ---------------------------------------------------------------------------------------------------
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'samenveilig.sqlite3'}"),
        conn_max_age=env_int("SAMENVEILIG_DB_CONN_MAX_AGE", 0),
    )
}
if "sqlite" in DATABASES["default"]["ENGINE"]:
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts, login, MFA ---------------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "rules.permissions.ObjectPermissionBackend",
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
LOGIN_REDIRECT_URL = "core:home"
LOGOUT_REDIRECT_URL = "account_login"

ACCOUNT_LOGIN_METHODS = {"username", "email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "username*", "password1*", "password2*"]
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_ADAPTER = "samenveilig.accounts.adapters.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_PREVENT_ENUMERATION = True
# No "you have no account, sign up here" mail: sign-up is closed, and it would let anyone make us mail any address.
ACCOUNT_EMAIL_UNKNOWN_ACCOUNTS = False
ACCOUNT_REAUTHENTICATION_TIMEOUT = 300
SOCIALACCOUNT_ADAPTER = "samenveilig.accounts.adapters.SocialAccountAdapter"
SOCIALACCOUNT_ONLY = False
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_STORE_TOKENS = False

MFA_SUPPORTED_TYPES = ["totp", "recovery_codes", "webauthn"]
MFA_TOTP_ISSUER = "Samen Veilig"
MFA_PASSKEY_LOGIN_ENABLED = False
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = not IS_PRODUCTION

# Single sign-on (OpenID Connect), off unless a client id is configured.
OIDC_CLIENT_ID = env_str("SAMENVEILIG_OIDC_CLIENT_ID")
OIDC_SERVER_URL = env_str("SAMENVEILIG_OIDC_SERVER_URL").rstrip("/")
if OIDC_CLIENT_ID and not OIDC_SERVER_URL.startswith(("https://",) if IS_PRODUCTION else ("https://", "http://")):
    raise ImproperlyConfigured(
        "SAMENVEILIG_OIDC_CLIENT_ID is set, so SAMENVEILIG_OIDC_SERVER_URL must be the provider's issuer address"
        + (" (https:// in production)." if IS_PRODUCTION else ".")
    )
SOCIALACCOUNT_PROVIDERS = {}
if OIDC_CLIENT_ID:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "APPS": [
            {
                "provider_id": env_str("SAMENVEILIG_OIDC_PROVIDER_ID", "sso"),
                "name": env_str("SAMENVEILIG_OIDC_NAME", "Single sign-on"),
                "client_id": OIDC_CLIENT_ID,
                "secret": env_str("SAMENVEILIG_OIDC_CLIENT_SECRET"),
                "settings": {
                    "server_url": OIDC_SERVER_URL,
                    "token_auth_method": "client_secret_post",
                    "oauth_pkce_enabled": True,
                },
            }
        ],
        "OAUTH_PKCE_ENABLED": True,
    }

# Password guessing: lock a username+address pair after a few failures.
AXES_FAILURE_LIMIT = env_int("SAMENVEILIG_LOCKOUT_FAILURES", 5)
AXES_COOLOFF_TIME = timedelta(minutes=env_int("SAMENVEILIG_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "account/lockout.html"
AXES_USERNAME_FORM_FIELD = "login"
# allauth authenticates with ``username``/``email`` keys, not the form field: one function reads them all.
AXES_USERNAME_CALLABLE = "samenveilig.accounts.adapters.axes_username"
AXES_VERBOSE = False
AXES_ENABLE_ACCESS_FAILURE_LOG = False

# Sessions end after inactivity; the cookie never outlives the browser session.
SESSION_COOKIE_AGE = env_int("SAMENVEILIG_SESSION_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"

# --- Security headers ---------------------------------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if IS_PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SAMENVEILIG_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = env_int("SAMENVEILIG_HSTS_SECONDS", 31536000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
if OIDC_CLIENT_ID:
    # The login form posts to us; the provider redirect is a navigation, but some browsers check form-action on it.
    CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"].append(OIDC_SERVER_URL)

# --- Language -----------------------------------------------------------------------------------------------------
LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", _("Nederlands")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "samenveilig" / "locale"]
FORMAT_MODULE_PATH = ["samenveilig.formats"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_SECURE = IS_PRODUCTION
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static files -------------------------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("SAMENVEILIG_STATIC_ROOT", str(VAR_DIR / "staticfiles")))
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
STATICFILES_DIRS = [BASE_DIR / "samenveilig" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
        if IS_PRODUCTION
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
WHITENOISE_USE_FINDERS = not IS_PRODUCTION

# --- E-mail -------------------------------------------------------------------------------------------------------
EMAIL_BACKEND = env_str("SAMENVEILIG_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = env_str("SAMENVEILIG_EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("SAMENVEILIG_EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("SAMENVEILIG_EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env_str("SAMENVEILIG_EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env_bool("SAMENVEILIG_EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env_str("SAMENVEILIG_DEFAULT_FROM_EMAIL", "Samen Veilig <noreply@samenveilig.invalid>")

# --- Cache and tasks ----------------------------------------------------------------------------------------------
REDIS_URL = env_str("SAMENVEILIG_REDIS_URL")
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}
    if REDIS_URL
    else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
}
CELERY_BROKER_URL = env_str("SAMENVEILIG_CELERY_BROKER_URL", REDIS_URL)
# Without a broker, tasks run in-process at once: the laptop default needs no extra server.
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE

# --- API ----------------------------------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "samenveilig.accounts.api_auth.PersonalTokenAuthentication",
        "samenveilig.accounts.api_auth.MfaSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_THROTTLE_RATES": {"user": "1200/hour"},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Samen Veilig API",
    "DESCRIPTION": "API of Samen Veilig: the local approach to domestic violence and child abuse.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SERVE_PERMISSIONS": ["rest_framework.permissions.IsAuthenticated"],
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    "COMPONENT_SPLIT_REQUEST": True,
}

# --- Logging: structured, never personal values ----------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"no_personal_data": {"()": "samenveilig.lib.logging.NoPersonalDataFilter"}},
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": "plain", "filters": ["no_personal_data"]},
    },
    "root": {"handlers": ["console"], "level": env_str("SAMENVEILIG_LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}

# --- Samen Veilig ------------------------------------------------------------------------------------------------
SAMENVEILIG_DEMO_PASSWORD = env_str("DEMO_PASSWORD", "demo")
# An entry of the sociale kaart not verified for this many days is marked stale and its owner reminded.
SAMENVEILIG_KAART_STALE_DAYS = env_int("SAMENVEILIG_KAART_STALE_DAYS", 365)
# The owner of stale entries gets at most one reminder per this many days.
SAMENVEILIG_KAART_REMINDER_DAYS = env_int("SAMENVEILIG_KAART_REMINDER_DAYS", 30)
# Periodic jobs (core/jobs.py): seconds between checks of what is due, by Celery beat or `manage.py run_jobs --loop`.
SAMENVEILIG_JOBS_INTERVAL_SECONDS = env_int("SAMENVEILIG_JOBS_INTERVAL_SECONDS", 300)
for _name in ("SAMENVEILIG_KAART_REMINDER_DAYS", "SAMENVEILIG_JOBS_INTERVAL_SECONDS"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1, not {globals()[_name]}")
CELERY_BEAT_SCHEDULE = {
    "run-due-jobs": {
        "task": "samenveilig.core.run_due_jobs",
        "schedule": timedelta(seconds=SAMENVEILIG_JOBS_INTERVAL_SECONDS),
    },
}
# The address of this installation as users reach it, for links in e-mail sent outside a request (notifications).
SAMENVEILIG_SITE_URL = env_str("SAMENVEILIG_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

# Meldcode
# Sectors (accounts.Sector codes) whose meldcode asks the afwegingsvragen in step 4 instead of step 5.
SAMENVEILIG_MELDCODE_STEP4_SECTORS = env_list("SAMENVEILIG_MELDCODE_STEP4_SECTORS", [])
# Meldcode retention and reminders (docs/meldcode-retention.md)
# Days without activity after which the owner and the aandachtsfunctionaris are reminded of an open dossier.
SAMENVEILIG_MELDCODE_IDLE_DAYS = env_int("SAMENVEILIG_MELDCODE_IDLE_DAYS", 14)
# Days after the outcome "hulp bieden en volgen" by which the help is to be checked (a follow-up is planned).
SAMENVEILIG_MELDCODE_FOLLOWUP_DAYS = env_int("SAMENVEILIG_MELDCODE_FOLLOWUP_DAYS", 42)
# Retention in years after closing, per sector ("sector:years,..."), overriding the defaults in meldcode/retention.py.
SAMENVEILIG_MELDCODE_RETENTION_YEARS = {}
for _item in env_list("SAMENVEILIG_MELDCODE_RETENTION_YEARS", []):
    _sector, _sep, _years = _item.partition(":")
    if not _sep or not _years.strip().isdigit() or int(_years) < 1:
        raise ImproperlyConfigured(f"SAMENVEILIG_MELDCODE_RETENTION_YEARS: use sector:years, not {_item!r}")
    SAMENVEILIG_MELDCODE_RETENTION_YEARS[_sector.strip()] = int(_years)
for _name in ("SAMENVEILIG_MELDCODE_IDLE_DAYS", "SAMENVEILIG_MELDCODE_FOLLOWUP_DAYS"):
    if globals()[_name] < 1:
        raise ImproperlyConfigured(f"{_name} must be at least 1, not {globals()[_name]}")

# Verwijsindex (docs/verwijsindex.md)
# Off: no menu item, its pages answer 404; the expiry job still removes stored signals at the end of their term.
SAMENVEILIG_VERWIJSINDEX_ENABLED = env_bool("SAMENVEILIG_VERWIJSINDEX_ENABLED", True)
# While switched off: "keep" the stored signals (they still expire at the end of their term) or "purge" them all.
SAMENVEILIG_VERWIJSINDEX_WHEN_OFF = env_choice("SAMENVEILIG_VERWIJSINDEX_WHEN_OFF", ("keep", "purge"), "keep")
# Keys of the keyed hash (HMAC-SHA256) of a BSN, "id:secret" comma separated, current first; older keys still match.
SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS = env_list(
    "SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS", [] if IS_PRODUCTION else [production.DEFAULT_VERWIJSINDEX_HMAC_KEY]
)
# Years the trace of a removed signal is kept (its legal source: docs/verwijsindex.md).
SAMENVEILIG_VERWIJSINDEX_HISTORY_YEARS = env_int("SAMENVEILIG_VERWIJSINDEX_HISTORY_YEARS", 5)
if SAMENVEILIG_VERWIJSINDEX_HISTORY_YEARS < 0:
    raise ImproperlyConfigured("SAMENVEILIG_VERWIJSINDEX_HISTORY_YEARS must be 0 or more.")
# Days before a signal's legal end that its professional is reminded (once) to register anew if the concern continues.
# Registrations per hour through the API, per professional and per organisation API credential (0: no limit). Mass
# registration is how someone would probe the index for who is involved with whom; the limit slows it and the refusal
# is in the access log.
SAMENVEILIG_VERWIJSINDEX_API_REGISTRATIONS_PER_HOUR = env_int(
    "SAMENVEILIG_VERWIJSINDEX_API_REGISTRATIONS_PER_HOUR", 200
)
SAMENVEILIG_VERWIJSINDEX_SYSTEM_REGISTRATIONS_PER_HOUR = env_int(
    "SAMENVEILIG_VERWIJSINDEX_SYSTEM_REGISTRATIONS_PER_HOUR", 5000
)
if min(SAMENVEILIG_VERWIJSINDEX_API_REGISTRATIONS_PER_HOUR, SAMENVEILIG_VERWIJSINDEX_SYSTEM_REGISTRATIONS_PER_HOUR) < 0:
    raise ImproperlyConfigured("The Verwijsindex registration limits must be 0 (no limit) or more.")

SAMENVEILIG_VERWIJSINDEX_REMINDER_DAYS = env_int("SAMENVEILIG_VERWIJSINDEX_REMINDER_DAYS", 30)
if not 1 <= SAMENVEILIG_VERWIJSINDEX_REMINDER_DAYS <= 365:
    raise ImproperlyConfigured("SAMENVEILIG_VERWIJSINDEX_REMINDER_DAYS must be between 1 and 365.")

if IS_PRODUCTION:
    _problems = production.problems(
        debug=DEBUG,
        secret_key=SECRET_KEY,
        db_engine=DATABASES["default"]["ENGINE"],
        allowed_hosts=ALLOWED_HOSTS,
        encryption_keys=ENCRYPTION_KEYS,
        email_backend=EMAIL_BACKEND,
        demo=DEMO_MODE,
        verwijsindex_hmac_keys=SAMENVEILIG_VERWIJSINDEX_HMAC_KEYS,
    )
    if _problems:
        raise ImproperlyConfigured("Samen Veilig refuses to start in production mode:\n- " + "\n- ".join(_problems))

if ENVIRONMENT == "test":
    # Fast by design: a cheap hasher and no throttling of tests; nothing here weakens production.
    PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Plannen (docs/plannen.md)
# The status of an activity is its own enum in the OpenAPI schema; the Meldcode dossier's keeps the name it had.
SPECTACULAR_SETTINGS["ENUM_NAME_OVERRIDES"] = {
    **SPECTACULAR_SETTINGS.get("ENUM_NAME_OVERRIDES", {}),
    "ActivityStatusEnum": "samenveilig.plannen.models.Activity.Status",
    "StatusEnum": "samenveilig.meldcode.workflow.Status",
}

# Monitor (docs/monitor.md)
# Largest file (in MB) the monitor's upload pages take; larger (national) tables go through manage.py monitor_import.
SAMENVEILIG_MONITOR_UPLOAD_MAX_MB = env_int("SAMENVEILIG_MONITOR_UPLOAD_MAX_MB", 10)
if not 1 <= SAMENVEILIG_MONITOR_UPLOAD_MAX_MB <= 500:
    raise ImproperlyConfigured("SAMENVEILIG_MONITOR_UPLOAD_MAX_MB must be between 1 and 500.")
