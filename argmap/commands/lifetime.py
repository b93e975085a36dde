"""What a command's process keeps until it ends, so that nothing large is freed just before exit.

``argmap`` run as a program (``cli.run``) leaves with ``os._exit`` once its output is flushed:
the operating system takes the whole heap back at once, where freeing a loaded map object by
object takes about 5 % of ``argmap check`` on a 20,000-statement map. For that saving to be real,
the map must also not be freed when the command is done with it, so the commands hand their
analysis to ``keep``. Anywhere else (a test calling ``main``, the library, a worker process of
``in_order``) ``keep`` keeps nothing, and memory is freed as usual.
"""

from __future__ import annotations

import os

__all__ = ["end_without_freeing", "keep"]

_kept: list[object] = []
#: The process that will end with ``os._exit`` (0: none).
_ending_process = 0


def end_without_freeing() -> None:
    """Declare that this process ends with ``os._exit`` after its command (``cli.run`` does)."""
    global _ending_process
    _ending_process = os.getpid()


def keep(value: object) -> None:
    """Keep ``value`` until the process ends, if this process ends without freeing it."""
    if _ending_process == os.getpid():
        _kept.append(value)
