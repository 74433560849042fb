"""References from custom updates and weight update models to other groups' variables
(PyGeNN's ``create_*_var_ref`` and ``create_*_egp_ref`` functions)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True)
class VarReference:
    """A reference to a variable: the model file's target mapping, and the synapse
    population whose synapses it runs over when the variable is per synapse."""

    target: dict
    group: Any
    var_name: str
    synapse_group: Optional[Any] = None

    @property
    def is_per_synapse(self) -> bool:
        return self.synapse_group is not None


def _check_var(group, variables: dict, name: str, what: str) -> None:
    if name not in variables:
        raise ValueError(
            f"'{group.name}' has no {what} '{name}'; it has: " + (", ".join(variables) or "none")
        )


def create_var_ref(group, var_name: str) -> VarReference:
    """A reference to a variable of a neuron population, current source or custom
    update."""
    from .genn_groups import (
        CurrentSource,
        CustomConnectivityUpdate,
        CustomUpdate,
        CustomUpdateWU,
        NeuronGroup,
    )

    if isinstance(group, CustomConnectivityUpdate):
        raise TypeError(
            "create_var_ref takes a neuron population, current source or custom update; for "
            "a custom connectivity update use create_wu_var_ref, create_pre_var_ref or "
            "create_post_var_ref"
        )
    _check_var(group, group.vars, var_name, "variable")
    if isinstance(group, NeuronGroup):
        return VarReference({"population": group.name, "var": var_name}, group, var_name)
    if isinstance(group, CurrentSource):
        return VarReference({"current_source": group.name, "var": var_name}, group, var_name)
    if isinstance(group, CustomUpdateWU):
        return VarReference(
            {"custom_update": group.name, "var": var_name}, group, var_name, group.synapse_group
        )
    if isinstance(group, CustomUpdate):
        return VarReference({"custom_update": group.name, "var": var_name}, group, var_name)
    raise TypeError(f"create_var_ref takes a neuron population, current source or custom update, not {group!r}")


def create_psm_var_ref(sg, var_name: str) -> VarReference:
    """A reference to a variable of a synapse population's postsynaptic model."""
    _check_var(sg, sg.psm_vars, var_name, "postsynaptic model variable")
    return VarReference({"synapses": sg.name, "psm_var": var_name}, sg, var_name)


def create_wu_pre_var_ref(sg, var_name: str) -> VarReference:
    """A reference to a presynaptic variable of a weight update model."""
    _check_var(sg, sg.pre_vars, var_name, "presynaptic variable")
    return VarReference({"synapses": sg.name, "pre_var": var_name}, sg, var_name)


def create_wu_post_var_ref(sg, var_name: str) -> VarReference:
    """A reference to a postsynaptic variable of a weight update model."""
    _check_var(sg, sg.post_vars, var_name, "postsynaptic variable")
    return VarReference({"synapses": sg.name, "post_var": var_name}, sg, var_name)


def create_out_post_var_ref(sg) -> VarReference:
    """A reference to the input a synapse population delivers to each target neuron."""
    return VarReference({"synapses": sg.name, "out_post": True}, sg, "outPost")


def create_wu_var_ref(
    group, var_name: str, transpose_group=None, transpose_var_name: Optional[str] = None
) -> VarReference:
    """A reference to a per-synapse variable of a synapse population (with, for the
    ``Transpose`` custom update, the variable its transpose is written to), of a custom
    update over synapses or of a custom connectivity update."""
    from .genn_groups import CustomConnectivityUpdate, CustomUpdateWU, SynapseGroup

    if transpose_group is not None and not (
        isinstance(group, SynapseGroup) and isinstance(transpose_group, SynapseGroup)
    ):
        # As PyGeNN, whose overloads take a transpose only from and into synapse populations.
        raise TypeError(
            "create_wu_var_ref writes a transpose only from a synapse population's variable "
            f"into another synapse population's, not from {group!r} into {transpose_group!r}"
        )
    _check_var(group, group.vars, var_name, "per-synapse variable")
    if isinstance(group, CustomConnectivityUpdate):
        return VarReference(
            {"custom_connectivity_update": group.name, "var": var_name}, group, var_name,
            group.synapse_group,
        )
    if isinstance(group, CustomUpdateWU):
        return VarReference(
            {"custom_update": group.name, "var": var_name}, group, var_name, group.synapse_group
        )
    if not isinstance(group, SynapseGroup):
        raise TypeError(f"create_wu_var_ref takes a synapse population or custom update, not {group!r}")
    target = {"synapses": group.name, "var": var_name}
    if transpose_group is not None:
        _check_var(transpose_group, transpose_group.vars, transpose_var_name, "per-synapse variable")
        target["transpose"] = {"synapses": transpose_group.name, "var": transpose_var_name}
    return VarReference(target, group, var_name, group)


def create_den_delay_var_ref(sg) -> VarReference:
    """A reference to a synapse population's dendritic delay buffer (its input waiting to
    be delivered, one value per target neuron per delay slot)."""
    return VarReference({"synapses": sg.name, "den_delay": True}, sg, "denDelay")


def create_spike_time_var_ref(group) -> VarReference:
    """A reference to a neuron population's spike times."""
    return VarReference({"population": group.name, "spike_time": True}, group, "st")


def create_prev_spike_time_var_ref(group) -> VarReference:
    """A reference to a neuron population's previous spike times."""
    return VarReference({"population": group.name, "prev_spike_time": True}, group, "prev_st")


def _connectivity_update_var_ref(group, var_name: str, side: str) -> VarReference:
    from .genn_groups import CustomConnectivityUpdate

    if not isinstance(group, CustomConnectivityUpdate):
        raise TypeError(f"create_{side}_var_ref takes a custom connectivity update, not {group!r}")
    variables = group.pre_vars if side == "pre" else group.post_vars
    _check_var(group, variables, var_name, f"{side}synaptic variable")
    return VarReference(
        {"custom_connectivity_update": group.name, f"{side}_var": var_name}, group, var_name)


def create_pre_var_ref(group, var_name: str) -> VarReference:
    """A reference to a presynaptic variable of a custom connectivity update."""
    return _connectivity_update_var_ref(group, var_name, "pre")


def create_post_var_ref(group, var_name: str) -> VarReference:
    """A reference to a postsynaptic variable of a custom connectivity update."""
    return _connectivity_update_var_ref(group, var_name, "post")


@dataclass(frozen=True)
class EGPReference:
    """A reference to an extra global parameter: the model file's target mapping."""

    target: dict
    group: Any
    egp_name: str


def create_egp_ref(group, egp_name: str) -> EGPReference:
    """A reference to an extra global parameter of a neuron population, current source,
    custom update or custom connectivity update."""
    from .genn_groups import (
        CurrentSource,
        CustomConnectivityUpdate,
        CustomUpdateBase,
        NeuronGroup,
    )

    owner = ("population" if isinstance(group, NeuronGroup)
             else "current_source" if isinstance(group, CurrentSource)
             else "custom_update" if isinstance(group, CustomUpdateBase)
             else "custom_connectivity_update" if isinstance(group, CustomConnectivityUpdate)
             else None)
    if owner is None:
        raise TypeError(f"create_egp_ref takes a neuron population, current source, custom "
                        f"update or custom connectivity update, not {group!r}")
    _check_var(group, group.extra_global_params, egp_name, "extra global parameter")
    return EGPReference({owner: group.name, "egp": egp_name}, group, egp_name)


def create_psm_egp_ref(sg, egp_name: str) -> EGPReference:
    """A reference to an extra global parameter of a synapse population's postsynaptic
    model."""
    _check_var(sg, sg.psm_extra_global_params, egp_name,
               "postsynaptic model extra global parameter")
    return EGPReference({"synapses": sg.name, "psm_egp": egp_name}, sg, egp_name)


def create_wu_egp_ref(sg, egp_name: str) -> EGPReference:
    """A reference to an extra global parameter of a synapse population's weight update
    model."""
    _check_var(sg, sg.extra_global_params, egp_name, "weight update extra global parameter")
    return EGPReference({"synapses": sg.name, "wu_egp": egp_name}, sg, egp_name)
