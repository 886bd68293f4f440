"""/api/me, /api/users (admins) and /api/tokens (each user's own API tokens)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Response, status
from fastapi import Path as PathParam
from sqlalchemy import select

from service.api_models import (
    ErrorBody,
    TokenCreate,
    TokenCreated,
    TokenPublic,
    UserCreate,
    UserPublic,
    UserUpdate,
)
from service.audit import record
from service.auth import new_api_token
from service.deps import DB, Admin, CurrentUser
from service.models import ApiToken, User, utcnow
from service.routes.api_submissions import AUTH_ERRORS, unprocessable
from service.users import UserRuleError, create_user, update_user

router = APIRouter(prefix="/api", tags=["users"])
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorBody, "description": "no such user or token"}
}


def user_public(user: User) -> UserPublic:
    return UserPublic.model_validate(user, from_attributes=True)


@router.get("/me", response_model=UserPublic, responses=AUTH_ERRORS)
def me(db: DB, principal: CurrentUser) -> UserPublic:
    user = db.get(User, principal.user_id)
    assert user is not None  # the principal was just read from this table
    return user_public(user)


@router.get("/users", response_model=list[UserPublic], responses=AUTH_ERRORS)
def list_users(db: DB, _admin: Admin) -> list[UserPublic]:
    return [user_public(u) for u in db.scalars(select(User).order_by(User.id))]


@router.post(
    "/users",
    status_code=status.HTTP_201_CREATED,
    response_model=UserPublic,
    responses={
        **AUTH_ERRORS,
        409: {"model": ErrorBody, "description": "username taken"},
        422: unprocessable("invalid fields, or a role/district combination the rules forbid"),
    },
)
def add_user(db: DB, admin: Admin, body: UserCreate) -> UserPublic:
    try:
        user = create_user(
            db, body.username, body.password, body.role, body.district.value if body.district else None
        )
    except UserRuleError as error:
        raise HTTPException(error.status, str(error)) from None
    record(
        db,
        admin,
        "user_created",
        None,
        {"username": user.username, "role": user.role, "district": user.district},
    )
    return user_public(user)


@router.patch(
    "/users/{user_id}",
    response_model=UserPublic,
    responses={
        **AUTH_ERRORS,
        **NOT_FOUND,
        422: unprocessable("invalid fields, or a role/district combination the rules forbid"),
    },
)
def change_user(
    db: DB, admin: Admin, user_id: Annotated[int, PathParam(ge=1, le=2**31 - 1)], body: UserUpdate
) -> UserPublic:
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such user")
    try:
        update_user(
            user, body.password, body.role, body.district.value if body.district else None, body.active
        )
    except UserRuleError as error:
        raise HTTPException(error.status, str(error)) from None
    record(
        db,
        admin,
        "user_changed",
        None,
        {
            "username": user.username,
            **body.model_dump(exclude={"password"}, exclude_none=True),
            "password_changed": body.password is not None,
        },
    )
    return user_public(user)


def token_public(token: ApiToken) -> TokenPublic:
    return TokenPublic(
        id=token.id,
        name=token.name,
        created_at=token.created_at,
        last_used_at=token.last_used_at,
        revoked=token.revoked_at is not None,
    )


@router.get("/tokens", response_model=list[TokenPublic], responses=AUTH_ERRORS)
def list_tokens(db: DB, principal: CurrentUser) -> list[TokenPublic]:
    rows = db.scalars(select(ApiToken).where(ApiToken.user_id == principal.user_id).order_by(ApiToken.id))
    return [token_public(t) for t in rows]


@router.post(
    "/tokens", status_code=status.HTTP_201_CREATED, response_model=TokenCreated, responses=AUTH_ERRORS
)
def add_token(db: DB, principal: CurrentUser, body: TokenCreate) -> TokenCreated:
    user = db.get(User, principal.user_id)
    assert user is not None
    secret = new_api_token(db, user, body.name)
    db.flush()
    token = db.scalars(
        select(ApiToken).where(ApiToken.user_id == user.id).order_by(ApiToken.id.desc())
    ).first()
    assert token is not None
    record(db, principal, "token_created", None, {"name": body.name})
    return TokenCreated(**token_public(token).model_dump(), token=secret)


@router.delete(
    "/tokens/{token_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    response_class=Response,
    responses={**AUTH_ERRORS, **NOT_FOUND},
)
def revoke_token(
    db: DB, principal: CurrentUser, token_id: Annotated[int, PathParam(ge=1, le=2**31 - 1)]
) -> Response:
    token = db.get(ApiToken, token_id)
    if token is None or token.user_id != principal.user_id:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such token")
    if token.revoked_at is None:
        token.revoked_at = utcnow()
        record(db, principal, "token_revoked", None, {"name": token.name})
    return Response(status_code=status.HTTP_204_NO_CONTENT)
