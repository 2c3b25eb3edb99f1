from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import connection

from postloom.config import env


def test_env_helpers_parse_and_reject(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("X_BOOL", "yes")
    monkeypatch.setenv("X_INT", "42")
    monkeypatch.setenv("X_LIST", "a, b,,c")
    assert env.env_bool("X_BOOL") is True
    assert env.env_int("X_INT", 1) == 42
    assert env.env_list("X_LIST") == ["a", "b", "c"]
    assert env.env_int("X_MISSING", 7) == 7
    monkeypatch.setenv("X_BOOL", "maybe")
    with pytest.raises(ImproperlyConfigured, match="X_BOOL"):
        env.env_bool("X_BOOL")
    monkeypatch.setenv("X_INT", "many")
    with pytest.raises(ImproperlyConfigured, match="X_INT"):
        env.env_int("X_INT", 1)
    monkeypatch.setenv("X_CHOICE", "ftp")
    with pytest.raises(ImproperlyConfigured, match="X_CHOICE must be one of local, s3"):
        env.env_choice("X_CHOICE", ("local", "s3"), "local")


def test_secrets_can_come_from_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    secret = tmp_path / "pw"
    secret.write_text("s3cret\n")
    monkeypatch.delenv("X_SECRET", raising=False)
    monkeypatch.setenv("X_SECRET_FILE", str(secret))
    assert env.env_secret("X_SECRET") == "s3cret"
    monkeypatch.setenv("X_SECRET_FILE", str(tmp_path / "missing"))
    with pytest.raises(ImproperlyConfigured, match="X_SECRET_FILE"):
        env.env_secret("X_SECRET")


def test_generated_secret_is_private_and_stable(tmp_path: Path) -> None:
    path = tmp_path / "keys" / "secret_key"
    first = env.generated_secret(path, lambda: "abc")
    assert first == "abc"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert env.generated_secret(path, lambda: "other") == "abc"


def load_settings(tmp_path: Path, **variables: str) -> dict[str, object]:
    """Import the real settings in a fresh interpreter with exactly these variables."""
    code = (
        "import json, postloom.config.settings as s; print(json.dumps({"
        "'db': s.DATABASES['default']['ENGINE'], 'huey': s.HUEY['huey_class'],"
        "'media': s.STORAGES['default']['BACKEND'], 'data': str(s.DATA_DIR),"
        "'keys': len(s.ENCRYPTION_KEYS), 'google': s.GOOGLE_SIGN_IN_ENABLED}))"
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("POSTLOOM_", "DATABASE_"))}
    clean.pop("REDIS_URL", None)
    clean.update(POSTLOOM_DATA_DIR=str(tmp_path / "data"), **variables)
    result = subprocess.run(
        [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=False
    )
    if result.returncode:
        return {"error": result.stderr}
    loaded: dict[str, object] = json.loads(result.stdout)
    return loaded


def test_defaults_need_no_configuration(tmp_path: Path) -> None:
    loaded = load_settings(tmp_path)
    assert loaded["db"] == "django.db.backends.sqlite3"
    assert loaded["huey"] == "huey.SqliteHuey"
    assert loaded["media"] == "django.core.files.storage.FileSystemStorage"
    assert loaded["google"] is False
    data = tmp_path / "data"
    for name in ("secret_key", "encryption.key"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600


def test_switches_to_postgres_redis_s3_and_google(tmp_path: Path) -> None:
    loaded = load_settings(
        tmp_path,
        DATABASE_URL="postgres://postgres@127.0.0.1:5432/test",
        REDIS_URL="redis://127.0.0.1:6379/0",
        MEDIA_STORAGE="s3",
        S3_BUCKET="postloom-media",
        GOOGLE_CLIENT_ID="id",
        GOOGLE_CLIENT_SECRET="secret",
    )
    assert loaded["db"] == "django.db.backends.postgresql"
    assert loaded["huey"] == "huey.RedisHuey"
    assert loaded["media"] == "storages.backends.s3.S3Storage"
    assert loaded["google"] is True


@pytest.mark.parametrize(
    ("variables", "message"),
    [
        ({"MEDIA_STORAGE": "s3"}, "MEDIA_STORAGE=s3 needs S3_BUCKET"),
        ({"MEDIA_STORAGE": "ftp"}, "MEDIA_STORAGE must be one of"),
        ({"DEBUG": "perhaps"}, "DEBUG must be true or false"),
        ({"POSTLOOM_BASE_URL": "localhost:8000"}, "POSTLOOM_BASE_URL must be an http(s) URL"),
    ],
)
def test_bad_configuration_stops_with_a_clear_message(
    tmp_path: Path, variables: dict[str, str], message: str
) -> None:
    assert message in str(load_settings(tmp_path, **variables)["error"])


@pytest.mark.django_db
def test_sqlite_runs_in_wal_mode_with_immediate_transactions() -> None:
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL run: SQLite pragmas do not apply")
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA busy_timeout")
        assert cursor.fetchone()[0] == 20000
    assert connection.transaction_mode == "IMMEDIATE"


def test_sandbox_pages_may_show_the_simulators_pictures(tmp_path: Path) -> None:
    """Only in sandbox mode may pages show (and forms go to) the local simulators."""
    code = (
        "import json, postloom.config.settings as s; "
        "print(json.dumps({k: s.SECURE_CSP[k] for k in ('img-src', 'form-action')}))"
    )

    def policy(**variables: str) -> dict[str, list[str]]:
        clean = {k: v for k, v in os.environ.items() if not k.startswith("POSTLOOM_")}
        clean.update(POSTLOOM_DATA_DIR=str(tmp_path / "data"), **variables)
        result = subprocess.run(
            [sys.executable, "-c", code], env=clean, capture_output=True, text=True, check=True
        )
        loaded: dict[str, list[str]] = json.loads(result.stdout)
        return loaded

    sandbox, real = policy(POSTLOOM_SANDBOX="1"), policy()
    for directive in ("img-src", "form-action"):
        assert "http://127.0.0.1:*" in sandbox[directive]
        assert "http://127.0.0.1:*" not in real[directive]
