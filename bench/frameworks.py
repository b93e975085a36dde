"""Random abstract argumentation frameworks, the same for argmap and python-argumentation.

Standard library only: it runs under argmap's interpreter and under the benchmark's own venv
(``bench/venv``), where python-argumentation lives and argmap does not.
"""

from __future__ import annotations

import random

__all__ = ["ATTACKS_PER_ARGUMENT", "random_framework"]

#: Attacks per argument, as in the synthetic maps (about 1.5 relations per node).
ATTACKS_PER_ARGUMENT = 1.5


def random_framework(size: int, seed: int = 1, density: float = ATTACKS_PER_ARGUMENT) -> list[tuple[int, int]]:
    """``round(density * size)`` distinct attacks ``(attacker, target)`` between ``size``
    arguments numbered from 0, no argument attacking itself; the same seed, the same attacks."""
    if size < 2:
        raise ValueError("a framework needs at least two arguments")
    wanted = min(round(density * size), size * (size - 1))
    rng = random.Random(seed)
    seen: set[tuple[int, int]] = set()
    attacks: list[tuple[int, int]] = []
    while len(attacks) < wanted:
        a, b = rng.randrange(size), rng.randrange(size)
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        attacks.append((a, b))
    return attacks


def grounded_reference(size: int, attacks: list[tuple[int, int]]) -> set[int]:
    """The grounded extension by the textbook linear algorithm (a queue of unattacked
    arguments); used only to check that both tools agree with each other and with it."""
    attackers = [0] * size
    targets: list[list[int]] = [[] for _ in range(size)]
    for a, b in attacks:
        attackers[b] += 1
        targets[a].append(b)
    accepted: set[int] = set()
    defeated: set[int] = set()
    queue = [x for x in range(size) if attackers[x] == 0]
    while queue:
        x = queue.pop()
        accepted.add(x)
        for y in targets[x]:
            if y in defeated:
                continue
            defeated.add(y)
            for z in targets[y]:
                attackers[z] -= 1
                if attackers[z] == 0 and z not in accepted:
                    queue.append(z)
    return accepted
