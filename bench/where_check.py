"""Where one ``argmap check`` of a large map spends its CPU time, stage by stage.

``python bench/where_check.py MAP.arg`` (run from the map's folder, so its articles are found):
the imports, the parse, the whole load (parse, names, articles), each half of the checks as
``argmap check`` splits them over two cores, and for comparison what moving the loaded map to
another process would cost (``pickle`` out and back in). The garbage collector is off, as the
``argmap`` command runs. Prints one line; used for the table in docs/performance.md.
"""

from __future__ import annotations

import gc
import pickle
import sys
import time
from pathlib import Path


def main() -> int:
    """Measure the map named on the command line and print the stages."""
    path = Path(sys.argv[1])
    gc.disable()
    start = time.process_time()
    from argmap.analysis.checks import check_half
    from argmap.analysis.loading import load_result
    from argmap.language.document import parse_document

    imports = time.process_time() - start
    text = path.read_text(encoding="utf-8")
    stages: dict[str, float] = {"imports": imports}
    clock = time.process_time()

    def lap(name: str) -> None:
        nonlocal clock
        now = time.process_time()
        stages[name] = now - clock
        clock = now

    parse_document(text, str(path))
    lap("parse")
    loaded = load_result(path)
    lap("load")
    check_half(loaded, 0)
    lap("checks, first half")
    check_half(loaded, 1)
    lap("checks, second half")
    data = pickle.dumps(loaded.map, protocol=pickle.HIGHEST_PROTOCOL)
    lap("pickle out")
    pickle.loads(data)
    lap("pickle in")
    print(", ".join(f"{name} {seconds:.3f} s" for name, seconds in stages.items()))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
