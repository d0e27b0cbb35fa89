"""Load templates as every other input is read: regular files only, and not too large."""

from __future__ import annotations

import os
import posixpath
from collections.abc import Callable
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path

from selfassess.files import read_regular_file
from selfassess.problems import Problem, error

#: The largest template read (the bundled ones are under 10 KB each).
MAX_TEMPLATE_BYTES = 1024 * 1024


class GuardedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that refuses a template that is a pipe, a device or too large."""

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            filename = posixpath.join(folder, *pieces)
            if os.path.exists(filename):
                break
        else:
            raise jinja2.TemplateNotFound(template)
        raw = read_regular_file(Path(filename), MAX_TEMPLATE_BYTES, filename, _too_big(filename))
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise jinja2.TemplateError(f"{template} is not UTF-8 text") from None
        return text, os.path.normpath(filename), _unchanged(filename)


def _too_big(filename: str) -> Callable[[int], Problem]:
    def problem(size: int) -> Problem:
        message = f"template error: over the limit of {MAX_TEMPLATE_BYTES:,} bytes for a template"
        return error(filename, 1, 1, "E401", message)

    return problem


def _unchanged(filename: str) -> Callable[[], bool]:
    """Return a check that the template file is as it was when read (jinja2 reloads it if not)."""
    try:
        seen = os.stat(filename).st_mtime_ns
    except OSError:
        return lambda: False

    def check() -> bool:
        try:
            return os.stat(filename).st_mtime_ns == seen
        except OSError:
            return False

    return check
