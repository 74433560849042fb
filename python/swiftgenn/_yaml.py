"""A small YAML writer for model files: mappings, lists, names, numbers and code
strings, the code as literal block scalars so that every line of code keeps its line
in the file. It remembers where each code string starts, so that an error SwiftGeNN
reports at a line and column of the file can be told at the line and column of the
code string the user wrote."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any, Optional

#: Plain scalars that need no quotes: names and paths.
_PLAIN = re.compile(r"[A-Za-z_][A-Za-z0-9_./-]*\Z")
_RESERVED = {"true", "false", "yes", "no", "on", "off", "null", "y", "n"}


@dataclass(frozen=True)
class CodeBlock:
    """Where a code string is in the file: the key path, the line of its first line
    (1-based), its number of lines, and the column its text starts at (1-based)."""

    path: tuple
    first_line: int
    lines: int
    column: int


class CodeText(str):
    """A string written as a literal block scalar."""


class Writer:
    """Writes one YAML document, remembering its code blocks."""

    def __init__(self):
        self.lines: list[str] = []
        self.blocks: list[CodeBlock] = []

    def document(self, value: dict) -> str:
        self._mapping(value, 0, ())
        return "\n".join(self.lines) + "\n"

    def _mapping(self, mapping: dict, indent: int, path: tuple) -> None:
        pad = " " * indent
        for key, value in mapping.items():
            key_text = _scalar(str(key))
            if isinstance(value, CodeText):
                self._code(f"{pad}{key_text}", value, indent, path + (key,))
            elif isinstance(value, dict) and value:
                self.lines.append(f"{pad}{key_text}:")
                self._mapping(value, indent + 2, path + (key,))
            elif isinstance(value, list) and value and any(isinstance(v, (dict, list)) for v in value):
                self.lines.append(f"{pad}{key_text}:")
                for index, item in enumerate(value):
                    self.lines.append(f"{pad}  -")
                    if isinstance(item, dict):
                        self._mapping(item, indent + 4, path + (key, index))
                    else:
                        self.lines[-1] += " " + _flow(item)
            else:
                self.lines.append(f"{pad}{key_text}: {_flow(value)}")

    def _code(self, prefix: str, text: str, indent: int, path: tuple) -> None:
        code_lines = text.split("\n")
        while len(code_lines) > 1 and code_lines[-1].strip() == "":
            code_lines.pop()
        self.lines.append(f"{prefix}: |2-")
        content_indent = indent + 2
        self.blocks.append(CodeBlock(path, len(self.lines) + 1, len(code_lines), content_indent + 1))
        for line in code_lines:
            self.lines.append((" " * content_indent + line) if line.strip() else "")


def _flow(value: Any) -> str:
    """A value written on one line."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_scalar(str(k))}: {_flow(v)}" for k, v in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return _float(value)
    if value is None:
        return "null"
    return _scalar(str(value))


def _float(value: float) -> str:
    if math.isnan(value):
        return ".nan"
    if math.isinf(value):
        return ".inf" if value > 0 else "-.inf"
    text = repr(value)
    if "e" in text and "." not in text.split("e")[0]:
        mantissa, exponent = text.split("e")
        text = f"{mantissa}.0e{exponent}"
    return text


def _scalar(text: str) -> str:
    """A string scalar: plain when it is a name or path, else double-quoted."""
    if _PLAIN.match(text) and text.lower() not in _RESERVED:
        return text
    return json.dumps(text)


def locate(blocks: list[CodeBlock], line: int, column: int) -> Optional[tuple[CodeBlock, int, int]]:
    """The code block holding ``line``, with the line and column within its code."""
    for block in blocks:
        if block.first_line <= line < block.first_line + block.lines:
            return block, line - block.first_line + 1, max(1, column - block.column + 1)
    return None
