"""How quickly ``argmap lsp`` answers an editor, measured through the real server over stdio.

For each map size (the benchmark's synthetic maps, ``bench/generate.py``): open the map, then
type into it (an incremental ``didChange`` inserting or deleting one character inside a
statement's text) and time each change until the ``publishDiagnostics`` for that version
arrives; at the largest size also time ``hover``, ``definition`` and ``completion`` at ids spread
over the map. Prints a Markdown table with the issue's targets (issue 13): diagnostics median
<= 50 ms at 200 statements and <= 300 ms at 2,000; hover, definition and completion <= 20 ms at
2,000.

Usage: ``python bench/lsp_latency.py [--sizes 200 2000] [--changes 40] [--requests 60]``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.generate import generate, write

#: The targets of issue 13, in milliseconds, by (measure, size).
TARGETS = {("diagnostics", 200): 50.0, ("diagnostics", 2_000): 300.0}
REQUEST_TARGET = 20.0


class Client(LanguageClient):
    """A client that notes when each version's diagnostics arrive."""

    def __init__(self) -> None:
        super().__init__("argmap-bench", "1")
        self.arrived: dict[tuple[str, int | None], float] = {}
        self.event = asyncio.Event()


def _client() -> Client:
    client = Client()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)  # type: ignore[untyped-decorator]
    def published(ls: Client, params: types.PublishDiagnosticsParams) -> None:
        ls.arrived[(params.uri, params.version)] = time.perf_counter()
        ls.event.set()

    return client


async def _wait(client: Client, key: tuple[str, int | None], timeout: float = 120.0) -> float:
    deadline = time.perf_counter() + timeout
    while key not in client.arrived:
        client.event.clear()
        remaining = deadline - time.perf_counter()
        if remaining <= 0:
            raise TimeoutError(f"no diagnostics for {key}")
        try:
            await asyncio.wait_for(client.event.wait(), remaining)
        except TimeoutError:
            continue
    return client.arrived[key]


def _cpu_seconds(pid: int) -> float | None:
    """The user and system CPU time a process has used so far (Linux), or ``None``."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text(encoding="ascii").rsplit(")", 1)[1].split()
    except OSError:
        return None
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _ms(seconds: list[float]) -> tuple[float, float]:
    values = sorted(s * 1000 for s in seconds)
    return statistics.median(values), values[min(len(values) - 1, int(len(values) * 0.9))]


async def measure(size: int, changes: int, requests: int, folder: Path) -> dict[str, list[float]]:
    path, _ = write(generate(size, 1), folder / f"n{size}")
    text = path.read_text(encoding="utf-8")
    uri = from_fs_path(str(path))
    client = _client()
    await client.start_io(sys.executable, "-m", "argmap", "lsp")
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="argmap", version=1, text=text)
        )
    )
    await _wait(client, (uri, 1))
    lines = text.split("\n")
    # Type inside the text of statements spread over the map: insert a letter, then delete it.
    targets = [i for i, line in enumerate(lines) if line.startswith(("claim ", "premise ", "rebuttal "))]
    results: dict[str, list[float]] = {"diagnostics": []}
    version = 1
    server = getattr(client, "_server", None)
    pid = server.pid if server is not None else None
    cpu_before = _cpu_seconds(pid) if pid is not None else None
    for n in range(changes):
        line = targets[(n // 2 * 7919) % len(targets)]
        at = lines[line].index('"') + 1
        if n % 2 == 0:
            change = types.TextDocumentContentChangePartial(
                range=types.Range(
                    start=types.Position(line=line, character=at), end=types.Position(line=line, character=at)
                ),
                text="x",
            )
        else:
            change = types.TextDocumentContentChangePartial(
                range=types.Range(
                    start=types.Position(line=line, character=at), end=types.Position(line=line, character=at + 1)
                ),
                text="",
            )
        version += 1
        start = time.perf_counter()
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version), content_changes=[change]
            )
        )
        results["diagnostics"].append(await _wait(client, (uri, version)) - start)
        await asyncio.sleep(0.05)  # a typist's pause between keystrokes
    cpu_after = _cpu_seconds(pid) if pid is not None else None
    if cpu_before is not None and cpu_after is not None:
        # The server's own CPU time per change: what the latency would be on an idle machine,
        # less the debounce (wall time on a loaded machine waits for a turn on a core).
        results["cpu"] = [(cpu_after - cpu_before) / changes]
    if requests:
        await asyncio.sleep(1.0)  # typing has stopped
        relation_lines = [i for i, line in enumerate(lines) if " supports " in line and not line.startswith(" ")]
        document = types.TextDocumentIdentifier(uri=uri)
        results |= {"hover": [], "definition": [], "completion": []}
        for n in range(requests):
            line = relation_lines[(n * 7919) % len(relation_lines)]
            on_id = types.Position(line=line, character=lines[line].index(" supports ") + len(" supports ") + 1)
            after = types.Position(line=line, character=lines[line].index(" supports ") + len(" supports "))
            calls = {
                "hover": client.text_document_hover_async(types.HoverParams(text_document=document, position=on_id)),
                "definition": client.text_document_definition_async(
                    types.DefinitionParams(text_document=document, position=on_id)
                ),
                "completion": client.text_document_completion_async(
                    types.CompletionParams(text_document=document, position=after)
                ),
            }
            for name, call in calls.items():
                start = time.perf_counter()  # the request is sent when awaited
                answer = await call
                results[name].append(time.perf_counter() - start)
                assert answer, f"{name} gave nothing at {line + 1}"
    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()  # type: ignore[no-untyped-call]
    return results


def _machine() -> str:
    load = os.getloadavg() if hasattr(os, "getloadavg") else (float("nan"),) * 3
    return (
        f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}, "
        f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} at the start"
    )


async def run(sizes: Sequence[int], changes: int, requests: int) -> str:
    rows = ["| measure | statements | median ms | p90 ms | target ms | met |", "|---|---:|---:|---:|---:|---|"]
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            results = await measure(size, changes, requests if size == max(sizes) else 0, Path(tmp))
            cpu = results.pop("cpu", None)
            for name, seconds in results.items():
                median, p90 = _ms(seconds)
                target = TARGETS.get((name, size), REQUEST_TARGET if name != "diagnostics" else None)
                met = "—" if target is None else ("yes" if median <= target else "**no**")
                label = "didChange → publishDiagnostics" if name == "diagnostics" else name
                if name == "diagnostics" and cpu:
                    label += f" (server CPU {cpu[0] * 1000:.0f} ms per change)"
                shown = "—" if target is None else f"{target:g}"
                rows.append(f"| {label} | {size:,} | {median:.1f} | {p90:.1f} | {shown} | {met} |")
    return "\n".join(rows)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--sizes", nargs="+", type=int, default=[200, 2_000], help="statements per map")
    parser.add_argument("--changes", type=int, default=40, help="didChange notifications timed per size")
    parser.add_argument("--requests", type=int, default=60, help="requests of each kind at the largest size")
    args = parser.parse_args(argv)
    print(_machine())
    print()
    print(asyncio.run(run(args.sizes, args.changes, args.requests)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
