"""PyGeNN 5.4's inputs besides ``Isyn`` (``target_var``, ``pre_target_var``,
``post_target_var``), neuron variable references of current sources,
``auto_refractory_required``, typed derived parameters and ``Uninitialised`` variables,
with values worked out by hand (the same scenarios as the Swift NeuronInputTests)."""

from __future__ import annotations

import numpy as np
import pytest

from swiftgenn import (
    GeNNModel,
    VarAccessMode,
    create_current_source_model,
    create_neuron_model,
    create_var_ref,
    create_weight_update_model,
    init_postsynaptic,
    init_var,
    init_weight_update,
)


def test_inputs_reach_their_target_variables():
    model = GeNNModel("double", "neuron_inputs")
    model.dt = 1.0
    pre_model = create_neuron_model(
        "pre", vars=[("P", "scalar")], additional_input_vars=[("Ip", "scalar", 0.0)],
        sim_code="P = Ip;", threshold_condition_code="t >= 0.0")
    post_model = create_neuron_model(
        "post", vars=[("V", "scalar"), ("A", "scalar"), ("C", "scalar")],
        additional_input_vars=[("Ia", "scalar", 0.0)], sim_code="V = Isyn;\nA = Ia;")
    pre = model.add_neuron_population("Pre", 2, pre_model, {}, {"P": 0.0})
    post = model.add_neuron_population("Post", 2, post_model, {}, {"V": 0.0, "A": 0.0, "C": 0.0})
    constant = create_current_source_model(
        "constant", params=["amp"], injection_code="injectCurrent(amp);")
    model.add_current_source("One", constant, post, {"amp": 1.0})
    two = model.add_current_source("Two", constant, post, {"amp": 2.0})
    two.target_var = "Ia"
    half = create_current_source_model(
        "half",
        neuron_var_refs=[("v", "scalar", VarAccessMode.READ_ONLY), ("count", "scalar")],
        injection_code="injectCurrent(v * 0.5);\ncount += 1.0;")
    model.add_current_source("Half", half, post, {}, {},
                             {"v": "V", "count": create_var_ref(post, "C")})
    both = create_weight_update_model(
        "both", vars=[("g", "scalar")], pre_spike_syn_code="addToPost(g);\naddToPre(0.125);")
    syn = model.add_synapse_population(
        "Syn", "DENSE", pre, post, init_weight_update(both, {}, {"g": 0.25}),
        init_postsynaptic("DeltaCurr"))
    syn.post_target_var = "Ia"
    syn.pre_target_var = "Ip"
    model.build()
    model.load()
    for step in range(5):
        model.step_time()
        for group, name, value in ((post, "V", 2.0 - 2.0 ** -step),
                                   (post, "A", 2.0 if step == 0 else 2.5),
                                   (post, "C", step + 1.0),
                                   (pre, "P", 0.0 if step == 0 else 0.25)):
            group.vars[name].pull_from_device()
            assert np.array_equal(group.vars[name].values, [value, value]), (step, name)


@pytest.mark.parametrize("auto, spikes", [(True, 1.0), (False, 4.0)])
def test_auto_refractory_neurons_spike_where_the_condition_becomes_true(auto, spikes):
    model = GeNNModel("double", f"auto_refractory_{auto}")
    model.dt = 1.0
    ramp = create_neuron_model(
        "ramp", vars=[("V", "scalar"), ("R", "scalar")], sim_code="V += 1.0;",
        threshold_condition_code="V >= 2.0", reset_code="R += 1.0;",
        auto_refractory_required=auto)
    population = model.add_neuron_population("Ramp", 3, ramp, {}, {"V": 0.0, "R": 0.0})
    model.build()
    model.load()
    for _ in range(5):
        model.step_time()
    population.vars["R"].pull_from_device()
    assert np.array_equal(population.vars["R"].values, [spikes] * 3)


def test_typed_derived_parameters_and_uninitialised_variables():
    model = GeNNModel("double", "typed_derived")
    model.dt = 1.0
    typed = create_neuron_model(
        "typed", params=["a"],
        derived_params=[("half", lambda p, dt: p["a"] / 2, "int"),
                        ("halfScalar", lambda p, dt: p["a"] / 2)],
        vars=[("D", "scalar"), ("S", "scalar"), ("U", "scalar")],
        sim_code="D = half / 2;\nS = halfScalar / 2;\nU += 1.0;")
    population = model.add_neuron_population(
        "Typed", 2, typed, {"a": 5.0},
        {"D": 0.0, "S": 0.0, "U": init_var("Uninitialised")})
    model.build()
    model.load()
    u = population.vars["U"]
    u.view[:] = [10.0, 20.0]
    u.push_to_device()
    model.step_time()
    model.step_time()
    for name, values in (("D", [1.0, 1.0]), ("S", [1.25, 1.25]), ("U", [12.0, 22.0])):
        population.vars[name].pull_from_device()
        assert np.array_equal(population.vars[name].values, values), name


def test_an_unknown_target_variable_names_the_field():
    model = GeNNModel("double", "unknown_input")
    population = model.add_neuron_population(
        "Pop", 1, create_neuron_model("plain", vars=[("V", "scalar")]), {}, {"V": 0.0})
    source = model.add_current_source(
        "CS", create_current_source_model("c", injection_code="injectCurrent(1.0);"),
        population)
    source.target_var = "Inope"
    with pytest.raises(Exception, match="target_var 'Inope'"):
        model.build()
        model.load()
