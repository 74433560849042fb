"""Finding and loading ``libGeNNCAPI``, SwiftGeNN's C interface (``genn.h``)."""

from __future__ import annotations

import ctypes
import os
import sys
from pathlib import Path

#: The version of ``genn.h`` these bindings are written for.
ABI_VERSION = 2

_NAMES = {"darwin": "libGeNNCAPI.dylib", "win32": "GeNNCAPI.dll"}
LIBRARY_NAME = _NAMES.get(sys.platform, "libGeNNCAPI.so")


def candidates() -> list[Path]:
    """Where the library is looked for, in order.

    ``$SWIFTGENN_LIBRARY`` first, then the copy installed inside the package, then the
    builds of the SwiftPM package this folder belongs to (a clone), newest first: ``swift
    build``'s and the one ``pip install`` makes (``.build-python``, for an editable install).
    """
    found = []
    if os.environ.get("SWIFTGENN_LIBRARY"):
        found.append(Path(os.environ["SWIFTGENN_LIBRARY"]))
    here = Path(__file__).resolve().parent
    found.append(here / "lib" / LIBRARY_NAME)
    clone = here.parent.parent
    builds = [clone / ".build" / kind / LIBRARY_NAME for kind in ("release", "debug")]
    builds.append(clone / ".build-python" / "release" / LIBRARY_NAME)
    built = sorted(
        (path for path in builds if path.is_file()), key=lambda path: -path.stat().st_mtime
    )
    return found + (built or builds)


class GeNNArray(ctypes.Structure):
    """``genn_array``: one array of a simulation's state, in place."""

    _fields_ = [
        ("data", ctypes.c_void_p),
        ("type", ctypes.c_int32),
        ("count", ctypes.c_uint64),
    ]


class GeNNLayout(ctypes.Structure):
    """``genn_layout``: how the elements of a variable's array are laid out."""

    _fields_ = [
        ("slots", ctypes.c_uint64),
        ("latest_slot", ctypes.c_uint64),
        ("slot_size", ctypes.c_uint64),
        ("rows", ctypes.c_uint64),
        ("row_stride", ctypes.c_uint64),
        ("batches", ctypes.c_uint64),
        ("batch_stride", ctypes.c_uint64),
    ]


def _declare(library: ctypes.CDLL) -> ctypes.CDLL:
    """Gives every function of ``genn.h`` its C signature."""
    error = ctypes.POINTER(ctypes.c_void_p)
    handle = ctypes.c_void_p
    text = ctypes.c_char_p
    # Functions that count a population's pairs and copy them into two arrays.
    count_and_copy = [
        handle,
        text,
        ctypes.c_void_p,
        ctypes.c_void_p,
        ctypes.c_uint64,
        ctypes.POINTER(ctypes.c_uint64),
        error,
    ]
    array = ctypes.POINTER(GeNNArray)
    signatures = {
        "genn_abi_version": (ctypes.c_uint32, []),
        "genn_string_free": (None, [ctypes.c_void_p]),
        "genn_builtin_models": (ctypes.c_void_p, []),
        "genn_cuda_usable": (ctypes.c_int32, [error]),
        "genn_simulation_build_info": (ctypes.c_void_p, [ctypes.c_void_p]),
        "genn_model_parse": (handle, [text, text, error]),
        "genn_model_free": (None, [handle]),
        "genn_model_build": (
            ctypes.c_int32,
            [handle, text, ctypes.c_int32, ctypes.POINTER(ctypes.c_int32), error],
        ),
        "genn_simulation_create": (handle, [handle, text, ctypes.c_int32, error]),
        "genn_simulation_free": (None, [handle]),
        "genn_simulation_step": (ctypes.c_int32, [handle, ctypes.c_uint64, error]),
        "genn_simulation_custom_update": (ctypes.c_int32, [handle, text, error]),
        "genn_simulation_timestep": (ctypes.c_uint64, [handle]),
        "genn_simulation_time": (ctypes.c_double, [handle]),
        "genn_simulation_set_timestep": (ctypes.c_int32, [handle, ctypes.c_uint64, error]),
        "genn_simulation_keep_recording": (
            ctypes.c_int32,
            [handle, ctypes.c_uint64, error],
        ),
        "genn_simulation_set_dynamic_param": (
            ctypes.c_int32,
            [handle, text, text, ctypes.c_double, error],
        ),
        "genn_simulation_timing": (ctypes.c_void_p, [handle]),
        "genn_simulation_variable": (ctypes.c_int32, [handle, text, text, array, error]),
        "genn_simulation_variable_layout": (
            ctypes.c_int32,
            [handle, text, text, ctypes.POINTER(GeNNLayout), error],
        ),
        "genn_simulation_extra_global_param": (
            ctypes.c_int32,
            [handle, text, text, array, error],
        ),
        "genn_simulation_pull": (ctypes.c_int32, [handle, text, text, error]),
        "genn_simulation_push": (ctypes.c_int32, [handle, text, text, error]),
        "genn_simulation_sparse_rows": (
            ctypes.c_int32,
            [handle, text, array, array, ctypes.POINTER(ctypes.c_uint64), error],
        ),
        # As the count-and-copy functions, with the batch (and the side) after the name.
        "genn_simulation_spikes": (
            ctypes.c_int32,
            count_and_copy[:2] + [ctypes.c_uint32] + count_and_copy[2:],
        ),
        "genn_simulation_spike_events": (
            ctypes.c_int32,
            count_and_copy[:2] + [ctypes.c_int32, ctypes.c_uint32] + count_and_copy[2:],
        ),
        "genn_simulation_connectivity": (ctypes.c_int32, count_and_copy),
    }
    for name, (result, arguments) in signatures.items():
        function = getattr(library, name)
        function.restype = result
        function.argtypes = arguments
    return library


#: Where SwiftGeNN's CUDA discovery looks first for pip's NVRTC wheels
#: (``swiftgenn[cuda12]``, ``swiftgenn[cuda13]``): the folders this interpreter imports from.
SITE_PACKAGES_VARIABLE = "GENN_PYTHON_SITE_PACKAGES"


def _list_site_packages() -> None:
    """Puts the folders of ``sys.path`` first in ``$GENN_PYTHON_SITE_PACKAGES``, so that
    NVRTC installed in this interpreter's virtual environment is found when that
    environment is neither active nor on ``PATH``."""
    inherited = os.environ.get(SITE_PACKAGES_VARIABLE, "").split(os.pathsep)
    folders = [folder for folder in sys.path if folder and os.path.isdir(folder)]
    listed = dict.fromkeys(os.path.abspath(folder) for folder in folders + inherited if folder)
    os.environ[SITE_PACKAGES_VARIABLE] = os.pathsep.join(listed)


_loaded: ctypes.CDLL | None = None


def library() -> ctypes.CDLL:
    """The C interface, loaded once; raises ``ImportError`` saying where it looked."""
    global _loaded
    if _loaded is not None:
        return _loaded
    _list_site_packages()
    looked = candidates()
    for path in looked:
        if path.is_file():
            loaded = _declare(ctypes.CDLL(str(path)))
            version = loaded.genn_abi_version()
            if version != ABI_VERSION:
                raise ImportError(
                    f"{path} has version {version} of SwiftGeNN's C interface; "
                    f"this package needs version {ABI_VERSION}"
                )
            _loaded = loaded
            return loaded
    places = "\n  ".join(str(path) for path in looked)
    raise ImportError(
        f"SwiftGeNN's library {LIBRARY_NAME} is not installed; looked in:\n  {places}\n"
        "Build it with `swift build --product GeNNCAPI` in the SwiftGeNN clone, "
        "or set SWIFTGENN_LIBRARY to its path."
    )
