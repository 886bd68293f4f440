"""All service configuration in one typed class, read from PACKETCHECK_* environment variables.

Built once by the entry point (`serve`, a worker, a test) and passed down; nothing reads globals.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_SECRET = "change-me-development-only"


class Mode(StrEnum):
    DEVELOPMENT = "development"
    PRODUCTION = "production"


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="PACKETCHECK_", extra="ignore", frozen=True)

    mode: Mode = Mode.DEVELOPMENT
    secret_key: str = DEFAULT_SECRET
    data_dir: Path = Path("./packetcheck-data")
    database_url: str | None = Field(
        default=None, description="SQLAlchemy URL; default sqlite:///<data_dir>/packetcheck.sqlite3"
    )
    # The processing function, as "module:function". Tests inject a fake pipeline through it.
    pipeline: str = "extractor.pipeline:analyze"
    ocr_cache_dir: Path | None = None
    page_workers: int = Field(default=1, ge=1, le=8, description="processes per job reading pages")

    workers: int = Field(default=1, ge=0, le=8)
    job_lease_seconds: float = Field(default=120.0, gt=0)
    job_heartbeat_seconds: float = Field(default=10.0, gt=0)
    job_poll_seconds: float = Field(default=1.0, gt=0)
    job_max_attempts: int = Field(default=3, ge=1)

    max_file_bytes: int = Field(default=100 * 1024 * 1024, gt=0)
    max_request_bytes: int = Field(default=400 * 1024 * 1024, gt=0)
    max_files: int = Field(default=40, ge=1)
    max_pages: int = Field(default=600, ge=1, description="pages per submission, all files together")
    max_image_pixels: int = Field(default=80_000_000, gt=0, description="per page image")
    max_unzipped_bytes: int = Field(default=50 * 1024 * 1024, gt=0, description="per docx/xlsx")
    max_zip_ratio: float = Field(default=200.0, gt=1, description="uncompressed / compressed size")

    session_max_age_seconds: int = Field(default=12 * 3600, gt=0)
    cookie_secure: bool = False
    page_image_dpi: int = Field(default=110, ge=36, le=300)

    @model_validator(mode="after")
    def _no_default_secret_outside_development(self) -> ServiceSettings:
        if self.mode is not Mode.DEVELOPMENT and self.secret_key == DEFAULT_SECRET:
            raise ValueError("PACKETCHECK_SECRET_KEY must be set to a private value outside development mode")
        if self.mode is not Mode.DEVELOPMENT and len(self.secret_key) < 32:
            raise ValueError("PACKETCHECK_SECRET_KEY must be at least 32 characters in production")
        return self

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'packetcheck.sqlite3').resolve()}"

    @property
    def store_dir(self) -> Path:
        return self.data_dir / "files"

    @property
    def cache_dir(self) -> Path:
        return self.data_dir / "cache"
