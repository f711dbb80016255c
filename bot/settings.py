"""One typed settings object, from config files and environment variables.

Nothing reads settings at import time: ``load_settings()`` is called by the
entrypoints and the result is passed down.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bot.core.models import SOURCE_KIND_LABELS, SourceConfig, SourceKind

DEMO_SOURCE_URL = "demo:"
_KINDS = frozenset(SOURCE_KIND_LABELS)


class SettingsError(ValueError):
    pass


@dataclass(frozen=True)
class Secret:
    """A credential that never shows up in logs or reprs."""

    value: str

    def __repr__(self) -> str:
        return "Secret('***')"

    __str__ = __repr__


@dataclass(frozen=True)
class TelegramSettings:
    token: Secret | None = None
    api_base_url: str | None = None
    webhook_url: str | None = None
    webhook_secret: Secret | None = None
    webhook_listen: str = "127.0.0.1"
    webhook_port: int = 8443


@dataclass(frozen=True)
class SlackSettings:
    bot_token: Secret | None = None
    app_token: Secret | None = None
    signing_secret: Secret | None = None
    api_base_url: str | None = None
    http_host: str = "127.0.0.1"
    http_port: int = 3000
    # Who may change a channel's subscriptions: "anyone", "admins" or "users".
    config_policy: str = "anyone"
    allowed_users: tuple[str, ...] = ()


@dataclass(frozen=True)
class SummarizerSettings:
    backend: str = "extractive"
    abstractive_model: str = "sshleifer/distilbart-cnn-12-6"
    encoder_path: str | None = None
    threads: int | None = None
    max_sentences: int = 3


@dataclass(frozen=True)
class Settings:
    config_dir: Path
    database_url: str
    sources: tuple[SourceConfig, ...]
    sources_file: Path | None
    topics_file: Path
    summarizer: SummarizerSettings = field(default_factory=SummarizerSettings)
    telegram: TelegramSettings = field(default_factory=TelegramSettings)
    slack: SlackSettings = field(default_factory=SlackSettings)
    fetch_timeout_s: float = 20.0
    fetch_max_bytes: int = 5_000_000
    fetch_pages: bool = True
    poll_minutes: int = 15
    digest_grace_minutes: int = 180
    story_window_hours: int = 72
    retention_days: int = 30
    offline: bool = False
    # "inline": the poller summarizes (one process); "worker": `newsbrief summarize` does.
    analysis: str = "inline"

    def with_sources(self, sources: tuple[SourceConfig, ...], path: Path | None) -> Settings:
        return replace(self, sources=sources, sources_file=path)


def default_config_dir() -> Path:
    # The repository's config/ (editable install); NEWSBRIEF_CONFIG_DIR overrides.
    return Path(__file__).resolve().parents[1] / "config"


def default_database_url() -> str:
    from platformdirs import user_data_dir

    return f"sqlite:///{Path(user_data_dir('newsbrief')) / 'newsbrief.db'}"


def parse_sources(data: Mapping[str, Any], base: Path | None = None) -> tuple[SourceConfig, ...]:
    entries = data.get("sources")
    if not isinstance(entries, list) or not entries:
        raise SettingsError("sources file: expected one or more [[sources]] tables")
    result = []
    for number, entry in enumerate(entries, 1):
        if not isinstance(entry, Mapping) or "url" not in entry:
            raise SettingsError(f"sources file: entry {number} needs a url")
        url = str(entry["url"])
        if base is not None and not url.startswith(("http://", "https://", "demo:", "file:")):
            candidate = Path(url).expanduser()
            url = str(candidate if candidate.is_absolute() else (base / candidate).resolve())
        kind = str(entry.get("kind", "unknown"))
        if kind not in _KINDS:
            raise SettingsError(f"sources file: entry {number}: unknown kind {kind!r}")
        result.append(
            SourceConfig(
                name=str(entry.get("name", url)),
                url=url,
                kind=kind,  # type: ignore[arg-type]
                poll_minutes=int(entry.get("poll_minutes", 15)),
                fetch_pages=bool(entry.get("fetch_pages", True)),
            )
        )
    return tuple(result)


def load_sources(spec: str | Path) -> tuple[SourceConfig, ...]:
    """A TOML sources file, or a single feed/file path/URL given directly."""
    text = str(spec)
    if _is_url(text) or text == DEMO_SOURCE_URL:
        return (SourceConfig(name=text, url=text, kind=_guess_kind(text)),)
    path = Path(spec).expanduser()
    if not path.exists():
        raise SettingsError(f"sources file not found: {path}")
    if path.suffix != ".toml":
        return (SourceConfig(name=path.name, url=str(path.resolve()), kind="unknown"),)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise SettingsError(f"sources file {path}: {exc}") from exc
    return parse_sources(data, base=path.parent)


def demo_source() -> SourceConfig:
    return SourceConfig(name="newsbrief demo", url=DEMO_SOURCE_URL, kind="demo", fetch_pages=False)


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def _guess_kind(url: str) -> SourceKind:
    return "demo" if url == DEMO_SOURCE_URL else "unknown"


def _secret(env: Mapping[str, str], name: str) -> Secret | None:
    value = env.get(name, "").strip()
    return Secret(value) if value else None


def _int(env: Mapping[str, str], name: str, default: int | None) -> int | None:
    raw = env.get(name)
    if raw is None or raw == "":
        return default
    try:
        return int(raw)
    except ValueError as exc:
        raise SettingsError(f"{name} must be an integer, got {raw!r}") from exc


def _port(env: Mapping[str, str], name: str, default: int) -> int:
    """A TCP port; 0 asks the OS for a free one (tests)."""
    value = _int(env, name, default)
    if value is None or not 0 <= value <= 65535:
        raise SettingsError(f"{name} must be a port number (0-65535), got {env.get(name)!r}")
    return value


def load_settings(
    env: Mapping[str, str] | None = None, sources_override: str | None = None
) -> Settings:
    env = os.environ if env is None else env
    config_dir = Path(env.get("NEWSBRIEF_CONFIG_DIR") or default_config_dir())
    main: dict[str, Any] = {}
    main_file = config_dir / "newsbrief.toml"
    if main_file.exists():
        main = tomllib.loads(main_file.read_text(encoding="utf-8"))
    sources_spec = sources_override or env.get("NEWSBRIEF_SOURCES")
    sources_file: Path | None = None
    if sources_spec == DEMO_SOURCE_URL:
        sources: tuple[SourceConfig, ...] = (demo_source(),)
    elif sources_spec:
        # A URL stays a string: Path("http://host/feed") would fold its "//" into "/".
        sources = load_sources(sources_spec)
        sources_file = None if _is_url(sources_spec) else Path(sources_spec).expanduser()
    else:
        sources_file = config_dir / "sources.toml"
        sources = load_sources(sources_file)
    summ = main.get("summarizer", {})
    threads = _int(env, "NEWSBRIEF_THREADS", summ.get("threads"))
    summarizer = SummarizerSettings(
        backend=env.get("NEWSBRIEF_SUMMARIZER", summ.get("backend", "extractive")),
        abstractive_model=env.get(
            "NEWSBRIEF_ABSTRACTIVE_MODEL",
            summ.get("abstractive_model", "sshleifer/distilbart-cnn-12-6"),
        ),
        encoder_path=env.get("NEWSBRIEF_ENCODER_PATH") or summ.get("encoder_path"),
        threads=threads,
        max_sentences=int(summ.get("max_sentences", 3)),
    )
    if summarizer.backend not in ("extractive", "abstractive"):
        raise SettingsError(
            f"summarizer backend must be extractive or abstractive, not {summarizer.backend!r}"
        )
    slack_cfg = main.get("slack", {})
    poll = main.get("poll", {})
    schedule = main.get("schedule", {})
    return Settings(
        config_dir=config_dir,
        database_url=env.get("DATABASE_URL") or default_database_url(),
        sources=sources,
        sources_file=sources_file,
        topics_file=Path(env.get("NEWSBRIEF_TOPICS") or config_dir / "topics.toml"),
        summarizer=summarizer,
        telegram=TelegramSettings(
            token=_secret(env, "TELEGRAM_BOT_TOKEN"),
            api_base_url=env.get("TELEGRAM_API_BASE_URL") or None,
            webhook_url=env.get("TELEGRAM_WEBHOOK_URL") or None,
            webhook_secret=_secret(env, "TELEGRAM_WEBHOOK_SECRET"),
            webhook_listen=env.get("TELEGRAM_WEBHOOK_LISTEN", "127.0.0.1"),
            webhook_port=_port(env, "TELEGRAM_WEBHOOK_PORT", 8443),
        ),
        slack=SlackSettings(
            bot_token=_secret(env, "SLACK_BOT_TOKEN"),
            app_token=_secret(env, "SLACK_APP_TOKEN"),
            signing_secret=_secret(env, "SLACK_SIGNING_SECRET"),
            api_base_url=env.get("SLACK_API_BASE_URL") or None,
            http_host=env.get("SLACK_HTTP_HOST", "127.0.0.1"),
            http_port=_port(env, "SLACK_HTTP_PORT", 3000),
            config_policy=env.get("SLACK_CONFIG_POLICY", slack_cfg.get("config_policy", "anyone")),
            allowed_users=tuple(
                u
                for u in env.get(
                    "SLACK_ALLOWED_USERS", ",".join(slack_cfg.get("allowed_users", []))
                ).split(",")
                if u
            ),
        ),
        fetch_timeout_s=float(poll.get("timeout_s", 20.0)),
        fetch_max_bytes=int(poll.get("max_bytes", 5_000_000)),
        poll_minutes=_int(env, "NEWSBRIEF_POLL_MINUTES", int(poll.get("minutes", 15))) or 15,
        digest_grace_minutes=int(schedule.get("digest_grace_minutes", 180)),
        story_window_hours=int(poll.get("story_window_hours", 72)),
        retention_days=int(schedule.get("retention_days", 30)),
        offline=env.get("NEWSBRIEF_OFFLINE", "") in ("1", "true", "yes"),
        analysis=_analysis_mode(env.get("NEWSBRIEF_ANALYSIS") or poll.get("analysis", "inline")),
    )


def _analysis_mode(value: str) -> str:
    if value not in ("inline", "worker"):
        raise SettingsError(f"analysis must be inline or worker, not {value!r}")
    return value
