"""Connecting a loaded simulation's memory to a ``GeNNModel``'s groups: every
variable, extra global parameter and ``out_post`` becomes a NumPy view, and values
given as arrays are written into it (as PyGeNN does after loading)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, Optional

import numpy as np

from ._enums import SynapseMatrixConnectivity, SynapseMatrixWeight
from ._native import GeNNError
from .model_preprocessor import Array

if TYPE_CHECKING:
    from ._native import Simulation
    from .genn_model import GeNNModel


def load_groups(model: "GeNNModel", simulation: "Simulation") -> None:
    """Gives every group of ``model`` its views of ``simulation`` and writes the values
    given as arrays."""
    for group in (*model.neuron_populations.values(), *model.current_sources.values()):
        _load_neuron_vars(simulation, group.name, group.vars)
        _load_egps(simulation, group.name, group.extra_global_params)
        _load_init_egps(simulation, group.name, group.vars)
    for population in model.neuron_populations.values():
        population.spike_times = _spike_times(simulation, population, "sT")
        population.prev_spike_times = _spike_times(simulation, population, "prevST")
    for synapses in model.synapse_populations.values():
        _load_synapses(simulation, synapses)
    for update in model.custom_updates.values():
        if hasattr(update, "synapse_group"):
            _load_synapse_vars(simulation, update.name, update.vars, update.synapse_group)
        else:
            _load_neuron_vars(simulation, update.name, update.vars)
        _load_egps(simulation, update.name, update.extra_global_params)
        _load_init_egps(simulation, update.name, update.vars)
    for update in model.custom_connectivity_updates.values():
        _load_synapse_vars(simulation, update.name, update.vars, update.synapse_group)
        _load_neuron_vars(simulation, update.name, update.pre_vars)
        _load_neuron_vars(simulation, update.name, update.post_vars)
        _load_egps(simulation, update.name, update.extra_global_params)


def _load_synapses(simulation: "Simulation", synapses) -> None:
    name = synapses.name
    # Procedural weights have no memory (PyGeNN gives them no views either).
    if synapses.matrix_type & (SynapseMatrixWeight.INDIVIDUAL | SynapseMatrixWeight.KERNEL):
        _load_synapse_vars(simulation, name, synapses.vars, synapses)
    for variables in (synapses.pre_vars, synapses.post_vars, synapses.psm_vars):
        _load_neuron_vars(simulation, name, variables)
    out_post = Array("inSyn", synapses._model.precision, synapses)
    # PyGeNN's shape: (batch_size, target neurons).
    layout = simulation.variable_layout(name, "inSyn")
    out_post._bind(simulation.variable(name, "inSyn").reshape(layout.batches, -1))
    synapses.out_post = out_post
    _load_egps(simulation, name, synapses.extra_global_params)
    # Found by name among the weight update model's, then the postsynaptic model's, then
    # the connectivity snippet's.
    _load_egps(simulation, name, synapses.psm_extra_global_params)
    _load_egps(simulation, name, synapses.connectivity_extra_global_params)
    procedural = not synapses.matrix_type & (
        SynapseMatrixWeight.INDIVIDUAL | SynapseMatrixWeight.KERNEL)
    _load_init_egps(simulation, name, *(
        ({} if procedural else synapses.vars), synapses.pre_vars, synapses.post_vars,
        synapses.psm_vars))


def _spike_times(simulation: "Simulation", population, name: str) -> Optional[Array]:
    """Spike-time array ``name`` (``sT`` or ``prevST``) of ``population`` as an
    ``Array`` shaped as its variables are (``_shaped``), or ``None`` where no code reads it
    (as PyGeNN)."""
    try:
        view = simulation.variable(population.name, name)
    except GeNNError:
        return None
    array = Array(name, population._model.time_precision, population)
    array._bind(_shaped(view, simulation.variable_layout(population.name, name)))
    return array


def _shaped(view: np.ndarray, layout) -> np.ndarray:
    """``view`` in PyGeNN's shape: ``(batches,)`` first where the model keeps a copy per
    batch, then ``(slots,)`` where it has delay slots, then the elements."""
    if layout.slots > 1:
        shape = (layout.slots, layout.slot_size)
    else:
        shape = (layout.batch_stride if layout.batches > 1 else view.size,)
    if layout.batches > 1:
        return view[: layout.batches * layout.batch_stride].reshape((layout.batches,) + shape)
    return view.reshape(shape)


def _load_neuron_vars(simulation: "Simulation", element: str, variables: dict) -> None:
    """Views of per-neuron variables in PyGeNN's shape (``_shaped``)."""
    for variable in variables.values():
        layout = simulation.variable_layout(element, variable.name)
        view = _shaped(simulation.variable(element, variable.name), layout)
        latest: Optional[Callable[[], int]] = None
        if layout.slots > 1:
            latest = _latest_slot(simulation, element, variable.name)
        if getattr(variable, "shared_neuron", False):
            # Kept per neuron in memory; code reads and writes the first value.
            view = view[..., :1]
        variable._load(view, latest)
        if variable.init_required:
            _write(variable, view, np.asarray(variable.init_values))
            variable.push_to_device()


def _latest_slot(simulation: "Simulation", element: str, name: str) -> Callable[[], int]:
    """The slot of a queued variable holding the current step's values."""
    return lambda: simulation.variable_layout(element, name).latest_slot


def _load_synapse_vars(simulation: "Simulation", element: str, variables: dict,
                       synapses) -> None:
    for variable in variables.values():
        view = _shaped(
            simulation.variable(element, variable.name),
            simulation.variable_layout(element, variable.name))
        variable._load(view)
        if not variable.init_required:
            continue
        values = np.asarray(variable.init_values)
        sparse = bool(synapses.matrix_type & SynapseMatrixConnectivity.SPARSE)
        if sparse:
            if synapses.synapse_order is not None:
                values = values[..., synapses.synapse_order]
            positions = synapses._storage_positions()
            _check_values(variable, view.dtype, values)
            view[..., positions] = values
        else:
            # One value per synapse (of every batch, or of one batch, which each takes).
            whole = values.size in (view.size, view.shape[-1])
            _write(variable, view, values.reshape(view.shape if values.size == view.size
                                                  else view.shape[-1:]) if whole else values)
        variable.push_to_device()


def _load_egps(simulation: "Simulation", element: str, egps: dict, suffix: str = "") -> None:
    """Views of the extra global parameters given values; a variable-initialisation
    snippet's are named ``<parameter><variable>``, as in GeNN's runtime."""
    for egp in egps.values():
        if egp.init_values is not None:
            egp._load(simulation.extra_global_param(element, egp.name + suffix))


def _load_init_egps(simulation: "Simulation", element: str, *variable_sets: dict) -> None:
    """Views of the extra global parameters of the snippets initialising variables."""
    for variables in variable_sets:
        for variable in variables.values():
            _load_egps(simulation, element, getattr(variable, "extra_global_params", {}),
                       variable.name)


def _write(variable, view: np.ndarray, values: np.ndarray) -> None:
    _check_values(variable, view.dtype, values)
    try:
        view[...] = values
    except ValueError:
        raise ValueError(
            f"'{variable.group.name}': {values.size} values for variable '{variable.name}', "
            f"which has {view.shape[-1]} elements"
        ) from None


def _check_values(variable, dtype: np.dtype, values: np.ndarray) -> None:
    """Integer variables take whole numbers their type holds, as the model file's checks
    require of its values."""
    if not np.issubdtype(dtype, np.integer) or values.size == 0:
        return
    numbers = values.astype(np.float64)
    limits = np.iinfo(dtype)
    bad = ~np.isfinite(numbers) | (numbers != np.round(numbers)) | \
        (numbers < limits.min) | (numbers > limits.max)
    if bad.any():
        index = int(np.flatnonzero(bad.ravel())[0])
        raise ValueError(
            f"'{variable.group.name}': variable '{variable.name}' holds {dtype.name} values "
            f"({limits.min} to {limits.max}), but element {index} is {values.ravel()[index]}"
        )
