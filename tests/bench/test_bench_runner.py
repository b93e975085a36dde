"""The benchmark runner's own machinery: one process measured, failures and time limits kept,
alternation fair, tables honest about what failed. No timing is asserted."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from bench.af_driver import measure
from bench.parse_driver import floor_tokens
from bench.run import Command, Sample, alternate, frameworks_table, maps_tables, run_once, targets_table


def test_run_once_reports_the_childs_exit_code_and_own_memory(tmp_path: Path) -> None:
    # The child holds 64 MB; its peak must show it, and must not be the runner's own.
    sample = run_once([sys.executable, "-c", "x = bytearray(64 * 1024 * 1024); x[-1] = 1"], tmp_path, 60)
    assert sample.code == 0
    assert sample.max_rss_kb >= 64 * 1024
    small = run_once([sys.executable, "-c", "pass"], tmp_path, 60)
    assert small.max_rss_kb < sample.max_rss_kb


def test_run_once_keeps_the_error_line_of_a_failing_command(tmp_path: Path) -> None:
    sample = run_once([sys.executable, "-c", "raise RecursionError('too deep')"], tmp_path, 60)
    assert sample.code == 1
    assert "RecursionError: too deep" in sample.error


def test_run_once_does_not_mistake_argdowns_plugin_warning_for_the_failure(tmp_path: Path) -> None:
    """Argdown prints a harmless TypeError about its markdown plugin before every run; when a
    run fails with nothing else said (a stack too small), the message says that, not the warning."""
    warning = "TypeError: createArgdownPlugin is not a function\n    at MarkdownCommand.init (x.js:1:1)\n"
    script = f"import sys; sys.stderr.write({warning!r}); sys.exit(1)"
    sample = run_once([sys.executable, "-c", script], tmp_path, 60)
    assert sample.code == 1
    assert sample.error == "no error message (only Argdown's plugin warning)"
    overflow = "RangeError: Maximum call stack size exceeded"
    crash = f"import sys; sys.stderr.write({warning!r} + {overflow!r}); sys.exit(1)"
    assert run_once([sys.executable, "-c", crash], tmp_path, 60).error == overflow


def test_run_once_stops_a_command_at_the_time_limit(tmp_path: Path) -> None:
    sample = run_once([sys.executable, "-c", "import time; time.sleep(30)"], tmp_path, 0.5)
    assert sample.code < 0
    assert "time limit" in sample.error


def test_alternate_rotates_the_order(tmp_path: Path) -> None:
    log = tmp_path / "order.txt"
    commands = [
        Command(name, [sys.executable, "-c", f"open({str(log)!r}, 'a').write({name!r})"], tmp_path) for name in "abc"
    ]
    alternate(commands, 3, 60, lambda _: None)
    assert log.read_text() == "abcbcacab"
    assert all(len(c.samples) == 3 for c in commands)


def _command(name: str, seconds: float, mb: int, code: int = 0, error: str = "") -> Command:
    command = Command(name, [], Path())
    command.samples = [Sample(seconds, mb * 1024, code, error)] * 3
    return command


def test_maps_table_states_ratios_targets_and_failures() -> None:
    rows = [
        {
            "size": 2_000,
            "arg_bytes": 340_000,
            "argdown_bytes": 345_000,
            "big_stack": False,
            "_commands": {
                "check": _command("argmap check", 0.5, 40),
                "argdown_json": _command("argdown json", 3.0, 170),
                "argdown_dot": _command("argdown map", 3.2, 170, code=1, error="RangeError: stack"),
            },
        }
    ]
    table = maps_tables({"rows": rows})
    assert "| 2,000 | 340 kB / 345 kB | 500 ms | n/a | n/a | 3.00 s | fails (RangeError: stack) | 6.0× | ≥5× met |" in (
        table
    )
    assert "0.24 | ≤0.33 met |" in table


def test_frameworks_table_flags_a_disagreement() -> None:
    row = {
        "semantics": "grounded",
        "size": 1_000,
        "argmap": {"median_s": 0.01, "digest": "a", "attacks": 1500, "agrees_with_reference": True},
        "pyarg": {"median_s": 0.5, "digest": "b"},
    }
    table = frameworks_table([row])
    assert "| 50.0× | **no** | ≥100× **missed** |" in table


def test_both_tools_agree_on_a_small_framework() -> None:
    ours = measure("argmap", "grounded", 60, seed=5, reps=1)
    reference = measure("reference", "grounded", 60, seed=5, reps=1)
    assert ours["agrees_with_reference"] is True
    assert ours["digest"] == reference["digest"]
    json.dumps(ours)  # the runner reads it as JSON


def test_floor_counts_every_token() -> None:
    text = 'claim C1 "A \\"quoted\\" text"  # note\nP1 + P2 supports C1\nsource s date 2024-01-02\n'
    # claim, ws, C1, ws, string, ws, comment, nl, P1, ws, +, ws, P2, ws, supports, ws, C1, nl,
    # source, ws, s, ws, date, ws, 2024-01-02, nl
    assert floor_tokens(text) == 26


def test_the_integer_entry_is_timed_beside_the_queue_and_agrees() -> None:
    ours = measure("argmap", "grounded", 200, seed=3, reps=3)
    assert len(ours["integer_times"]) == len(ours["reference_times"]) == len(ours["times"]) == 3
    assert ours["integer_agrees_with_reference"] is True
    json.dumps(ours)


def test_targets_judge_the_million_on_the_integer_entry() -> None:
    def row(size: int, integers: float, from_map: float, queue: float) -> dict[str, object]:
        timings = {"median_s": from_map, "reference_median_s": queue, "integer_median_s": integers}
        return {"semantics": "grounded", "size": size, "argmap": {**timings, "integer_agrees_with_reference": True}}

    rows = [row(1_000, 0.001, 0.002, 0.0005), row(1_000_000, 1.5, 9.0, 2.0)]
    table = targets_table({"frameworks": rows})
    assert "(argmap's integer entry, the queue's input) | 1.50 s vs 2.00 s: 0.75×, same answer | met |" in table
    assert "from a map (a million string ids, every label): against the same queue | 9.00 s vs 2.00 s" in table
    assert "| ×1.50 (from a map: ×4.5; the textbook queue: ×4.0) | met |" in table
    rows[1] = row(1_000_000, 2.5, 9.0, 2.0)
    assert "1.25×, same answer | **missed** |" in targets_table({"frameworks": rows})
    assert "| ×2.50 (from a map" in targets_table({"frameworks": rows})
    assert "| 2.50 s | 1.25× |" in frameworks_table(rows)


def test_the_peer_and_the_queue_are_timed_without_importing_argmap() -> None:
    # python-argumentation runs in a venv of its own, where argmap cannot be imported.
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from bench.af_driver import measure\n"
        "out = measure('reference', 'grounded', 50, seed=2, reps=1)\n"
        "print(out['accepted'] > 0, any(m.split('.')[0] == 'argmap' for m in sys.modules))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"]


def test_where_check_names_every_stage(tmp_path: Path) -> None:
    import subprocess
    import sys

    (tmp_path / "map.arg").write_text('claim C1 "x"\npremise P1 "y"\nP1 supports C1\n', encoding="utf-8")
    script = Path(__file__).resolve().parents[2] / "bench" / "where_check.py"
    done = subprocess.run([sys.executable, str(script), "map.arg"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    for stage in ("imports", "parse", "load", "checks, first half", "checks, second half", "pickle out", "pickle in"):
        assert f"{stage} " in done.stdout
