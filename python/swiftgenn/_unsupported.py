"""What SwiftGeNN does not have yet raises ``NotImplementedError`` naming it, never a
silently different result."""

from __future__ import annotations

from typing import NoReturn

#: Where the missing features are planned.
_PLAN = "planned in SwiftGeNN's issue 20 (the rest of GeNN 5.4)"


def not_yet(feature: str, plan: str = _PLAN) -> NoReturn:
    """Raises ``NotImplementedError`` for ``feature``."""
    raise NotImplementedError(f"SwiftGeNN does not support {feature} yet ({plan})")
