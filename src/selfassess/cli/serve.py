"""The serve command: a live preview of assessments, reports and registers in a browser."""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from selfassess.cli.common import EXISTING_FILE, as_of_option, command, templates_option

if TYPE_CHECKING:
    from selfassess.serve.http import PreviewServer
    from selfassess.serve.site import Served, Site

RISK = (
    "warning: {host} is reachable from other computers: anyone who can reach this one on "
    "port {port} can read these pages (the gap list names owners and their emails) with no "
    "password; use it only on a network you trust, and prefer the default 127.0.0.1"
)


@command("serve")
@click.argument("files", nargs=-1, required=True, type=EXISTING_FILE)
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=8000,
    show_default=True,
    help="The port to serve on (0 picks a free one).",
)
@click.option(
    "--host",
    default="127.0.0.1",
    show_default=True,
    help="The address to serve on. Only this computer can open 127.0.0.1; any "
    "other address lets other computers read the preview.",
)
@as_of_option
@templates_option
def serve_command(
    files: tuple[Path, ...], port: int, host: str, as_of: dt.date | None, templates: Path | None
) -> None:
    """Preview assessments, annual reports and casework plans in a browser as you edit them.

    Renders each file into a temporary folder and serves it at http://127.0.0.1:8000/;
    when you save the file, or anything it uses (the log, the register, the assessment a
    report names, templates, code_requirements/), it is rendered again and the open page
    reloads itself. check's problems show at the top of the page; a file with errors is
    shown as a draft, and one that cannot be rendered shows its problems. Nothing is
    written outside the temporary folder, which is removed when you press Ctrl-C.
    """
    from selfassess.serve.http import PreviewServer, is_loopback
    from selfassess.serve.site import Site

    site = Site(files, as_of, templates)
    try:
        server = PreviewServer(site, host, port)
        if not is_loopback(host):
            click.echo(RISK.format(host=host, port=server.server_address[1]), err=True)
        _run(site, server)
    finally:
        site.close()


def _run(site: Site, server: PreviewServer) -> None:
    started = False
    try:  # Ctrl-C at any moment, even during the first renders, stops cleanly
        site.render_all(lambda served: _said(server.url, served, first=True))
        server.start()
        started = True
        click.echo(f"Serving {len(site.files)} file(s) at {server.url} (Ctrl-C stops)")
        site.watch(lambda served: _said(server.url, served, first=False))
    except KeyboardInterrupt:
        click.echo("Stopped; the temporary folder is removed.")
    finally:
        if started:
            server.shutdown()
        server.server_close()


def _said(url: str, served: Served, first: bool) -> None:
    snapshot = served.snapshot
    when = "" if first else time.strftime("%H:%M:%S ")
    if snapshot.rendered:
        state = "rendered" + (" as a draft" if snapshot.errors else "")
    else:
        state = "not rendered"
    counts = f"{snapshot.errors} error(s), {snapshot.warnings} warning(s)"
    click.echo(
        f"{when}{served.source}: {state} in {snapshot.seconds * 1000:.0f} ms ({counts}) "
        f"{url}{served.slug}/"
    )
