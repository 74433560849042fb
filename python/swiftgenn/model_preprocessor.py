"""A group's variables and extra global parameters, as PyGeNN's ``model_preprocessor``:
initial values before the model loads, NumPy views of the simulation's own memory
after (``view``, ``current_view``, ``values``), and copies to and from the GPU
(``push_to_device``, ``pull_from_device``: no-ops on the CPU).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Optional

import numpy as np

from ._enums import SynapseMatrixConnectivity, SynapseMatrixWeight, VarAccess, VarAccessDim
from ._models import ModelBase

if TYPE_CHECKING:
    from .genn_groups import Group


class VarInit:
    """A variable's initialisation by a snippet (``init_var``)."""

    def __init__(self, snippet: ModelBase, params: dict):
        self.snippet = snippet
        self.params = dict(params)


class ArrayBase:
    """An array of a group's state, seen through the loaded simulation."""

    def __init__(self, name: str, type: Any, group: "Group"):
        self.name = name
        self.type = type
        self.group = group
        self._view: Optional[np.ndarray] = None
        #: The simulation whose memory the view shows (PyGeNN's runtime array).
        self._array: Any = None

    def _require_view(self) -> np.ndarray:
        if self._view is None:
            raise RuntimeError(
                f"'{self.name}' of '{self.group.name}' has no memory until the model is loaded"
            )
        return self._view

    def push_to_device(self) -> None:
        """Copies the host's values to the GPU (nothing to do on the CPU)."""
        self.group._model._simulation_or_raise().push(self.group.name, self.name)

    def pull_from_device(self) -> None:
        """Copies the GPU's values to the host (nothing to do on the CPU)."""
        self.group._model._simulation_or_raise().pull(self.group.name, self.name)

    def _unload(self) -> None:
        self._view = None
        self._array = None

    def _bind(self, view: np.ndarray) -> None:
        self._view = view
        self._array = self.group._model._runtime

    @property
    def __cuda_array_interface__(self):
        raise NotImplementedError(
            "__cuda_array_interface__ (device pointers for CuPy and the like) is not "
            "part of SwiftGeNN yet"
        )


class ViewValues:
    """``values``: a copy of the whole view; assigning it writes every element."""

    @property
    def values(self) -> np.ndarray:
        return np.copy(self.view)

    @values.setter
    def values(self, values: Any) -> None:
        self.view[:] = values


class InitialValues:
    """PyGeNN's deprecated ``set_values``: ``set_init_values``."""

    def set_values(self, values: Any) -> None:
        self.set_init_values(values)


class Array(ArrayBase):
    """A plain array of a group (``out_post``, spike times)."""

    @property
    def view(self) -> np.ndarray:
        return self._require_view()


class VariableBase(InitialValues, ArrayBase):
    """A variable: its initial values before load, its memory after."""

    def __init__(self, name: str, type: Any, init_values: Any, group: "Group"):
        super().__init__(name, type, group)
        self.init_values: Any = None
        self.init_required = False
        self.extra_global_params: dict[str, ExtraGlobalParameter] = {}
        self.set_init_values(init_values)

    def set_init_values(self, init_values: Any) -> None:
        """Sets how the variable starts: a number, a sequence or array with a value per
        element, or an ``init_var`` snippet."""
        self.init_required = False
        self.extra_global_params = {}
        if isinstance(init_values, VarInit):
            self.init_values = init_values
            self.extra_global_params = {
                egp.name: ExtraGlobalParameter(egp.name, egp.type, self.group)
                for egp in init_values.snippet.get_extra_global_params()
            }
        elif init_values is None or np.isscalar(init_values):
            self.init_values = init_values
        else:
            self.init_values = np.asarray(init_values)
            self.init_required = True

    def _unload(self) -> None:
        super()._unload()
        for egp in self.extra_global_params.values():
            egp._unload()


class Variable(ViewValues, VariableBase):
    """A per-neuron variable (of a neuron population, current source, custom update, or
    a synapse population's presynaptic, postsynaptic or postsynaptic-model side)."""

    def _load(self, view: np.ndarray, latest_slot: Optional[Callable[[], int]]) -> None:
        self._bind(view)
        self._latest_slot = latest_slot

    @property
    def view(self) -> np.ndarray:
        """The whole array in place: ``(slots, neurons)`` for a variable queued by a
        delay, else ``(neurons,)``, after ``(batch_size,)`` for a variable with a copy per
        batch. Writes are seen by the next step."""
        return self._require_view()

    @property
    def current_view(self) -> np.ndarray:
        """The values of the current time step (a queued variable's latest slot, of
        each batch)."""
        view = self._require_view()
        if self._latest_slot is None:
            return view
        return view[..., self._latest_slot(), :]

    @property
    def current_values(self) -> np.ndarray:
        return np.copy(self.current_view)


class SynapseVariable(VariableBase):
    """A per-synapse variable: a view of DENSE and kernel matrices; ``values`` (copied,
    row by row in storage order, as ``get_sparse_pre_inds`` lists the synapses) for
    SPARSE ones."""

    def _load(self, view: np.ndarray) -> None:
        self._bind(view)

    @property
    def _synapses(self):
        return self.group.synapse_group

    def _require_view(self) -> np.ndarray:
        matrix_type = self._synapses.matrix_type
        if self._view is None and matrix_type & SynapseMatrixWeight.PROCEDURAL:
            raise RuntimeError(
                f"'{self.name}' of '{self.group.name}' has no memory: the weights of a "
                f"{matrix_type.name} matrix are computed where they are used"
            )
        return super()._require_view()

    def _is_dense_or_kernel(self) -> bool:
        matrix_type = self._synapses.matrix_type
        return bool(
            (matrix_type & SynapseMatrixConnectivity.DENSE)
            or (matrix_type & SynapseMatrixWeight.KERNEL)
        )

    @property
    def view(self) -> np.ndarray:
        if self._is_dense_or_kernel():
            return self._require_view()
        raise Exception(
            "Only variables associated with DENSE or KERNEL connectivity can be accessed "
            "without copying via 'view'. Please use 'values' instead."
        )

    @property
    def current_view(self) -> np.ndarray:
        return self.view

    @property
    def values(self) -> np.ndarray:
        view = self._require_view()
        if self._is_dense_or_kernel():
            return np.copy(view)
        if self._synapses.matrix_type & SynapseMatrixConnectivity.SPARSE:
            return view[..., self._synapses._storage_positions()]
        raise Exception("Matrix format not supported")

    @values.setter
    def values(self, values: Any) -> None:
        view = self._require_view()
        if self._is_dense_or_kernel():
            view[:] = values
        elif self._synapses.matrix_type & SynapseMatrixConnectivity.SPARSE:
            view[..., self._synapses._storage_positions()] = values
        else:
            raise Exception("Matrix format not supported")

    @property
    def current_values(self) -> np.ndarray:
        return self.values


class ExtraGlobalParameter(ViewValues, InitialValues, Array):
    """An extra global parameter: values given before load (``set_init_values``), a
    view of the array the code reads after."""

    def __init__(self, name: str, type: Any, group: "Group", init_values: Any = None):
        super().__init__(name, type, group)
        self.init_values: Optional[np.ndarray] = None
        self.set_init_values(init_values)

    def set_init_values(self, init_values: Any) -> None:
        if init_values is None:
            self.init_values = None
            return
        try:
            iter(init_values)
        except TypeError:
            raise ValueError("extra global variables can only be initialised with iterables")
        self.init_values = np.asarray(init_values)

    def _load(self, view: np.ndarray) -> None:
        self._bind(view)


def prepare_vars(declared, values: dict, group: "Group", kind=Variable) -> dict:
    """A variable object for each declared variable, with its initial value; a value for
    an undeclared variable is an error naming the declared ones."""
    names = [v.name for v in declared]
    unknown = [name for name in values if name not in names]
    if unknown:
        raise ValueError(
            f"'{group.name}': no variable '{unknown[0]}'; the model's variables are: "
            + (", ".join(names) or "none")
        )
    variables = {v.name: kind(v.name, v.type, values.get(v.name), group) for v in declared}
    for v in declared:
        # A model's variable without the element dimension (READ_ONLY_SHARED_NEURON) has
        # one value in all, GeNN's shape ``(1,)``.
        variables[v.name].shared_neuron = isinstance(v.access, VarAccess) and not (
            v.access & VarAccessDim.ELEMENT)
    return variables


def prepare_egps(declared, group: "Group") -> dict:
    """An extra global parameter object for each declared one."""
    return {e.name: ExtraGlobalParameter(e.name, e.type, group) for e in declared}
