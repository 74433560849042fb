"""GeNN's numeric types (PyGeNN's ``pygenn.types``): ``types.Float``, ``types.Double``, ...

Wherever PyGeNN takes a type, SwiftGeNN takes one of these or its C name as a string
(``"float"``, ``"unsigned int"``, ``"scalar"``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class ResolvedType:
    """A numeric type: its name in code strings and its NumPy dtype."""

    name: str
    dtype: type

    def __str__(self) -> str:
        return self.name


Float = ResolvedType("float", np.float32)
Double = ResolvedType("double", np.float64)
Int8 = ResolvedType("int8_t", np.int8)
Uint8 = ResolvedType("uint8_t", np.uint8)
Int16 = ResolvedType("int16_t", np.int16)
Uint16 = ResolvedType("uint16_t", np.uint16)
Int32 = ResolvedType("int32_t", np.int32)
Uint32 = ResolvedType("uint32_t", np.uint32)
Int64 = ResolvedType("int64_t", np.int64)
Uint64 = ResolvedType("uint64_t", np.uint64)
Bool = ResolvedType("bool", np.bool_)

#: Every spelling code strings accept, by its type.
_SPELLINGS = {
    "float": Float,
    "double": Double,
    "int8_t": Int8,
    "uint8_t": Uint8,
    "int16_t": Int16,
    "uint16_t": Uint16,
    "int32_t": Int32,
    "int": Int32,
    "signed int": Int32,
    "uint32_t": Uint32,
    "unsigned int": Uint32,
    "unsigned": Uint32,
    "int64_t": Int64,
    "uint64_t": Uint64,
    "bool": Bool,
    "char": Int8,
    "unsigned char": Uint8,
    "short": Int16,
    "unsigned short": Uint16,
}


def type_name(value: str | ResolvedType) -> str:
    """The name code strings use for ``value`` (a type or its spelling), unchanged for
    names such as ``"scalar"`` that depend on the model's precision."""
    if isinstance(value, ResolvedType):
        return value.name
    if isinstance(value, str):
        return " ".join(value.split())
    raise TypeError(f"a type is a string such as 'scalar' or one of pygenn.types, not {value!r}")


def resolve(value: str | ResolvedType, scalar: ResolvedType, time: ResolvedType) -> ResolvedType:
    """``value`` with ``scalar`` and ``timepoint`` resolved for a model's precisions."""
    name = type_name(value)
    if name == "scalar":
        return scalar
    if name == "timepoint":
        return time
    try:
        return _SPELLINGS[name]
    except KeyError:
        raise ValueError(
            f"unknown type '{name}': use scalar, timepoint, float, double, bool, "
            "int8_t to int64_t, uint8_t to uint64_t, int or unsigned int"
        ) from None
