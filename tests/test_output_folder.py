"""The one write of an output folder: all or nothing, the user's files kept, inputs never replaced."""

from __future__ import annotations

import ast
import os
import resource
import shutil
import stat
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from conftest import ROOT, Run
from outputkit import COMMANDS, LOG, example_project, leftovers, snapshot, start
from selfassess import files
from selfassess.problems import OutputError
from selfassess.render import swap
from selfassess.render.folderwrite import write_folder

REPORT = COMMANDS["report"]
OLD = {
    "page.html": b"old page",
    "sections/section-1.html": b"old 1",
    "sections/section-2.html": b"2",
}
NEW = {"page.html": b"new page", "sections/section-1.html": b"new 1"}
FRAGMENTS = ["sections/section-*.html"]


@pytest.fixture
def example(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The example project, its report written once; the working folder is set to it."""
    project = example_project(tmp_path)
    monkeypatch.chdir(project)
    return project


@pytest.fixture(params=["exchange", "in place"])
def way(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> str:
    """Write by exchanging folders, or (as where the system cannot) in place."""
    if request.param == "in place":
        monkeypatch.setattr(swap, "renameat2", lambda: None)
    return str(request.param)


def inode(path: Path) -> int:
    return path.stat().st_ino


# Faults: each leaves the report's folder exactly as it was.


def a_folder(target: Path) -> str:
    target.unlink()
    target.mkdir()
    (target / "mine.txt").write_bytes(b"mine")
    return f"Error: cannot write {target.relative_to(Path.cwd())}: it is a folder; move it away or rename it\n"


def a_link(target: Path) -> str:
    (target.parent / "mine.md").write_bytes(b"keep me")
    target.unlink()
    target.symlink_to("mine.md")  # inside the folder, so not refused as leading out of it
    return f"Error: refusing to write {target.relative_to(Path.cwd())}: it is a symbolic link\n"


@pytest.mark.parametrize("plant", [a_folder, a_link])
def test_a_report_output_that_cannot_be_written_leaves_every_previous_output(
    run: Run, example: Path, way: str, plant: Callable[[Path], str]
) -> None:
    assert run(*REPORT.args(example, 0)).exit_code == 0
    folder = example / REPORT.folder
    expected = plant(folder / "annual-report.md")
    before = snapshot(folder)
    result = run(*REPORT.args(example, 1))  # another report, that would change every output
    assert (result.exit_code, result.output) == (1, expected)
    assert snapshot(folder) == before
    assert leftovers(folder) == []


def chattr(flag: str, path: Path) -> bool:
    """Set or clear a file's immutable mark; False where this system cannot."""
    if shutil.which("chattr") is None or os.geteuid() != 0:
        return False
    return subprocess.run(["chattr", flag, str(path)], capture_output=True).returncode == 0


@pytest.fixture
def immutable() -> Iterator[Callable[[Path], None]]:
    """Mark files immutable (as root, on a file system that can), cleared afterwards."""
    marked: list[Path] = []

    def mark(path: Path) -> None:
        if not chattr("+i", path):
            pytest.skip("chattr +i needs root and a file system that supports it")
        marked.append(path)

    yield mark
    for path in marked:
        chattr("-i", path)


def test_an_immutable_output_is_refused_before_any_output_changes(
    run: Run, example: Path, way: str, immutable: Callable[[Path], None]
) -> None:
    assert run(*REPORT.args(example, 0)).exit_code == 0
    folder = example / REPORT.folder
    immutable(folder / "figures.csv")
    before = snapshot(folder)
    result = run(*REPORT.args(example, 1))
    assert (result.exit_code, result.output) == (
        1,
        f"Error: cannot write {Path(REPORT.folder) / 'figures.csv'}: it is marked immutable or "
        "append-only (chattr); clear the mark or write the outputs into another folder\n",
    )
    assert snapshot(folder) == before
    assert leftovers(folder) == []


def test_an_immutable_file_of_the_users_is_kept_and_the_folder_written_in_place(
    run: Run, example: Path, immutable: Callable[[Path], None]
) -> None:
    assert run(*REPORT.args(example, 0)).exit_code == 0
    folder = example / REPORT.folder
    (folder / "README").write_bytes(b"mine")
    immutable(folder / "README")
    before, number = snapshot(folder), inode(folder)
    assert run(*REPORT.args(example, 1)).exit_code == 0
    after = snapshot(folder)
    assert after["README"] == b"mine" and after != before
    assert inode(folder) == number  # an exchange would leave it where it could not be removed
    assert leftovers(folder) == []


def test_a_file_size_limit_leaves_every_previous_output(example: Path) -> None:
    folder = example / REPORT.folder
    args = REPORT.args(example, 0)
    assert start(example, args).wait(timeout=300) == 0
    before = snapshot(folder)

    def limit() -> None:  # past 100 kB a write fails (Python ignores SIGXFSZ)
        resource.setrlimit(resource.RLIMIT_FSIZE, (100_000, 100_000))

    process = start(example, REPORT.args(example, 1), preexec_fn=limit)
    _, err = process.communicate(timeout=300)
    assert process.returncode == 1
    assert (
        err == f"Error: cannot write {Path(REPORT.folder) / 'annual-report.html'}: File too large\n"
    )
    assert snapshot(folder) == before
    assert leftovers(folder) == []


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB file system (tmpfs), where root may mount one."""
    disk = tmp_path / "disk"
    disk.mkdir()
    mounted = (
        os.geteuid() == 0
        and subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(disk)], capture_output=True
        ).returncode
        == 0
    )
    if not mounted:
        pytest.skip("mounting a small file system needs root")
    try:
        yield disk
    finally:
        subprocess.run(["umount", str(disk)], check=True)


def test_a_full_disk_leaves_every_previous_output(
    run: Run, example: Path, small_disk: Path, way: str
) -> None:
    # The report's outputs take 0.7 MB: one set fits, a second beside it does not.
    args = REPORT.args(example, 0)
    args[args.index("out")] = str(small_disk)
    assert run(*args).exit_code == 0
    folder = small_disk / "annual-report-2024-25"
    before = snapshot(folder)
    args = REPORT.args(example, 1)
    args[args.index("out")] = str(small_disk)
    result = run(*args)
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: cannot write {folder}/")
    assert result.output.endswith(": No space left on device\n")
    assert snapshot(folder) == before
    assert leftovers(folder) == []


def test_practice_refuses_to_write_over_its_own_log(run: Run, example: Path) -> None:
    (example / "out").mkdir()
    shutil.copy(example / LOG, example / "out" / "verdicts.csv")
    log = (example / LOG).read_bytes()
    result = run("practice", "out/verdicts.csv", "--period", "2024-25", "-o", "out")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: refusing to write {Path('out/verdicts.csv')}: it is a file which this command "
        "reads; write the outputs into another folder"
    )
    assert snapshot(example / "out") == {"verdicts.csv": log}


def test_an_input_reached_by_another_name_is_not_replaced(run: Run, example: Path) -> None:
    (example / "out").mkdir()
    os.link(example / LOG, example / "out" / "verdicts.csv")
    result = run("practice", LOG, "--period", "2024-25", "-o", "out")
    assert result.exit_code == 1
    assert result.output.splitlines()[-1] == (
        f"Error: refusing to write {Path('out/verdicts.csv')}: it is the same file as "
        f"{example / LOG}, which this command reads; write the outputs into another folder"
    )


# What the one write keeps, removes and gives.


def users_files(folder: Path) -> None:
    (folder / "README").write_bytes(b"mine")
    (folder / "README").chmod(0o600)
    (folder / "notes").mkdir()
    (folder / "notes" / "a.txt").write_bytes(b"a")
    (folder / "notes").chmod(0o750)
    (folder / "sections" / "mine.txt").write_bytes(b"mine too")
    (folder / "latest").symlink_to("README")


def test_the_users_files_are_kept_and_stale_fragments_removed(tmp_path: Path, way: str) -> None:
    folder = tmp_path / "out"
    write_folder(folder, OLD, FRAGMENTS)
    users_files(folder)
    folder.chmod(0o750)
    kept = {name: inode(folder / name) for name in ("README", "notes/a.txt", "sections/mine.txt")}
    number = inode(folder)
    written = write_folder(folder, NEW, FRAGMENTS)
    assert written == [folder / "page.html", folder / "sections" / "section-1.html"]
    assert snapshot(folder) == {
        "README": b"mine",
        "latest": b"link to README",
        "notes": b"folder",
        "notes/a.txt": b"a",
        "page.html": b"new page",
        "sections": b"folder",
        "sections/mine.txt": b"mine too",
        "sections/section-1.html": b"new 1",
    }
    assert {name: inode(folder / name) for name in kept} == kept  # the same files, not copies
    modes = {name: stat.S_IMODE((folder / name).stat().st_mode) for name in ("", "README", "notes")}
    assert modes == {"": 0o750, "README": 0o600, "notes": 0o750}
    assert (inode(folder) != number) == (way == "exchange")
    assert leftovers(folder) == []


def test_a_file_saved_into_the_folder_while_the_new_set_is_made_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    write_folder(folder, OLD)
    (folder / "README").write_bytes(b"first")
    write_into = swap._write_into

    def another_program_saves(*args: object) -> None:
        # After the user's files were carried, before the exchange: an editor saves
        # README (a new file renamed over it) and another file appears.
        saved = folder / ".README.swp"
        saved.write_bytes(b"second")
        saved.replace(folder / "README")
        (folder / "sections" / "new.txt").write_bytes(b"new")
        write_into(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(swap, "_write_into", another_program_saves)
    number = inode(folder)
    write_folder(folder, NEW, FRAGMENTS)
    assert inode(folder) != number  # the exchange was used
    assert snapshot(folder) == {
        **snapshot_of(NEW),
        "README": b"second",
        "sections/new.txt": b"new",
    }
    assert leftovers(folder) == []


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600)])
def test_new_outputs_get_0666_less_the_umask_and_replaced_ones_keep_their_mode(
    tmp_path: Path, way: str, umask: int, mode: int
) -> None:
    folder = tmp_path / "out"
    write_folder(folder, {"page.html": b"old"})
    (folder / "page.html").chmod(0o604)
    previous = os.umask(umask)
    try:
        write_folder(folder, {"page.html": b"new", "sections/section-1.html": b"1"})
    finally:
        os.umask(previous)
    modes = {name: stat.S_IMODE((folder / name).stat().st_mode) for name in NEW}
    assert modes == {"page.html": 0o604, "sections/section-1.html": mode}
    assert stat.S_IMODE((folder / "sections").stat().st_mode) == 0o777 & ~umask


def test_a_folder_that_does_not_exist_is_made_and_a_failed_write_leaves_none(
    tmp_path: Path, way: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_folder(tmp_path / "a" / "b", NEW)
    assert snapshot(tmp_path / "a" / "b") == snapshot_of(NEW)

    def full(handle: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(OutputError, match="No space left on device"):
        write_folder(tmp_path / "a" / "c", NEW)
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == ["b"]


def test_a_link_among_the_folders_of_an_output_is_refused(tmp_path: Path, way: str) -> None:
    folder = tmp_path / "out"
    write_folder(folder, OLD)
    shutil.rmtree(folder / "sections")
    (folder / "elsewhere").mkdir()
    (folder / "sections").symlink_to("elsewhere")
    before = snapshot(folder)
    with pytest.raises(OutputError) as caught:
        write_folder(folder, NEW)
    assert str(caught.value) == (
        f"refusing to write {folder / 'sections' / 'section-1.html'}: "
        f"{folder / 'sections'} is a symbolic link"
    )
    assert snapshot(folder) == before


def test_what_a_killed_run_left_is_removed_by_the_next(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    write_folder(folder, OLD)
    staging = tmp_path / ".out.selfassess-ab3_x9yz"
    (staging / "sections").mkdir(parents=True)
    (staging / "sections" / "section-1.html").write_bytes(b"half")
    (folder / ".page.html.k2j4h5g6.tmp").write_bytes(b"half")
    (tmp_path / ".out.selfassess-mine").mkdir()  # not a name a run gives its staging folder
    write_folder(folder, NEW)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".out.selfassess-mine", "out"]
    assert leftovers(folder) == [".out.selfassess-mine"]


def test_the_working_folder_is_written_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    write_folder(folder, OLD)
    number = inode(folder)
    monkeypatch.chdir(folder)  # a shell open in it must not be left in a removed folder
    write_folder(Path("."), NEW)
    assert inode(folder) == number
    assert (folder / "page.html").read_bytes() == b"new page"


def test_a_second_run_waits_for_the_lock_then_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "out"
    write_folder(folder, OLD)
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom pathlib import Path\nfrom selfassess.files import folder_lock\n"
            "with folder_lock(Path(sys.argv[1])):\n    print('locked', flush=True)\n"
            "    time.sleep(30)\n",
            str(folder),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
        monkeypatch.setattr(files, "LOCK_WAIT_SECONDS", 0.3)
        with pytest.raises(OutputError) as caught:
            write_folder(folder, NEW)
    finally:
        holder.kill()
        holder.wait()
    assert str(caught.value) == (
        f"cannot write into {folder}: another run has been writing into it for over 0.3 "
        "seconds; try again when it has finished"
    )
    assert snapshot(folder) == snapshot_of(OLD)


def snapshot_of(outputs: dict[str, bytes]) -> dict[str, bytes]:
    folders = {name.rsplit("/", 1)[0]: b"folder" for name in outputs if "/" in name}
    return dict(sorted({**folders, **outputs}.items()))


# The one-write rule: no module but these writes files.

WRITERS = {
    "files.py": "the helpers: temporaries, renames, write_new_file and its .bak",
    "render/folderwrite.py": "the one write of an output folder",
    "render/swap.py": "the one write's staging folder and exchange",
    "practice/workdays.py": "a private cache of bank holidays, not an output",
    "code/fromform.py": "code import writes the one edition file asked for (write_new_file)",
    "cli/cycle.py": "init, import and migrate write the one YAML file asked for (write_new_file)",
    "render/wordxml.py": "an entry of the .docx zip it builds in memory (ZipFile.open(info, 'w'))",
    "serve/store.py": "serve's own temporary folder, removed when it stops; never an output folder",
}
WRITING_CALLS = {
    "write_atomic", "write_all", "write_text_atomic", "write_new_file", "write_bytes",
    "write_text", "mkstemp", "mkdtemp", "copy", "copy2", "copyfile", "copytree", "move",
    "rmtree", "unlink", "rmdir", "rename", "symlink_to", "hardlink_to", "fchmod", "chmod",
}  # fmt: skip
OS_CALLS = {"replace", "link", "symlink", "remove", "write"}  # only as os.<name>: text has replace


def writes(tree: ast.AST) -> list[str]:
    """Return the calls in a module that write, move or remove files."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        function = node.func
        name = function.attr if isinstance(function, ast.Attribute) else getattr(function, "id", "")
        owner = function.value if isinstance(function, ast.Attribute) else None
        on_os = isinstance(owner, ast.Name) and owner.id == "os"
        if name in WRITING_CALLS or (on_os and name in OS_CALLS):
            found.append(f"{name}() at line {node.lineno}")
        if name == "open" and any(
            isinstance(arg, ast.Constant) and set(str(arg.value)) & set("wax+")
            for arg in [*node.args[1:], *(k.value for k in node.keywords if k.arg == "mode")]
        ):
            found.append(f"open(..., 'w') at line {node.lineno}")
    return found


def test_no_module_but_the_one_write_writes_output_files() -> None:
    package = ROOT / "src" / "selfassess"
    found = {}
    for path in sorted(package.rglob("*.py")):
        name = path.relative_to(package).as_posix()
        calls = writes(ast.parse(path.read_text(encoding="utf-8")))
        if calls and name not in WRITERS:
            found[name] = calls
    assert found == {}
    # Each module allowed to write does write, so the list holds no allowance left over.
    assert all(writes(ast.parse((package / name).read_text(encoding="utf-8"))) for name in WRITERS)
