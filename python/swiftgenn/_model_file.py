"""A ``GeNNModel`` written as a SwiftGeNN model file (``docs/model-files.md``), with
``.npy`` files for the arrays it holds.

The file is what the Swift core reads, checks and builds; it is kept in the build
folder (``<name>_CODE/model.yaml``), where ``genn run`` can run it too. Values given
as arrays for variables are written into the simulation's memory after it loads, as
PyGeNN does, so the file holds a placeholder for them. Errors SwiftGeNN reports at a
line and column of a code string in the file are told at the line and column of the
code string as the user wrote it.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import numpy as np

from ._enums import SynapseMatrixConnectivity
from ._models import ModelBase
from ._references import VarReference
from ._yaml import CodeBlock, CodeText, Writer, locate
from .model_preprocessor import VarInit

if TYPE_CHECKING:
    from .genn_model import GeNNModel

#: The model file's keys of an inline model of each kind, besides ``name``, ``params``
#: and ``derived_params``, in the order written.
_INLINE_KEYS = {
    "neuron": ("vars", "extra_global_params", "additional_input_vars", "sim_code",
               "threshold_condition_code", "reset_code"),
    "current_source": ("vars", "extra_global_params", "neuron_var_refs", "injection_code"),
    "postsynaptic": ("vars", "neuron_var_refs", "extra_global_params", "sim_code"),
    "weight_update": ("vars", "pre_vars", "post_vars", "extra_global_params",
                      "pre_neuron_var_refs", "post_neuron_var_refs", "psm_var_refs",
                      "pre_spike_syn_code", "pre_event_syn_code", "post_event_syn_code",
                      "post_spike_syn_code", "synapse_dynamics_code",
                      "pre_event_threshold_condition_code",
                      "post_event_threshold_condition_code", "pre_spike_code",
                      "post_spike_code", "pre_dynamics_code", "post_dynamics_code"),
    "custom_update": ("vars", "var_refs", "extra_global_params", "extra_global_param_refs",
                      "update_code"),
    "custom_connectivity_update": ("vars", "pre_vars", "post_vars", "var_refs", "pre_var_refs",
                                   "post_var_refs", "extra_global_params",
                                   "extra_global_param_refs", "row_update_code",
                                   "host_update_code"),
    "init_var": ("extra_global_params", "var_init_code"),
    "sparse_connectivity": ("extra_global_params", "row_build_code", "col_build_code"),
    "toeplitz_connectivity": ("extra_global_params", "diagonal_build_code"),
}

#: Snippets whose maximum row length and kernel size the model file is given.
_CONNECTIVITY_KINDS = ("sparse_connectivity", "toeplitz_connectivity")


class ModelFileWriter:
    """Writes one model's file and arrays into ``directory``."""

    def __init__(self, model: "GeNNModel", directory: Path):
        self.model = model
        self.directory = directory
        #: Where each code string is in the file written last.
        self.blocks: list[CodeBlock] = []

    def write(self) -> Path:
        """Writes ``model.yaml`` (and the arrays it names) and returns its path."""
        self.directory.mkdir(parents=True, exist_ok=True)
        writer = Writer()
        text = writer.document(self.document())
        self.blocks = writer.blocks
        path = self.directory / "model.yaml"
        temporary = path.with_suffix(".yaml.partial")
        temporary.write_text(text)
        temporary.replace(path)
        return path

    def document(self) -> dict:
        """The model file's content."""
        model = self.model
        document: dict[str, Any] = {
            "name": model.name,
            "precision": model.precision.name,
            "time_precision": model.time_precision.name,
            "dt": float(model.dt),
            "seed": int(model._effective_seed),
            "neurons": {name: self._neurons(g) for name, g in model.neuron_populations.items()},
        }
        if model.batch_size != 1:
            document["batch_size"] = int(model.batch_size)
        if model.timing_enabled:
            document["timing"] = True
        if model.fuse_postsynaptic_models:
            document["fuse_postsynaptic_models"] = True
        if model.current_sources:
            document["current_sources"] = {
                name: self._current_source(g) for name, g in model.current_sources.items()
            }
        if model.synapse_populations:
            document["synapses"] = {
                name: self._synapses(g) for name, g in model.synapse_populations.items()
            }
        if model.custom_updates:
            document["custom_updates"] = {
                name: self._custom_update(g) for name, g in model.custom_updates.items()
            }
        if model.custom_connectivity_updates:
            document["custom_connectivity_updates"] = {
                name: self._custom_connectivity_update(g)
                for name, g in model.custom_connectivity_updates.items()
            }
        return document

    # --- Groups ----------------------------------------------------------------------

    def _neurons(self, group) -> dict:
        entry = {
            "size": group.num_neurons,
            "model": self._model(group.model, group.params, group.name),
            "params": self._params(group.model, group.params),
            "vars": self._vars(group.vars),
        }
        self._add_egps(entry, "extra_global_params", group.extra_global_params)
        if group.spike_recording_enabled:
            entry["record_spikes"] = True
        if group.spike_event_recording_enabled:
            entry["record_spike_events"] = True
        _add_dynamic(entry, group._dynamic_params)
        return entry

    def _current_source(self, group) -> dict:
        entry = {
            "model": self._model(group.model, group.params, group.name),
            "target": group.target_pop.name,
            "params": self._params(group.model, group.params),
            "vars": self._vars(group.vars),
        }
        self._add_egps(entry, "extra_global_params", group.extra_global_params)
        _add_dynamic(entry, group._dynamic_params)
        refs = self._neuron_refs(group.var_refs, group.target_pop, group.name, "current source")
        if refs:
            entry["var_refs"] = refs
        if group.target_var != "Isyn":
            entry["target_var"] = group.target_var
        return entry

    def _synapses(self, group) -> dict:
        wu = group.wu_initialiser
        ps = group.ps_initialiser
        weight_update = {
            "model": self._model(wu.snippet, wu.params, group.name),
            "params": self._params(wu.snippet, wu.params),
            "vars": self._vars(group.vars),
            "pre_vars": self._vars(group.pre_vars, "pre"),
            "post_vars": self._vars(group.post_vars, "post"),
            "pre_var_refs": self._neuron_refs(wu.pre_var_refs, group.src, group.name),
            "post_var_refs": self._neuron_refs(wu.post_var_refs, group.trg, group.name),
            "psm_var_refs": self._psm_refs(wu.psm_var_refs, group),
        }
        self._add_egps(weight_update, "extra_global_params", group.extra_global_params)
        _add_dynamic(weight_update, group._dynamic_params)
        postsynaptic = {
            "model": self._model(ps.snippet, ps.params, group.name),
            "params": self._params(ps.snippet, ps.params),
            "vars": self._vars(group.psm_vars, "psm"),
            "var_refs": self._neuron_refs(ps.var_refs, group.trg, group.name),
        }
        self._add_egps(postsynaptic, "extra_global_params", group.psm_extra_global_params,
                       "psm")
        _add_dynamic(postsynaptic, group._dynamic_ps_params)
        entry = {
            "source": group.src.name,
            "target": group.trg.name,
            "matrix_type": group.matrix_type.name,
        }
        connectivity = self._connectivity(group)
        if connectivity is not None:
            entry["connectivity"] = connectivity
        entry["weight_update"] = {k: v for k, v in weight_update.items() if v != {}}
        entry["postsynaptic"] = {k: v for k, v in postsynaptic.items() if v != {}}
        entry["axonal_delay_steps"] = int(group.axonal_delay_steps)
        entry["back_prop_delay_steps"] = int(group.back_prop_delay_steps)
        entry["max_dendritic_delay_steps"] = int(group.max_dendritic_delay_timesteps)
        if group.max_connections is not None:
            entry["max_connections"] = int(group.max_connections)
        for key in ("pre_target_var", "post_target_var"):
            if getattr(group, key) != "Isyn":
                entry[key] = getattr(group, key)
        return entry

    def _custom_update(self, group) -> dict:
        entry = {
            "group": group.update_group_name,
            "model": self._model(group.model, group.params, group.name),
            "params": self._params(group.model, group.params),
            "vars": self._vars(group.vars),
            "var_refs": _targets(group.var_references, "custom update", group.name),
            "egp_refs": {name: reference.target
                         for name, reference in group.egp_references.items()},
        }
        self._add_egps(entry, "extra_global_params", group.extra_global_params)
        _add_dynamic(entry, group._dynamic_params)
        return {k: v for k, v in entry.items() if v != {}}

    def _custom_connectivity_update(self, group) -> dict:
        owner = "custom connectivity update"
        entry = {
            "group": group.update_group_name,
            "synapses": group.synapse_group.name,
            "model": self._model(group.model, group.params, group.name),
            "params": self._params(group.model, group.params),
            "vars": self._vars(group.vars),
            "pre_vars": self._vars(group.pre_vars),
            "post_vars": self._vars(group.post_vars),
            "var_refs": _targets(group.var_references, owner, group.name),
            "pre_var_refs": _targets(group.pre_var_references, owner, group.name),
            "post_var_refs": _targets(group.post_var_references, owner, group.name),
            "egp_refs": {name: reference.target
                         for name, reference in group.egp_references.items()},
        }
        self._add_egps(entry, "extra_global_params", group.extra_global_params)
        _add_dynamic(entry, group._dynamic_params)
        return {k: v for k, v in entry.items() if v != {}}

    def _connectivity(self, group) -> Optional[Any]:
        matrix_type = group.matrix_type
        init = group.connectivity_initialiser
        if matrix_type & SynapseMatrixConnectivity.DENSE:
            return None
        if matrix_type & SynapseMatrixConnectivity.TOEPLITZ:
            toeplitz = {
                "toeplitz": self._model(init.snippet, init.params, group.name, group),
                "params": self._params(init.snippet, init.params),
            }
            self._add_egps(toeplitz, "extra_global_params",
                           group.connectivity_extra_global_params, "connectivity")
            return toeplitz
        if group.connections_set:
            return {
                "pre": self._npy(group._pre_indices.astype(np.uint32), group.name, "pre"),
                "post": self._npy(group._post_indices.astype(np.uint32), group.name, "post"),
            }
        if init is None or init.snippet.name == "Uninitialised":
            raise Exception(
                f"For sparse projections, the connections must be set before loading a model "
                f"(synapse population '{group.name}': give a connectivity snippet or call "
                "set_sparse_connections)"
            )
        snippet = {
            "snippet": self._model(init.snippet, init.params, group.name, group),
            "params": self._params(init.snippet, init.params),
        }
        self._add_egps(snippet, "extra_global_params", group.connectivity_extra_global_params,
                       "connectivity")
        return snippet

    # --- Models and values -----------------------------------------------------------

    def _model(self, model: ModelBase, params: dict, owner: str, synapses=None):
        """A built-in model's name, or an inline model's mapping with its derived
        parameters evaluated for ``params``."""
        if model.builtin:
            return model.name
        inline: dict[str, Any] = {"name": model.name}
        if model.params:
            inline["params"] = self._declared_params(model, owner)
        if model.derived_params:
            inline["derived_params"] = self._derived(model, params, owner)
        for key in _INLINE_KEYS[model.kind]:
            value = self._inline_field(model, key, owner)
            if value:
                if key.endswith("_code"):
                    value = CodeText(value)
                inline["code" if key == "var_init_code" else key] = value
        if model.kind in _CONNECTIVITY_KINDS and synapses is not None:
            plain = {p: _number(v) for p, v in params.items()}
            if model.calc_max_row_len_func is not None:
                inline["max_row_length"] = int(
                    model.calc_max_row_len_func(synapses.src.num_neurons,
                                                synapses.trg.num_neurons, plain))
            if model.calc_kernel_size_func is not None:
                inline["kernel_size"] = [int(k) for k in model.calc_kernel_size_func(plain)]
        if model.kind == "neuron" and model.auto_refractory_required:
            inline["auto_refractory_required"] = True
        return inline

    def _declared_params(self, model: ModelBase, owner: str):
        if all(p.type == "scalar" for p in model.params):
            return [p.name for p in model.params]
        return {p.name: p.type for p in model.params}

    def _derived(self, model: ModelBase, params: dict, owner: str) -> dict:
        plain = {name: _number(value) for name, value in params.items()}
        derived = {}
        for parameter in model.derived_params:
            value = float(parameter.func(plain, float(self.model.dt)))
            if not math.isfinite(value):
                raise ValueError(
                    f"'{owner}' ({model.name}): derived parameter '{parameter.name}' is "
                    f"{value}; it must be a finite number"
                )
            # A typed one is converted to its type by SwiftGeNN, as GeNN writes it.
            derived[parameter.name] = (repr(value) if parameter.type == "scalar"
                                       else {"formula": repr(value), "type": parameter.type})
        return derived

    def _inline_field(self, model: ModelBase, key: str, owner: str):
        if key.endswith("_code"):
            return model.code.get(key, "")
        if key in ("vars", "pre_vars", "post_vars"):
            return {v.name: {"type": v.type, "access": _access_name(v.access)}
                    for v in getattr(model, key)}
        if key.endswith("var_refs"):
            return {r.name: {"type": r.type, "access": _access_name(r.access)}
                    for r in getattr(model, key)}
        if key in ("extra_global_params", "extra_global_param_refs"):
            return {e.name: e.type for e in getattr(model, key)}
        if key == "additional_input_vars":
            return {a.name: {"type": a.type, "value": a.value}
                    for a in model.additional_input_vars}
        raise KeyError(key)

    def _params(self, model: ModelBase, params: dict) -> dict:
        return {p.name: _number(params[p.name]) for p in model.params}

    def _vars(self, variables: dict, *field: str) -> dict:
        return {name: self._initialiser(variable, *field)
                for name, variable in variables.items()}

    def _initialiser(self, variable, *field: str) -> Any:
        value = variable.init_values
        if isinstance(value, VarInit):
            snippet = value.snippet
            if snippet.name == "Uninitialised" and snippet.builtin:
                # Left as it is: values set before load are written after it.
                return "uninitialised"
            if snippet.name == "Kernel" and snippet.builtin:
                kernel = variable.extra_global_params["kernel"].init_values
                if kernel is None:
                    raise ValueError(
                        f"'{variable.group.name}': variable '{variable.name}' is initialised "
                        "from a kernel; give it with "
                        f"vars['{variable.name}'].extra_global_params['kernel'].set_init_values"
                    )
                return {"kernel": self._npy(np.ravel(kernel).astype(np.float64),
                                            variable.group.name, variable.name, "kernel")}
            initialiser = {
                "snippet": self._model(snippet, value.params, variable.group.name),
                "params": self._params(snippet, value.params),
            }
            # The snippet's arrays, in files named by group, field and variable.
            self._add_egps(initialiser, "extra_global_params", variable.extra_global_params,
                           *field, variable.name)
            return initialiser
        if value is None or variable.init_required:
            # Written into the simulation's memory once it is loaded.
            return 0
        return _number(value)

    def _neuron_refs(self, references: dict, population, owner: str,
                     kind: str = "synapse population") -> dict:
        result = {}
        for name, reference in references.items():
            if isinstance(reference, str):
                result[name] = reference
                continue
            if not isinstance(reference, VarReference) or reference.group is not population \
                    or reference.target.get("population") != population.name:
                raise ValueError(
                    f"{kind} '{owner}': reference '{name}' must be a variable of "
                    f"neuron population '{population.name}' (create_var_ref({population.name}, ...))"
                )
            result[name] = reference.var_name
        return result

    def _psm_refs(self, references: dict, group) -> dict:
        result = {}
        for name, reference in references.items():
            if isinstance(reference, str):
                result[name] = reference
            elif isinstance(reference, VarReference) and reference.target.get("synapses") == group.name \
                    and "psm_var" in reference.target:
                result[name] = reference.var_name
            else:
                raise ValueError(
                    f"synapse population '{group.name}': reference '{name}' must be a variable of "
                    f"its own postsynaptic model (create_psm_var_ref)"
                )
        return result

    def _add_egps(self, entry: dict, key: str, egps: dict, *prefix: str) -> None:
        values = {
            name: self._npy(np.asarray(egp.init_values).ravel(), egp.group.name, *prefix, name)
            for name, egp in egps.items()
            if egp.init_values is not None
        }
        if values:
            entry[key] = values

    def _npy(self, values: np.ndarray, *names: str) -> dict:
        """Writes ``values`` as ``arrays/<names joined by '.'>.npy``; every name must be
        letters, digits and '_', so that no file lands outside the folder."""
        for name in names:
            if not _FILE_NAME_PART.match(str(name)):
                raise ValueError(
                    f"'{name}' is not a valid name; use 1 to 100 letters, digits and '_'"
                )
        folder = self.directory / "arrays"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / (".".join(names) + ".npy")
        array = np.asarray(values)
        if array.dtype == np.bool_:
            array = array.astype(np.uint8)
        np.save(path, array)
        return {"npy": str(path.relative_to(self.directory))}


def _targets(references: dict, kind: str, owner: str) -> dict:
    """The model file's target of each reference, made by a ``create_*_var_ref``."""
    targets = {}
    for name, reference in references.items():
        if not isinstance(reference, VarReference):
            raise TypeError(
                f"{kind} '{owner}': reference '{name}' must be made with a "
                f"create_*_var_ref function, not {reference!r}"
            )
        targets[name] = reference.target
    return targets


def _access_name(access) -> str:
    return access.name if hasattr(access, "name") else str(access)


def _number(value: Any):
    """A parameter or initial value as a JSON number."""
    if isinstance(value, (bool, np.bool_)):
        return int(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value)
    array = np.asarray(value)
    if array.ndim == 0:
        return _number(array.item())
    raise TypeError(f"expected a number, not {value!r}")


_FILE_NAME_PART = re.compile(r"[A-Za-z0-9_]{1,100}\Z")

_POSITION = re.compile(r"^(?P<file>.+?):(?P<line>[0-9]+):(?P<column>[0-9]+): (?P<rest>.*)$")


def relocated(message: str, blocks: list[CodeBlock]) -> str:
    """``message`` with each position inside a code string of the model file told as
    the code string's name and the line and column within it (``sim_code:2:5:``)."""
    lines = []
    for line in message.split("\n"):
        match = _POSITION.match(line)
        found = match and locate(blocks, int(match["line"]), int(match["column"]))
        if found:
            block, code_line, code_column = found
            hook = "var_init_code" if block.path[-1] == "code" else block.path[-1]
            line = f"{hook}:{code_line}:{code_column}: {match['rest']}"
        lines.append(line)
    return "\n".join(lines)


def _add_dynamic(entry: dict, names: set) -> None:
    """Lists the parameters marked dynamic as ``dynamic_params``, where there are any."""
    if names:
        entry["dynamic_params"] = sorted(names)
