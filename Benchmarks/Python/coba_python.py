#!/usr/bin/env python3
"""The COBA network (Vogels & Abbott 2005; 80 synapses per neuron, dt 0.1 ms) run from
Python three ways, side by side in one run: ``step_time()`` in a Python loop, one call
that runs every step, and ``genn run`` on the same model file. Prints each time and the
Python loop's cost per step over the single call, in microseconds, and, on a one-neuron
model, the cost of one ``step_time()`` call itself.

    swift build -c release --product GeNNCAPI && swift build -c release --product genn
    SWIFTGENN_LIBRARY=.build/release/libGeNNCAPI.so \\
        python3 Benchmarks/Python/coba_python.py [--sizes 4000 64000] [--duration 1000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPOSITORY / "python"))

import swiftgenn as pygenn  # noqa: E402

LIF = {"C": 0.2, "TauM": 20.0, "Vrest": -49.0, "Vreset": -60.0, "Vthresh": -50.0,
       "Ioffset": 0.0, "TauRefrac": 5.0}


def coba(neurons: int, folder: Path) -> pygenn.GeNNModel:
    """The COBA network with ``neurons`` neurons, 80 % excitatory, 80 synapses each."""
    model = pygenn.GeNNModel("float", f"coba_{neurons}", backend="cpu")
    model.dt = 0.1
    model.seed = 1234
    state = {"V": pygenn.init_var("Uniform", {"min": -60.0, "max": -50.0}), "RefracTime": 0.0}
    excitatory = model.add_neuron_population("E", neurons * 4 // 5, "LIF", LIF, state)
    inhibitory = model.add_neuron_population("I", neurons // 5, "LIF", LIF, state)
    connectivity = pygenn.init_sparse_connectivity("FixedProbability", {"prob": 80 / neurons})
    for source, g, tau, reversal in ((excitatory, 0.006, 5.0, 0.0),
                                     (inhibitory, 0.067, 10.0, -80.0)):
        for target in (excitatory, inhibitory):
            model.add_synapse_population(
                source.name + target.name, "SPARSE", source, target,
                pygenn.init_weight_update("StaticPulseConstantWeight", {"g": g}),
                pygenn.init_postsynaptic("ExpCond", {"tau": tau, "E": reversal}),
                connectivity)
    model.build(str(folder))
    return model


def timed(action) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def python_loop(model: pygenn.GeNNModel, steps: int) -> float:
    model.load()
    seconds = timed(lambda: [model.step_time() for _ in range(steps)])
    model.unload()
    return seconds


def single_call(model: pygenn.GeNNModel, steps: int) -> float:
    model.load()
    seconds = timed(lambda: model._runtime.step(steps))
    model.unload()
    return seconds


def genn_run(model: pygenn.GeNNModel, steps: int, genn: Path, folder: Path) -> float:
    output = folder / "genn-run"
    subprocess.run([str(genn), "run", str(model._path / "model.yaml"), "--steps", str(steps),
                    "--backend", "cpu", "--quiet", "--overwrite", "--out", str(output)],
                   check=True)
    summary = json.loads((output / "summary.json").read_text())
    return summary["timing"]["simulate_s"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[4000, 64000])
    parser.add_argument("--duration", type=float, default=1000.0, help="model time, ms")
    parser.add_argument("--genn", type=Path, default=REPOSITORY / ".build" / "release" / "genn")
    arguments = parser.parse_args()
    steps = round(arguments.duration / 0.1)

    with tempfile.TemporaryDirectory() as folder:
        folder = Path(folder)
        # The cost of one call, on a model with almost nothing to do.
        tiny = pygenn.GeNNModel("float", "one_neuron", backend="cpu")
        tiny.add_neuron_population("N", 1, "LIF", LIF, {"V": -60.0, "RefracTime": 0.0})
        tiny.build(str(folder))
        calls = 100_000
        loop = python_loop(tiny, calls)
        once = single_call(tiny, calls)
        print(f"one neuron, {calls} steps: step_time() loop {loop:.3f} s, one call "
              f"{once:.3f} s; step_time() costs {1e6 * (loop - once) / calls:.2f} us a call")

        print(f"\nCOBA, {arguments.duration:g} ms ({steps} steps), CPU backend, "
              f"{os.cpu_count()} cores")
        print(f"{'neurons':>8} {'loop s':>8} {'call s':>8} {'genn run s':>10} "
              f"{'us/step':>8} {'loop/genn':>9}")
        for neurons in arguments.sizes:
            model = coba(neurons, folder)
            loop = python_loop(model, steps)
            once = single_call(model, steps)
            command = genn_run(model, steps, arguments.genn, folder)
            print(f"{neurons:>8} {loop:>8.3f} {once:>8.3f} {command:>10.3f} "
                  f"{1e6 * (loop - once) / steps:>8.2f} {loop / command:>9.2f}")


if __name__ == "__main__":
    main()
