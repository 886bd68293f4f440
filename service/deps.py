"""FastAPI dependencies: the service context, the caller, and the submissions they may see.

Every lookup of a submission goes through `visible_submission`, which answers 404 for one the
caller may not see, so another district's submission is indistinguishable from a missing one.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, HTTPException, Request, Security, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.templating import Jinja2Templates
from sqlalchemy.orm import Session

from service.auth import (
    CSRF_HEADER,
    SESSION_COOKIE,
    Principal,
    SessionSigner,
    principal_of,
    user_of_token,
)
from service.context import ServiceContext
from service.db import transaction
from service.models import Submission

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
bearer_scheme = HTTPBearer(auto_error=False, description="an API token made with `packetcheck tokens create`")


@dataclass
class AppState:
    ctx: ServiceContext
    signer: SessionSigner
    templates: Jinja2Templates


def get_state(request: Request) -> AppState:
    state: AppState = request.app.state.packetcheck
    return state


State = Annotated[AppState, Depends(get_state)]


def get_db(state: State) -> Iterator[Session]:
    """One short transaction per request; commit on success."""
    with transaction(state.ctx.sessions) as session:
        yield session


DB = Annotated[Session, Depends(get_db)]


def _unauthorized(message: str = "log in or send a bearer token") -> HTTPException:
    return HTTPException(status.HTTP_401_UNAUTHORIZED, message, headers={"WWW-Authenticate": "Bearer"})


def identify(request: Request, state: AppState, bearer: str | None, cookie: str | None) -> Principal | None:
    with transaction(state.ctx.sessions) as session:
        if bearer is not None:
            user = user_of_token(session, bearer)
            if user is None:
                raise _unauthorized("unknown or revoked token")
            return principal_of(user)
        if cookie:
            found = state.signer.user_of_cookie(session, cookie)
            if found is not None:
                user, nonce = found
                return principal_of(user, nonce)
    return None


def current_principal(
    request: Request,
    state: State,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Security(bearer_scheme)],
) -> Principal:
    """A bearer token, or the pages' session cookie plus X-CSRF-Token for changes.

    Only the bearer scheme is in the OpenAPI schema: the cookie is the pages' business."""
    if bearer is None and request.headers.get("authorization"):
        raise _unauthorized("the Authorization header must be `Bearer <token>`")
    principal = identify(
        request, state, bearer.credentials if bearer else None, request.cookies.get(SESSION_COOKIE)
    )
    if principal is None:
        raise _unauthorized()
    # A cookie rides along with any cross-site request: state changes need the page's CSRF token.
    if principal.session_nonce is not None and request.method not in SAFE_METHODS:
        if not state.signer.csrf_ok(principal.session_nonce, request.headers.get(CSRF_HEADER)):
            raise HTTPException(status.HTTP_403_FORBIDDEN, "missing or wrong CSRF token")
    return principal


CurrentUser = Annotated[Principal, Depends(current_principal)]


def require_decider(principal: CurrentUser) -> Principal:
    if not principal.can_decide:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only reviewers record decisions")
    return principal


def require_admin(principal: CurrentUser) -> Principal:
    if not principal.can_manage_users:
        raise HTTPException(status.HTTP_403_FORBIDDEN, "only admins manage users")
    return principal


Decider = Annotated[Principal, Depends(require_decider)]
Admin = Annotated[Principal, Depends(require_admin)]


def visible_submission(session: Session, principal: Principal, submission_id: str) -> Submission:
    submission = session.get(Submission, submission_id) if len(submission_id) <= 32 else None
    if submission is None or not principal.can_see_district(submission.district):
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such submission")
    return submission
