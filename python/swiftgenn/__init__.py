"""SwiftGeNN from Python.

PyGeNN 5.4's API is being written over SwiftGeNN's C interface; today the package offers
that interface itself as ``swiftgenn._native`` (``Model``, ``Simulation``, ``GeNNError``).
"""

from ._native import GeNNError, Model, Simulation

__all__ = ["GeNNError", "Model", "Simulation"]
