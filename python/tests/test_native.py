"""SwiftGeNN's C interface from Python: views share the simulation's memory, errors
carry the element and the position in the model text, models do not share state."""

from __future__ import annotations

import gc

import numpy as np
import pytest

from swiftgenn import GeNNError, Model, Simulation

COUNTERS = """\
name: py_counters
precision: {precision}
dt: 0.5
neurons:
  Counters:
    size: 10
    model:
      vars: {{V: scalar}}
      sim_code: V += 1.0;
      threshold_condition_code: V >= 3.0
      reset_code: V = 0.0;
    vars: {{V: 0}}
    record_spikes: true
synapses:
  Listed:
    source: Counters
    target: Counters
    connectivity:
      pre: [4, 0, 4, 2]
      post: [1, 3, 0, 9]
    weight_update: {{model: StaticPulse, vars: {{g: 0.0}}}}
    postsynaptic: {{model: DeltaCurr}}
"""


def counters(precision: str = "float", backend: str = "cpu") -> Simulation:
    return Simulation(Model(COUNTERS.format(precision=precision), "counters.yaml"), backend)


@pytest.mark.parametrize("precision, dtype", [("float", np.float32), ("double", np.float64)])
def test_a_write_through_the_view_is_seen_by_the_next_step(precision, dtype):
    simulation = counters(precision)
    V = simulation.variable("Counters", "V")
    assert V.dtype == dtype and V.shape == (10,)
    V[0] = -5.0
    simulation.step(2)
    assert simulation.timestep == 2 and simulation.t == 1.0
    assert V[0] == -3.0 and V[1] == 2.0


def test_the_single_threaded_backend_gives_the_same_state():
    parallel, single = counters(), counters(backend="single_threaded_cpu")
    parallel.step(7)
    single.step(7)
    assert np.array_equal(parallel.variable("Counters", "V"), single.variable("Counters", "V"))


def test_a_view_keeps_its_simulation_alive():
    V = counters().variable("Counters", "V")
    gc.collect()
    V[:] = 1.0
    assert V.sum() == 10.0


def test_two_models_in_one_process_do_not_share_state():
    first, second = counters(), counters()
    first.variable("Counters", "V")[:] = 1.0
    first.step()
    second.step()
    assert first.variable("Counters", "V")[0] == 2.0
    assert second.variable("Counters", "V")[0] == 1.0


def test_spikes_and_connectivity_come_back_as_arrays():
    simulation = counters()
    simulation.step(6)
    times, ids = simulation.spikes("Counters")
    assert list(times) == [1.0] * 10 + [2.5] * 10
    assert list(ids) == list(range(10)) * 2
    pre, post = simulation.connectivity("Listed")
    assert list(pre) == [4, 0, 4, 2] and list(post) == [1, 3, 0, 9]


def test_a_code_string_error_names_the_element_and_its_position():
    text = COUNTERS.format(precision="float").replace("V += 1.0;", "V += rate;")
    with pytest.raises(GeNNError) as error:
        Simulation(Model(text, "counters.yaml"))
    assert str(error.value).startswith("counters.yaml:9:22: error: neuron population 'Counters'")
    assert "unknown name 'rate'" in str(error.value)


def test_a_model_file_error_is_placed_in_the_text():
    with pytest.raises(GeNNError, match=r"^model\.yaml:4:"):
        Model("name: bad\nneurons:\n  P:\n    size: -3\n    model: LIF\n", "model.yaml")


def test_unknown_names_say_what_there_is():
    simulation = counters()
    with pytest.raises(GeNNError, match="'U'"):
        simulation.variable("Counters", "U")
    with pytest.raises(GeNNError, match="'Nope'"):
        simulation.custom_update("Nope")
    with pytest.raises(GeNNError, match="available: cpu, single_threaded_cpu, cuda"):
        Simulation(Model(COUNTERS.format(precision="float")), "opencl")


def test_the_library_named_by_the_environment_is_looked_for_first(monkeypatch):
    from pathlib import Path

    from swiftgenn._library import candidates

    monkeypatch.setenv("SWIFTGENN_LIBRARY", "/nowhere/libGeNNCAPI.so")
    assert candidates()[0] == Path("/nowhere/libGeNNCAPI.so")
