"""Pythonic handles over SwiftGeNN's C interface: a model file's text in, a running
simulation out, its state as NumPy views of the simulation's own memory.

This is the layer PyGeNN's API (to come) is written on; it is usable by itself::

    from swiftgenn._native import Model, Simulation

    simulation = Simulation(Model(open("model.yaml").read(), "model.yaml"))
    V = simulation.variable("Exc", "V")      # a view: writes are seen by the next step
    simulation.step(10_000)
    times, ids = simulation.spikes("Exc")

On the ``"cuda"`` backend the views are of the host's copies of the arrays:
``Simulation.pull`` fills one from the GPU, ``Simulation.push`` copies it back.
"""

from __future__ import annotations

import ctypes
import json
from dataclasses import dataclass
from typing import Callable

import numpy as np

from ._library import GeNNArray, GeNNLayout, library

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


#: ``genn_synapse_side``'s code for each side of a synapse population.
SIDES = {"pre": 0, "post": 1}


def _batch(batch: int) -> int:
    """``batch`` as the C functions take it; a batch the model does not run is the
    native side's error, naming the batches it runs."""
    if not 0 <= batch < 2**32:
        raise GeNNError(f"there is no batch {batch}: batches are numbered from 0")
    return batch


@dataclass(frozen=True)
class VariableLayout:
    """How the elements of a variable's array (``Simulation.variable``) are laid out.

    The array is ``slots`` delay slots of ``slot_size`` elements, one after another
    (``slots`` is 1 for a variable not read through a delay); ``latest_slot`` holds the
    latest values (PyGeNN's ``current_view``): after ``timestep`` steps it is
    ``(timestep + slots - 1) % slots``, moving on by one each step. For a per-synapse
    variable of a SPARSE population, ``rows`` padded rows (one per presynaptic neuron) of
    ``row_stride`` elements each, as ``Simulation.sparse_rows`` gives them; ``rows`` and
    ``row_stride`` are 0 otherwise. In a batched model, a variable with GeNN's batch
    dimension has ``batches`` copies, each laid out so, ``batch_stride`` elements apart;
    ``batches`` is 1 otherwise.
    """

    slots: int
    latest_slot: int
    slot_size: int
    rows: int
    row_stride: int
    batches: int = 1
    batch_stride: int = 0

    @property
    def latest(self) -> slice:
        """The elements of the latest slot, as a slice of the array."""
        start = self.latest_slot * self.slot_size
        return slice(start, start + self.slot_size)


@dataclass(frozen=True)
class SparseRows:
    """A SPARSE population's connectivity as it is stored (GeNN's ``rowLength`` and
    ``ind``), as views of the simulation's memory: row ``i`` holds the postsynaptic
    indices of presynaptic neuron ``i``'s ``row_length[i]`` synapses at
    ``ind[i * row_stride:i * row_stride + row_length[i]]``, sorted as GeNN sorts them;
    the rest of each row is padding. Per-synapse variables have the same padded rows.
    ``ind`` is as narrow as the target population allows (``uint8`` below 256 neurons,
    ``uint16`` below 65,536, else ``uint32``: GeNN's ``narrow_sparse_ind_enabled``).
    Read them, never write them.
    """

    row_length: np.ndarray
    ind: np.ndarray
    row_stride: int

    @property
    def positions(self) -> np.ndarray:
        """Where each synapse is in the padded rows, in PyGeNN's order (row by row, each
        row as stored): ``values[positions]`` compacts a per-synapse variable."""
        lengths = self.row_length.astype(np.int64)
        starts = np.repeat(np.arange(len(lengths), dtype=np.int64) * self.row_stride, lengths)
        firsts = np.repeat(np.cumsum(lengths) - lengths, lengths)
        return starts + np.arange(int(lengths.sum()), dtype=np.int64) - firsts

    @property
    def pre_inds(self) -> np.ndarray:
        """Each synapse's presynaptic index, in PyGeNN's order."""
        return np.repeat(np.arange(len(self.row_length), dtype=np.uint32), self.row_length)

    @property
    def post_inds(self) -> np.ndarray:
        """Each synapse's postsynaptic index, in PyGeNN's order, as ``uint32`` (PyGeNN's
        type without narrow indices) whatever the width of ``ind``."""
        return self.ind[self.positions].astype(np.uint32)


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

    def build(self, backend: str = "cpu", threads: int = 0) -> bool:
        """Generates and compiles the model for ``backend`` into SwiftGeNN's build cache
        (or finds it there) without loading it; a ``Simulation`` of it then loads
        without compiling. Returns whether it was found in the cache."""
        cache_hit = ctypes.c_int32(0)
        _checked(
            self._library.genn_model_build,
            self._handle,
            backend.encode("utf-8"),
            threads,
            ctypes.byref(cache_hit),
        )
        return cache_hit.value == 1

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
        """The steps run since the start; setting it sets the time too (``t`` is
        ``timestep * dt``), and the next step runs as step ``timestep``."""
        return self._library.genn_simulation_timestep(self._handle)

    @timestep.setter
    def timestep(self, timestep: int) -> None:
        if timestep < 0:
            raise GeNNError(f"the time step counter cannot be negative ({timestep})")
        _checked(self._library.genn_simulation_set_timestep, self._handle, int(timestep))

    def keep_recording(self, steps: int) -> None:
        """Keeps and gives only the spikes and spike-like events of the latest ``steps``
        steps run (0: every step since the start)."""
        _checked(self._library.genn_simulation_keep_recording, self._handle, int(steps))

    def set_dynamic_param(self, element: str, name: str, value: float) -> None:
        """Sets dynamic parameter ``name`` of ``element`` to ``value`` from the next step
        or custom update on (PyGeNN's ``set_dynamic_param_value``)."""
        _checked(
            self._library.genn_simulation_set_dynamic_param,
            self._handle,
            element.encode("utf-8"),
            name.encode("utf-8"),
            float(value),
        )

    @property
    def timing(self) -> dict:
        """The timing counters in seconds, by PyGeNN's names (``neuron_update_time``,
        ..., ``custom_update_time`` and ``custom_update_transpose_time`` by update
        group); zero unless the model was built with timing enabled."""
        pointer = self._library.genn_simulation_timing(self._handle)
        try:
            return json.loads(ctypes.string_at(pointer).decode("utf-8"))
        finally:
            self._library.genn_string_free(pointer)

    @property
    def t(self) -> float:
        """The time at the start of the next step, in ms."""
        return self._library.genn_simulation_time(self._handle)

    def variable(self, element: str, name: str) -> np.ndarray:
        """The whole array of variable ``name`` of ``element`` as a view of the
        simulation's memory (every delay slot of a queued variable, padded rows of a
        SPARSE population: ``variable_layout`` says how): a write through it is seen by
        the next step. On ``"cuda"`` a view of the host's copy (see ``pull``, ``push``)."""
        return self._view(self._array(self._library.genn_simulation_variable, element, name))

    def variable_layout(self, element: str, name: str) -> VariableLayout:
        """How the elements of ``variable(element, name)`` are laid out now."""
        layout = GeNNLayout()
        _checked(
            self._library.genn_simulation_variable_layout,
            self._handle,
            element.encode("utf-8"),
            name.encode("utf-8"),
            ctypes.byref(layout),
        )
        return VariableLayout(
            layout.slots, layout.latest_slot, layout.slot_size, layout.rows, layout.row_stride,
            layout.batches, layout.batch_stride,
        )

    def extra_global_param(self, element: str, name: str) -> np.ndarray:
        """Extra global parameter ``name`` of ``element`` (a neuron population, current
        source, synapse population's weight update model or custom update) as a view of
        the memory the generated code reads: a write through it is seen by the next step.
        Its size is that of the values the model gave it. On ``"cuda"`` a view of the
        host's copy (see ``pull``, ``push``)."""
        return self._view(
            self._array(self._library.genn_simulation_extra_global_param, element, name)
        )

    def pull(self, element: str, name: str) -> None:
        """Copies variable or extra global parameter ``name`` of ``element`` from the GPU
        into the host's copy that views show (PyGeNN's ``pull_from_device``); nothing to
        copy on the CPU backends."""
        _checked(
            self._library.genn_simulation_pull,
            self._handle,
            element.encode("utf-8"),
            name.encode("utf-8"),
        )

    def push(self, element: str, name: str) -> None:
        """Copies variable or extra global parameter ``name`` of ``element`` from the
        host's copy to the GPU, for the next step to see (PyGeNN's ``push_to_device``);
        nothing to copy on the CPU backends."""
        _checked(
            self._library.genn_simulation_push,
            self._handle,
            element.encode("utf-8"),
            name.encode("utf-8"),
        )

    def sparse_rows(self, synapses: str) -> SparseRows:
        """The stored connectivity of SPARSE population ``synapses`` (on ``"cuda"`` copied
        from the GPU by this call)."""
        row_length, ind = GeNNArray(), GeNNArray()
        stride = ctypes.c_uint64()
        _checked(
            self._library.genn_simulation_sparse_rows,
            self._handle,
            synapses.encode("utf-8"),
            ctypes.byref(row_length),
            ctypes.byref(ind),
            ctypes.byref(stride),
        )
        return SparseRows(self._view(row_length), self._view(ind), stride.value)

    def spikes(self, population: str, batch: int = 0) -> tuple[np.ndarray, np.ndarray]:
        """The times (ms) and neuron ids of the spikes ``population`` emitted since the
        start in ``batch`` (of a batched model), sorted by time then id (its spikes must be
        recorded)."""
        return self._pairs(
            self._library.genn_simulation_spikes, population, np.float64, np.int32,
            _batch(batch),
        )

    def spike_events(
        self, synapses: str, side: str = "pre", batch: int = 0
    ) -> tuple[np.ndarray, np.ndarray]:
        """The times (ms) and neuron ids of the spike-like events the weight update model
        of ``synapses`` detected among the neurons of ``side`` (``"pre"`` or ``"post"``)
        since the start, sorted by time then id (PyGeNN's ``pre_spike_event_recording_data``
        and ``post_spike_event_recording_data``); that side's population must record
        spike-like events (``record_spike_events``)."""
        if side not in SIDES:
            raise GeNNError(f"unknown synapse side '{side}'; available: pre, post")
        return self._pairs(
            self._library.genn_simulation_spike_events,
            synapses,
            np.float64,
            np.int32,
            SIDES[side],
            _batch(batch),
        )

    def connectivity(self, synapses: str) -> tuple[np.ndarray, np.ndarray]:
        """The presynaptic and postsynaptic neuron of each synapse of ``synapses``."""
        return self._pairs(
            self._library.genn_simulation_connectivity, synapses, np.uint32, np.uint32
        )

    def _array(self, function: Callable, element: str, name: str) -> GeNNArray:
        """The ``genn_array`` a function of (simulation, element, name) gives."""
        array = GeNNArray()
        _checked(
            function,
            self._handle,
            element.encode("utf-8"),
            name.encode("utf-8"),
            ctypes.byref(array),
        )
        return array

    def _view(self, array: GeNNArray) -> np.ndarray:
        """``array`` as a NumPy view of the simulation's memory."""
        dtype = np.dtype(DTYPES[array.type])
        buffer = (ctypes.c_byte * (array.count * dtype.itemsize)).from_address(array.data)
        # The buffer keeps the simulation, and so its memory, alive as long as the view.
        buffer._simulation = self
        return np.frombuffer(buffer, dtype=dtype)

    def _pairs(self, function: Callable, name: str, first, second, *selection):
        """A count-and-copy function's pairs: counted first, then copied; ``selection``
        are the arguments between the name and the arrays (a side, a batch)."""
        count = ctypes.c_uint64()
        key = name.encode("utf-8")
        _checked(function, self._handle, key, *selection, None, None, 0, ctypes.byref(count))
        firsts = np.empty(count.value, dtype=first)
        seconds = np.empty(count.value, dtype=second)
        _checked(
            function,
            self._handle,
            key,
            *selection,
            firsts.ctypes.data_as(ctypes.c_void_p),
            seconds.ctypes.data_as(ctypes.c_void_p),
            count.value,
            ctypes.byref(count),
        )
        return firsts, seconds
