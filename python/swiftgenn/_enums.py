"""PyGeNN's enumerations, with GeNN 5.4's values, so that their bits combine and test
as they do in GeNN (``sg.matrix_type & SynapseMatrixConnectivity.SPARSE``)."""

from __future__ import annotations

from enum import IntEnum, IntFlag


class SynapseMatrixConnectivity(IntFlag):
    """How a synapse population's connectivity is stored."""

    DENSE = 1 << 0
    BITMASK = 1 << 1
    SPARSE = 1 << 2
    PROCEDURAL = 1 << 3
    TOEPLITZ = 1 << 4


class SynapseMatrixWeight(IntFlag):
    """How a synapse population's weights are stored."""

    INDIVIDUAL = 1 << 6
    PROCEDURAL = 1 << 7
    KERNEL = 1 << 8


class SynapseMatrixType(IntFlag):
    """A synapse population's connectivity and weights together."""

    DENSE = SynapseMatrixConnectivity.DENSE | SynapseMatrixWeight.INDIVIDUAL
    DENSE_PROCEDURALG = SynapseMatrixConnectivity.DENSE | SynapseMatrixWeight.PROCEDURAL
    BITMASK = SynapseMatrixConnectivity.BITMASK | SynapseMatrixWeight.INDIVIDUAL
    SPARSE = SynapseMatrixConnectivity.SPARSE | SynapseMatrixWeight.INDIVIDUAL
    PROCEDURAL = SynapseMatrixConnectivity.PROCEDURAL | SynapseMatrixWeight.PROCEDURAL
    PROCEDURAL_KERNELG = SynapseMatrixConnectivity.PROCEDURAL | SynapseMatrixWeight.KERNEL
    TOEPLITZ = SynapseMatrixConnectivity.TOEPLITZ | SynapseMatrixWeight.KERNEL


class VarAccessModeAttribute(IntFlag):
    """The bits of a variable access mode."""

    READ_ONLY = 1 << 0
    READ_WRITE = 1 << 1
    REDUCE = 1 << 2
    SUM = 1 << 3
    MAX = 1 << 4
    BROADCAST = 1 << 5


class VarAccessMode(IntFlag):
    """How code may use a variable or reference."""

    READ_WRITE = VarAccessModeAttribute.READ_WRITE
    READ_ONLY = VarAccessModeAttribute.READ_ONLY
    BROADCAST = VarAccessModeAttribute.BROADCAST
    REDUCE_SUM = VarAccessModeAttribute.REDUCE | VarAccessModeAttribute.SUM
    REDUCE_MAX = VarAccessModeAttribute.REDUCE | VarAccessModeAttribute.MAX


class VarAccessDim(IntFlag):
    """Whether a variable has a value per element, per batch, or both."""

    ELEMENT = 1 << 6
    BATCH = 1 << 7


class VarAccess(IntFlag):
    """How a model's variable is used and shaped."""

    READ_WRITE = VarAccessMode.READ_WRITE | VarAccessDim.ELEMENT | VarAccessDim.BATCH
    READ_ONLY = VarAccessMode.READ_ONLY | VarAccessDim.ELEMENT
    READ_ONLY_DUPLICATE = VarAccessMode.READ_ONLY | VarAccessDim.ELEMENT | VarAccessDim.BATCH
    READ_ONLY_SHARED_NEURON = VarAccessMode.READ_ONLY | VarAccessDim.BATCH


class CustomUpdateVarAccess(IntFlag):
    """How a custom update's variable is used and shaped, relative to the update."""

    READ_WRITE = VarAccessMode.READ_WRITE
    READ_ONLY = VarAccessMode.READ_ONLY
    BROADCAST_DELAY = VarAccessMode.BROADCAST
    READ_ONLY_SHARED = VarAccessMode.READ_ONLY | VarAccessDim.BATCH
    READ_ONLY_SHARED_NEURON = VarAccessMode.READ_ONLY | VarAccessDim.ELEMENT
    REDUCE_BATCH_SUM = VarAccessMode.REDUCE_SUM | VarAccessDim.BATCH
    REDUCE_BATCH_MAX = VarAccessMode.REDUCE_MAX | VarAccessDim.BATCH
    REDUCE_NEURON_SUM = VarAccessMode.REDUCE_SUM | VarAccessDim.ELEMENT
    REDUCE_NEURON_MAX = VarAccessMode.REDUCE_MAX | VarAccessDim.ELEMENT


class VarLocationAttribute(IntFlag):
    """Where a variable's memory is."""

    HOST = 1 << 0
    DEVICE = 1 << 1
    ZERO_COPY = 1 << 2


class VarLocation(IntFlag):
    """Where a variable's memory is: SwiftGeNN keeps every variable on the host (and on
    the device for CUDA), so every location reads as ``HOST_DEVICE``."""

    DEVICE = VarLocationAttribute.DEVICE
    HOST_DEVICE = VarLocationAttribute.HOST | VarLocationAttribute.DEVICE
    HOST_DEVICE_ZERO_COPY = (
        VarLocationAttribute.HOST | VarLocationAttribute.DEVICE | VarLocationAttribute.ZERO_COPY
    )


class ParallelismHint(IntEnum):
    """How GPU threads share a synapse population's work (a hint; the CPU ignores it)."""

    POSTSYNAPTIC = 0
    PRESYNAPTIC = 1
    WORD_PACKED_BITMASK = 2


class PlogSeverity(IntEnum):
    """Log levels, accepted for PyGeNN's signatures."""

    NONE = 0
    FATAL = 1
    ERROR = 2
    WARNING = 3
    INFO = 4
    DEBUG = 5
    VERBOSE = 6


def get_var_access_dim(access, custom_update_dims: VarAccessDim | None = None) -> VarAccessDim:
    """The dimensions of a variable with ``access``; for a custom update's variable, those
    of the update (``custom_update_dims``) with the ones its access takes away removed."""
    dims = VarAccessDim(int(access) & ~0x3F)
    if custom_update_dims is None:
        return dims
    return VarAccessDim(int(custom_update_dims) & ~int(dims))
