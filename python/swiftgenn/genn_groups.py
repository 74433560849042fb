"""The groups of a model, as PyGeNN's: neuron populations, synapse populations, current
sources and custom updates, with their variables (``vars``, ``pre_vars``,
``post_vars``, ``psm_vars``), extra global parameters, recorded spikes and sparse
connectivity.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional, Sequence, Union

import numpy as np

from ._enums import (
    ParallelismHint,
    SynapseMatrixConnectivity,
    SynapseMatrixType,
    SynapseMatrixWeight,
    VarLocation,
)
from ._models import ModelBase
from .model_preprocessor import (
    Array,
    SynapseVariable,
    Variable,
    prepare_egps,
    prepare_vars,
)

if TYPE_CHECKING:
    from .genn_model import GeNNModel

RecordedEvents = list[tuple[np.ndarray, np.ndarray]]


class Group:
    """What every group has: a name, its model, parameter values, variables and extra
    global parameters."""

    def __init__(self, name: str, model: ModelBase, params: dict, genn_model: "GeNNModel"):
        self.name = name
        self.model = model
        self.params = dict(params)
        self._model = genn_model
        self.vars: dict[str, Any] = {}
        self.extra_global_params: dict[str, Any] = {}
        #: The parameters marked dynamic (``set_param_dynamic``).
        self._dynamic_params: set[str] = set()
        _check_params(name, model, self.params)

    def set_param_dynamic(self, name: str, dynamic: bool = True) -> None:
        """Marks parameter ``name`` dynamic (or not), before the model is built: its
        value can then change between steps (``set_dynamic_param_value``)."""
        _mark_dynamic(self, self.model, self._dynamic_params, name, dynamic)

    def set_dynamic_param_value(self, name: str, value: Union[float, int]) -> None:
        """Sets dynamic parameter ``name`` to ``value`` from the next step or custom
        update on; derived parameters keep their values, as in GeNN."""
        self._model._simulation_or_raise().set_dynamic_param(self.name, name, value)

    # Memory locations have no meaning here: every variable is on the host (and on the
    # GPU for CUDA), so a location is accepted and reads back as HOST_DEVICE.
    def set_var_location(self, name: str, location: VarLocation) -> None:
        pass

    def get_var_location(self, name: str) -> VarLocation:
        return VarLocation.HOST_DEVICE

    def set_extra_global_param_location(self, name: str, location: VarLocation) -> None:
        pass

    # PyGeNN's deprecated per-group copies.
    def pull_var_from_device(self, name: str) -> None:
        self.vars[name].pull_from_device()

    def push_var_to_device(self, name: str) -> None:
        self.vars[name].push_to_device()

    def pull_extra_global_param_from_device(self, name: str) -> None:
        self.extra_global_params[name].pull_from_device()

    def push_extra_global_param_to_device(self, name: str) -> None:
        self.extra_global_params[name].push_to_device()

    def _variable_sets(self) -> list[dict]:
        """Every dictionary of variables the group has."""
        return [self.vars]

    def _egp_sets(self) -> list[dict]:
        """Every dictionary of extra global parameters the group has."""
        return [self.extra_global_params]

    def _unload(self) -> None:
        for variables in self._variable_sets():
            for variable in variables.values():
                variable._unload()
        for egps in self._egp_sets():
            for egp in egps.values():
                egp._unload()

    def __repr__(self) -> str:
        return f"<{type(self).__name__} '{self.name}'>"


def _mark_dynamic(group: Group, model: ModelBase, marked: set, name: str,
                  dynamic: bool) -> None:
    """Adds ``name``, a parameter of ``model``, to ``marked`` (or removes it)."""
    declared = [p.name for p in model.params]
    if name not in declared:
        raise ValueError(
            f"'{group.name}' ({model.name}): no parameter '{name}' to make dynamic; its "
            "parameters are: " + (", ".join(declared) or "none")
        )
    if group._model._built:
        raise Exception(f"'{group.name}': parameters can only be made dynamic before building")
    if dynamic:
        marked.add(name)
    else:
        marked.discard(name)


def _check_params(name: str, model: ModelBase, params: dict) -> None:
    """Every parameter of ``model`` needs a value, and every value a parameter."""
    declared = [p.name for p in model.params]
    unknown = [p for p in params if p not in declared]
    missing = [p for p in declared if p not in params]
    if unknown or missing:
        problem = (
            f"no parameter '{unknown[0]}'" if unknown else f"no value for parameter '{missing[0]}'"
        )
        raise ValueError(
            f"'{name}' ({model.name}): {problem}; its parameters are: "
            + (", ".join(declared) or "none")
        )


def _check_vars(name: str, declared, values: dict, what: str = "variable") -> None:
    """Every declared variable needs an initial value (``None`` leaves it to the user)."""
    missing = [v.name for v in declared if v.name not in values]
    if missing:
        raise ValueError(
            f"'{name}': no initial value for {what} '{missing[0]}'; give one for each of: "
            + ", ".join(v.name for v in declared)
        )


class NeuronGroup(Group):
    """A neuron population (``add_neuron_population``)."""

    def __init__(self, name, num_neurons, model, params, vars, genn_model):
        super().__init__(name, model, params, genn_model)
        if int(num_neurons) < 1:
            raise ValueError(f"'{name}': a population has at least 1 neuron, not {num_neurons}")
        self.num_neurons = int(num_neurons)
        _check_vars(name, model.vars, vars)
        self.vars = prepare_vars(model.vars, vars, self)
        self.extra_global_params = prepare_egps(model.extra_global_params, self)
        self.spike_recording_enabled = False
        self.spike_event_recording_enabled = False
        #: Each neuron's last spike time (and the one before) once loaded, as PyGeNN's
        #: arrays, shaped ``(slots, neurons)`` with delay slots; ``None`` when no code
        #: reads ``st`` (``prev_st``).
        self.spike_times: Optional[Array] = None
        self.prev_spike_times: Optional[Array] = None

    @property
    def spike_recording_data(self) -> RecordedEvents:
        """Per batch, the times (ms) and neuron ids of the spikes in the recording
        window that ``pull_recording_buffers_from_device`` last pulled."""
        if not self.spike_recording_enabled:
            raise Exception(f"spike recording is not enabled for population '{self.name}'")
        return self._model._recorded_window(self._model._recorded_spikes[self.name])

    def _unload(self) -> None:
        super()._unload()
        self.spike_times = None
        self.prev_spike_times = None


class SynapseGroup(Group):
    """A synapse population (``add_synapse_population``): its weight update model's
    variables (``vars`` per synapse, ``pre_vars``, ``post_vars``), its postsynaptic
    model's (``psm_vars``) and its connectivity."""

    def __init__(
        self, name, matrix_type, source, target, weight_update, postsynaptic, connectivity,
        genn_model,
    ):
        wu_init, wu_vars, wu_pre_vars, wu_post_vars = weight_update
        ps_init, ps_vars = postsynaptic
        super().__init__(name, wu_init.snippet, wu_init.params, genn_model)
        if isinstance(matrix_type, str):
            try:
                matrix_type = SynapseMatrixType[matrix_type.upper()]
            except KeyError:
                raise ValueError(
                    f"'{name}': unknown matrix type '{matrix_type}'; use one of "
                    + ", ".join(m.name for m in SynapseMatrixType)
                ) from None
        self.matrix_type = SynapseMatrixType(matrix_type)
        self.src = source
        self.trg = target
        self.wu_initialiser = wu_init
        self.ps_initialiser = ps_init
        self.connectivity_initialiser = connectivity
        wu = wu_init.snippet
        ps = ps_init.snippet
        _check_params(name, ps, ps_init.params)
        _check_vars(name, wu.vars, wu_vars)
        _check_vars(name, wu.pre_vars, wu_pre_vars, "presynaptic variable")
        _check_vars(name, wu.post_vars, wu_post_vars, "postsynaptic variable")
        _check_vars(name, ps.vars, ps_vars, "postsynaptic model variable")
        self.vars = prepare_vars(wu.vars, wu_vars, self, SynapseVariable)
        self.pre_vars = prepare_vars(wu.pre_vars, wu_pre_vars, self)
        self.post_vars = prepare_vars(wu.post_vars, wu_post_vars, self)
        self.psm_vars = prepare_vars(ps.vars, ps_vars, self)
        self.extra_global_params = prepare_egps(wu.extra_global_params, self)
        self.psm_extra_global_params = prepare_egps(ps.extra_global_params, self)
        self.connectivity_extra_global_params = (
            prepare_egps(connectivity.snippet.extra_global_params, self)
            if connectivity is not None
            else {}
        )
        self.axonal_delay_steps = 0
        self.back_prop_delay_steps = 0
        self.max_dendritic_delay_timesteps = 1
        self.parallelism_hint = ParallelismHint.POSTSYNAPTIC
        self.num_threads_per_spike = 1
        self.narrow_sparse_ind_enabled = False
        self.max_connections: Optional[int] = None
        self.max_source_connections: Optional[int] = None
        self.pre_target_var = "Isyn"
        self.post_target_var = "Isyn"
        self.out_post: Optional[Array] = None
        self.connections_set = False
        self._pre_indices: Optional[np.ndarray] = None
        self._post_indices: Optional[np.ndarray] = None
        self.synapse_order: Optional[np.ndarray] = None
        #: The postsynaptic model's parameters marked dynamic.
        self._dynamic_ps_params: set[str] = set()

    @property
    def synapse_group(self) -> "SynapseGroup":
        return self

    @property
    def kernel_size(self) -> tuple:
        """The kernel's shape, for kernel matrices and snippets with kernels."""
        init = self.connectivity_initialiser
        if init is None or init.snippet.calc_kernel_size_func is None:
            return ()
        return tuple(init.snippet.calc_kernel_size_func(dict(init.params)))

    @property
    def weight_update_var_size(self) -> int:
        """The number of elements of a per-synapse variable's array."""
        if self.matrix_type & SynapseMatrixConnectivity.DENSE:
            return self.src.num_neurons * self.trg.num_neurons
        if self.matrix_type & SynapseMatrixWeight.KERNEL:
            return int(np.prod(self.kernel_size))
        if self.matrix_type & SynapseMatrixConnectivity.SPARSE:
            return self._rows().row_stride * self.src.num_neurons
        raise Exception("Matrix format not supported")

    def set_sparse_connections(self, pre_indices: Sequence[int], post_indices: Sequence[int]):
        """Gives SPARSE connectivity as lists of presynaptic and postsynaptic indices, one
        pair per synapse (before the model is loaded). Values given as arrays for the
        per-synapse variables follow the same order."""
        if not (self.matrix_type & SynapseMatrixConnectivity.SPARSE):
            raise Exception("set_sparse_connections only supports ragged format sparse connectivity")
        pre = np.asarray(pre_indices).astype(np.int64).ravel()
        post = np.asarray(post_indices).astype(np.int64).ravel()
        if pre.shape != post.shape:
            raise ValueError(
                f"'{self.name}': {len(pre)} presynaptic but {len(post)} postsynaptic indices"
            )
        for what, indices, size in (
            ("presynaptic", pre, self.src.num_neurons),
            ("postsynaptic", post, self.trg.num_neurons),
        ):
            if len(indices) and (indices.min() < 0 or indices.max() >= size):
                bad = indices[(indices < 0) | (indices >= size)][0]
                raise ValueError(
                    f"'{self.name}': {what} index {bad} is outside the population "
                    f"(0 to {size - 1})"
                )
        self.synapse_order = np.lexsort((post, pre))
        self._pre_indices = pre[self.synapse_order]
        self._post_indices = post[self.synapse_order]
        self.row_lengths = np.bincount(pre, minlength=self.src.num_neurons).astype(np.uint32)
        self.connections_set = True

    def _rows(self):
        """The loaded simulation's connectivity, as stored."""
        return self._model._simulation_or_raise().sparse_rows(self.name)

    def _storage_positions(self) -> np.ndarray:
        """Where each synapse's value is in a per-synapse array, row by row."""
        return self._rows().positions

    def get_sparse_pre_inds(self) -> np.ndarray:
        """The presynaptic neuron of each synapse, row by row."""
        if not (self.matrix_type & SynapseMatrixConnectivity.SPARSE):
            raise Exception("get_sparse_pre_inds only supports SPARSE connectivity")
        return self._rows().pre_inds

    def get_sparse_post_inds(self) -> np.ndarray:
        """The postsynaptic neuron of each synapse, row by row (each row sorted by
        postsynaptic neuron, until a custom connectivity update changes it: GeNN keeps
        changed rows in the order the changes leave them)."""
        if not (self.matrix_type & SynapseMatrixConnectivity.SPARSE):
            raise Exception("get_sparse_post_inds only supports ragged format sparse connectivity")
        return self._rows().post_inds

    def pull_connectivity_from_device(self) -> None:
        """Nothing to do: the connectivity (as custom connectivity updates left it) is
        read from the device (CUDA) or the simulation's memory (CPU) whenever it is asked
        for."""
        self._model._simulation_or_raise()

    def push_connectivity_to_device(self) -> None:
        """Nothing to do: connectivity is made when the model loads and changed only by
        custom connectivity updates, where it lives, never from the host."""
        self._model._simulation_or_raise()

    @property
    def pre_spike_event_recording_data(self) -> RecordedEvents:
        """Per batch, the presynaptic spike-like events in the recording window."""
        if not self.src.spike_event_recording_enabled:
            raise Exception(
                f"spike-like event recording is not enabled for population '{self.src.name}'"
            )
        return self._model._recorded_window(self._model._recorded_events[(self.name, "pre")])

    @property
    def post_spike_event_recording_data(self) -> RecordedEvents:
        """Per batch, the postsynaptic spike-like events in the recording window."""
        if not self.trg.spike_event_recording_enabled:
            raise Exception(
                f"spike-like event recording is not enabled for population '{self.trg.name}'"
            )
        return self._model._recorded_window(self._model._recorded_events[(self.name, "post")])

    def get_var_values(self, name: str) -> np.ndarray:
        """Deprecated in PyGeNN: ``vars[name].values``."""
        return self.vars[name].values

    def pull_in_syn_from_device(self) -> None:
        self.out_post.pull_from_device()

    def push_in_syn_to_device(self) -> None:
        self.out_post.push_to_device()

    def pull_psm_extra_global_param_from_device(self, name: str) -> None:
        self.psm_extra_global_params[name].pull_from_device()

    def push_psm_extra_global_param_to_device(self, name: str) -> None:
        self.psm_extra_global_params[name].push_to_device()

    def set_param_dynamic(self, name: str, dynamic: bool = True) -> None:
        """A synapse group's parameters are its weight update model's
        (``set_wu_param_dynamic``)."""
        self.set_wu_param_dynamic(name, dynamic)

    def set_wu_param_dynamic(self, name: str, dynamic: bool = True) -> None:
        """Marks weight update parameter ``name`` dynamic (or not), before building."""
        _mark_dynamic(self, self.wu_initialiser.snippet, self._dynamic_params, name, dynamic)

    def set_ps_param_dynamic(self, name: str, dynamic: bool = True) -> None:
        """Marks postsynaptic model parameter ``name`` dynamic (or not), before
        building."""
        _mark_dynamic(self, self.ps_initialiser.snippet, self._dynamic_ps_params, name, dynamic)

    def set_wu_var_location(self, name: str, location: VarLocation) -> None:
        pass

    def set_ps_var_location(self, name: str, location: VarLocation) -> None:
        pass

    def _variable_sets(self):
        return [self.vars, self.pre_vars, self.post_vars, self.psm_vars]

    def _egp_sets(self):
        return [
            self.extra_global_params,
            self.psm_extra_global_params,
            self.connectivity_extra_global_params,
        ]

    def _unload(self) -> None:
        super()._unload()
        self.out_post = None


class CurrentSource(Group):
    """A current source (``add_current_source``)."""

    def __init__(self, name, model, target_pop, params, vars, var_refs, genn_model):
        super().__init__(name, model, params, genn_model)
        self.target_pop = target_pop
        _check_vars(name, model.vars, vars)
        self.vars = prepare_vars(model.vars, vars, self)
        self.extra_global_params = prepare_egps(model.extra_global_params, self)
        declared = [r.name for r in model.neuron_var_refs]
        unknown = [r for r in var_refs if r not in declared]
        if unknown:
            raise ValueError(f"'{name}' ({model.name}): no neuron variable reference "
                             f"'{unknown[0]}'; its references are: "
                             + (", ".join(declared) or "none"))
        #: The neuron variable each of the model's references names, by reference.
        self.var_refs = dict(var_refs)
        #: The input ``injectCurrent`` adds to: ``Isyn`` or an additional input variable
        #: of the target's neuron model (PyGeNN's ``target_var``).
        self.target_var = "Isyn"


def _egp_references(kind: str, name: str, model, egp_refs: dict) -> dict:
    """``egp_refs`` (made with ``create_*egp_ref``) of the custom update or custom
    connectivity update ``name``, checked against ``model``'s extra global parameter
    references."""
    from ._references import EGPReference

    declared = [e.name for e in model.extra_global_param_refs]
    for reference_name, reference in egp_refs.items():
        if reference_name not in declared:
            raise ValueError(
                f"{kind} '{name}': no extra global parameter reference "
                f"'{reference_name}'; the model's are: " + (", ".join(declared) or "none"))
        if not isinstance(reference, EGPReference):
            raise TypeError(
                f"{kind} '{name}': reference '{reference_name}' must be made with a "
                f"create_*egp_ref function, not {reference!r}")
    return dict(egp_refs)


class CustomUpdateBase(Group):
    """A custom update: code run over the variables it references when its update
    group runs (``GeNNModel.custom_update``)."""

    def __init__(self, name, group_name, model, params, vars, var_refs, genn_model, kind):
        super().__init__(name, model, params, genn_model)
        self.update_group_name = group_name
        self.var_references = dict(var_refs)
        _check_vars(name, model.vars, vars)
        self.vars = prepare_vars(model.vars, vars, self, kind)
        self.extra_global_params = prepare_egps(model.extra_global_params, self)
        self.egp_references: dict = {}

    def _set_egp_references(self, egp_refs: dict) -> None:
        """Keeps ``egp_refs`` (``create_*egp_ref``), one for each of the model's extra
        global parameter references."""
        self.egp_references = _egp_references("custom update", self.name, self.model, egp_refs)


class CustomUpdate(CustomUpdateBase):
    """A custom update over the neurons of one population (references to per-neuron
    variables)."""

    def __init__(self, name, group_name, model, params, vars, var_refs, genn_model):
        super().__init__(name, group_name, model, params, vars, var_refs, genn_model, Variable)


class CustomUpdateWU(CustomUpdateBase):
    """A custom update over the synapses of one population (references to per-synapse
    variables)."""

    def __init__(self, name, group_name, model, params, vars, var_refs, synapse_group, genn_model):
        self.synapse_group = synapse_group
        super().__init__(
            name, group_name, model, params, vars, var_refs, genn_model, SynapseVariable
        )

    def get_var_values(self, name: str) -> np.ndarray:
        """Deprecated in PyGeNN: ``vars[name].values``."""
        return self.vars[name].values


class CustomConnectivityUpdate(Group):
    """A custom connectivity update (``add_custom_connectivity_update``): code that
    changes the rows of a SPARSE synapse population when its update group runs, with its
    own per-synapse (``vars``), presynaptic (``pre_vars``) and postsynaptic
    (``post_vars``) variables."""

    def __init__(self, name, group_name, synapse_group, model, params, vars, pre_vars,
                 post_vars, var_refs, pre_var_refs, post_var_refs, genn_model):
        super().__init__(name, model, params, genn_model)
        self.update_group_name = group_name
        self.synapse_group = synapse_group
        self.var_references = dict(var_refs)
        self.pre_var_references = dict(pre_var_refs)
        self.post_var_references = dict(post_var_refs)
        _check_vars(name, model.vars, vars)
        _check_vars(name, model.pre_vars, pre_vars, "presynaptic variable")
        _check_vars(name, model.post_vars, post_vars, "postsynaptic variable")
        self.vars = prepare_vars(model.vars, vars, self, SynapseVariable)
        self.pre_vars = prepare_vars(model.pre_vars, pre_vars, self)
        self.post_vars = prepare_vars(model.post_vars, post_vars, self)
        self.extra_global_params = prepare_egps(model.extra_global_params, self)
        #: The extra global parameter each of the model's references points at.
        self.egp_references: dict = {}

    def get_var_values(self, name: str) -> np.ndarray:
        """Deprecated in PyGeNN: ``vars[name].values``."""
        return self.vars[name].values

    def set_pre_var_location(self, name: str, location: VarLocation) -> None:
        pass

    def set_post_var_location(self, name: str, location: VarLocation) -> None:
        pass

    def _variable_sets(self):
        return [self.vars, self.pre_vars, self.post_vars]
