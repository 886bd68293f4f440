"""`packetcheck serve`, `packetcheck users create` and `packetcheck tokens create`."""

from __future__ import annotations

import argparse
import getpass
import sys

from pydantic import ValidationError
from sqlalchemy import select

from extractor.errors import PacketcheckError
from service.districts import District
from service.settings import ServiceSettings


class ServiceConfigError(PacketcheckError):
    exit_code = 2


def _settings() -> ServiceSettings:

    try:
        return ServiceSettings()
    except ValidationError as error:
        first = error.errors()[0]
        raise ServiceConfigError(f"bad service settings: {first['msg']}") from None


def register(subparsers: argparse._SubParsersAction) -> None:
    serve = subparsers.add_parser("serve", help="run the web service and the reviewer pages")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.set_defaults(func=_run_serve)

    users = subparsers.add_parser("users", help="manage the service's users")
    users_sub = users.add_subparsers(dest="users_command", required=True)
    create = users_sub.add_parser("create", help="create a user (the first admin, officers, reviewers)")
    create.add_argument("--username", required=True)
    create.add_argument("--role", required=True, choices=("officer", "reviewer", "admin"))
    create.add_argument("--district", choices=[d.value for d in District], help="required for officers")
    create.add_argument("--password-stdin", action="store_true", help="read the password from standard input")
    create.set_defaults(func=_run_users_create)

    tokens = subparsers.add_parser("tokens", help="manage API tokens")
    tokens_sub = tokens.add_subparsers(dest="tokens_command", required=True)
    token = tokens_sub.add_parser("create", help="create an API token for a user and print it once")
    token.add_argument("--username", required=True)
    token.add_argument("--name", default="cli")
    token.set_defaults(func=_run_tokens_create)


def _run_serve(args: argparse.Namespace) -> int:
    from service.server import serve

    return serve(_settings(), args.host, args.port)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("password: ")
    if getpass.getpass("again: ") != first:
        raise ServiceConfigError("the passwords differ")
    return first


def _run_users_create(args: argparse.Namespace) -> int:
    from service.context import ServiceContext
    from service.db import migrate, transaction
    from service.models import Role
    from service.users import UserRuleError, create_user

    settings = _settings()
    password = _read_password(args.password_stdin)
    migrate(settings.resolved_database_url)
    ctx = ServiceContext.open(settings)
    try:
        with transaction(ctx.sessions) as session:
            user = create_user(session, args.username, password, Role(args.role), args.district)
            print(f"created {user.role} {user.username}" + (f" of {user.district}" if user.district else ""))
    except UserRuleError as error:
        raise ServiceConfigError(str(error)) from None
    finally:
        ctx.close()
    return 0


def _run_tokens_create(args: argparse.Namespace) -> int:
    from service.auth import new_api_token
    from service.context import ServiceContext
    from service.db import migrate, transaction
    from service.models import User

    settings = _settings()
    migrate(settings.resolved_database_url)
    ctx = ServiceContext.open(settings)
    try:
        with transaction(ctx.sessions) as session:
            user = session.scalar(select(User).where(User.username == args.username))
            if user is None or not user.active:
                raise ServiceConfigError(f"no active user {args.username!r}")
            print(new_api_token(session, user, args.name))
    finally:
        ctx.close()
    return 0
