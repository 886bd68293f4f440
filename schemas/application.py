"""The application form (申请表) fields of SPEC.md, whichever way the form reached us."""

from __future__ import annotations

from pydantic import BaseModel, Field

from schemas.documents import F, DocumentFields
from schemas.fields import ExtractedField
from schemas.vocab import ApplicationSource


class ApplicationFields(DocumentFields):
    entity_name: F = None
    office_address: F = None
    entity_category: F = None
    industry: F = None
    registration_date: F = None
    entity_nature: F = None
    legal_representative: F = None
    registered_address: F = None
    postal_code: F = None
    credit_code: F = None
    contact_name: F = None
    contact_phone: F = None
    contact_email: F = None
    park_opening: F = None
    enterprises_served: F = None
    revenue_2017: F = None
    service_revenue_2017: F = None
    total_assets_2017: F = None
    total_profit_2017: F = None
    taxes_paid_2017: F = None
    smes_served_2017: F = None
    revenue_2018: F = None
    service_revenue_2018: F = None
    total_assets_2018: F = None
    total_profit_2018: F = None
    taxes_paid_2018: F = None
    smes_served_2018: F = None
    station_name: F = None
    staff_fulltime: F = None
    staff_fulltime_qualified: F = None
    staff_parttime: F = None
    station_area: F = None
    station_address: F = None
    station_head: F = None
    station_head_phone: F = None
    station_head_email: F = None
    station_head_education: F = None


class Application(BaseModel):
    """The report's `application` block: where the form came from and what it states."""

    source: ApplicationSource
    fields: dict[str, ExtractedField] = Field(default_factory=dict)
