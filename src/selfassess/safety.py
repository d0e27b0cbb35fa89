"""Which link targets may reach a published document, and which named files may be read.

Files named in files (`assessment:`, `casework:`, `previous:`, `owners_from:`, `log:`): a
file may come from another organisation, so what it names is read only when it lies in
the naming file's own folder (or below it) or in the project that holds the naming file:
the nearest folder above it with `.git` or `code_requirements/`, or else the folder just
above the naming file's own (so `assessments/`, `complaints/`, `reports/` and `casework/`
side by side work without either). Links are followed first, so a link cannot lead out.
`SELFASSESS_READ_ALSO` widens this to other folders (separated as PATH is). The path must
also be one a file system can hold, and name a regular file, not a folder, device or pipe.
Each refusal is a sentence for the naming file's own problem at the key that names it;
nothing of the named file is read.
"""

from __future__ import annotations

import html
import os
import re
import stat
import unicodedata
from pathlib import Path

from selfassess.wording import as_typed

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")

# Where markdown takes a link target from: [text](target), <scheme:autolink> and [label]: target.
INLINE_LINK = re.compile(r"\]\(\s*(<[^>]*>|[^)\s]*)")
AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*)>")
LINK_DEFINITION = re.compile(r"^( {0,3})\[([^\]\n]+)\]:\s*(<[^>\n]*>|\S+)", re.MULTILINE)


def normalise_url(url: str) -> str:
    """Decode entities and drop whitespace and control characters, as browsers do."""
    if url.isascii() and url.isprintable() and " " not in url and "&" not in url:
        return url  # the common case: nothing to decode or drop
    decoded = html.unescape(url)
    return "".join(
        ch for ch in decoded if not ch.isspace() and unicodedata.category(ch) not in ("Cc", "Cf")
    )


def is_safe_url(url: str) -> bool:
    """Return True for http, https and mailto links and for relative paths."""
    cleaned = normalise_url(url)
    if not cleaned:
        return False
    match = _SCHEME.match(cleaned)
    if match:
        return match.group(1).lower() in SAFE_SCHEMES
    if len(cleaned) > 1 and cleaned[0] in "/\\" and cleaned[1] in "/\\":
        # \\host\\share (a Windows network path) or //host: another machine, which Word
        # and some browsers open as a file share, as they would a file: link.
        return False
    # A relative path may not smuggle a scheme in before its first slash.
    return ":" not in cleaned.split("/", 1)[0]


#: The start of a link that a person meant as a web address but wrote without its scheme:
#: "www." or a host name ending in a common top-level domain, then a path or nothing.
_BARE_HOST = re.compile(
    r"(?:www\d?\.[A-Za-z0-9-]+|[A-Za-z0-9-]+)(?:\.[A-Za-z0-9-]+)*"
    r"\.(?:uk|com|org|net|gov|info|eu|io|scot|wales|cymru|ie|int|edu|co|nhs)\.?"
    r"(?::[0-9]{1,5})?(?:[/?#]|\Z)",
    re.IGNORECASE,
)


def bare_web_address(url: str) -> bool:
    """Tell whether a link is a web address written without https://, such as www.x.org.uk/a.

    A browser resolves it as a page under the current folder of the site it is read on,
    which on a council's website is a dead link.
    """
    cleaned = normalise_url(url)
    return _SCHEME.match(cleaned) is None and _BARE_HOST.match(cleaned) is not None


def published_url(url: str | None) -> str | None:
    """Return the link target to publish: None if unsafe, a bare web address with https://."""
    if not url or not is_safe_url(url):
        return None
    return "https://" + normalise_url(url) if bare_web_address(url) else url


def link_targets(markdown: str) -> list[str]:
    """Return every link target in markdown, in pattern order."""
    found = [m.group(1) for m in INLINE_LINK.finditer(markdown)]
    found += [m.group(1) for m in AUTOLINK.finditer(markdown)]
    found += [m.group(3) for m in LINK_DEFINITION.finditer(markdown)]
    return [target for target in (t.strip("<>") for t in found) if target]


def unsafe_link_targets(markdown: str) -> list[str]:
    """Return the link targets in markdown that is_safe_url refuses, in pattern order."""
    return [target for target in link_targets(markdown) if not is_safe_url(target)]


def unsafe_link_message(url: str) -> str:
    """Say that a link is not one the documents may publish (W310)."""
    return (
        f"link {as_typed(url)} is not http, https, mailto or a relative path; it will be "
        "published as plain text"
    )


def bare_address_message(url: str) -> str:
    """Say that a web address lacks https:// and what to write (W320)."""
    return (
        f"link {as_typed(url)} is a web address without https://, which a browser would look "
        f"for inside the site the page is published on; write {as_typed('https://' + url, 60)} "
        "(render publishes it with https:// added)"
    )


#: Folders besides the naming file's and its project's that named files may be in.
READ_ALSO = "SELFASSESS_READ_ALSO"
#: The longest name of one file or folder (ext4, NTFS, APFS) and of a whole path (Linux).
MAX_NAME_BYTES, MAX_PATH_BYTES = 255, 4096
_MARKERS = (".git", "code_requirements")


class Unusable(ValueError):
    """A named path that is not read, and why (words that follow the path in a message)."""


def named_file(naming: Path, value: str) -> Path:
    """Return the file `value` names, relative to the file `naming`; raise Unusable if it is not read."""
    reason = unholdable(value)
    if reason:
        raise Unusable(reason)
    target = naming.parent / value
    try:
        real = Path(os.path.realpath(target))
        inside = _within(real, allowed_folders(naming))
        mode = os.stat(real).st_mode if inside else 0
    except FileNotFoundError:
        raise Unusable("does not exist (paths are relative to this file)") from None
    except (OSError, ValueError) as exc:
        raise Unusable(f"cannot be read: {getattr(exc, 'strerror', None) or exc}") from None
    if not inside:
        raise Unusable(
            "is outside this file's folder and its project, so it is not read; keep a "
            f"project's files together, or name the folder in {READ_ALSO}"
        )
    if not stat.S_ISREG(mode):
        kind = "a folder" if stat.S_ISDIR(mode) else "a device, pipe or socket"
        raise Unusable(f"is {kind}, not a regular file; name a file saved on disk")
    return target


def unholdable(value: str) -> str | None:
    """Say why no file system can hold a path (a NUL, too long a name or path), or return None."""
    if "\x00" in value:
        return "contains a NUL character, which no file name can hold; retype it"
    longest = max(len(part.encode("utf-8", "surrogatepass")) for part in re.split(r"[/\\]", value))
    if longest > MAX_NAME_BYTES:
        return (
            f"has a part {longest:,} bytes long, over the {MAX_NAME_BYTES} a file or folder "
            "name can be; check it was pasted correctly"
        )
    if len(value.encode("utf-8", "surrogatepass")) > MAX_PATH_BYTES:
        return f"is over the {MAX_PATH_BYTES:,} bytes a path can be"
    return None


def allowed_folders(naming: Path) -> list[Path]:
    """Return the folders a file may name files in: its own, its project's, and READ_ALSO's."""
    own = Path(os.path.realpath(naming.parent))
    folders = [own]
    for folder in (own, *own.parents):
        if any((folder / marker).exists() for marker in _MARKERS):
            folders.append(folder)
            break
    else:
        folders.append(own.parent)
    extra = os.environ.get(READ_ALSO, "")
    folders += [Path(os.path.realpath(part)) for part in extra.split(os.pathsep) if part.strip()]
    return folders


def _within(path: Path, folders: list[Path]) -> bool:
    return any(path == folder or path.is_relative_to(folder) for folder in folders)
