"""Batches (``GeNNModel.batch_size``) on the CPU backend: PyGeNN's shapes, a batch axis
first on every variable with a copy per batch, and recorded spikes per batch; batch 0
is the unbatched model."""

from __future__ import annotations

import numpy as np
import pytest

import swiftgenn as pygenn
from swiftgenn import GeNNModel, create_var_ref, init_postsynaptic, init_weight_update



def loaded(model: GeNNModel, **load) -> GeNNModel:
    model.build()
    model.load(**load)
    return model

#: GeNN's MNIST tutorial 3's neurons: integrate-and-fire, counting their spikes.
IF_MODEL = pygenn.create_neuron_model(
    "if_model", params=["Vthr"], vars=[("V", "scalar"), ("SpikeCount", "unsigned int")],
    sim_code="V += Isyn * dt;", reset_code="V = 0.0;\nSpikeCount++;",
    threshold_condition_code="V >= Vthr")
CS_MODEL = pygenn.create_current_source_model(
    "cs_model", vars=[("magnitude", "scalar")], injection_code="injectCurrent(magnitude);")
RESET = pygenn.create_custom_update_model(
    "reset", var_refs=[("V", "scalar"), ("SpikeCount", "unsigned int")],
    update_code="V = 0.0;\nSpikeCount = 0;")


def tutorial(batch_size: int, name: str) -> tuple[GeNNModel, list, object]:
    """GeNN's MNIST inference tutorial 3's network, small: three layers, DENSE shared
    weights, an input current per batch and a reset custom update."""
    rng = np.random.default_rng(3)
    weights = [rng.uniform(-0.2, 1.0, (20, 12)), rng.uniform(-0.2, 1.0, (12, 4))]
    model = GeNNModel("float", name)
    model.dt = 1.0
    model.batch_size = batch_size
    sizes = [20, 12, 4]
    neurons = [model.add_neuron_population(f"neuron{i}", n, IF_MODEL, {"Vthr": 5.0},
                                           {"V": 0.0, "SpikeCount": 0})
               for i, n in enumerate(sizes)]
    for i, w in enumerate(weights):
        model.add_synapse_population(
            f"synapse_{i}_{i + 1}", "DENSE", neurons[i], neurons[i + 1],
            init_weight_update("StaticPulse", {}, {"g": w.flatten()}),
            init_postsynaptic("DeltaCurr"))
    current = model.add_current_source("current_input", CS_MODEL, neurons[0], {},
                                       {"magnitude": 0.0})
    for n in neurons:
        model.add_custom_update(f"{n.name}_reset", "Reset", RESET, {}, {},
                                {"V": create_var_ref(n, "V"),
                                 "SpikeCount": create_var_ref(n, "SpikeCount")})
    neurons[0].spike_recording_enabled = True
    return model, neurons, current


def test_each_batch_classifies_its_own_input_as_the_unbatched_model_does():
    images = np.random.default_rng(7).uniform(0.0, 1.0, (3, 20)).astype(np.float32)
    model, neurons, current = tutorial(3, "mnist_batched")
    loaded(model, num_recording_timesteps=30)
    assert current.vars["magnitude"].view.shape == (3, 20)
    assert neurons[2].vars["SpikeCount"].view.shape == (3, 4)
    current.vars["magnitude"].view[:] = images
    current.vars["magnitude"].push_to_device()
    model.custom_update("Reset")
    for _ in range(30):
        model.step_time()
    model.pull_recording_buffers_from_device()
    batched_counts = np.copy(neurons[2].vars["SpikeCount"].view)
    batched_spikes = neurons[0].spike_recording_data
    assert len(batched_spikes) == 3
    for batch, image in enumerate(images):
        alone, alone_neurons, alone_current = tutorial(1, f"mnist_alone_{batch}")
        loaded(alone, num_recording_timesteps=30)
        assert alone_current.vars["magnitude"].view.shape == (20,)
        alone_current.vars["magnitude"].view[:] = image
        for _ in range(30):
            alone.step_time()
        alone.pull_recording_buffers_from_device()
        np.testing.assert_array_equal(batched_counts[batch],
                                      alone_neurons[2].vars["SpikeCount"].view)
        times, ids = batched_spikes[batch]
        alone_times, alone_ids = alone_neurons[0].spike_recording_data[0]
        np.testing.assert_array_equal(times, alone_times)
        np.testing.assert_array_equal(ids, alone_ids)
    assert batched_counts.sum() > 0
    # The shared weights have no batch axis.
    synapses = model.synapse_populations["synapse_0_1"]
    assert synapses.vars["g"].view.shape == (240,)
    assert synapses.out_post.view.shape == (3, 12)
    model.custom_update("Reset")
    assert np.all(neurons[2].vars["SpikeCount"].view == 0)


def test_delayed_variables_have_the_batch_axis_first():
    model = GeNNModel("float", "batched_delays")
    model.batch_size = 2
    pre = model.add_neuron_population("Pre", 3, pygenn.create_neuron_model("silent"))
    post = model.add_neuron_population("Post", 3, "LIF", {
        "C": 1.0, "TauM": 20.0, "Vrest": -70.0, "Vreset": -70.0, "Vthresh": -51.0,
        "Ioffset": 0.0, "TauRefrac": 2.0}, {"V": -70.0, "RefracTime": 0.0})
    stdp_pre = pygenn.create_weight_update_model(
        "pre_trace", vars=[("g", "scalar", pygenn.VarAccess.READ_ONLY)],
        pre_vars=[("trace", "scalar")], pre_spike_code="trace += 1.0;",
        pre_spike_syn_code="addToPost(g * trace);")
    synapses = model.add_synapse_population(
        "S", "DENSE", pre, post,
        init_weight_update(stdp_pre, {}, {"g": 1.0}, {"trace": 0.0}),
        init_postsynaptic("DeltaCurr"))
    synapses.axonal_delay_steps = 3
    loaded(model)
    assert synapses.pre_vars["trace"].view.shape == (2, 4, 3)
    assert synapses.pre_vars["trace"].current_view.shape == (2, 3)
    assert post.vars["V"].view.shape == (2, 3)


def test_a_batch_the_model_does_not_run_is_an_error():
    model, neurons, _ = tutorial(2, "mnist_two")
    loaded(model, num_recording_timesteps=5)
    with pytest.raises(pygenn.GeNNError, match="there is no batch 2"):
        model._runtime.spikes("neuron0", 2)


def test_custom_connectivity_updates_move_every_batch_copy():
    """Removing a synapse moves the row's last synapse in every batch's copy of a
    per-batch variable; the shared weights move once."""
    prune = pygenn.create_custom_connectivity_update_model(
        "prune_first", row_update_code="""
        for_each_synapse {
            if(id_post == 0) {
                remove_synapse();
            }
        }
        """)
    plastic = pygenn.create_weight_update_model(
        "plastic", vars=[("w", "scalar"), ("g", "scalar", pygenn.VarAccess.READ_ONLY)])
    model = GeNNModel("float", "batched_ccu")
    model.batch_size = 2
    pre = model.add_neuron_population("Pre", 3, pygenn.create_neuron_model("quiet"))
    pre_ind = np.array([0, 0, 1, 1, 1])
    post_ind = np.array([0, 2, 0, 1, 2])
    synapses = model.add_synapse_population(
        "S", "SPARSE", pre, pre,
        init_weight_update(plastic, {}, {"w": 0.0, "g": 10.0 * pre_ind + post_ind}),
        init_postsynaptic("DeltaCurr"))
    synapses.set_sparse_connections(pre_ind, post_ind)
    model.add_custom_connectivity_update("Prune", "Structural", synapses, prune)
    loaded(model)
    w = np.stack([10.0 * pre_ind + post_ind, 100.0 + 10.0 * pre_ind + post_ind])
    synapses.vars["w"].values = w
    model.custom_update("Structural")
    kept = [1, 4, 3]  # row 0 keeps (0, 2); row 1's last synapse (1, 2) takes (1, 0)'s place
    np.testing.assert_array_equal(synapses.vars["w"].values, w[:, kept])
    np.testing.assert_array_equal(synapses.vars["g"].values, (10.0 * pre_ind + post_ind)[kept])
    np.testing.assert_array_equal(synapses.get_sparse_post_inds(), post_ind[kept])
