"""What only served pages carry: the problems at the top, and the script that reloads them.

Nothing here reaches a rendered file: serve adds it to a page as it sends it, so what is
written to disk, and later published, is what `render` writes.
"""

from __future__ import annotations

import html
import json
import re
from urllib.parse import quote

from selfassess.serve.site import Served, Site, Snapshot
from selfassess.wording import plural

#: Where a served page asks whether what it shows has been rendered again.
VERSION_PATH = "/_selfassess/version"
_BODY = re.compile(rb"<body\b[^>]*>", re.IGNORECASE)
_END = re.compile(rb"</body\s*>", re.IGNORECASE)
_BOX = (
    "margin:0;padding:0.75rem 1rem;border-bottom:4px solid #a4262c;background:#fdf3f4;"
    "color:#1b1b1b;font:1rem/1.4 system-ui,sans-serif"
)
_LINE = "font-family:ui-monospace,monospace;font-size:0.95rem;overflow-wrap:anywhere"

# Asks for the versions a few times a second; a page whose document was rendered again is
# reloaded where the reader was. A server that has stopped is asked again more slowly.
_SCRIPT = """<script>
(function () {
  var key = "selfassess-scroll:" + location.pathname, doc = %s, seen = %s;
  window.addEventListener("load", function () {
    var y = sessionStorage.getItem(key);
    if (y !== null) { sessionStorage.removeItem(key); window.scrollTo(0, Number(y)); }
  });
  function poll() {
    fetch("%s", {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (v) {
      var now = doc === null ? v.generation : v.documents[doc];
      if (now !== seen) {
        sessionStorage.setItem(key, String(window.scrollY));
        location.reload();
      } else { setTimeout(poll, 250); }
    }, function () { setTimeout(poll, 1000); });
  }
  setTimeout(poll, 250);
})();
</script>"""


def versions(site: Site) -> bytes:
    """Return what the reload script asks for: each document's version, and the site's."""
    documents = {served.slug: served.snapshot.version for served in site.files}
    return json.dumps({"generation": site.generation, "documents": documents}).encode()


def reload_script(slug: str | None, version: int) -> str:
    """Return the script that reloads a page when its document (or, for None, any) changes."""
    return _SCRIPT % (json.dumps(slug), version, VERSION_PATH)


def served_page(page: bytes, served: Served, snapshot: Snapshot) -> bytes:
    """Return a rendered page with the problems at its top and the reload script at its end."""
    banner = problems_box(served, snapshot).encode()
    script = reload_script(served.slug, snapshot.version).encode()
    opening = _BODY.search(page)
    at = opening.end() if opening else 0
    page = page[:at] + banner + page[at:]
    ends = list(_END.finditer(page))  # the last: one quoted in the text is not the page's end
    at = ends[-1].start() if ends else len(page)
    return page[:at] + script + page[at:]


def problems_box(served: Served, snapshot: Snapshot) -> str:
    """Return the box listing check's problems (nothing for a file without any)."""
    if not snapshot.problems and not snapshot.messages:
        return ""
    lines = [*snapshot.messages, *(problem.format() for problem in snapshot.problems)]
    items = "".join(f'<li style="{_LINE}">{html.escape(line)}</li>' for line in lines)
    heading = f"{html.escape(str(served.source))}: {_counts(snapshot)}"
    if snapshot.rendered and snapshot.errors:
        heading += " (shown as a draft, as render --draft writes it)"
    return (
        f'<div role="region" aria-label="Problems found by selfassess check" style="{_BOX}">'
        f'<p style="margin:0 0 0.5rem"><strong>{heading}</strong></p>'
        f'<ul style="margin:0;padding-left:1.25rem">{items}</ul></div>'
    )


def problems_page(served: Served, snapshot: Snapshot) -> bytes:
    """Return the page shown for a file that could not be rendered: its problems, nothing stale."""
    title = f"{served.source}: not rendered"
    body = f"<h1>{html.escape(title)}</h1>{problems_box(served, snapshot)}"
    return _page(title, body, reload_script(served.slug, snapshot.version))


def index_page(site: Site) -> bytes:
    """Return the page listing every file served, its state and its outputs."""
    items = "".join(_index_item(served, served.snapshot) for served in site.files)
    body = (
        f"<h1>selfassess serve</h1><p>{plural(len(site.files), 'file')}, rendered again "
        "when you save one of them or a file they use; open pages reload themselves.</p>"
        f"<ul>{items}</ul>"
    )
    return _page("selfassess serve", body, reload_script(None, site.generation))


def _index_item(served: Served, snapshot: Snapshot) -> str:
    base = "/" + quote(served.slug) + "/"
    name = html.escape(str(served.source))
    kind = served.kind.name if served.kind else "file"
    if not snapshot.rendered:
        return f'<li><a href="{base}">{name}</a>: not rendered, {_counts(snapshot)}</li>'
    main = served.kind.page if served.kind else ""
    others = ", ".join(
        f'<a href="{base}{quote(name_)}">{html.escape(name_)}</a>'
        for name_ in snapshot.written
        if name_ != main and not name_.startswith("sections/section-")
    )
    return (
        f'<li><a href="{base}{quote(main)}">{name}</a> ({html.escape(kind)}): '
        f"{_counts(snapshot)}; also {others}</li>"
    )


def _counts(snapshot: Snapshot) -> str:
    if not snapshot.errors and not snapshot.warnings:
        return "no errors or warnings"
    return f"{plural(snapshot.errors, 'error')}, {plural(snapshot.warnings, 'warning')}"


def _page(title: str, body: str, script: str) -> bytes:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(title)}</title></head>"
        f'<body style="font:1rem/1.5 system-ui,sans-serif;margin:1rem;overflow-wrap:anywhere">'
        f"<main>{body}</main>{script}</body></html>\n"
    ).encode()
