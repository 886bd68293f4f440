"""Who is asking: argon2 password hashes, bearer API tokens (stored as sha256), signed cookie
sessions with a CSRF token, and the role/district rules every route applies."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from sqlalchemy.orm import Session

from service.models import ApiToken, Role, User, utcnow

SESSION_COOKIE = "packetcheck_session"
CSRF_HEADER = "X-CSRF-Token"
TOKEN_PREFIX = "pct_"
_hasher = PasswordHasher()


@cache
def _dummy_hash() -> str:
    """Verified against when the user does not exist, so a wrong name costs as long as a wrong password."""
    return _hasher.hash("not-a-real-password")


@dataclass(frozen=True)
class Principal:
    user_id: int
    username: str
    role: Role
    district: str | None
    session_nonce: str | None = None  # set for cookie sessions: the CSRF token derives from it

    @property
    def city_wide(self) -> bool:
        return self.role in (Role.REVIEWER, Role.ADMIN)

    def can_see_district(self, district: str) -> bool:
        return self.city_wide or self.district == district

    @property
    def can_decide(self) -> bool:
        return self.role in (Role.REVIEWER, Role.ADMIN)

    @property
    def can_manage_users(self) -> bool:
        return self.role is Role.ADMIN


def principal_of(user: User, nonce: str | None = None) -> Principal:
    return Principal(user.id, user.username, Role(user.role), user.district, nonce)


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def check_password(session: Session, username: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.username == username))
    try:
        _hasher.verify(user.password_hash if user else _dummy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None or not user.active:
        return None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return user


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def new_api_token(session: Session, user: User, name: str) -> str:
    """Creates a token and returns it in clear: the only time it is ever shown."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, name=name, token_hash=token_digest(token)))
    return token


def user_of_token(session: Session, token: str) -> User | None:
    row = session.scalar(
        select(ApiToken).where(ApiToken.token_hash == token_digest(token), ApiToken.revoked_at.is_(None))
    )
    if row is None or not row.user.active:
        return None
    row.last_used_at = utcnow()
    return row.user


class SessionSigner:
    def __init__(self, secret: str, max_age_seconds: int) -> None:
        self._cookie = URLSafeTimedSerializer(secret, salt="packetcheck-session")
        self._secret = secret.encode()
        self.max_age_seconds = max_age_seconds

    def issue(self, user: User) -> str:
        return self._cookie.dumps(
            {"uid": user.id, "epoch": user.session_epoch, "nonce": secrets.token_hex(16)}
        )

    def user_of_cookie(self, session: Session, cookie: str) -> tuple[User, str] | None:
        try:
            data = self._cookie.loads(cookie, max_age=self.max_age_seconds)
        except BadSignature:
            return None
        if not isinstance(data, dict):
            return None
        user = session.get(User, data.get("uid"))
        if user is None or not user.active or user.session_epoch != data.get("epoch"):
            return None
        return user, str(data.get("nonce"))

    def csrf_token(self, nonce: str) -> str:
        return hmac.new(self._secret, f"csrf:{nonce}".encode(), hashlib.sha256).hexdigest()

    def csrf_ok(self, nonce: str, presented: str | None) -> bool:
        return presented is not None and hmac.compare_digest(self.csrf_token(nonce), presented)
