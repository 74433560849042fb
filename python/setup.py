"""Builds SwiftGeNN's C interface (``libGeNNCAPI.so``) with SwiftPM and ships it inside
the package, so ``pip install ./python`` (from a clone) is the one install command.

``build_py`` runs :data:`SWIFT_BUILD` from the repository root and copies the library,
stripped, into ``swiftgenn/lib/``. The library links the Swift runtime and Foundation in
statically, so the wheel runs where no Swift toolchain is installed. The wheel is tagged
``py3-none-<platform>``: it holds a native library but no CPython extension, so any
Python 3 on that platform can load it (through ``ctypes``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from setuptools import Distribution, setup
from setuptools.command.bdist_wheel import bdist_wheel
from setuptools.command.build_py import build_py

#: The SwiftPM package this folder belongs to.
REPOSITORY = Path(__file__).resolve().parent.parent

#: Where SwiftPM builds the library, apart from the clone's own ``.build`` so that a
#: developer's ``swift build -c release`` (with other flags) is not rebuilt by each install.
SCRATCH = ".build-python"

#: The build, run from :data:`REPOSITORY`. ``-static-stdlib`` links the Swift runtime,
#: Foundation and their C++ support into the library (``--static-swift-stdlib`` is ignored
#: for dynamic libraries); the toolchain's ``static-stdlib-args.lnk`` adds ``-lstdc++``
#: and ``--exclude-libs ALL``, so the archives' symbols stay out of the library's dynamic
#: symbol table. ``--strip-all`` drops the symbol table and debug information (91 MB to
#: 62 MB).
SWIFT_BUILD = [
    "swift", "build", "--scratch-path", SCRATCH, "-c", "release",
    "-Xswiftc", "-static-stdlib",
    "-Xlinker", "--strip-all",
    "--product", "GeNNCAPI",
]  # fmt: skip

LIBRARY = {"darwin": "libGeNNCAPI.dylib", "win32": "GeNNCAPI.dll"}.get(
    sys.platform, "libGeNNCAPI.so"
)


def build_library() -> Path:
    """Runs :data:`SWIFT_BUILD` and returns the library it made."""
    if not (REPOSITORY / "Package.swift").is_file():
        raise SystemExit(
            f"swiftgenn: {REPOSITORY} is not a SwiftGeNN clone (no Package.swift); "
            "build the package from a clone with `pip install ./python`"
        )
    if shutil.which("swift") is None:
        raise SystemExit(
            "swiftgenn: building the package needs the Swift toolchain (`swift` on PATH), "
            "from https://www.swift.org/install/"
        )
    print("swiftgenn: " + " ".join(SWIFT_BUILD), flush=True)
    subprocess.run(SWIFT_BUILD, cwd=REPOSITORY, check=True)
    folder = subprocess.run(
        SWIFT_BUILD + ["--show-bin-path"],
        cwd=REPOSITORY,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    return Path(folder) / LIBRARY


class BuildWithLibrary(build_py):
    """``build_py`` that also builds the Swift library into ``swiftgenn/lib/``."""

    def run(self) -> None:
        super().run()
        library = build_library()
        target = Path(self.build_lib) / "swiftgenn" / "lib"
        target.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(library, target / LIBRARY)


class BinaryDistribution(Distribution):
    """A distribution with a native library: installed in ``platlib``, in a wheel whose
    root is not pure."""

    def has_ext_modules(self) -> bool:
        return True


class PlatformWheel(bdist_wheel):
    """A wheel for this platform (``py3-none-linux_x86_64``), for any Python 3."""

    def get_tag(self) -> tuple[str, str, str]:
        _, _, platform = super().get_tag()
        return "py3", "none", platform


setup(
    distclass=BinaryDistribution,
    cmdclass={"build_py": BuildWithLibrary, "bdist_wheel": PlatformWheel},
)
