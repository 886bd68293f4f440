"""The FastAPI application: routes, error mapping and the request-size guard, built from settings."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from extractor.errors import PacketcheckError
from service.auth import SessionSigner
from service.context import ServiceContext
from service.deps import AppState
from service.routes import api_reviews, api_submissions, api_summary, api_users, pages
from service.submissions import ForbiddenError

HERE = Path(__file__).parent
SMALL_BODY_BYTES = 1024 * 1024  # JSON and form bodies other than uploads


class BodyTooLarge(StarletteHTTPException):
    """An HTTPException so that FastAPI's body parsing passes it on as a 413 instead of a 400."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, f"the request body is larger than {limit} bytes")


class BodySizeLimit:
    """Refuses a request body past its limit while it streams in, before it fills the disk."""

    def __init__(self, app: ASGIApp, upload_limit: int) -> None:
        self.app = app
        self.upload_limit = upload_limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        limit = self.upload_limit if path.rstrip("/") == "/api/submissions" else SMALL_BODY_BYTES
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _too_large(send, limit)
            return
        received = 0
        started = False

        async def limited_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise BodyTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, limited_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await _too_large(send, limit)


async def _too_large(send: Send, limit: int) -> None:
    response = JSONResponse({"detail": f"the request body is larger than {limit} bytes"}, status_code=413)
    await response({"type": "http"}, _no_receive, send)


async def _no_receive() -> Message:
    return {"type": "http.disconnect"}


def create_app(ctx: ServiceContext) -> FastAPI:
    app = FastAPI(
        title="packetcheck",
        version="1",
        description="Checks applications to become a Guangzhou SME service station: upload the binder, "
        "read the report of SPEC.md, record reviewer decisions.",
    )
    settings = ctx.settings
    templates = Jinja2Templates(directory=str(HERE / "templates"))  # autoescape is on for .html
    app.state.packetcheck = AppState(
        ctx, SessionSigner(settings.secret_key, settings.session_max_age_seconds), templates
    )
    app.add_middleware(BodySizeLimit, upload_limit=settings.max_request_bytes)
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")
    for router in (
        api_submissions.router,
        api_reviews.router,
        api_users.router,
        api_summary.router,
        pages.router,
    ):
        app.include_router(router)

    @app.exception_handler(PacketcheckError)
    async def _packetcheck_error(_request: Request, error: PacketcheckError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=error.http_status)

    @app.exception_handler(ForbiddenError)
    async def _forbidden(_request: Request, error: ForbiddenError) -> JSONResponse:
        return JSONResponse({"detail": str(error)}, status_code=403)

    @app.middleware("http")
    async def _security_headers(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("X-Frame-Options", "DENY")
        response.headers.setdefault("Referrer-Policy", "same-origin")
        if request.url.path not in ("/docs", "/redoc"):
            response.headers.setdefault(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
                "frame-ancestors 'none'",
            )
        return response

    return app
