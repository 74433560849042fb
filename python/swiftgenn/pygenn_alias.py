"""Runs PyGeNN code unchanged on SwiftGeNN: ``import pygenn`` (and its submodules)
gives ``swiftgenn``.

    python3 -m swiftgenn.pygenn_alias SCRIPT.py [ARGUMENTS...]

runs a PyGeNN script as it is; in Python, ``swiftgenn.pygenn_alias.install()`` does the
same for what is imported afterwards.
"""

from __future__ import annotations

import runpy
import sys

#: The submodules of PyGeNN that SwiftGeNN has, by name.
SUBMODULES = (
    "genn_groups",
    "genn_model",
    "model_preprocessor",
    "types",
    "current_source_models",
    "custom_connectivity_update_models",
    "custom_update_models",
    "init_sparse_connectivity_snippets",
    "init_toeplitz_connectivity_snippets",
    "init_var_snippets",
    "neuron_models",
    "postsynaptic_models",
    "weight_update_models",
)


def install() -> None:
    """Makes ``pygenn`` and ``pygenn.<submodule>`` resolve to SwiftGeNN's modules."""
    import importlib

    import swiftgenn

    sys.modules["pygenn"] = swiftgenn
    for name in SUBMODULES:
        module = importlib.import_module(f"swiftgenn.{name}")
        sys.modules[f"pygenn.{name}"] = module
        setattr(swiftgenn, name, module)


def main() -> None:
    if len(sys.argv) < 2:
        print(__doc__.strip(), file=sys.stderr)
        raise SystemExit(2)
    install()
    script = sys.argv[1]
    sys.argv = sys.argv[1:]
    runpy.run_path(script, run_name="__main__")


if __name__ == "__main__":
    main()
