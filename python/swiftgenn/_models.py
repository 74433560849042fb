"""Model and snippet descriptions: what PyGeNN's ``create_*`` factories and built-in
model modules return, and what the groups list their variables from.

A description is plain data: its parameters, derived parameters (Python callables, as
in PyGeNN), variables, references, extra global parameters and code strings. Built-in
models carry only their fields (from SwiftGeNN's own catalogue) and are written into
the model file by name.
"""

from __future__ import annotations

import json
import re
import warnings
from dataclasses import dataclass, field
from textwrap import dedent
from typing import Any, Callable, Optional, Sequence

from . import types
from ._enums import CustomUpdateVarAccess, VarAccess, VarAccessMode


@dataclass(frozen=True)
class Param:
    """A parameter: one value per population."""

    name: str
    type: str = "scalar"


@dataclass(frozen=True)
class DerivedParam:
    """A parameter computed from the others: ``func(params, dt)``, PyGeNN's callable."""

    name: str
    func: Optional[Callable[[dict, float], float]]
    type: str = "scalar"


@dataclass(frozen=True)
class Var:
    """A variable of a model: one value per element (neuron, synapse, ...)."""

    name: str
    type: str = "scalar"
    access: Any = VarAccess.READ_WRITE


@dataclass(frozen=True)
class VarRef:
    """A reference a model declares, which each group points at a variable."""

    name: str
    type: str = "scalar"
    access: VarAccessMode = VarAccessMode.READ_WRITE


@dataclass(frozen=True)
class EGP:
    """An extra global parameter: an array the user provides."""

    name: str
    type: str


@dataclass(frozen=True)
class AdditionalInput:
    """An input of a neuron model besides ``Isyn``, starting at ``value`` each step."""

    name: str
    type: str
    value: float


#: The model file's key for each code string, by PyGeNN's argument name.
CODE_KEYS = (
    "sim_code",
    "threshold_condition_code",
    "reset_code",
    "injection_code",
    "update_code",
    "var_init_code",
    "row_build_code",
    "col_build_code",
    "diagonal_build_code",
    "pre_spike_syn_code",
    "pre_event_syn_code",
    "post_event_syn_code",
    "post_spike_syn_code",
    "synapse_dynamics_code",
    "pre_event_threshold_condition_code",
    "post_event_threshold_condition_code",
    "pre_spike_code",
    "post_spike_code",
    "pre_dynamics_code",
    "post_dynamics_code",
    "row_update_code",
    "host_update_code",
)


@dataclass
class ModelBase:
    """A neuron, synapse, current source or custom update model, or an initialisation
    snippet (``kind`` says which), built in (``builtin``) or defined in Python."""

    kind: str
    name: str
    builtin: bool = False
    params: list[Param] = field(default_factory=list)
    derived_params: list[DerivedParam] = field(default_factory=list)
    vars: list[Var] = field(default_factory=list)
    pre_vars: list[Var] = field(default_factory=list)
    post_vars: list[Var] = field(default_factory=list)
    var_refs: list[VarRef] = field(default_factory=list)
    pre_var_refs: list[VarRef] = field(default_factory=list)
    post_var_refs: list[VarRef] = field(default_factory=list)
    neuron_var_refs: list[VarRef] = field(default_factory=list)
    pre_neuron_var_refs: list[VarRef] = field(default_factory=list)
    post_neuron_var_refs: list[VarRef] = field(default_factory=list)
    psm_var_refs: list[VarRef] = field(default_factory=list)
    extra_global_params: list[EGP] = field(default_factory=list)
    extra_global_param_refs: list[EGP] = field(default_factory=list)
    additional_input_vars: list[AdditionalInput] = field(default_factory=list)
    code: dict[str, str] = field(default_factory=dict)
    calc_max_row_len_func: Optional[Callable] = None
    calc_max_col_len_func: Optional[Callable] = None
    calc_kernel_size_func: Optional[Callable] = None
    auto_refractory_required: bool = False

    # PyGeNN's accessors.
    def get_params(self) -> list[Param]:
        return list(self.params)

    def get_derived_params(self) -> list[DerivedParam]:
        return list(self.derived_params)

    def get_vars(self) -> list[Var]:
        return list(self.vars)

    def get_pre_vars(self) -> list[Var]:
        return list(self.pre_vars)

    def get_post_vars(self) -> list[Var]:
        return list(self.post_vars)

    def get_var_refs(self) -> list[VarRef]:
        return list(self.var_refs)

    def get_extra_global_params(self) -> list[EGP]:
        return list(self.extra_global_params)

    def get_extra_global_param_refs(self) -> list[EGP]:
        return list(self.extra_global_param_refs)

    def get_var(self, name: str) -> Optional[Var]:
        return next((v for v in self.vars if v.name == name), None)

    def __getattr__(self, name: str):
        # get_sim_code(), get_row_build_code(), ... as in PyGeNN.
        if name.startswith("get_") and name[4:] in CODE_KEYS:
            return lambda: self.code.get(name[4:], "")
        raise AttributeError(name)


# Legacy $(...) code upgraded as PyGeNN 5.4 does.
_CODE_UPGRADES = [
    (re.compile(r"\$\(gennrand_uniform\)"), r"gennrand_uniform()"),
    (re.compile(r"\$\(gennrand_normal\)"), r"gennrand_normal()"),
    (re.compile(r"\$\(gennrand_exponential\)"), r"gennrand_exponential()"),
    (re.compile(r"\$\(gennrand_log_normal,(.*)\)"), r"gennrand_log_normal(\1)"),
    (re.compile(r"\$\(gennrand_gamma,(.*)\)"), r"gennrand_gamma(\1)"),
    (re.compile(r"\$\(gennrand_binomial,(.*)\)"), r"gennrand_binomial(\1)"),
    (re.compile(r"\$\(addToPre,(.*)\)"), r"addToPre(\1)"),
    (re.compile(r"\$\(addToInSyn,(.*)\)"), r"addToPost(\1)"),
    (re.compile(r"\$\(addToInSynDelay,(.*),(.*)\)"), r"addToPostDelay(\1, \2)"),
    (re.compile(r"\$\(addSynapse,(.*)\)"), r"addSynapse(\1)"),
    (re.compile(r"\$\(sT_pre\)"), r"st_pre"),
    (re.compile(r"\$\(sT_post\)"), r"st_post"),
    (re.compile(r"\$\(seT_pre\)"), r"set_pre"),
    (re.compile(r"\$\(seT_post\)"), r"set_post"),
    (re.compile(r"\$\(prev_sT_pre\)"), r"prev_st_pre"),
    (re.compile(r"\$\(prev_sT_post\)"), r"prev_st_post"),
    (re.compile(r"\$\(prev_seT_pre\)"), r"prev_set_pre"),
    (re.compile(r"\$\(prev_seT_post\)"), r"prev_set_post"),
    (re.compile(r"\$\(endRow\)"), None),
    (re.compile(r"\$\(endCol\)"), None),
]
_VARIABLE_UPGRADE = re.compile(r"\$\(([_a-zA-Z][_a-zA-Z0-9]*)\)")


def upgrade_code(code: str, class_name: str) -> str:
    """``code`` dedented, with GeNN 4's ``$(...)`` syntax rewritten as PyGeNN 5.4 does
    (a ``FutureWarning`` says so)."""
    upgraded = False
    for pattern, replacement in _CODE_UPGRADES:
        if replacement is None:
            match = pattern.search(code)
            if match is not None:
                raise RuntimeError(
                    f"'{match.group(0)}' call in '{class_name}' is no longer supported"
                )
        else:
            code, count = pattern.subn(replacement, code)
            upgraded |= count > 0
    code, count = _VARIABLE_UPGRADE.subn(r"\1", code)
    upgraded |= count > 0
    if upgraded:
        warnings.warn(
            f"Legacy $() syntax in '{class_name}' has been automatically removed but this "
            "functionality will be removed in future so please update your model",
            FutureWarning,
        )
    return dedent(code)


def params_of(entries: Optional[Sequence]) -> list[Param]:
    """PyGeNN's parameter list: names, or ``(name, type)`` pairs."""
    return [
        Param(entry) if isinstance(entry, str) else Param(entry[0], types.type_name(entry[1]))
        for entry in entries or []
    ]


def derived_params_of(entries: Optional[Sequence]) -> list[DerivedParam]:
    """PyGeNN's derived parameters: ``(name, callable)`` or ``(name, callable, type)``."""
    return [
        DerivedParam(entry[0], entry[1], types.type_name(entry[2]) if len(entry) > 2 else "scalar")
        for entry in entries or []
    ]


def vars_of(entries: Optional[Sequence], default_access) -> list[Var]:
    """PyGeNN's variables: ``(name, type)`` or ``(name, type, access)``."""
    result = []
    for entry in entries or []:
        if isinstance(entry, str):
            result.append(Var(entry, "scalar", default_access))
        else:
            access = entry[2] if len(entry) > 2 else default_access
            result.append(Var(entry[0], types.type_name(entry[1]), access))
    return result


def var_refs_of(entries: Optional[Sequence]) -> list[VarRef]:
    """PyGeNN's variable references: ``(name, type)`` or ``(name, type, access mode)``."""
    return [
        VarRef(
            entry[0],
            types.type_name(entry[1]),
            entry[2] if len(entry) > 2 else VarAccessMode.READ_WRITE,
        )
        for entry in entries or []
    ]


def egps_of(entries: Optional[Sequence]) -> list[EGP]:
    """PyGeNN's extra global parameters: ``(name, type)`` pairs."""
    return [EGP(entry[0], types.type_name(entry[1])) for entry in entries or []]


def codes_of(class_name: str, **code: Optional[str]) -> dict[str, str]:
    """The code strings given, upgraded."""
    return {key: upgrade_code(text, class_name) for key, text in code.items() if text is not None}


# --- Built-in models, from SwiftGeNN's catalogue -------------------------------------

def _fields(entries: list[dict], make, access_enum=None) -> list:
    result = []
    for entry in entries:
        if access_enum is None:
            result.append(make(entry["name"], entry["type"]))
        else:
            result.append(make(entry["name"], entry["type"], access_enum[entry["access"]]))
    return result


def builtin_model(kind: str, name: str, description: dict) -> ModelBase:
    """The built-in ``name`` of ``kind`` from its catalogue entry."""
    var_access = CustomUpdateVarAccess if kind == "custom_update" else VarAccess
    model = ModelBase(kind=kind, name=name, builtin=True)
    model.params = [Param(p) for p in description["params"]]
    model.derived_params = [DerivedParam(d, None) for d in description["derived_params"]]
    model.vars = _fields(description["vars"], Var, var_access)
    model.pre_vars = _fields(description["pre_vars"], Var, VarAccess)
    model.post_vars = _fields(description["post_vars"], Var, VarAccess)
    model.var_refs = _fields(description["var_refs"], VarRef, VarAccessMode)
    model.neuron_var_refs = _fields(description["neuron_var_refs"], VarRef, VarAccessMode)
    model.pre_neuron_var_refs = _fields(description["pre_neuron_var_refs"], VarRef, VarAccessMode)
    model.post_neuron_var_refs = _fields(
        description["post_neuron_var_refs"], VarRef, VarAccessMode
    )
    model.psm_var_refs = _fields(description["psm_var_refs"], VarRef, VarAccessMode)
    model.extra_global_params = _fields(description["extra_global_params"], EGP)
    model.additional_input_vars = [
        AdditionalInput(a["name"], a["type"], 0.0) for a in description["additional_input_vars"]
    ]
    return model


_catalogue: Optional[dict] = None


def catalogue() -> dict:
    """SwiftGeNN's built-in models and snippets by kind and name (read once)."""
    global _catalogue
    if _catalogue is None:
        from ._library import library

        native = library()
        pointer = native.genn_builtin_models()
        try:
            import ctypes

            _catalogue = json.loads(ctypes.string_at(pointer).decode("utf-8"))
        finally:
            native.genn_string_free(pointer)
    return _catalogue


def builtin(kind: str, name: str) -> ModelBase:
    """The built-in model or snippet ``name`` of ``kind``; a ``ValueError`` lists the
    built-ins of that kind when there is none."""
    if name == "Uninitialised" and kind in UNINITIALISED_KINDS:
        return ModelBase(kind=kind, name="Uninitialised", builtin=True)
    entries = catalogue().get(kind, {})
    if name not in entries:
        raise ValueError(
            f"unknown built-in {kind.replace('_', ' ')} '{name}'; SwiftGeNN has: "
            + ", ".join(sorted(entries))
        )
    return builtin_model(kind, name, entries[name])


#: The kind of model each built-in module holds.
MODULE_KINDS = {
    "neuron_models": "neuron",
    "postsynaptic_models": "postsynaptic",
    "weight_update_models": "weight_update",
    "current_source_models": "current_source",
    "custom_update_models": "custom_update",
    "custom_connectivity_update_models": "custom_connectivity_update",
    "init_var_snippets": "init_var",
    "init_sparse_connectivity_snippets": "sparse_connectivity",
    "init_toeplitz_connectivity_snippets": "toeplitz_connectivity",
}

#: Kinds with GeNN's ``Uninitialised`` snippet: values left for the user to set.
UNINITIALISED_KINDS = ("init_var", "sparse_connectivity")


def builtin_namespace(kind: str):
    """A built-in module's ``__getattr__`` and ``__dir__`` (PEP 562): each built-in of
    ``kind`` as a function returning its description, as in PyGeNN
    (``neuron_models.LIF()``)."""

    def names() -> list[str]:
        found = sorted(catalogue().get(kind, {}))
        return found + (["Uninitialised"] if kind in UNINITIALISED_KINDS else [])

    def module_getattr(name: str):
        if name == "Uninitialised" and kind in UNINITIALISED_KINDS:
            return lambda: ModelBase(kind=kind, name="Uninitialised", builtin=True)
        if name in catalogue().get(kind, {}):
            return lambda: builtin(kind, name)
        raise AttributeError(name)

    return module_getattr, names
