"""Pythonic handles over SwiftGeNN's C interface: a model file's text in, a running
simulation out, its state as NumPy views of the simulation's own memory.

This is the layer PyGeNN's API (to come) is written on; it is usable by itself::

    from swiftgenn._native import Model, Simulation

    simulation = Simulation(Model(open("model.yaml").read(), "model.yaml"))
    V = simulation.variable("Exc", "V")      # a view: writes are seen by the next step
    simulation.step(10_000)
    times, ids = simulation.spikes("Exc")
"""

from __future__ import annotations

import ctypes
import json
from typing import Callable

import numpy as np

from ._library import GeNNArray, library

#: NumPy's dtype for each ``genn_element_type``.
DTYPES = {
    0: np.bool_,
    1: np.int8,
    2: np.uint8,
    3: np.int16,
    4: np.uint16,
    5: np.int32,
    6: np.uint32,
    7: np.int64,
    8: np.uint64,
    9: np.float32,
    10: np.float64,
}


class GeNNError(Exception):
    """A failure SwiftGeNN reported; the message names the element, the position in the
    model text and what is allowed."""


class GeNNNotSupportedError(GeNNError, NotImplementedError):
    """A GeNN feature SwiftGeNN does not have yet (the message names it)."""


def error_for(message: str) -> GeNNError:
    """The exception for a message SwiftGeNN reported."""
    if "not supported yet" in message:
        return GeNNNotSupportedError(message)
    return GeNNError(message)


def _checked(function: Callable, *arguments):
    """Calls a C function whose last argument is ``char **error``; raises ``GeNNError``
    with the message when it fails (NULL or a nonzero status)."""
    error = ctypes.c_void_p()
    result = function(*arguments, ctypes.byref(error))
    if error.value:
        message = ctypes.string_at(error.value).decode("utf-8", "replace")
        library().genn_string_free(error)
        raise error_for(message)
    failed = result is None if function.restype is ctypes.c_void_p else result != 0
    if failed:
        raise GeNNError(f"{function.__name__} failed without a message")
    return result


def cuda_usable() -> tuple[bool, str]:
    """Whether this machine can run the ``cuda`` backend (a usable NVIDIA driver, GPU and
    NVRTC), and one line saying what was found or what is missing."""
    summary = ctypes.c_void_p()
    usable = library().genn_cuda_usable(ctypes.byref(summary))
    text = ctypes.string_at(summary.value).decode("utf-8", "replace") if summary.value else ""
    library().genn_string_free(summary)
    return usable == 1, text


class Model:
    """A model read and validated from a model file's text (YAML or JSON).

    ``path`` names the text in messages; relative ``.npy`` paths start in its folder.
    """

    def __init__(self, text: str, path: str | None = None):
        self._library = library()
        self._handle = _checked(
            self._library.genn_model_parse,
            text.encode("utf-8"),
            None if path is None else path.encode("utf-8"),
        )

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle:
            self._library.genn_model_free(handle)


class Simulation:
    """``model`` built (through SwiftGeNN's build cache) and loaded on ``backend``:
    ``"cpu"`` (``threads``: 0 for every core), ``"single_threaded_cpu"`` or ``"cuda"``.

    Its memory lives as long as the simulation or any view of it.
    """

    def __init__(self, model: Model, backend: str = "cpu", threads: int = 0):
        self._library = library()
        self._handle = _checked(
            self._library.genn_simulation_create, model._handle, backend.encode("utf-8"), threads
        )

    def __del__(self):
        handle = getattr(self, "_handle", None)
        if handle:
            self._library.genn_simulation_free(handle)

    def step(self, steps: int = 1) -> None:
        """Runs ``steps`` time steps."""
        _checked(self._library.genn_simulation_step, self._handle, steps)

    def custom_update(self, group: str) -> None:
        """Runs the custom updates of update group ``group`` once."""
        _checked(self._library.genn_simulation_custom_update, self._handle, group.encode("utf-8"))

    @property
    def build_info(self) -> dict:
        """How the simulation was built: ``directory`` (the build cache's folder with the
        generated code), ``cache_hit``, the seconds each part took, ``compiler``,
        ``source`` and ``threads``."""
        pointer = self._library.genn_simulation_build_info(self._handle)
        try:
            return json.loads(ctypes.string_at(pointer).decode("utf-8"))
        finally:
            self._library.genn_string_free(pointer)

    @property
    def timestep(self) -> int:
        """The steps run since the start."""
        return self._library.genn_simulation_timestep(self._handle)

    @property
    def t(self) -> float:
        """The time at the start of the next step, in ms."""
        return self._library.genn_simulation_time(self._handle)

    def variable(self, element: str, name: str) -> np.ndarray:
        """The whole array of variable ``name`` of ``element`` as a view of the
        simulation's memory (every delay slot of a queued variable, padded rows of a
        SPARSE population): a write through it is seen by the next step."""
        array = GeNNArray()
        _checked(
            self._library.genn_simulation_variable,
            self._handle,
            element.encode("utf-8"),
            name.encode("utf-8"),
            ctypes.byref(array),
        )
        dtype = np.dtype(DTYPES[array.type])
        buffer = (ctypes.c_byte * (array.count * dtype.itemsize)).from_address(array.data)
        # The buffer keeps the simulation, and so its memory, alive as long as the view.
        buffer._simulation = self
        return np.frombuffer(buffer, dtype=dtype)

    def spikes(self, population: str) -> tuple[np.ndarray, np.ndarray]:
        """The times (ms) and neuron ids of the spikes ``population`` emitted since the
        start, sorted by time then id (its spikes must be recorded)."""
        return self._pairs(
            self._library.genn_simulation_spikes, population, np.float64, np.int32
        )

    def connectivity(self, synapses: str) -> tuple[np.ndarray, np.ndarray]:
        """The presynaptic and postsynaptic neuron of each synapse of ``synapses``."""
        return self._pairs(
            self._library.genn_simulation_connectivity, synapses, np.uint32, np.uint32
        )

    def _pairs(self, function: Callable, name: str, first, second):
        """A count-and-copy function's pairs: counted first, then copied."""
        count = ctypes.c_uint64()
        key = name.encode("utf-8")
        _checked(function, self._handle, key, None, None, 0, ctypes.byref(count))
        firsts = np.empty(count.value, dtype=first)
        seconds = np.empty(count.value, dtype=second)
        _checked(
            function,
            self._handle,
            key,
            firsts.ctypes.data_as(ctypes.c_void_p),
            seconds.ctypes.data_as(ctypes.c_void_p),
            count.value,
            ctypes.byref(count),
        )
        return firsts, seconds
