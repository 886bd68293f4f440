"""Creating and changing users under the district rules, shared by the API and the CLI."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from service.auth import hash_password
from service.districts import District
from service.models import Role, User


class UserRuleError(ValueError):
    def __init__(self, message: str, status: int = 422) -> None:
        super().__init__(message)
        self.status = status


def _check_district(role: Role, district: str | None) -> str | None:
    if role is Role.OFFICER:
        if district is None:
            raise UserRuleError("a district officer needs a district")
        try:
            return District(district).value
        except ValueError:
            raise UserRuleError(f"unknown district {district!r}") from None
    if district is not None:
        raise UserRuleError("reviewers and admins work city-wide: give no district")
    return None


def create_user(session: Session, username: str, password: str, role: Role, district: str | None) -> User:
    if session.scalar(select(User).where(User.username == username)) is not None:
        raise UserRuleError(f"username {username!r} is taken", status=409)
    if len(password) < 10:
        raise UserRuleError("the password needs at least 10 characters")
    user = User(
        username=username,
        password_hash=hash_password(password),
        role=role.value,
        district=_check_district(role, district),
        active=True,
        session_epoch=0,
    )
    session.add(user)
    session.flush()
    return user


def update_user(
    user: User, password: str | None, role: Role | None, district: str | None, active: bool | None
) -> None:
    new_role = role or Role(user.role)
    if role is not None or district is not None:
        user.district = _check_district(
            new_role,
            district if district is not None else (user.district if new_role is Role.OFFICER else None),
        )
        user.role = new_role.value
    if password is not None:
        user.password_hash = hash_password(password)
        user.session_epoch += 1
    if active is not None:
        if not active:
            user.session_epoch += 1
        user.active = active
