"""Checks an installed swiftgenn (from the wheel or the conda package) with no Swift
toolchain on PATH: it imports from this interpreter's prefix, builds and runs a small
model that spikes, and its library needs no ``libswift*`` and no file of the toolchain.

    python smoke_test.py [SWIFT_TOOLCHAIN_FOLDER]

The folder (``/opt/swift/usr``, say) is the one the library must not refer to.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import swiftgenn
from swiftgenn import _library
from swiftgenn._native import Model, Simulation

MODEL = """\
name: smoke_test
dt: 1.0
neurons:
  Counters:
    size: 10
    model:
      vars: {V: scalar}
      sim_code: V += 1.0;
      threshold_condition_code: V >= 3.0
      reset_code: V = 0.0;
    vars: {V: 0}
    record_spikes: true
"""


def main(toolchain: str | None) -> None:
    assert shutil.which("swift") is None, "swift is on PATH"
    package = Path(swiftgenn.__file__).resolve().parent
    prefix = Path(sys.prefix).resolve()
    assert prefix in package.parents, f"swiftgenn comes from {package}, not from {prefix}"
    library = package / "lib" / _library.LIBRARY_NAME
    assert library.is_file(), f"no {library}"

    simulation = Simulation(Model(MODEL, "smoke_test.yaml"))
    simulation.step(10)
    times, ids = simulation.spikes("Counters")
    assert len(times) == 30 and sorted(set(ids)) == list(range(10)), (times, ids)
    print(f"{len(times)} spikes from {library}")

    linked = subprocess.run(["ldd", str(library)], capture_output=True, text=True, check=True)
    print(linked.stdout, end="")
    assert "libswift" not in linked.stdout, "the library needs libswift*"
    if toolchain:
        assert toolchain not in linked.stdout, f"the library needs a file in {toolchain}"
    print(f"library: {library.stat().st_size // 1024} KiB, no libswift*, no toolchain file")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else None)
