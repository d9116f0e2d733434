"""Django settings, read from the environment.

DATABASE_URL points at a PostgreSQL server; without it the app starts its own
embedded PostgreSQL under `.data/`. There is no other database engine.
"""

import datetime as dt
import os
import warnings
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from khuyencong.env import envbool, envint, envlist, envstr

BASE_DIR = Path(__file__).resolve().parent.parent

DJANGO_ENV = envstr("DJANGO_ENV", "development")
PRODUCTION = DJANGO_ENV == "production"

DEBUG = envbool("DEBUG", default=not PRODUCTION)
SECRET_KEY = envstr("SECRET_KEY") or ("" if PRODUCTION else "dev-only-insecure-key-not-for-production")
ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "" if PRODUCTION else "127.0.0.1,localhost,testserver")

# Demo logins (canbo, lanhdao, ...) are created only outside production.
DEMO_ENABLED = not PRODUCTION

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "django_filters",
    "rules.apps.AutodiscoverRulesConfig",
    "pgtrigger",
    "pghistory",
    "pghistory.admin",
    "django_tasks_db",
    "accounts",
    "programs",
    "projects",
    "budgets",
    "reports",
    "imports",
    "attachments",
    "portal",
    "execution",
    "guide",
    "api",
    # django-ninja: its Swagger page is served from its own static files (no CDN; CSP allows only self).
    "ninja",
    "axes",
    "ops",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "khuyencong.middleware.VietnameseFirstLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "pghistory.middleware.HistoryMiddleware",
    "ops.middleware.RefusedAccessLogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "khuyencong.urls"
WSGI_APPLICATION = "khuyencong.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
            ],
        },
    },
]

_database_url = envstr("DATABASE_URL")
if not _database_url:
    from khuyencong.embedded_db import embedded_database_url

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        _database_url = embedded_database_url(BASE_DIR / ".data")
# JIT off: the planner over-estimates the recursive unit-scope subqueries (accounts/access.py)
# by four orders of magnitude and spends about 450 ms compiling each of them, for queries
# that execute in a few milliseconds.
_DATABASE_OPTIONS = {"options": "-c jit=off"}
DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
DATABASES["default"].setdefault("OPTIONS", {}).update(_DATABASE_OPTIONS)
# Reports and large exports may read from a streaming replica (khuyencong/databases.py).
if envstr("REPORTS_DATABASE_URL"):
    DATABASES["reports"] = dj_database_url.parse(envstr("REPORTS_DATABASE_URL"), conn_max_age=60)
    DATABASES["reports"].setdefault("OPTIONS", {}).update(_DATABASE_OPTIONS)
    DATABASES["reports"]["TEST"] = {"MIRROR": "default"}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # Throttling first: a locked-out username+address pair never reaches the password check.
    "ops.auth.LoginThrottleBackend",
    "ops.auth.DemoLoginRefusalBackend",
    "rules.permissions.ObjectPermissionBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# The first hasher makes new hashes; the others still verify existing ones, which
# Django re-hashes with the first at the owner's next successful login.
PASSWORD_HASHERS = [
    "khuyencong.hashers.OfficeArgon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "/"
LOGOUT_REDIRECT_URL = "login"

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = BASE_DIR / ".data" / "staticfiles"
STATICFILES_DIRS = [BASE_DIR / "static"]
STORAGES: dict[str, dict[str, object]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
MEDIA_ROOT = BASE_DIR / ".data" / "media"

# Evidence files (attachments): outside the web root and outside MEDIA_ROOT, reached only
# through attachments.views.download. Several machines share an S3-compatible object store
# instead: ATTACHMENTS_S3_BUCKET (with ATTACHMENTS_S3_ENDPOINT_URL for a store other than
# AWS; credentials from the usual AWS_* variables) and `pip install django-storages[s3]`.
ATTACHMENTS_ROOT = Path(envstr("ATTACHMENTS_ROOT") or BASE_DIR / ".data" / "attachments")
if envstr("ATTACHMENTS_S3_BUCKET"):
    STORAGES["attachments"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": envstr("ATTACHMENTS_S3_BUCKET"),
            "endpoint_url": envstr("ATTACHMENTS_S3_ENDPOINT_URL") or None,
            "region_name": envstr("ATTACHMENTS_S3_REGION") or None,
            "location": "attachments",
            "default_acl": "private",
            "querystring_auth": True,  # no public URL: the view streams the file anyway
            "file_overwrite": False,
        },
    }
else:
    STORAGES["attachments"] = {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": ATTACHMENTS_ROOT, "base_url": None},
    }

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"


# Background work (exports too big for a request), on Django's tasks framework.
# Default: the database-backed queue of django-tasks-db, run by `manage.py db_worker`
# on any machine that reaches the database. With several machines, TASKS_BACKEND=celery
# puts the queue on Redis (REDIS_URL) and `celery -A khuyencong.celery worker -Q default`
# runs it (install django-tasks-celery[celery]; see README, "Scaling").
TASKS_BACKEND = envstr("TASKS_BACKEND", "database")
if TASKS_BACKEND == "celery":
    REDIS_URL = envstr("REDIS_URL", "redis://127.0.0.1:6379/0")
    TASKS = {
        "default": {
            "BACKEND": "django_tasks_celery.CeleryBackend",
            "QUEUES": ["default"],
            "OPTIONS": {"CELERY_APP": "khuyencong.celery.app"},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = envstr("CELERY_RESULT_BACKEND", REDIS_URL)
    CELERY_RESULT_EXTENDED = True
    CELERY_TASK_DEFAULT_QUEUE = "default"
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
# Exports larger than this many rows are made in the background, not in the request.
EXPORT_INLINE_MAX_ROWS = int(envstr("EXPORT_INLINE_MAX_ROWS", "500"))
# Rendered report files kept for reuse (reports.cache): at most this many bytes, least recently served out first.
REPORT_CACHE_MAX_BYTES = int(envstr("REPORT_CACHE_MAX_BYTES", str(500 * 1024 * 1024)))
REPORT_CACHE_ENABLED = envbool("REPORT_CACHE_ENABLED", default=True)  # off: every download is rendered anew

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"utc": {"()": "ops.log_format.UTCFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "utc"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # Logins, failed logins and refused access: always kept, whatever LOG_LEVEL says.
        "khuyencong.security": {"level": "INFO"},
        "axes": {"level": "WARNING"},
    },
}

# ---------------------------------------------------------------------------
# Security: login throttling, Content Security Policy, sessions, production.
# ---------------------------------------------------------------------------

# django-axes: lock a username *from one address*, never a whole address, so one
# attacker behind an office's shared NAT cannot lock everyone else out.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_FAILURE_LIMIT = envint("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = dt.timedelta(minutes=envint("AXES_COOLOFF_MINUTES", 15))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "ops.network.client_ip"
AXES_USERNAME_CALLABLE = "ops.auth.throttled_username"
AXES_LOCKOUT_TEMPLATE = "ops/locked_out.html"
# Addresses of reverse proxies in front of the app (nginx on the same host): only
# then is the last X-Forwarded-For entry, written by that proxy, believed.
TRUSTED_PROXIES = envlist("TRUSTED_PROXIES", "127.0.0.1,::1")

# Django's Content Security Policy: scripts and styles only from our own static
# files, never inline. Enforced in production, reported elsewhere so that a page
# that would break shows up in the browser console during development.
_CSP_POLICY = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

if PRODUCTION:
    if not SECRET_KEY:
        raise ImproperlyConfigured("DJANGO_ENV=production cần SECRET_KEY (SECRET_KEY is required in production).")
    if not ALLOWED_HOSTS:
        raise ImproperlyConfigured("DJANGO_ENV=production cần ALLOWED_HOSTS (ALLOWED_HOSTS is required in production).")
    DEBUG = False
    SECURE_CSP = _CSP_POLICY
    # nginx terminates TLS and says so in X-Forwarded-Proto (see deploy/nginx/khuyencong.conf).
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", True)
    # The health probe comes over loopback without TLS.
    SECURE_REDIRECT_EXEMPT = [r"^health/$"]
    SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 365 * 24 * 3600)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = envbool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", True)
    SECURE_CONTENT_TYPE_NOSNIFF = True
    SECURE_REFERRER_POLICY = "same-origin"
    SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
    X_FRAME_OPTIONS = "DENY"
    SESSION_COOKIE_SECURE = True
    # Sessions end after this many seconds without a request (saving the session on
    # every request is what makes the timeout count from the last request).
    SESSION_COOKIE_AGE = envint("SESSION_IDLE_SECONDS", 30 * 60)
    SESSION_SAVE_EVERY_REQUEST = True
    CSRF_COOKIE_SECURE = True
    CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS")
    STORAGES["staticfiles"]["BACKEND"] = "ops.storage.ProductionStaticFilesStorage"
    AUTH_PASSWORD_VALIDATORS = [
        {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
        {
            "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
            "OPTIONS": {"min_length": 12},  # type: ignore[dict-item]
        },
        {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
        {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    ]
else:
    SECURE_CSP_REPORT_ONLY = _CSP_POLICY

# Backups written by `manage.py backup` (see ops/management/commands/backup.py).
BACKUP_DIR = Path(envstr("BACKUP_DIR") or BASE_DIR / ".data" / "backups")
