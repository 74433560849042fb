"""PyGeNN's ``genn_model``: ``GeNNModel`` and the functions that describe models,
snippets and their initialisation (``init_*``, ``create_*``), over SwiftGeNN's core.

A ``GeNNModel`` is written as a SwiftGeNN model file when it is built; loading it
generates, compiles (through SwiftGeNN's build cache) and loads the code on the chosen
backend, and the groups' variables become NumPy views of the simulation's memory.
"""

from __future__ import annotations

import os
import re
from collections import OrderedDict
from pathlib import Path
from typing import Any, Callable, Optional, Union

import numpy as np

from . import types
from ._enums import (
    CustomUpdateVarAccess,
    PlogSeverity,
    SynapseMatrixConnectivity,
    SynapseMatrixType,
    VarAccess,
    VarLocation,
)
from ._model_file import ModelFileWriter, relocated
from ._models import (
    ModelBase,
    builtin,
    codes_of,
    derived_params_of,
    egps_of,
    params_of,
    var_refs_of,
    vars_of,
    AdditionalInput,
)
from ._native import GeNNError, Model, Simulation, cuda_usable, error_for
from ._references import VarReference
from .genn_groups import (
    CurrentSource,
    CustomConnectivityUpdate,
    CustomUpdate,
    CustomUpdateWU,
    NeuronGroup,
    SynapseGroup,
    _egp_references,
)
from .model_preprocessor import VarInit

#: The backends this machine runs, in the order a model without a backend picks them
#: (PyGeNN's ``backend_modules``): ``cuda`` where a usable NVIDIA driver, GPU and NVRTC
#: are found (as ``genn run --backend auto`` finds them), then ``single_threaded_cpu``.
#: ``cpu`` (SwiftGeNN's parallel CPU backend, which ``single_threaded_cpu`` runs too) may
#: be named as well.
backend_modules: "OrderedDict[str, str]" = OrderedDict()
if cuda_usable()[0]:
    backend_modules["cuda"] = "cuda"
backend_modules["single_threaded_cpu"] = "cpu"

#: Backend names a model accepts, and the C interface's backend each runs on.
_BACKENDS = {"single_threaded_cpu": "cpu", "cpu": "cpu", "cuda": "cuda"}

#: GeNN 5.4's preferences (``PreferencesBase`` and the CUDA backend's), accepted by
#: name; those with no meaning for SwiftGeNN are ignored. ``threads`` (SwiftGeNN's) sets
#: the CPU backend's threads.
_PREFERENCES = (
    "optimize_code", "debug_code", "genn_log_level", "code_generator_log_level",
    "transpiler_log_level", "runtime_log_level", "enable_nccl_reductions",
    "show_ptx_info", "generate_line_info", "enable_nvtx", "device_select_method",
    "manual_device_id", "block_size_select_method", "manual_block_sizes",
    "constant_cache_overhead", "threads",
)


class GeNNModel:
    """A network: its populations, synapses, current sources and custom updates, built
    and run by SwiftGeNN (PyGeNN's ``GeNNModel``)."""

    def __init__(
        self,
        precision: Union[str, types.ResolvedType] = "float",
        model_name: str = "GeNNModel",
        backend: Optional[str] = None,
        time_precision: Union[str, types.ResolvedType, None] = None,
        genn_log_level: PlogSeverity = PlogSeverity.WARNING,
        code_gen_log_level: PlogSeverity = PlogSeverity.WARNING,
        transpiler_log_level: PlogSeverity = PlogSeverity.WARNING,
        runtime_log_level: PlogSeverity = PlogSeverity.WARNING,
        backend_log_level: PlogSeverity = PlogSeverity.WARNING,
        **preference_kwargs: Any,
    ):
        self.precision = _precision(precision)
        self.time_precision = (
            self.precision if time_precision is None else _precision(time_precision)
        )
        _check_element_name(model_name, "model")
        self.name = model_name
        self._built = False
        self._loaded = False
        self._runtime: Optional[Simulation] = None
        self.backend_name = backend
        for key in preference_kwargs:
            if key not in _PREFERENCES:
                raise ValueError(
                    f"Unknown preference '{key}'; the preferences are "
                    + ", ".join(_PREFERENCES)
                )
        self._preference_kwargs = dict(preference_kwargs)
        self.dt = 0.5
        self.seed = 0
        self._effective_seed = 0
        self.batch_size = 1
        self.timing_enabled = False
        self.fuse_postsynaptic_models = False
        self.fuse_pre_post_weight_update_models = False
        self.default_var_location = VarLocation.HOST_DEVICE
        self.default_sparse_connectivity_location = VarLocation.HOST_DEVICE
        self.default_narrow_sparse_ind_enabled = False
        self.neuron_populations: dict[str, NeuronGroup] = {}
        self.synapse_populations: dict[str, SynapseGroup] = {}
        self.current_sources: dict[str, CurrentSource] = {}
        self.custom_connectivity_updates: dict[str, CustomConnectivityUpdate] = {}
        self.custom_updates: dict[str, Any] = {}
        self._num_recording_timesteps: Optional[int] = None
        self._build_cache_hit: Optional[bool] = None
        self._recorded_spikes: dict = {}
        self._recorded_events: dict = {}
        self._recording_end = 0
        self.genn_types = {
            t: t.dtype
            for t in (types.Float, types.Double, types.Int64, types.Uint64, types.Int32,
                      types.Uint32, types.Int16, types.Uint16, types.Int8, types.Uint8,
                      types.Bool)
        }

    # --- Backend and time ------------------------------------------------------------

    @property
    def backend_name(self) -> str:
        return self._backend_name

    @backend_name.setter
    def backend_name(self, backend_name: Optional[str]) -> None:
        if self._built:
            raise Exception("GeNN model already built")
        if backend_name is None:
            backend_name = next(iter(backend_modules))
        if backend_name not in _BACKENDS:
            raise KeyError(
                f"unknown backend '{backend_name}'; SwiftGeNN runs: " + ", ".join(_BACKENDS)
            )
        self._backend_name = backend_name

    @property
    def dT(self) -> float:
        """Deprecated in PyGeNN: ``dt``."""
        return self.dt

    @dT.setter
    def dT(self, dt: float) -> None:
        self.dt = dt

    @property
    def t(self) -> float:
        """The time at the start of the next step, in ms."""
        return self._simulation_or_raise().t

    @property
    def timestep(self) -> int:
        """The steps run since the model was loaded."""
        return self._simulation_or_raise().timestep

    @timestep.setter
    def timestep(self, timestep: int) -> None:
        """Sets the step counter, and with it ``t`` (``timestep * dt``)."""
        self._simulation_or_raise().timestep = timestep

    def _timing(self, what: str, group: Optional[str] = None) -> float:
        """Timing counter ``what`` in seconds (by update group ``group`` for the custom
        update counters); 0 unless ``timing_enabled`` was set before building."""
        counters = self._simulation_or_raise().timing
        if group is None:
            return float(counters[what])
        return float(counters.get(what, {}).get(group, 0.0))

    @property
    def neuron_update_time(self) -> float:
        return self._timing("neuron_update_time")

    @property
    def init_time(self) -> float:
        return self._timing("init_time")

    @property
    def presynaptic_update_time(self) -> float:
        return self._timing("presynaptic_update_time")

    @property
    def postsynaptic_update_time(self) -> float:
        return self._timing("postsynaptic_update_time")

    @property
    def synapse_dynamics_time(self) -> float:
        return self._timing("synapse_dynamics_time")

    @property
    def init_sparse_time(self) -> float:
        return self._timing("init_sparse_time")

    def get_custom_update_time(self, name: str) -> float:
        return self._timing("custom_update_time", name)

    def get_custom_update_transpose_time(self, name: str) -> float:
        return self._timing("custom_update_transpose_time", name)

    # Remaps and host code belong to custom connectivity updates (0 without them).
    def get_custom_update_remap_time(self, name: str) -> float:
        return self._timing("custom_update_remap_time", name)

    def get_custom_update_host_time(self, name: str) -> float:
        return self._timing("custom_update_host_time", name)

    # --- Describing the network ------------------------------------------------------

    def _check_unbuilt(self) -> None:
        if self._built:
            raise Exception("GeNN model already built")

    def _check_new_name(self, name: str) -> None:
        _check_element_name(name, "group")
        for groups in (self.neuron_populations, self.synapse_populations,
                       self.current_sources, self.custom_updates,
                       self.custom_connectivity_updates):
            if name in groups:
                raise ValueError(f"the model already has a group named '{name}'")

    def add_neuron_population(
        self, pop_name: str, num_neurons: int, neuron: Union[ModelBase, str],
        params: dict = {}, vars: dict = {},
    ) -> NeuronGroup:
        """Adds ``num_neurons`` neurons of ``neuron`` (a built-in name or a
        ``create_neuron_model`` model) with ``params`` and initial ``vars``."""
        self._check_unbuilt()
        self._check_new_name(pop_name)
        neuron = _snippet(neuron, "neuron")
        group = NeuronGroup(pop_name, num_neurons, neuron, params, vars, self)
        self.neuron_populations[pop_name] = group
        return group

    def add_synapse_population(
        self, pop_name: str, matrix_type: Union[SynapseMatrixType, str],
        source: NeuronGroup, target: NeuronGroup, weight_update_init, postsynaptic_init,
        connectivity_init=None,
    ) -> SynapseGroup:
        """Adds synapses from ``source`` to ``target`` with a weight update model
        (``init_weight_update``), a postsynaptic model (``init_postsynaptic``) and, for
        matrices that are not dense, connectivity (``init_sparse_connectivity``,
        ``init_toeplitz_connectivity`` or ``set_sparse_connections``)."""
        self._check_unbuilt()
        self._check_new_name(pop_name)
        source = self._population(source, pop_name)
        target = self._population(target, pop_name)
        group = SynapseGroup(
            pop_name, matrix_type, source, target, weight_update_init, postsynaptic_init,
            connectivity_init, self,
        )
        self.synapse_populations[pop_name] = group
        return group

    def add_current_source(
        self, cs_name: str, current_source_model: Union[ModelBase, str], pop: NeuronGroup,
        params: dict = {}, vars: dict = {}, var_refs: dict = {},
    ) -> CurrentSource:
        """Adds a current source injecting into ``pop``."""
        self._check_unbuilt()
        self._check_new_name(cs_name)
        model = _snippet(current_source_model, "current_source")
        source = CurrentSource(cs_name, model, self._population(pop, cs_name), params, vars,
                               var_refs, self)
        self.current_sources[cs_name] = source
        return source

    def add_custom_update(
        self, cu_name: str, group_name: str, custom_update_model: Union[ModelBase, str],
        params: dict = {}, vars: dict = {}, var_refs: dict = {}, egp_refs: dict = {},
    ):
        """Adds a custom update, run with the others of update group ``group_name`` by
        ``custom_update(group_name)``, over the variables ``var_refs`` references."""
        self._check_unbuilt()
        self._check_new_name(cu_name)
        _check_element_name(group_name, "update group")
        model = _snippet(custom_update_model, "custom_update")
        synaptic = [r.synapse_group for r in var_refs.values()
                    if isinstance(r, VarReference) and r.is_per_synapse]
        if synaptic:
            update = CustomUpdateWU(cu_name, group_name, model, params, vars, var_refs,
                                    synaptic[0], self)
        else:
            update = CustomUpdate(cu_name, group_name, model, params, vars, var_refs, self)
        update._set_egp_references(egp_refs)
        self.custom_updates[cu_name] = update
        return update

    def add_custom_connectivity_update(
        self, cu_name: str, group_name: str, syn_group,
        custom_conn_update_model: Union[ModelBase, str], params: dict = {}, vars: dict = {},
        pre_vars: dict = {}, post_vars: dict = {}, var_refs: dict = {},
        pre_var_refs: dict = {}, post_var_refs: dict = {}, egp_refs: dict = {},
    ) -> CustomConnectivityUpdate:
        """Adds a custom connectivity update to SPARSE synapse population ``syn_group``,
        run with the others of update group ``group_name`` by ``custom_update(group_name)``:
        its row update code changes the rows, its host update code runs before them."""
        self._check_unbuilt()
        self._check_new_name(cu_name)
        _check_element_name(group_name, "update group")
        if isinstance(syn_group, str):
            syn_group = self.synapse_populations.get(syn_group)
        if not isinstance(syn_group, SynapseGroup) or \
                self.synapse_populations.get(syn_group.name) is not syn_group:
            raise ValueError(f"'{cu_name}': the synapses must be a synapse population of this model")
        if not (syn_group.matrix_type & SynapseMatrixConnectivity.SPARSE):
            raise Exception("Custom connectivity updates can only be attached to synapse "
                            "groups with SPARSE connectivity.")
        model = _snippet(custom_conn_update_model, "custom_connectivity_update")
        update = CustomConnectivityUpdate(
            cu_name, group_name, syn_group, model, params, vars, pre_vars, post_vars, var_refs,
            pre_var_refs, post_var_refs, self)
        update.egp_references = _egp_references(
            "custom connectivity update", cu_name, model, egp_refs)
        self.custom_connectivity_updates[cu_name] = update
        return update

    def _population(self, population, user: str) -> NeuronGroup:
        if isinstance(population, str):
            population = self.neuron_populations.get(population)
        if not isinstance(population, NeuronGroup) or \
                self.neuron_populations.get(population.name) is not population:
            raise ValueError(f"'{user}': the population must be a neuron population of this model")
        return population

    # --- Building and running --------------------------------------------------------

    @property
    def _recording_in_use(self) -> bool:
        return any(p.spike_recording_enabled or p.spike_event_recording_enabled
                   for p in self.neuron_populations.values())

    def build(self, path_to_model: str = "./", always_rebuild: bool = False,
              never_rebuild: bool = False) -> None:
        """Writes the model file into ``<path_to_model>/<name>_CODE``, checks it, and
        generates and compiles the code into SwiftGeNN's build cache (a model built
        before is found there without compiling; ``never_rebuild`` skips this step and
        leaves it to ``load``)."""
        self._check_unbuilt()
        self._path = Path(path_to_model) / f"{self.name}_CODE"
        self._effective_seed = self.seed if self.seed != 0 else \
            int.from_bytes(os.urandom(8), "little") >> 1
        model = self._parse()
        if not never_rebuild:
            self._build_cache_hit = self._located(
                lambda: model.build(_BACKENDS[self.backend_name], self._threads))
        self._built = True

    @property
    def _threads(self) -> int:
        """The CPU threads: the ``threads`` preference, else every core."""
        return int(self._preference_kwargs.get("threads", 0))

    def _parse(self) -> Model:
        writer = ModelFileWriter(self, self._path)
        path = writer.write()
        self._code_blocks = writer.blocks
        return self._located(lambda: Model(path.read_text(), str(path)))

    def _located(self, operation: Callable):
        """Runs ``operation``, telling positions in code strings of the errors it raises
        as the user wrote them."""
        try:
            return operation()
        except GeNNError as error:
            raise error_for(relocated(str(error), self._code_blocks)) from None

    def load(self, num_recording_timesteps: Optional[int] = None) -> None:
        """Builds and loads the model on its backend and sets the values given as
        arrays; ``num_recording_timesteps`` is the length of the recording window
        ``pull_recording_buffers_from_device`` reads (needed when spikes are recorded)."""
        if self._loaded:
            raise Exception("GeNN model already loaded")
        if not self._built:
            raise Exception("GeNN model has not been built")
        if self._recording_in_use and num_recording_timesteps is None:
            raise Exception("Cannot use recording system without passing number of recording "
                            "timesteps to GeNNModel.load")
        self._num_recording_timesteps = num_recording_timesteps
        model = self._parse()
        self._runtime = self._located(
            lambda: Simulation(model, _BACKENDS[self.backend_name], self._threads))
        if num_recording_timesteps is not None:
            # As GeNN's recording buffers: the latest steps only, so that memory and
            # each pull stay the same however long the run.
            self._runtime.keep_recording(num_recording_timesteps)
        self._recorded_spikes = {}
        self._recorded_events = {}
        self._recording_end = 0
        from ._loading import load_groups
        load_groups(self, self._runtime)
        self._loaded = True

    def unload(self) -> None:
        """Frees the simulation and its memory; ``load`` starts a new one."""
        if not self._loaded:
            raise Exception("GeNN model has not been built")
        for groups in (self.custom_updates, self.custom_connectivity_updates,
                       self.current_sources, self.synapse_populations,
                       self.neuron_populations):
            for group in groups.values():
                group._unload()
        self._runtime = None
        self._loaded = False

    @property
    def build_info(self) -> dict:
        """How the loaded model was built (SwiftGeNN's, not in PyGeNN): the build cache's
        folder with the generated code (``directory``), whether ``build()`` found the
        compiled library in the cache (``cache_hit``), the seconds generating, compiling
        and loading took, the compiler and the CPU threads."""
        info = dict(self._simulation_or_raise().build_info)
        if self._build_cache_hit is not None:
            info["cache_hit"] = self._build_cache_hit
        return info

    def _simulation_or_raise(self) -> Simulation:
        if self._runtime is None:
            raise Exception("GeNN model has to be loaded first")
        return self._runtime

    def step_time(self) -> None:
        """Runs one time step."""
        if self._runtime is None:
            raise Exception("GeNN model has to be loaded before stepping")
        self._runtime.step(1)

    def custom_update(self, name: str) -> None:
        """Runs the custom updates of update group ``name``."""
        if self._runtime is None:
            raise Exception("GeNN model has to be loaded before performing custom update")
        self._runtime.custom_update(name)

    def pull_recording_buffers_from_device(self) -> None:
        """Takes the spikes and spike-like events recorded in the last
        ``num_recording_timesteps`` steps (read by ``spike_recording_data``)."""
        simulation = self._simulation_or_raise()
        if not self._recording_in_use:
            raise Exception("Cannot pull recording buffer if recording system is not in use")
        batches = range(self.batch_size)
        for name, population in self.neuron_populations.items():
            if population.spike_recording_enabled:
                self._recorded_spikes[name] = [simulation.spikes(name, b) for b in batches]
        for name, synapses in self.synapse_populations.items():
            wu = synapses.wu_initialiser.snippet
            for side, population, has_events in (
                ("pre", synapses.src, bool(wu.code.get("pre_event_threshold_condition_code"))),
                ("post", synapses.trg, bool(wu.code.get("post_event_threshold_condition_code"))),
            ):
                if population.spike_event_recording_enabled and has_events:
                    self._recorded_events[(name, side)] = [
                        simulation.spike_events(name, side, b) for b in batches]
        self._recording_end = simulation.timestep

    def _recorded_window(self, recorded) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per batch, the events of the recording window ending at the last pull: the
        simulation keeps those of the latest ``num_recording_timesteps`` steps run, as
        GeNN's recording buffers do (also when ``timestep`` was set back, as between
        trials)."""
        if self._recording_end < self._num_recording_timesteps:
            raise RuntimeError("Event recording data can only be accessed once buffer is full")
        return recorded


#: GeNN's rule for the names of populations, synapse populations, current sources, custom
#: updates and update groups (``validatePopName``), with SwiftGeNN's length limit.
_ELEMENT_NAME = re.compile(r"[A-Za-z0-9_]{1,100}\Z")


def _check_element_name(name: Any, what: str) -> None:
    """``name`` must be letters, digits and '_' (it names files in the build folder)."""
    if not isinstance(name, str) or not _ELEMENT_NAME.match(name):
        raise ValueError(
            f"{what} name {name!r} is not valid; use 1 to 100 letters, digits and '_'"
        )


def _precision(value: Union[str, types.ResolvedType]) -> types.ResolvedType:
    resolved = types.resolve(value, types.Float, types.Float)
    if resolved not in (types.Float, types.Double):
        raise ValueError(f"a model's precision is float or double, not {types.type_name(value)}")
    return resolved


def _snippet(value: Union[ModelBase, str], kind: str) -> ModelBase:
    """A model given by built-in name or description, checked to be of ``kind``."""
    if isinstance(value, str):
        return builtin(kind, value)
    if isinstance(value, ModelBase):
        if value.kind != kind:
            raise Exception(
                f"Invalid snippet: '{value.name}' is a {value.kind.replace('_', ' ')} model, "
                f"not a {kind.replace('_', ' ')} model"
            )
        return value
    raise Exception("Invalid snippet")


# --- Initialisation ------------------------------------------------------------------


class SparseConnectivityInit:
    """Connectivity made by a snippet (``init_sparse_connectivity``)."""

    def __init__(self, snippet: ModelBase, params: dict):
        self.snippet = snippet
        self.params = dict(params)


class ToeplitzConnectivityInit(SparseConnectivityInit):
    """Toeplitz connectivity made by a snippet (``init_toeplitz_connectivity``)."""


class PostsynapticInit:
    """A postsynaptic model with its parameters and references (``init_postsynaptic``)."""

    def __init__(self, snippet: ModelBase, params: dict, var_refs: dict):
        self.snippet = snippet
        self.params = dict(params)
        self.var_refs = dict(var_refs)


class WeightUpdateInit:
    """A weight update model with its parameters and references (``init_weight_update``)."""

    def __init__(self, snippet: ModelBase, params: dict, pre_var_refs: dict,
                 post_var_refs: dict, psm_var_refs: dict):
        self.snippet = snippet
        self.params = dict(params)
        self.pre_var_refs = dict(pre_var_refs)
        self.post_var_refs = dict(post_var_refs)
        self.psm_var_refs = dict(psm_var_refs)


def init_var(snippet: Union[ModelBase, str], params: dict = {}) -> VarInit:
    """A variable initialised by ``snippet`` (``"Uniform"``, ``"Normal"``, ... or a
    ``create_var_init_snippet`` snippet) with ``params``."""
    return VarInit(_init_snippet(snippet), params)


def _init_snippet(snippet: Union[ModelBase, str]) -> ModelBase:
    if snippet == "Kernel":
        from ._models import EGP
        return ModelBase(kind="init_var", name="Kernel", builtin=True,
                         extra_global_params=[EGP("kernel", "scalar*")])
    return _snippet(snippet, "init_var")


def init_sparse_connectivity(snippet: Union[ModelBase, str], params: dict = {}):
    """Connectivity made by ``snippet`` (``"FixedProbability"``, ... or a
    ``create_sparse_connect_init_snippet`` snippet) with ``params``."""
    return SparseConnectivityInit(_snippet(snippet, "sparse_connectivity"), params)


def init_connectivity(snippet, params: dict = {}):
    """Deprecated in PyGeNN: ``init_sparse_connectivity``."""
    return init_sparse_connectivity(snippet, params)


def init_toeplitz_connectivity(init_toeplitz_connect_snippet, params: dict = {}):
    """Toeplitz connectivity made by a snippet (``"Conv2D"``, ``"AvgPoolConv2D"`` or a
    ``create_toeplitz_connect_init_snippet`` snippet)."""
    return ToeplitzConnectivityInit(
        _snippet(init_toeplitz_connect_snippet, "toeplitz_connectivity"), params)


def init_postsynaptic(snippet: Union[ModelBase, str], params: dict = {}, vars: dict = {},
                      var_refs: dict = {}):
    """A postsynaptic model with its parameters, initial variables and references."""
    model = _snippet(snippet, "postsynaptic")
    return PostsynapticInit(model, params, var_refs), vars


def init_weight_update(snippet, params: dict = {}, vars: dict = {}, pre_vars: dict = {},
                       post_vars: dict = {}, pre_var_refs: dict = {},
                       post_var_refs: dict = {}, psm_var_refs: dict = {}):
    """A weight update model with its parameters, initial variables (per synapse,
    presynaptic, postsynaptic) and references to neuron and postsynaptic variables."""
    model = _snippet(snippet, "weight_update")
    return (WeightUpdateInit(model, params, pre_var_refs, post_var_refs, psm_var_refs),
            vars, pre_vars, post_vars)


# --- Models defined in Python --------------------------------------------------------


def _renamed(old_value, old: str, new_value, new: str):
    if old_value is not None:
        import warnings
        warnings.warn(f"The '{old}' parameter has been renamed to '{new}' and will be removed "
                      "in future", FutureWarning)
        return old_value
    return new_value


def create_neuron_model(class_name: str, params=None, param_names=None, vars=None,
                        var_name_types=None, derived_params=None,
                        sim_code: Optional[str] = None,
                        threshold_condition_code: Optional[str] = None,
                        reset_code: Optional[str] = None, extra_global_params=None,
                        additional_input_vars=None,
                        auto_refractory_required: bool = False) -> ModelBase:
    """A neuron model: code run every step (``sim_code``), the spike condition
    (``threshold_condition_code``) and the code run after a spike (``reset_code``)."""
    params = _renamed(param_names, "param_names", params, "params")
    vars = _renamed(var_name_types, "var_name_types", vars, "vars")
    return ModelBase(
        kind="neuron", name=class_name, params=params_of(params),
        derived_params=derived_params_of(derived_params),
        vars=vars_of(vars, VarAccess.READ_WRITE), extra_global_params=egps_of(extra_global_params),
        additional_input_vars=[AdditionalInput(a[0], types.type_name(a[1]), float(a[2]))
                               for a in additional_input_vars or []],
        code=codes_of(class_name, sim_code=sim_code,
                      threshold_condition_code=threshold_condition_code,
                      reset_code=reset_code),
        auto_refractory_required=bool(auto_refractory_required))


def create_postsynaptic_model(class_name: str, params=None, param_names=None, vars=None,
                              var_name_types=None, neuron_var_refs=None, derived_params=None,
                              sim_code: Optional[str] = None, decay_code=None,
                              apply_input_code=None, extra_global_params=None) -> ModelBase:
    """A postsynaptic model: ``sim_code`` turns the input ``inSyn`` into current with
    ``injectCurrent(x)``."""
    if decay_code is not None or apply_input_code is not None:
        raise RuntimeError("Creating postsynaptic models with seperate 'decay_code' and "
                           "'apply_code' code strings is no longer supported. Please provide "
                           "'sim_code' using the injectCurrent(X) function to provide input.")
    params = _renamed(param_names, "param_names", params, "params")
    vars = _renamed(var_name_types, "var_name_types", vars, "vars")
    return ModelBase(
        kind="postsynaptic", name=class_name, params=params_of(params),
        derived_params=derived_params_of(derived_params),
        vars=vars_of(vars, VarAccess.READ_WRITE), neuron_var_refs=var_refs_of(neuron_var_refs),
        extra_global_params=egps_of(extra_global_params),
        code=codes_of(class_name, sim_code=sim_code))


def create_weight_update_model(
        class_name: str, params=None, param_names=None, vars=None, var_name_types=None,
        pre_vars=None, pre_var_name_types=None, post_vars=None, post_var_name_types=None,
        pre_neuron_var_refs=None, post_neuron_var_refs=None, psm_var_refs=None,
        derived_params=None, sim_code=None, pre_spike_syn_code: Optional[str] = None,
        event_code=None, pre_event_syn_code: Optional[str] = None,
        post_event_syn_code: Optional[str] = None, learn_post_code=None,
        post_spike_syn_code: Optional[str] = None, synapse_dynamics_code: Optional[str] = None,
        event_threshold_condition_code=None,
        pre_event_threshold_condition_code: Optional[str] = None,
        post_event_threshold_condition_code: Optional[str] = None,
        pre_spike_code: Optional[str] = None, post_spike_code: Optional[str] = None,
        pre_dynamics_code: Optional[str] = None, post_dynamics_code: Optional[str] = None,
        extra_global_params=None) -> ModelBase:
    """A weight update model: per-synapse, presynaptic and postsynaptic variables and
    the code run on spikes, spike-like events and every step."""
    params = _renamed(param_names, "param_names", params, "params")
    vars = _renamed(var_name_types, "var_name_types", vars, "vars")
    pre_vars = _renamed(pre_var_name_types, "pre_var_name_types", pre_vars, "pre_vars")
    post_vars = _renamed(post_var_name_types, "post_var_name_types", post_vars, "post_vars")
    pre_spike_syn_code = _renamed(sim_code, "sim_code", pre_spike_syn_code,
                                  "pre_spike_syn_code")
    post_spike_syn_code = _renamed(learn_post_code, "learn_post_code", post_spike_syn_code,
                                   "post_spike_syn_code")
    pre_event_syn_code = _renamed(event_code, "event_code", pre_event_syn_code,
                                  "pre_event_syn_code")
    pre_event_threshold_condition_code = _renamed(
        event_threshold_condition_code, "event_threshold_condition_code",
        pre_event_threshold_condition_code, "pre_event_threshold_condition_code")
    return ModelBase(
        kind="weight_update", name=class_name, params=params_of(params),
        derived_params=derived_params_of(derived_params),
        vars=vars_of(vars, VarAccess.READ_WRITE), pre_vars=vars_of(pre_vars, VarAccess.READ_WRITE),
        post_vars=vars_of(post_vars, VarAccess.READ_WRITE),
        pre_neuron_var_refs=var_refs_of(pre_neuron_var_refs),
        post_neuron_var_refs=var_refs_of(post_neuron_var_refs),
        psm_var_refs=var_refs_of(psm_var_refs), extra_global_params=egps_of(extra_global_params),
        code=codes_of(
            class_name, pre_spike_syn_code=pre_spike_syn_code,
            pre_event_syn_code=pre_event_syn_code, post_event_syn_code=post_event_syn_code,
            post_spike_syn_code=post_spike_syn_code, synapse_dynamics_code=synapse_dynamics_code,
            pre_event_threshold_condition_code=pre_event_threshold_condition_code,
            post_event_threshold_condition_code=post_event_threshold_condition_code,
            pre_spike_code=pre_spike_code, post_spike_code=post_spike_code,
            pre_dynamics_code=pre_dynamics_code, post_dynamics_code=post_dynamics_code))


def create_current_source_model(class_name: str, params=None, param_names=None, vars=None,
                                var_name_types=None, neuron_var_refs=None,
                                derived_params=None, injection_code: Optional[str] = None,
                                extra_global_params=None) -> ModelBase:
    """A current source model: ``injection_code`` calls ``injectCurrent(x)``."""
    params = _renamed(param_names, "param_names", params, "params")
    vars = _renamed(var_name_types, "var_name_types", vars, "vars")
    return ModelBase(
        kind="current_source", name=class_name, params=params_of(params),
        derived_params=derived_params_of(derived_params),
        vars=vars_of(vars, VarAccess.READ_WRITE), neuron_var_refs=var_refs_of(neuron_var_refs),
        extra_global_params=egps_of(extra_global_params),
        code=codes_of(class_name, injection_code=injection_code))


def create_custom_update_model(class_name: str, params=None, param_names=None, vars=None,
                               var_name_types=None, derived_params=None, var_refs=None,
                               update_code: Optional[str] = None, extra_global_params=None,
                               extra_global_param_refs=None) -> ModelBase:
    """A custom update model: ``update_code`` run over the referenced variables."""
    params = _renamed(param_names, "param_names", params, "params")
    vars = _renamed(var_name_types, "var_name_types", vars, "vars")
    return ModelBase(
        kind="custom_update", name=class_name, params=params_of(params),
        derived_params=derived_params_of(derived_params),
        vars=vars_of(vars, CustomUpdateVarAccess.READ_WRITE), var_refs=var_refs_of(var_refs),
        extra_global_params=egps_of(extra_global_params),
        extra_global_param_refs=egps_of(extra_global_param_refs),
        code=codes_of(class_name, update_code=update_code))


def create_custom_connectivity_update_model(class_name: str, params=None, vars=None,
                                            pre_vars=None, post_vars=None,
                                            derived_params=None, var_refs=None,
                                            pre_var_refs=None, post_var_refs=None,
                                            row_update_code: Optional[str] = None,
                                            host_update_code: Optional[str] = None,
                                            extra_global_params=None,
                                            extra_global_param_refs=None) -> ModelBase:
    """A custom connectivity update model: ``row_update_code`` run for each presynaptic
    neuron of a SPARSE synapse population (``for_each_synapse``, ``add_synapse``,
    ``remove_synapse``), ``host_update_code`` run once before the rows."""
    return ModelBase(
        kind="custom_connectivity_update", name=class_name, params=params_of(params),
        derived_params=derived_params_of(derived_params),
        vars=vars_of(vars, VarAccess.READ_WRITE), pre_vars=vars_of(pre_vars, VarAccess.READ_WRITE),
        post_vars=vars_of(post_vars, VarAccess.READ_WRITE), var_refs=var_refs_of(var_refs),
        pre_var_refs=var_refs_of(pre_var_refs), post_var_refs=var_refs_of(post_var_refs),
        extra_global_params=egps_of(extra_global_params),
        extra_global_param_refs=egps_of(extra_global_param_refs),
        code=codes_of(class_name, row_update_code=row_update_code,
                      host_update_code=host_update_code))


def create_var_init_snippet(class_name: str, params=None, param_names=None,
                            derived_params=None, var_init_code: Optional[str] = None,
                            extra_global_params=None) -> ModelBase:
    """A variable-initialisation snippet: ``var_init_code`` sets ``value``."""
    params = _renamed(param_names, "param_names", params, "params")
    return ModelBase(
        kind="init_var", name=class_name, params=params_of(params),
        derived_params=derived_params_of(derived_params),
        extra_global_params=egps_of(extra_global_params),
        code=codes_of(class_name, var_init_code=var_init_code))


def create_sparse_connect_init_snippet(class_name: str, params=None, param_names=None,
                                       derived_params=None,
                                       row_build_code: Optional[str] = None,
                                       col_build_code: Optional[str] = None,
                                       calc_max_row_len_func: Optional[Callable] = None,
                                       calc_max_col_len_func: Optional[Callable] = None,
                                       calc_kernel_size_func: Optional[Callable] = None,
                                       extra_global_params=None) -> ModelBase:
    """A connectivity snippet: ``row_build_code`` (or ``col_build_code``) calls
    ``addSynapse``; the functions give the longest row and the kernel's shape."""
    params = _renamed(param_names, "param_names", params, "params")
    return ModelBase(
        kind="sparse_connectivity", name=class_name, params=params_of(params),
        derived_params=derived_params_of(derived_params),
        extra_global_params=egps_of(extra_global_params),
        code=codes_of(class_name, row_build_code=row_build_code,
                      col_build_code=col_build_code),
        calc_max_row_len_func=calc_max_row_len_func,
        calc_max_col_len_func=calc_max_col_len_func,
        calc_kernel_size_func=calc_kernel_size_func)


def create_toeplitz_connect_init_snippet(class_name: str, params=None, param_names=None,
                                         derived_params=None,
                                         diagonal_build_code: Optional[str] = None,
                                         calc_max_row_len_func: Optional[Callable] = None,
                                         calc_kernel_size_func: Optional[Callable] = None,
                                         extra_global_params=None) -> ModelBase:
    """A Toeplitz connectivity snippet: ``diagonal_build_code`` run per diagonal."""
    params = _renamed(param_names, "param_names", params, "params")
    return ModelBase(
        kind="toeplitz_connectivity", name=class_name, params=params_of(params),
        derived_params=derived_params_of(derived_params),
        extra_global_params=egps_of(extra_global_params),
        code=codes_of(class_name, diagonal_build_code=diagonal_build_code),
        calc_max_row_len_func=calc_max_row_len_func,
        calc_kernel_size_func=calc_kernel_size_func)
