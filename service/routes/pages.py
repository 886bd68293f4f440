"""The HTML pages: login, the submission list and the reviewer page (Chinese, autoescaped)."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request, status
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from service.audit import events_of, record
from service.auth import SESSION_COOKIE, Principal, check_password, principal_of
from service.db import transaction
from service.deps import AppState, State, identify, visible_submission
from service.districts import DISTRICT_NAME, District, district_name
from service.labels import (
    ACTION_LABEL,
    DOC_TYPE_LABEL,
    FIELD_LABEL,
    REVIEW_LABEL,
    ROLE_LABEL,
    SEVERITY_LABEL,
    STATUS_LABEL,
    VALUE_LABEL,
    VERDICT_LABEL,
    label,
)
from service.models import JobStatus, ReviewStatus, StoredReport
from service.review_view import review_model
from service.views import ListFilter, audit_public, filtered, page_of, submission_public

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 30
DISTRICT_CODES = frozenset(d.value for d in District)


def page_principal(request: Request, state: AppState) -> Principal:
    principal = identify(request, state, None, request.cookies.get(SESSION_COOKIE))
    if principal is None:
        raise HTTPException(status.HTTP_303_SEE_OTHER, headers={"Location": "/login"})
    return principal


def render(
    state: AppState,
    request: Request,
    name: str,
    principal: Principal | None,
    code: int = 200,
    **context: object,
) -> HTMLResponse:
    csrf = state.signer.csrf_token(principal.session_nonce) if principal and principal.session_nonce else ""
    return state.templates.TemplateResponse(
        request,
        name,
        {
            "me": principal,
            "csrf": csrf,
            "label": label,
            "DOC_TYPE": DOC_TYPE_LABEL,
            "FIELD": FIELD_LABEL,
            "SEVERITY": SEVERITY_LABEL,
            "STATUS": STATUS_LABEL,
            "REVIEW": REVIEW_LABEL,
            "VERDICT": VERDICT_LABEL,
            "ROLE": ROLE_LABEL,
            "ACTION": ACTION_LABEL,
            "DISTRICTS": DISTRICT_NAME,
            "district_name": district_name,
            "VALUE": VALUE_LABEL,
            **context,
        },
        status_code=code,
    )


@router.get("/login", response_class=HTMLResponse)
def login_form(request: Request, state: State) -> HTMLResponse:
    return render(state, request, "login.html", None)


@router.post("/login", response_class=HTMLResponse)
def login(
    request: Request,
    state: State,
    username: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=256)],
) -> Response:
    with transaction(state.ctx.sessions) as session:
        user = check_password(session, username, password)
        if user is None:
            return render(
                state, request, "login.html", None, code=401, error="用户名或密码错误", username=username
            )
        cookie = state.signer.issue(user)
        record(session, principal_of(user), "login", None)
    response = RedirectResponse("/", status_code=status.HTTP_303_SEE_OTHER)
    response.set_cookie(
        SESSION_COOKIE,
        cookie,
        max_age=state.signer.max_age_seconds,
        httponly=True,
        samesite="lax",
        secure=state.ctx.settings.cookie_secure,
    )
    return response


@router.post("/logout")
def logout(request: Request, state: State, csrf_token: Annotated[str, Form(max_length=200)] = "") -> Response:
    principal = identify(request, state, None, request.cookies.get(SESSION_COOKIE))
    if principal is not None and not state.signer.csrf_ok(principal.session_nonce or "", csrf_token):
        raise HTTPException(status.HTTP_403_FORBIDDEN, "missing or wrong CSRF token")
    response = RedirectResponse("/login", status_code=status.HTTP_303_SEE_OTHER)
    response.delete_cookie(SESSION_COOKIE)
    return response


@router.get("/", response_class=HTMLResponse)
def submission_list(
    request: Request,
    state: State,
    district: str = "",
    has_errors: str = "",
    page: int = 1,
) -> HTMLResponse:
    principal = page_principal(request, state)
    job_status = request.query_params.get("status", "")
    wanted = ListFilter(
        district=District(district) if principal.city_wide and district in DISTRICT_CODES else None,
        status=JobStatus(job_status) if job_status in STATUS_LABEL else None,
        has_errors={"yes": True, "no": False}.get(has_errors),
    )
    page = max(1, min(page, 100_000))
    with transaction(state.ctx.sessions) as session:
        rows, total = page_of(session, filtered(principal, wanted), PAGE_SIZE, (page - 1) * PAGE_SIZE)
        items = [submission_public(session, row) for row in rows]
    return render(
        state,
        request,
        "list.html",
        principal,
        items=items,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        district=district,
        status=job_status,
        has_errors=has_errors,
    )


@router.get("/submissions/{submission_id}", response_class=HTMLResponse)
def reviewer_page(request: Request, state: State, submission_id: str) -> HTMLResponse:
    principal = page_principal(request, state)
    with transaction(state.ctx.sessions) as session:
        submission = visible_submission(session, principal, submission_id)
        public = submission_public(session, submission)
        stored = session.get(StoredReport, submission.id)
        report_data = json.loads(stored.report_json) if stored else None
        view = review_model(session, public, report_data)
        audit = audit_public(events_of(session, submission.id))
    return render(
        state,
        request,
        "submission.html",
        principal,
        sub=public,
        view=view,
        audit=audit,
        can_decide=principal.can_decide,
        review_statuses=list(ReviewStatus),
    )
