"""No data loss: every write is atomic, a failure half-way leaves the old file byte for byte,
``fmt`` proves its output means the same before replacing a file, and a layout engine that
hangs is stopped after the user's ``--timeout``.

Failures are simulated (tests run as root here, where ``chmod`` stops no write): ``os.replace``,
``os.fsync`` or ``tempfile.mkstemp`` raise, the printer is made to lie, and a fake ``dot`` on
PATH fails or sleeps.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from argmap.commands.files import write_atomic
from argmap.errors import CommandError
from tests.hardening.test_hardening_support import assert_tidy, cli, run_argmap

ORIGINAL = b'# the teacher\'s map\nclaim   C1 "Keep me."   implicit\n'
MAP = 'claim C1 "Schools should start later." implicit\npremise P1 "Teenagers sleep late."\nP1 supports C1\n'


def _fail_with(error: BaseException) -> Callable[..., object]:
    def fail(*_args: object, **_kwargs: object) -> object:
        raise error

    return fail


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


# -- write_atomic ----------------------------------------------------------------------------

_FAILURES = {
    "replace-denied": ("os.replace", PermissionError(errno.EACCES, "Permission denied")),
    "disk-full-at-fsync": ("os.fsync", OSError(errno.ENOSPC, "No space left on device")),
    "io-error-at-fdopen": ("os.fdopen", OSError(errno.EIO, "Input/output error")),
    "read-only-fs": ("tempfile.mkstemp", OSError(errno.EROFS, "Read-only file system")),
}


@pytest.mark.parametrize("failure", sorted(_FAILURES))
def test_a_failed_write_leaves_the_old_file_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    target = tmp_path / "map.svg"
    target.write_bytes(ORIGINAL)
    where, error = _FAILURES[failure]
    monkeypatch.setattr(where, _fail_with(error))
    with pytest.raises(CommandError) as caught:
        write_atomic(target, b"<svg>new</svg>" * 1000)
    assert caught.value.exit_code == 3
    assert "\n" not in caught.value.message
    assert str(target) in caught.value.message or str(tmp_path) in caught.value.message
    assert error.strerror is not None and error.strerror in caught.value.message
    assert _files(tmp_path) == {"map.svg": ORIGINAL}  # old bytes, no temporary file left


@pytest.mark.parametrize("failure", sorted(_FAILURES))
def test_a_failed_write_of_a_new_file_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: str
) -> None:
    where, error = _FAILURES[failure]
    monkeypatch.setattr(where, _fail_with(error))
    with pytest.raises(CommandError):
        write_atomic(tmp_path / "new.json", "{}")
    assert list(tmp_path.iterdir()) == []


def test_an_interrupt_half_way_leaves_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "map.arg"
    target.write_bytes(ORIGINAL)
    monkeypatch.setattr("os.fsync", _fail_with(KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, 'claim C1 "half"\n' * 10_000)
    assert _files(tmp_path) == {"map.arg": ORIGINAL}


def test_the_old_files_permissions_are_kept(tmp_path: Path) -> None:
    target = tmp_path / "map.arg"
    target.write_bytes(ORIGINAL)
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert target.read_text() == "new\n"
    assert stat.S_IMODE(target.stat().st_mode) == 0o640


def test_a_written_file_is_complete_or_absent_never_partial(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The rename is the only moment the target changes: before it, the target is the old file."""
    target = tmp_path / "out.json"
    target.write_bytes(ORIGINAL)
    seen: list[bytes] = []
    real_replace = os.replace

    def watch(src: str, dst: str) -> None:
        seen.append(Path(dst).read_bytes())  # what a reader sees just before the rename
        real_replace(src, dst)

    monkeypatch.setattr("os.replace", watch)
    write_atomic(target, "x" * 1_000_000)
    assert seen == [ORIGINAL]
    assert target.read_text() == "x" * 1_000_000


# -- fmt ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "lie",
    [
        lambda text: text.replace("P1 supports C1", "C1 supports P1"),  # changes the meaning
        lambda text: text.replace("# note", "# other note"),  # changes a comment
        lambda text: text.replace("# note\n", ""),  # drops a comment
        lambda text: text + 'claim "',  # does not parse
        lambda text: "",  # empties the file
    ],
    ids=["meaning", "comment-changed", "comment-dropped", "unparsable", "empty"],
)
def test_fmt_proves_its_output_before_replacing_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, lie: Callable[[str], str]
) -> None:
    from argmap.language import formatting

    original = MAP.replace("P1 supports C1", "# note\nP1   supports   C1").encode()
    path = tmp_path / "map.arg"
    path.write_bytes(original)
    honest = formatting.format_tree
    monkeypatch.setattr(formatting, "format_tree", lambda *args: lie(honest(*args)))
    outcome = cli(capsys, "fmt", str(path))
    assert_tidy(outcome)
    assert outcome.code == 1
    assert "would change this file's meaning" in outcome.err
    assert "left unchanged" in outcome.err or "left untouched" in outcome.err
    assert _files(tmp_path) == {"map.arg": original}
    # --check and --diff refuse the same way and write nothing either.
    for flag in ("--check", "--diff"):
        again = cli(capsys, "fmt", flag, str(path))
        assert again.code == 1
        assert _files(tmp_path) == {"map.arg": original}


def test_fmt_that_cannot_replace_the_file_leaves_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "map.arg"
    path.write_bytes(ORIGINAL)
    monkeypatch.setattr("os.replace", _fail_with(PermissionError(errno.EACCES, "Permission denied")))
    outcome = cli(capsys, "fmt", str(path))
    assert_tidy(outcome)
    assert outcome.code == 3
    assert outcome.err.startswith(f"argmap: error: cannot write `{path}`: Permission denied")
    assert _files(tmp_path) == {"map.arg": ORIGINAL}


def test_fmt_never_writes_a_file_that_does_not_parse(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    original = b'claim C1 "half-typed\npremise P1 "x"\n'
    path = tmp_path / "map.arg"
    path.write_bytes(original)
    outcome = cli(capsys, "fmt", str(path))
    assert outcome.code == 1
    assert "left unchanged" in outcome.err
    assert _files(tmp_path) == {"map.arg": original}


# -- render and convert over an existing output ------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["render", "{map}", "-o", "{out}/map.dot"],
        ["render", "{map}", "-o", "{out}/map.svg"],
        ["render", "{map}", "-o", "{out}/map.html"],
        ["convert", "{map}", "-o", "{out}/map.json"],
        ["convert", "{map}", "-o", "{out}/map.aif.json", "--to", "aif"],
        ["convert", "{map}", "-o", "{out}/map.argdown"],
    ],
    ids=lambda argv: argv[0] + "-" + argv[3].rsplit("/", 1)[-1],
)
def test_an_output_that_cannot_be_replaced_is_left_as_it_was(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    path = tmp_path / "map.arg"
    path.write_text(MAP)
    out = tmp_path / "out"
    out.mkdir()
    target = Path(argv[3].format(out=out))
    target.write_bytes(ORIGINAL)
    monkeypatch.setattr("os.replace", _fail_with(OSError(errno.ENOSPC, "No space left on device")))
    outcome = cli(capsys, *(a.format(map=path, out=out) for a in argv))
    assert_tidy(outcome)
    if outcome.code == 4:
        pytest.skip("no layout engine here")
    assert outcome.code == 3, outcome.text
    assert "No space left on device" in outcome.err
    assert _files(out) == {target.name: ORIGINAL}


# -- a layout engine that fails or hangs ---------------------------------------------------------


def _fake_dot(folder: Path, body: str) -> dict[str, str]:
    """A ``dot`` program first on PATH that runs ``body`` (a shell script)."""
    folder.mkdir(exist_ok=True)
    program = folder / "dot"
    program.write_text("#!/bin/sh\n" + body + "\n")
    program.chmod(0o755)
    env = dict(os.environ)
    env["PATH"] = f"{folder}{os.pathsep}{env.get('PATH', '')}"
    return env


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("cat >/dev/null; echo \"Error: <stdin>: syntax error in line 1 near 'x'\" >&2; exit 1", "syntax error"),
        ("cat >/dev/null; printf '<svg><g'; exit 3", "failed (exit 3)"),
        ("cat >/dev/null; exit 0", "failed (exit 0)"),
        ("kill -9 $$", "failed"),
    ],
    ids=["error-exit", "partial-output", "no-output", "killed"],
)
def test_a_failing_engine_leaves_the_old_drawing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, body: str, message: str
) -> None:
    env = _fake_dot(tmp_path / "bin", body)
    monkeypatch.setenv("PATH", env["PATH"])
    path = tmp_path / "map.arg"
    path.write_text(MAP)
    target = tmp_path / "map.svg"
    target.write_bytes(ORIGINAL)
    outcome = cli(capsys, "render", str(path), "-o", str(target), "--engine", "system")
    assert_tidy(outcome)
    assert outcome.code == 4
    assert message in outcome.err
    assert outcome.err.count("\n") == 2  # the error and its hint
    assert target.read_bytes() == ORIGINAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["bin", "map.arg", "map.svg"]


def test_a_hanging_engine_is_stopped_after_the_users_timeout(tmp_path: Path) -> None:
    # `exec`, so that the sleeping process is the one argmap started (as a real dot would be).
    env = _fake_dot(tmp_path / "bin", "exec sleep 600")
    path = tmp_path / "map.arg"
    path.write_text(MAP)
    target = tmp_path / "map.svg"
    target.write_bytes(ORIGINAL)
    outcome = run_argmap(
        ["render", str(path), "-o", str(target), "--engine", "system", "--timeout", "1.5"], timeout=60, env=env
    )
    assert_tidy(outcome)
    assert outcome.code == 4
    assert "did not finish within 1.5 s and was stopped" in outcome.err
    assert "--timeout" in outcome.err  # the hint says how to allow more time
    assert target.read_bytes() == ORIGINAL


@pytest.mark.parametrize("value", ["0", "-1", "abc", "nan", "inf", "1e9"])
def test_a_nonsense_timeout_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: str) -> None:
    path = tmp_path / "map.arg"
    path.write_text(MAP)
    outcome = cli(capsys, "render", str(path), "-o", str(tmp_path / "x.svg"), f"--timeout={value}")
    assert_tidy(outcome, codes=frozenset({2}))
    assert not (tmp_path / "x.svg").exists()


def test_steps_stopped_half_way_leave_every_file_whole(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The engine fails at the third call (the layout, the first PNG frame, then this one): each
    file is either the old one or a whole new one, and steps.html (written last) is still the old
    page. Every frame is drawn before any is written, so in fact nothing has changed."""
    pytest.importorskip("argmap.classroom.steps")
    counter = tmp_path / "calls"
    counter.write_text("")
    body = (
        f'echo x >> "{counter}"; if [ "$(wc -l < "{counter}")" -ge 3 ]; then exit 1; fi; '
        "cat >/dev/null; printf '<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>'"
    )
    monkeypatch.setenv("PATH", _fake_dot(tmp_path / "bin", body)["PATH"])
    path = tmp_path / "map.arg"
    path.write_text(MAP + 'premise P2 "More."\nP2 supports C1\n')
    frames = tmp_path / "frames"
    frames.mkdir()
    old = {f"step-{i}.png": f"old frame {i}".encode() for i in range(1, 5)} | {"steps.html": b"old page"}
    for name, data in old.items():
        (frames / name).write_bytes(data)
    outcome = cli(capsys, "render", str(path), "-o", str(frames), "--steps", "--format", "png", "--engine", "system")
    assert_tidy(outcome)
    assert outcome.code == 4
    after = _files(frames)
    assert after["steps.html"] == b"old page"
    for name, data in after.items():
        assert data in (old.get(name), b'<svg xmlns="http://www.w3.org/2000/svg"><g/></svg>'), name
    assert after == old
    assert not [p for p in frames.iterdir() if p.name.endswith(".tmp")]


def test_the_timeout_bounds_the_whole_worksheet_not_each_page(tmp_path: Path) -> None:
    # Each engine run takes 1 s: the sheet and its key together take 2 s, over the 1.5 s allowed.
    env = _fake_dot(tmp_path / "bin", "sleep 1; cat >/dev/null; echo '<svg/>'")
    path = tmp_path / "map.arg"
    path.write_text(MAP)
    outcome = run_argmap(
        [
            "exercise",
            str(path),
            "-o",
            str(tmp_path / "sheet.svg"),
            "--blank",
            "texts",
            "--engine",
            "system",
            "--timeout",
            "1.5",
        ],
        timeout=60,
        env=env,
    )
    assert outcome.code == 4, outcome.err
    assert "1.5 s" in outcome.err
    assert not (tmp_path / "sheet.svg").exists()
