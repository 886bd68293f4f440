"""The district summary table (汇总表) as .xlsx."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, HTTPException, Response, status

from service.audit import record
from service.deps import DB, CurrentUser
from service.districts import District, district_name
from service.routes.api_submissions import AUTH_ERRORS
from service.summary import TITLE
from service.summary_export import summary_rows, summary_xlsx_bytes

router = APIRouter(prefix="/api", tags=["summary"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get(
    "/summary.xlsx",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}, "description": "汇总表, one row per submission"}, **AUTH_ERRORS},
    summary="The summary table of one district (officers: their own) or of the city",
)
def summary_table(db: DB, principal: CurrentUser, district: District | None = None) -> Response:
    if district is not None and not principal.can_see_district(district.value):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "officers see their own district only")
    scope = district.value if district else principal.district
    rows = summary_rows(db, principal, district.value if district else None)
    title = f"{TITLE}（{district_name(scope)}）" if scope else TITLE
    record(db, principal, "summary_exported", None, {"district": scope, "rows": len(rows)})
    filename = f"汇总表-{district_name(scope) if scope else '全市'}.xlsx"
    return Response(
        summary_xlsx_bytes(rows, title),
        media_type=XLSX,
        headers={
            "Content-Disposition": f"attachment; filename=summary.xlsx; filename*=UTF-8''{quote(filename)}",
        },
    )
