#!/usr/bin/env python3
"""Issue 21's table in one command: COBA (80 synapses per neuron, 1 s of model time) at
4k, 16k, 64k and 256k neurons on 1 and 2 threads, quiet, beside a busy core and beside a
second simulation, with GeNN 5.4's figure (PyGeNN with ``optimize_code``, run here when
``import pygenn`` works, else the figures measured beside us), then load time, peak memory
and cost per synaptic event of COBA and of the full-scale Potjans-Diesmann microcircuit
(``COBABenchmark load``).

    swift build -c release --product COBABenchmark
    python3 Benchmarks/coba_table.py [--sizes 4000 16000] [--repeat 3] [--no-load]

With ``--repeat N`` each size is measured N times, one run after the other, and each
figure is the median of its N runs (a shared or noisy machine moves single runs by tens of
per cent).
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

REPOSITORY = Path(__file__).resolve().parents[1]

#: GeNN 5.4's CPU backend with ``optimize_code``, seconds per second of model time, measured
#: beside us on the 2-core machine (issue 21), by COBA size.
GENN_MEASURED = {4000: 0.11, 16000: 0.47, 64000: 2.3, 256000: 9.8}


@dataclass
class Speed:
    """One COBA size's seconds per second of model time."""

    one: float
    two: float
    busy: tuple[float, float]
    pair: tuple[float, float]
    bytes_per_synapse: float


def number(pattern: str, text: str) -> float:
    match = re.search(pattern, text)
    if match is None:
        raise SystemExit(f"COBABenchmark printed no match for {pattern!r}:\n{text}")
    return float(match.group(1))


def measure(benchmark: Path, neurons: int) -> Speed:
    """Runs ``COBABenchmark neurons 1000 --busy --pair`` and reads what it printed."""
    text = subprocess.run([str(benchmark), str(neurons), "1000", "--busy", "--pair"],
                          check=True, capture_output=True, text=True).stdout
    loaded = [(number(rf"{label}: 1 thread ([0-9.]+) s", text),
               number(rf"{label}: 1 thread [0-9.]+ s, 2 threads ([0-9.]+) s", text))
              for label in ("with a busy core", "beside a 2nd simulation")]
    return Speed(one=number(r"1 thread:\s+([0-9.]+) s", text),
                 two=number(r"2 threads:\s+([0-9.]+) s", text),
                 busy=loaded[0], pair=loaded[1],
                 bytes_per_synapse=number(r"memory: ([0-9.]+) bytes per synapse", text))


def median_speed(speeds: list[Speed]) -> Speed:
    """Each figure's median over ``speeds``."""
    median = statistics.median
    return Speed(one=median([s.one for s in speeds]), two=median([s.two for s in speeds]),
                 busy=(median([s.busy[0] for s in speeds]), median([s.busy[1] for s in speeds])),
                 pair=(median([s.pair[0] for s in speeds]), median([s.pair[1] for s in speeds])),
                 bytes_per_synapse=median([s.bytes_per_synapse for s in speeds]))


def genn_seconds(neurons: int) -> tuple[float, str]:
    """GeNN's seconds for 1 s of COBA: measured here with PyGeNN where it is installed."""
    try:
        import pygenn  # type: ignore[import-not-found]
    except ImportError:
        return GENN_MEASURED[neurons], "measured beside us"
    lif = {"C": 0.2, "TauM": 20.0, "Vrest": -49.0, "Vreset": -60.0, "Vthresh": -50.0,
           "Ioffset": 0.0, "TauRefrac": 5.0}
    model = pygenn.GeNNModel("float", f"coba_{neurons}", backend="single_threaded_cpu",
                             optimize_code=True)
    model.dt = 0.1
    state = {"V": pygenn.init_var("Uniform", {"min": -60.0, "max": -50.0}),
             "RefracTime": 0.0}
    populations = [model.add_neuron_population(name, size, "LIF", lif, state)
                   for name, size in (("E", neurons * 4 // 5), ("I", neurons // 5))]
    for source, g, tau, reversal in ((populations[0], 0.006, 5.0, 0.0),
                                     (populations[1], 0.067, 10.0, -80.0)):
        for target in populations:
            model.add_synapse_population(
                source.name + target.name, "SPARSE", source, target,
                pygenn.init_weight_update("StaticPulseConstantWeight", {"g": g}),
                pygenn.init_postsynaptic("ExpCond", {"tau": tau, "E": reversal}),
                pygenn.init_sparse_connectivity("FixedProbability", {"prob": 80 / neurons}))
    with tempfile.TemporaryDirectory() as folder:
        model.build(folder)
        model.load()
        start = time.perf_counter()
        while model.timestep < 10000:
            model.step_time()
        return time.perf_counter() - start, "PyGeNN here"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=sorted(GENN_MEASURED))
    parser.add_argument("--build-path", type=Path, default=REPOSITORY / ".build")
    parser.add_argument("--repeat", type=int, default=1,
                        help="runs per size; each figure is the median")
    parser.add_argument("--no-load", action="store_true",
                        help="skip the load, memory and microcircuit table")
    arguments = parser.parse_args()
    benchmark = arguments.build_path / "release" / "COBABenchmark"

    print("COBA, seconds per second of model time (2 threads is the default); busy: `yes`")
    print("on one core; pair: a second simulation on 2 threads beside it")
    print(f"{'neurons':>8} {'1 thr':>7} {'2 thr':>7} {'1->2':>6} {'busy 1/2':>15} "
          f"{'2/1':>5} {'pair 1/2':>15} {'2/1':>5} {'GeNN':>6} {'vs GeNN':>7} {'B/syn':>5}")
    for neurons in arguments.sizes:
        speed = median_speed([measure(benchmark, neurons)
                              for _ in range(max(1, arguments.repeat))])
        genn, source = genn_seconds(neurons)
        print(f"{neurons:>8} {speed.one:>7.3f} {speed.two:>7.3f} {speed.one / speed.two:>5.2f}x "
              f"{speed.busy[0]:>7.3f}/{speed.busy[1]:<7.3f} {speed.busy[0] / speed.busy[1]:>5.2f} "
              f"{speed.pair[0]:>7.3f}/{speed.pair[1]:<7.3f} {speed.pair[0] / speed.pair[1]:>5.2f} "
              f"{genn:>6.2f} {genn / speed.two:>6.1f}x {speed.bytes_per_synapse:>5.1f}  ({source})")
    print("2/1: how fast the default (2 threads) runs against 1 thread under the same load"
          + (f"; medians of {arguments.repeat} runs" if arguments.repeat > 1 else ""))
    if not arguments.no_load:
        print()
        subprocess.run([str(benchmark), "load"], check=True, cwd=REPOSITORY)


if __name__ == "__main__":
    main()
