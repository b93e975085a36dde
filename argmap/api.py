"""The Python API: one function per thing a user wants, each a thin call into the analysis or
a view. ``argmap/__init__.py`` re-exports these names.

- ``analyze`` reads a map once into an ``Analysis`` (map, every diagnostic, evaluation, ids);
- ``load``/``loads`` give the map and raise ``MapError`` (an ``ArgmapError``) when any stage
  found an error, unless ``allow_errors=True``;
- ``check`` gives the diagnostics of a path, a text or a ``Map`` built in code;
- ``render`` draws a map (svg, dot and html as ``str``; png and pdf as ``bytes``);
- ``to_graphviz`` gives the diagram as a ``graphviz.Source`` for notebooks and scripts.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING, Any

from argmap.analysis.analysis import Analysis, analyze, analyze_map
from argmap.analysis.loading import LoadResult, load_result, loads_result
from argmap.errors import MapError, MissingDependencyError
from argmap.language.document import ParseResult, parse_document
from argmap.model import Map
from argmap.model.diagnostics import Diagnostic

if TYPE_CHECKING:
    import graphviz

    from argmap.diagram import RenderOptions

__all__ = [
    "Analysis",
    "LoadResult",
    "ParseResult",
    "analyze",
    "check",
    "load",
    "load_result",
    "loads",
    "loads_result",
    "parse_document",
    "render",
    "to_graphviz",
]


def _checked(analysis: Analysis, allow_errors: bool) -> Map:
    if analysis.errors and not allow_errors:
        raise MapError(analysis.findings())
    return analysis.map


def load(path: str | os.PathLike[str], *, allow_outside: bool = False, allow_errors: bool = False) -> Map:
    """Read a ``.arg`` file (and its includes) into a map.

    Raises ``MapError`` listing every finding (the first error with file:line:col in its
    message) when any stage (syntax, names, consistency checks) found an error. With
    ``allow_errors=True`` the map is returned as far as it could be built.
    """
    return _checked(analyze(path, allow_outside=allow_outside, read_articles=False), allow_errors)


def loads(text: str, filename: str = "<string>", *, allow_outside: bool = False, allow_errors: bool = False) -> Map:
    """Parse ``.arg`` text into a map; raises ``MapError`` on errors, as ``load`` does."""
    analysis = analyze(filename, text=text, allow_outside=allow_outside, read_articles=False)
    return _checked(analysis, allow_errors)


def check(source: str | os.PathLike[str] | Map, *, text: str | None = None) -> tuple[Diagnostic, ...]:
    """Every finding for a map file (``check("map.arg")``), a text (``check("<name>",
    text=...)``) or a ``Map`` built in code, as ``argmap check`` reports them."""
    if isinstance(source, Map):
        return analyze_map(source).findings()
    return analyze(source, text=text).findings()


def render(
    m: Map | Analysis,
    fmt: str = "svg",
    options: RenderOptions | None = None,
    *,
    engine: str = "auto",
    timeout: float = 60.0,
) -> str | bytes:
    """The map drawn as ``fmt``: ``svg``, ``dot`` and ``html`` (the interactive page) come back
    as ``str``, ``png`` and ``pdf`` as ``bytes``.

    Raises ``UsageError`` for an unknown format and an ``EngineError`` when the layout engine is
    missing, fails or times out.
    """
    from argmap.diagram import TEXT_FORMATS, render_diagram
    from argmap.diagram.options import RenderOptions

    options = options or RenderOptions()
    if fmt == "html":
        from argmap.classroom.page import render_page

        analysis = m if isinstance(m, Analysis) else analyze_map(m)
        return render_page(
            analysis.map, options, analysis.findings(), analysis.evaluation, engine=engine, timeout=timeout
        )
    the_map = m.map if isinstance(m, Analysis) else m
    data = render_diagram(the_map, fmt, options, engine=engine, timeout=timeout)
    return data.decode("utf-8") if fmt in TEXT_FORMATS else data


def to_graphviz(m: Map, options: RenderOptions | None = None) -> graphviz.Source:
    """The map's diagram as a ``graphviz.Source`` holding argmap's DOT: render, pipe or show it
    as any graphviz object (Jupyter displays it). This path uses the system Graphviz through
    the graphviz package; the command line runs its own engine runner (timeouts, the bundled
    engine) instead."""
    try:
        import graphviz
    except ImportError:  # pragma: no cover - a dependency of argmap
        raise MissingDependencyError("the graphviz package is not installed", hint="pip install graphviz") from None
    from argmap.diagram import build_dot
    from argmap.diagram.options import RenderOptions

    return graphviz.Source(build_dot(m, options or RenderOptions()), format="svg")


def notebook_svg(m: Map) -> str | None:
    """A map's SVG for a notebook: through ``to_graphviz`` when Graphviz is installed, else the
    bundled engine; ``None`` (the plain repr) when neither can draw it."""
    from argmap.errors import ArgmapError

    try:
        import graphviz

        try:
            return str(to_graphviz(m).pipe(format="svg", encoding="utf-8"))
        except (graphviz.ExecutableNotFound, graphviz.CalledProcessError):
            pass
        return str(render(m, "svg", engine="bundled"))
    except (ArgmapError, ImportError):
        return None


def register_notebook_display(shell: Any) -> None:
    """Let an IPython shell show every ``Map`` as its diagram (called for the running shell
    when the API is imported; the model itself never imports the renderer)."""
    formatter = shell.display_formatter.formatters["image/svg+xml"]
    formatter.for_type_by_name("argmap.model.graph", "Map", notebook_svg)


def _register_with_running_notebook() -> None:
    ipython = sys.modules.get("IPython")
    get = getattr(ipython, "get_ipython", None)
    shell = get() if callable(get) else None
    if shell is not None and hasattr(shell, "display_formatter"):
        register_notebook_display(shell)


_register_with_running_notebook()
