"""Postloom settings: everything comes from the environment, with defaults that need nothing.

Embedded (no variables set): SQLite, files and keys under the data directory, SqliteHuey worker,
console email. At scale: DATABASE_URL (PostgreSQL), REDIS_URL (Huey on Redis), MEDIA_STORAGE=s3.
README.md lists every variable.
"""

from __future__ import annotations

import secrets
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import dj_database_url
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from postloom.config.env import (
    env_bool,
    env_choice,
    env_int,
    env_list,
    env_secret,
    env_str,
    generated_secret,
)

PACKAGE_DIR = Path(__file__).resolve().parent.parent

# --- Data directory: SQLite database, media files, generated keys --------------------------
DATA_DIR = Path(env_str("POSTLOOM_DATA_DIR", "data")).expanduser().resolve()
DATA_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)

SECRET_KEY = env_secret("SECRET_KEY") or generated_secret(
    DATA_DIR / "secret_key", lambda: secrets.token_urlsafe(50)
)
# MultiFernet keys for tokens at rest: the first encrypts, all decrypt (rotation).
ENCRYPTION_KEYS = env_list("POSTLOOM_ENCRYPTION_KEYS") or [
    env_secret("POSTLOOM_ENCRYPTION_KEY")
    or generated_secret(DATA_DIR / "encryption.key", lambda: Fernet.generate_key().decode())
]

DEBUG = env_bool("DEBUG", False)

BASE_URL = env_str("POSTLOOM_BASE_URL", "http://localhost:8000").rstrip("/")
_base = urlsplit(BASE_URL)
if _base.scheme not in ("http", "https") or not _base.hostname:
    raise ImproperlyConfigured(f"POSTLOOM_BASE_URL must be an http(s) URL, not {BASE_URL!r}")
ALLOWED_HOSTS = env_list("POSTLOOM_ALLOWED_HOSTS") or [
    _base.hostname,
    "localhost",
    "127.0.0.1",
    "[::1]",
]
CSRF_TRUSTED_ORIGINS = [f"{_base.scheme}://{_base.netloc}"]
HTTPS = _base.scheme == "https"
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = HTTPS
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("POSTLOOM_BEHIND_PROXY", False) else None
)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
# Only our own files, no third-party script, style or font on any page.
SECURE_CSP: dict[str, list[str]] = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:", "https:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "form-action": [CSP.SELF, "https:"],
    "frame-ancestors": [CSP.NONE],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
}

# --- Applications ---------------------------------------------------------------------------
INSTALLED_APPS = [
    "postloom.accounts",
    "postloom.brands",
    "postloom.catalog",
    "postloom.studio",
    "postloom.connections",
    "postloom.publishing",
    "postloom.system",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django_htmx",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.mfa",
    "huey.contrib.djhuey",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "postloom.accounts.middleware.UserLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
]

ROOT_URLCONF = "postloom.config.urls"
WSGI_APPLICATION = "postloom.config.wsgi.application"
ASGI_APPLICATION = "postloom.config.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "postloom.brands.context_processors.businesses",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = env_str("DATABASE_URL")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    # WAL lets readers and the writer work at once; IMMEDIATE takes the write lock when a
    # transaction starts, so web and worker queue behind the busy timeout instead of failing
    # with "database is locked" when a read transaction tries to upgrade to a write.
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(DATA_DIR / "postloom.sqlite3"),
            "OPTIONS": {
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;PRAGMA synchronous=NORMAL;PRAGMA busy_timeout=20000"
                ),
            },
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Background work: django.tasks in app code, Huey underneath ----------------------------
REDIS_URL = env_str("REDIS_URL")
HUEY_NAME = env_str("POSTLOOM_HUEY_NAME", "postloom")
HUEY: dict[str, object]
if REDIS_URL:
    HUEY = {"huey_class": "huey.RedisHuey", "name": HUEY_NAME, "url": REDIS_URL}
else:
    HUEY = {
        "huey_class": "huey.SqliteHuey",
        "name": HUEY_NAME,
        "filename": str(DATA_DIR / "tasks.sqlite3"),
    }
HUEY.update(
    immediate=False,
    utc=True,
    consumer={"workers": env_int("POSTLOOM_WORKER_THREADS", 2), "worker_type": "thread"},
)
TASKS = {
    "default": {
        "BACKEND": "huey.contrib.djhuey.tasks_backend.HueyBackend",
        "OPTIONS": {"enqueue_on_commit": True},
    }
}
# A worker is healthy when its heartbeat is at most this old (the scheduler beats every minute).
WORKER_HEARTBEAT_MAX_AGE = env_int("POSTLOOM_WORKER_HEARTBEAT_MAX_AGE", 180)

# --- Files ----------------------------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = DATA_DIR / "media"
MEDIA_STORAGE = env_choice("MEDIA_STORAGE", ("local", "s3"), "local")
_media_backend: dict[str, object]
if MEDIA_STORAGE == "s3":
    _media_backend = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env_str("S3_BUCKET"),
            "endpoint_url": env_str("S3_ENDPOINT_URL") or None,
            "region_name": env_str("S3_REGION") or None,
            "access_key": env_secret("S3_ACCESS_KEY_ID"),
            "secret_key": env_secret("S3_SECRET_ACCESS_KEY"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    if not env_str("S3_BUCKET"):
        raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs S3_BUCKET")
else:
    _media_backend = {"BACKEND": "django.core.files.storage.FileSystemStorage"}
STORAGES = {
    "default": _media_backend,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
FILE_UPLOAD_PERMISSIONS = 0o640
# The first handler stops keeping a file once it passes the 15 MB upload cap (see its module).
FILE_UPLOAD_HANDLERS = [
    "postloom.catalog.upload_handlers.CappedUploadHandler",
    "django.core.files.uploadhandler.MemoryFileUploadHandler",
    "django.core.files.uploadhandler.TemporaryFileUploadHandler",
]

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
# Argon2id for new hashes; older hashers stay so imported hashes still verify and upgrade.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "dashboard"
MIN_AGE = env_int("POSTLOOM_MIN_AGE", 18)
PRIVACY_POLICY_VERSION = env_str("POSTLOOM_PRIVACY_POLICY_VERSION", "2026-11")

ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = env_choice(
    "POSTLOOM_EMAIL_VERIFICATION", ("mandatory", "optional", "none"), "optional"
)
ACCOUNT_SIGNUP_FORM_CLASS = "postloom.accounts.forms.SignupExtraForm"
ACCOUNT_ADAPTER = "postloom.accounts.adapter.AccountAdapter"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
PASSWORD_RESET_TIMEOUT = env_int("POSTLOOM_PASSWORD_RESET_TIMEOUT", 3 * 24 * 3600)
ACCOUNT_DEFAULT_HTTP_PROTOCOL = _base.scheme
SOCIALACCOUNT_ADAPTER = "postloom.accounts.adapter.SocialAccountAdapter"
# Google sign-ups still see the signup form, so the age gate and consent cannot be skipped.
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True
SOCIALACCOUNT_STORE_TOKENS = False
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Postloom"

GOOGLE_CLIENT_ID = env_str("GOOGLE_CLIENT_ID")
GOOGLE_CLIENT_SECRET = env_secret("GOOGLE_CLIENT_SECRET")
# Configurable so tests and the sandbox can point at a local OpenID provider.
GOOGLE_OIDC_SERVER_URL = env_str("POSTLOOM_GOOGLE_OIDC_URL", "https://accounts.google.com")
GOOGLE_SIGN_IN_ENABLED = bool(GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET)
SOCIALACCOUNT_PROVIDERS: dict[str, object] = {}
if GOOGLE_SIGN_IN_ENABLED:
    SOCIALACCOUNT_PROVIDERS["openid_connect"] = {
        "OAUTH_PKCE_ENABLED": True,
        "APPS": [
            {
                "provider_id": "google",
                "name": "Google",
                "client_id": GOOGLE_CLIENT_ID,
                "secret": GOOGLE_CLIENT_SECRET,
                "settings": {"server_url": GOOGLE_OIDC_SERVER_URL},
            }
        ],
    }

# --- Brand onboarding: fetching websites and AI providers ---------------------------------
# Only tests and the local sandbox may let the fetcher reach 127.0.0.1.
FETCH_ALLOW_LOOPBACK = env_bool("POSTLOOM_FETCH_ALLOW_LOOPBACK", False)
AI: dict[str, Any] = {
    "PROVIDER": env_choice(
        "POSTLOOM_AI_PROVIDER", ("basic", "anthropic", "openai", "openai-compatible"), "basic"
    ),
    "TIMEOUT_SECONDS": env_int("POSTLOOM_AI_TIMEOUT", 60),
    "ANTHROPIC_API_KEY": env_secret("ANTHROPIC_API_KEY"),
    "ANTHROPIC_MODEL": env_str("ANTHROPIC_MODEL", "claude-sonnet-5-5"),
    "ANTHROPIC_BASE_URL": env_str("ANTHROPIC_BASE_URL"),
    "OPENAI_API_KEY": env_secret("OPENAI_API_KEY"),
    "OPENAI_MODEL": env_str("OPENAI_MODEL", "gpt-4.1-mini"),
    "OPENAI_BASE_URL": env_str("OPENAI_BASE_URL"),
    "OPENAI_COMPATIBLE_BASE_URL": env_str("OPENAI_COMPATIBLE_BASE_URL"),
    "OPENAI_COMPATIBLE_API_KEY": env_secret("OPENAI_COMPATIBLE_API_KEY"),
    "OPENAI_COMPATIBLE_MODEL": env_str("OPENAI_COMPATIBLE_MODEL"),
}
# AI images (integrations/images): off by default. The OpenAI key and address are the text
# ones unless OPENAI_IMAGES_* says otherwise. Each AI picture costs CREDITS_PER_IMAGE on top of
# the post's credits, refunded when the provider fails and the brand background is used.
IMAGES: dict[str, Any] = {
    "PROVIDER": env_choice("POSTLOOM_IMAGE_PROVIDER", ("none", "openai", "fal"), "none"),
    "TIMEOUT_SECONDS": env_int("POSTLOOM_IMAGE_TIMEOUT", 120),
    "OPENAI_API_KEY": env_secret("OPENAI_IMAGES_API_KEY") or AI["OPENAI_API_KEY"],
    "OPENAI_MODEL": env_str("OPENAI_IMAGE_MODEL", "gpt-image-1"),
    "OPENAI_QUALITY": env_choice(
        "OPENAI_IMAGE_QUALITY", ("low", "medium", "high", "auto"), "medium"
    ),
    "OPENAI_BASE_URL": env_str("OPENAI_IMAGES_BASE_URL") or AI["OPENAI_BASE_URL"],
    "FAL_API_KEY": env_secret("FAL_KEY"),
    "FAL_MODEL": env_str("FAL_IMAGE_MODEL", "fal-ai/flux/dev"),
    "FAL_REFERENCE_MODEL": env_str("FAL_REFERENCE_MODEL", "fal-ai/flux-pro/kontext"),
    "FAL_BASE_URL": env_str("FAL_BASE_URL", "https://queue.fal.run"),
    "ALLOW_LOOPBACK": FETCH_ALLOW_LOOPBACK,  # the fal download, like the website fetcher
    "CREDITS_PER_IMAGE": env_int("POSTLOOM_CREDITS_PER_AI_IMAGE", 1),
}

# Credits a new business starts with (each generated post costs CREDITS_PER_POST).
WELCOME_CREDITS = env_int("POSTLOOM_WELCOME_CREDITS", 300)
CREDITS_PER_POST = env_int("POSTLOOM_CREDITS_PER_POST", 1)

# --- Social networks: app credentials and API hosts (tests and `postloom sandbox` point the
# hosts at the local simulators; the Graph API version is pinned, never left to Meta's default).
NETWORKS: dict[str, Any] = {
    "GRAPH_API_VERSION": env_str("POSTLOOM_GRAPH_API_VERSION", "v24.0"),
    # Instagram API with Instagram Login
    "INSTAGRAM_APP_ID": env_str("INSTAGRAM_APP_ID"),
    "INSTAGRAM_APP_SECRET": env_secret("INSTAGRAM_APP_SECRET"),
    "INSTAGRAM_AUTHORIZE_URL": env_str(
        "INSTAGRAM_AUTHORIZE_URL", "https://www.instagram.com/oauth/authorize"
    ),
    "INSTAGRAM_API_URL": env_str("INSTAGRAM_API_URL", "https://api.instagram.com"),
    "INSTAGRAM_GRAPH_URL": env_str("INSTAGRAM_GRAPH_URL", "https://graph.instagram.com"),
    # Instagram API with Facebook Login
    "FACEBOOK_APP_ID": env_str("FACEBOOK_APP_ID"),
    "FACEBOOK_APP_SECRET": env_secret("FACEBOOK_APP_SECRET"),
    "FACEBOOK_DIALOG_URL": env_str("FACEBOOK_DIALOG_URL", "https://www.facebook.com"),
    "FACEBOOK_GRAPH_URL": env_str("FACEBOOK_GRAPH_URL", "https://graph.facebook.com"),
    # TikTok Content Posting API
    "TIKTOK_CLIENT_KEY": env_str("TIKTOK_CLIENT_KEY"),
    "TIKTOK_CLIENT_SECRET": env_secret("TIKTOK_CLIENT_SECRET"),
    "TIKTOK_AUTHORIZE_URL": env_str(
        "TIKTOK_AUTHORIZE_URL", "https://www.tiktok.com/v2/auth/authorize/"
    ),
    "TIKTOK_API_URL": env_str("TIKTOK_API_URL", "https://open.tiktokapis.com"),
    "TIMEOUT_SECONDS": env_int("POSTLOOM_NETWORK_TIMEOUT", 30),
    # Connections made against the local simulators are labelled "sandbox" everywhere.
    "SANDBOX": env_bool("POSTLOOM_SANDBOX", False),
}
if NETWORKS["SANDBOX"]:
    # The simulators serve profile pictures and sample posts, and their consent pages, over
    # plain http on this machine (a connect form redirects there).
    for _directive in ("img-src", "form-action"):
        SECURE_CSP[_directive] += ["http://127.0.0.1:*", "http://localhost:*"]

# --- Email ----------------------------------------------------------------------------------
_email_host = env_str("EMAIL_HOST")
if _email_host:
    _email_port = env_int("EMAIL_PORT", 587)
    MAILERS = {
        "default": {
            "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "OPTIONS": {
                "host": _email_host,
                "port": _email_port,
                "username": env_str("EMAIL_HOST_USER"),
                "password": env_secret("EMAIL_HOST_PASSWORD"),
                "use_tls": env_bool("EMAIL_USE_TLS", _email_port == 587),
                "use_ssl": env_bool("EMAIL_USE_SSL", _email_port == 465),
                "timeout": 20,
            },
        }
    }
else:
    # Embedded: emails (verification links, resets, invitations) appear in the server's output.
    MAILERS = {"default": {"BACKEND": "django.core.mail.backends.console.EmailBackend"}}
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Postloom <postloom@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("id", _("Indonesian")), ("tr", _("Turkish"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_NAME = "postloom_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Logging: never secrets; tokens are not logged anywhere --------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO").upper()},
    # Huey's consumer installs its own handler; propagating would print each line twice.
    "loggers": {
        "huey": {"level": "INFO", "propagate": False},
        "django.db.backends": {"level": "WARNING"},
    },
}
