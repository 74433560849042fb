"""SwiftGeNN from Python: PyGeNN 5.4's API over SwiftGeNN's Swift core.

A PyGeNN script runs after changing only its import::

    import swiftgenn as pygenn
    # or: from swiftgenn import GeNNModel, init_var, ...

``swiftgenn._native`` is the thin layer over SwiftGeNN's C interface that the API is
written on (``Model``, ``Simulation``, ``GeNNError``).
"""

from . import (
    current_source_models,
    custom_connectivity_update_models,
    custom_update_models,
    init_sparse_connectivity_snippets,
    init_toeplitz_connectivity_snippets,
    init_var_snippets,
    neuron_models,
    postsynaptic_models,
    types,
    weight_update_models,
)
from ._enums import (
    CustomUpdateVarAccess,
    ParallelismHint,
    PlogSeverity,
    SynapseMatrixConnectivity,
    SynapseMatrixType,
    SynapseMatrixWeight,
    VarAccess,
    VarAccessDim,
    VarAccessMode,
    VarAccessModeAttribute,
    VarLocation,
    VarLocationAttribute,
    get_var_access_dim,
)
from ._native import GeNNError, Model, Simulation
from ._references import (
    create_den_delay_var_ref,
    create_egp_ref,
    create_out_post_var_ref,
    create_post_var_ref,
    create_pre_var_ref,
    create_prev_spike_time_var_ref,
    create_psm_egp_ref,
    create_psm_var_ref,
    create_spike_time_var_ref,
    create_var_ref,
    create_wu_egp_ref,
    create_wu_post_var_ref,
    create_wu_pre_var_ref,
    create_wu_var_ref,
)
from .genn_groups import (
    CurrentSource,
    CustomConnectivityUpdate,
    CustomUpdate,
    CustomUpdateBase,
    CustomUpdateWU,
    NeuronGroup,
    SynapseGroup,
)
from .genn_model import (
    GeNNModel,
    create_current_source_model,
    create_custom_connectivity_update_model,
    create_custom_update_model,
    create_neuron_model,
    create_postsynaptic_model,
    create_sparse_connect_init_snippet,
    create_toeplitz_connect_init_snippet,
    create_var_init_snippet,
    create_weight_update_model,
    init_postsynaptic,
    init_sparse_connectivity,
    init_toeplitz_connectivity,
    init_var,
    init_weight_update,
)

#: PyGeNN's ``ModelSpec`` is the base of ``GeNNModel``; here they are one class.
ModelSpec = GeNNModel

__version__ = "0.6.0"

__all__ = [
    "create_current_source_model", "create_custom_update_model",
    "create_custom_connectivity_update_model", "create_den_delay_var_ref",
    "create_neuron_model", "create_out_post_var_ref", "create_postsynaptic_model",
    "create_post_var_ref", "create_pre_var_ref", "create_prev_spike_time_var_ref",
    "create_psm_var_ref", "create_sparse_connect_init_snippet", "create_spike_time_var_ref",
    "create_toeplitz_connect_init_snippet", "create_var_ref", "create_weight_update_model",
    "create_wu_pre_var_ref", "create_wu_post_var_ref", "create_wu_var_ref", "create_egp_ref",
    "create_psm_egp_ref", "create_var_init_snippet", "create_wu_egp_ref",
    "get_var_access_dim", "init_postsynaptic", "init_sparse_connectivity",
    "init_toeplitz_connectivity", "init_var", "init_weight_update", "CurrentSource",
    "CustomConnectivityUpdate", "CustomUpdate", "CustomUpdateBase", "CustomUpdateWU",
    "CustomUpdateVarAccess", "GeNNModel", "ModelSpec", "NeuronGroup", "ParallelismHint",
    "PlogSeverity", "SynapseGroup", "SynapseMatrixType", "SynapseMatrixConnectivity",
    "SynapseMatrixWeight", "VarAccess", "VarAccessDim", "VarAccessMode",
    "VarAccessModeAttribute", "VarLocation", "VarLocationAttribute", "GeNNError", "Model",
    "Simulation", "types", "current_source_models", "custom_connectivity_update_models",
    "custom_update_models", "init_sparse_connectivity_snippets",
    "init_toeplitz_connectivity_snippets", "init_var_snippets", "neuron_models",
    "postsynaptic_models", "weight_update_models",
]
