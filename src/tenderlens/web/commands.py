"""Web face, command line: ``tenderlens serve`` starts the web app under uvicorn (registered into cli.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tenderlens.web.settings import MB, TOKEN_ENV


def register(app: typer.Typer) -> None:
    """Add the ``serve`` command to the ``tenderlens`` command line."""
    app.command()(serve)


def serve(
    host: Annotated[
        str, typer.Option(help="Address to listen on. Keep 127.0.0.1 behind a reverse proxy or on a laptop.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            envvar=TOKEN_ENV,
            show_envvar=True,
            help="Shared access token for a team deployment; prefer the environment variable, which other "
            "users of the machine cannot see in the process list.",
        ),
    ] = None,
    max_upload_mb: Annotated[int, typer.Option(help="Largest upload accepted, in MB (413 above it).")] = 50,
    max_pages: Annotated[int, typer.Option(help="Most pages accepted (413 above it).")] = 500,
    timeout: Annotated[float, typer.Option(help="Seconds one document may take, OCR included (413 after it).")] = 300.0,
    max_concurrent: Annotated[int, typer.Option(help="Documents processed at once; others wait.")] = 2,
    work_dir: Annotated[
        Path | None,
        typer.Option(
            help="Where the private per-upload folders go (default: the system temporary folder). A RAM disk "
            "such as /dev/shm keeps drafts off the disk."
        ),
    ] = None,
) -> None:
    """Serve the upload page and the JSON API (POST /api/v1/scan); nothing uploaded is kept."""
    import tempfile

    import uvicorn

    from tenderlens.web.app import create_app
    from tenderlens.web.settings import WebSettings

    settings = WebSettings(
        token=token or None,
        max_upload_bytes=max_upload_mb * MB,
        max_pages=max_pages,
        timeout_seconds=timeout,
        max_concurrent=max_concurrent,
        work_dir=work_dir,
    )
    if work_dir is not None:
        # OCR renders pages into temporary folders of its own; keep those under --work-dir as well.
        tempfile.tempdir = str(work_dir)
    guard = "token required" if token else "no token"
    typer.echo(f"TenderLens is serving on http://{host}:{port}/ ({guard}); Ctrl+C stops.")
    uvicorn.run(
        create_app(settings),
        host=host,
        port=port,
        server_header=False,
        proxy_headers=True,
        log_config=_log_config(),
    )


def _log_config() -> dict[str, object]:
    """uvicorn's logging plus the app's own metadata lines (``tenderlens.web``)."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["tenderlens.web"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config
