"""Test settings: the real settings, with a throwaway data directory and tasks run inline.

DATABASE_URL and REDIS_URL pass through, so CI runs the same suite on PostgreSQL and Redis.
"""

import os
import tempfile

os.environ.setdefault("POSTLOOM_DATA_DIR", tempfile.mkdtemp(prefix="postloom-test-"))

from postloom.config.settings import *  # noqa: E402,F403
from postloom.config.settings import STORAGES  # noqa: E402

# Tasks run where they are enqueued; one integration test runs a real Huey consumer instead.
TASKS = {"default": {"BACKEND": "django.tasks.backends.immediate.ImmediateBackend"}}
# A fast hasher keeps the suite quick; tests/accounts/test_passwords.py checks the real ones.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# A file, not memory, for SQLite's test database: the live server's threads then get their own
# connections instead of racing on one (browser tests load many images at once).
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}  # noqa: F405
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # noqa: F405  (whitenoise looks for it)
