"""Run-time control from Python: dynamic parameters, the settable time step, spike
times, timing counters and extra global parameters changed after load, each with
values worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from swiftgenn import (
    GeNNError,
    GeNNModel,
    create_current_source_model,
    create_custom_update_model,
    create_neuron_model,
    create_var_ref,
    create_weight_update_model,
    init_postsynaptic,
    init_weight_update,
)

SHIFTED = create_neuron_model(
    "shifted", params=["input"], vars=[("x", "scalar")], sim_code="x = t + input;")

COUNTER = create_neuron_model(
    "counter",
    vars=[("V", "scalar"), ("seen", "scalar")],
    sim_code="seen = st;\nV += 1.0;",
    threshold_condition_code="V >= 3.0",
    reset_code="V = 0.0;",
)


def loaded(model: GeNNModel) -> GeNNModel:
    model.build()
    model.load()
    return model


@pytest.mark.parametrize("backend", ["single_threaded_cpu", "cpu"])
def test_dynamic_parameters_change_between_steps(backend):
    model = GeNNModel("double", "dynamic_python", backend=backend)
    model.dt = 1.0
    neurons = model.add_neuron_population("N", 3, SHIFTED, {"input": 1.0}, {"x": 0.0})
    neurons.set_param_dynamic("input")
    fixed = model.add_neuron_population("F", 3, SHIFTED, {"input": 1.0}, {"x": 0.0})
    source = model.add_current_source(
        "S", create_current_source_model(
            "shifted_source", params=["input"], vars=[("x", "scalar")],
            injection_code="x = t + input;\ninjectCurrent(0.0);"),
        neurons, {"input": 2.0}, {"x": 0.0})
    source.set_param_dynamic("input")
    synapses = model.add_synapse_population(
        "W", "DENSE", neurons, fixed,
        init_weight_update(create_weight_update_model(
            "shifted_weights", params=["input"], vars=[("x", "scalar")],
            synapse_dynamics_code="x = t + input;"), {"input": 3.0}, {"x": 0.0}),
        init_postsynaptic("DeltaCurr"))
    synapses.set_wu_param_dynamic("input")
    update = model.add_custom_update(
        "U", "G", create_custom_update_model(
            "shifted_update", params=["input"], var_refs=[("y", "scalar")],
            update_code="y = t + input;"),
        {"input": 4.0}, {}, {"y": create_var_ref(fixed, "x")})
    update.set_param_dynamic("input")
    loaded(model)
    model.step_time()
    assert np.array_equal(neurons.vars["x"].values, [1.0] * 3)
    for group, value in ((neurons, 10.0), (source, 20.0), (synapses, 30.0), (update, 40.0)):
        group.set_dynamic_param_value("input", value)
    model.step_time()  # t = 1
    assert np.array_equal(neurons.vars["x"].values, [11.0] * 3)
    assert np.array_equal(source.vars["x"].values, [21.0] * 3)
    assert np.array_equal(synapses.vars["x"].values, np.full(9, 31.0))
    assert np.array_equal(fixed.vars["x"].values, [2.0] * 3)  # not dynamic: input stays 1
    model.custom_update("G")  # t = 2
    assert np.array_equal(fixed.vars["x"].values, [42.0] * 3)
    with pytest.raises(GeNNError, match="'F' has no dynamic parameter 'input'; it has none"):
        fixed.set_dynamic_param_value("input", 5.0)


def test_only_parameters_can_be_made_dynamic():
    model = GeNNModel("float", "dynamic_unknown")
    neurons = model.add_neuron_population("N", 1, SHIFTED, {"input": 1.0}, {"x": 0.0})
    with pytest.raises(ValueError, match="no parameter 'inptu' to make dynamic"):
        neurons.set_param_dynamic("inptu")


def test_setting_the_timestep_sets_the_time():
    model = GeNNModel("double", "timestep_python")
    model.dt = 0.5
    neurons = model.add_neuron_population("N", 1, SHIFTED, {"input": 0.0}, {"x": 0.0})
    loaded(model)
    model.timestep = 8
    assert model.timestep == 8 and model.t == 4.0
    model.step_time()
    assert neurons.vars["x"].values[0] == 4.0 and model.t == 4.5


def test_spike_times_are_views():
    model = GeNNModel("double", "spike_times_python")
    model.dt = 1.0
    neurons = model.add_neuron_population("N", 2, COUNTER, {}, {"V": 0.0, "seen": 0.0})
    plain = model.add_neuron_population("P", 2, SHIFTED, {"input": 0.0}, {"x": 0.0})
    loaded(model)
    assert plain.spike_times is None and neurons.prev_spike_times is None
    for _ in range(6):
        model.step_time()
    neurons.spike_times.pull_from_device()
    assert np.array_equal(neurons.spike_times.view, [5.0, 5.0])
    neurons.spike_times.view[:] = [7.0, 9.0]
    neurons.spike_times.push_to_device()
    model.step_time()
    assert np.array_equal(neurons.vars["seen"].values, [7.0, 9.0])


@pytest.mark.parametrize("enabled", [True, False])
def test_timing_counters(enabled):
    model = GeNNModel("float", f"timing_python_{enabled}")
    model.timing_enabled = enabled
    neurons = model.add_neuron_population("N", 4, COUNTER, {}, {"V": 0.0, "seen": 0.0})
    model.add_custom_update(
        "U", "G", create_custom_update_model(
            "halve", var_refs=[("y", "scalar")], update_code="y *= 0.5;"),
        {}, {}, {"y": create_var_ref(neurons, "V")})
    loaded(model)
    for _ in range(20):
        model.step_time()
    model.custom_update("G")
    assert (model.neuron_update_time > 0.0) == enabled
    assert (model.get_custom_update_time("G") > 0.0) == enabled
    assert model.get_custom_update_transpose_time("G") == 0.0
    assert model.synapse_dynamics_time == 0.0 and model.postsynaptic_update_time == 0.0
    assert model.get_custom_update_remap_time("G") == 0.0


@pytest.mark.parametrize("backend", ["single_threaded_cpu", "cpu"])
def test_extra_global_parameters_change_after_load(backend):
    reader = create_neuron_model(
        "reader", vars=[("x", "scalar")], extra_global_params=[("e", "scalar*")],
        sim_code="x = e[id];")
    model = GeNNModel("float", "egp_python", backend=backend)
    neurons = model.add_neuron_population("N", 3, reader, {}, {"x": 0.0})
    neurons.extra_global_params["e"].set_init_values([1.0, 2.0, 3.0])
    loaded(model)
    egp = neurons.extra_global_params["e"]
    assert np.array_equal(egp.view, [1.0, 2.0, 3.0])
    model.step_time()
    assert np.array_equal(neurons.vars["x"].values, [1.0, 2.0, 3.0])
    egp.view[1] = 20.0
    egp.push_to_device()
    model.step_time()
    assert np.array_equal(neurons.vars["x"].values, [1.0, 20.0, 3.0])
    egp.values = [4.0, 5.0, 6.0]
    egp.push_to_device()
    model.step_time()
    egp.pull_from_device()
    assert np.array_equal(neurons.vars["x"].values, [4.0, 5.0, 6.0])
    assert np.array_equal(egp.values, [4.0, 5.0, 6.0])
