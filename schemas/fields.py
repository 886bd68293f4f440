"""One read value with its provenance, and the references reports use to point at pages."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

BBox = tuple[float, float, float, float]
FieldValue = str | int | float


class PageRef(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str
    page: int = Field(ge=1)


class Evidence(BaseModel):
    model_config = ConfigDict(frozen=True)

    file: str
    page: int = Field(ge=1)
    bbox: BBox | None = None


class ExtractedField(BaseModel):
    """A normalised value, how sure we are of it, and where on which page it was read."""

    value: FieldValue
    confidence: float = Field(ge=0.0, le=1.0)
    file: str | None = None
    page: int | None = Field(default=None, ge=1)
    bbox: BBox | None = None
    raw: str | None = Field(default=None, description="the text as read, before normalisation")

    def evidence(self) -> Evidence | None:
        if self.file is None or self.page is None:
            return None
        return Evidence(file=self.file, page=self.page, bbox=self.bbox)
