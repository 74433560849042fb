"""PyGeNN's API over SwiftGeNN: what GeNN's own feature tests do not cover. Views are
views, errors say where, values keep their order, models do not share state, unload
frees memory, and what SwiftGeNN lacks is a NotImplementedError naming it."""

from __future__ import annotations

import gc
from pathlib import Path

import numpy as np
import pytest

import swiftgenn as pygenn
from swiftgenn import (
    GeNNError,
    GeNNModel,
    create_custom_update_model,
    create_neuron_model,
    create_var_ref,
    create_wu_var_ref,
    init_postsynaptic,
    init_sparse_connectivity,
    init_var,
    init_weight_update,
    neuron_models,
)

COUNTER = create_neuron_model(
    "counter",
    params=["step"],
    vars=[("x", "scalar")],
    sim_code="x += step;",
    threshold_condition_code="x >= 3.0",
    reset_code="x = 0.0;",
)

EMPTY = create_neuron_model("empty")

LIF_PARAMS = {"C": 0.25, "TauM": 10.0, "Vrest": -65.0, "Vreset": -65.0, "Vthresh": -50.0,
              "Ioffset": 0.0, "TauRefrac": 2.0}


def loaded(model: GeNNModel, **load) -> GeNNModel:
    model.build()
    model.load(**load)
    return model


def test_a_write_through_a_view_is_seen_by_the_next_step():
    model = GeNNModel("float", "views")
    population = model.add_neuron_population("Counters", 4, COUNTER, {"step": 0.5}, {"x": 0.0})
    loaded(model)
    view = population.vars["x"].view
    view[:] = [0.0, 1.0, 2.0, 2.5]
    model.step_time()
    assert np.array_equal(population.vars["x"].view, [0.5, 1.5, 2.5, 0.0])
    assert view.base is not None and np.shares_memory(view, population.vars["x"].view)


def test_values_given_as_arrays_start_each_element():
    model = GeNNModel("double", "arrays")
    population = model.add_neuron_population("Counters", 3, COUNTER, {"step": 0.0},
                                              {"x": np.array([0.25, 0.5, 0.75])})
    loaded(model)
    assert population.vars["x"].view.dtype == np.float64
    assert np.array_equal(population.vars["x"].values, [0.25, 0.5, 0.75])


def test_code_errors_name_the_code_string_line_and_column():
    model = GeNNModel("float", "typo")
    broken = create_neuron_model("broken", params=["tau"], vars=[("V", "scalar")],
                                 sim_code="V *= 0.5;\nV += tauu;")
    model.add_neuron_population("Pop", 2, broken, {"tau": 1.0}, {"V": 0.0})
    with pytest.raises(GeNNError) as raised:
        model.build()
    message = str(raised.value)
    assert message.startswith("sim_code:2:6: error: neuron population 'Pop'")
    assert "unknown name 'tauu'; did you mean 'tau'?" in message


def test_a_missing_parameter_lists_the_model_parameters():
    model = GeNNModel("float", "params")
    with pytest.raises(ValueError, match=r"no value for parameter 'TauRefrac'; its parameters "
                                         r"are: C, TauM, Vrest, Vreset, Vthresh, Ioffset, TauRefrac"):
        params = dict(LIF_PARAMS)
        del params["TauRefrac"]
        model.add_neuron_population("E", 10, "LIF", params, {"V": -65.0, "RefracTime": 0.0})


def test_an_unknown_built_in_lists_the_built_ins():
    with pytest.raises(ValueError, match="unknown built-in neuron 'LIFF'; SwiftGeNN has: .*LIF"):
        GeNNModel().add_neuron_population("E", 10, "LIFF", {}, {})


def test_built_in_models_list_their_fields():
    lif = neuron_models.LIF()
    assert [p.name for p in lif.get_params()] == list(LIF_PARAMS)
    assert [v.name for v in lif.get_vars()] == ["V", "RefracTime"]
    assert "LIF" in dir(neuron_models)
    assert [e.name for e in pygenn.neuron_models.SpikeSourceArray().get_extra_global_params()] \
        == ["spikeTimes"]
    assert [p.name for p in pygenn.postsynaptic_models.ExpCond().get_params()] == ["tau", "E"]
    assert "Uniform" in dir(pygenn.init_var_snippets)


def test_derived_parameters_are_python_callables():
    decay = create_neuron_model(
        "decay", params=["tau"], vars=[("x", "scalar")],
        derived_params=[("factor", lambda pars, dt: np.exp(-dt / pars["tau"]))],
        sim_code="x *= factor;")
    model = GeNNModel("double", "derived")
    model.dt = 0.25
    population = model.add_neuron_population("Pop", 1, decay, {"tau": 5.0}, {"x": 1.0})
    loaded(model)
    model.step_time()
    assert population.vars["x"].view[0] == np.exp(-0.25 / 5.0)


def test_legacy_dollar_syntax_is_upgraded_with_a_warning():
    with pytest.warns(FutureWarning, match="Legacy"):
        legacy = create_neuron_model("legacy", vars=[("x", "scalar")], sim_code="$(x) += 1.0;")
    assert legacy.get_sim_code() == "x += 1.0;"


def test_sparse_values_follow_the_pairs_given():
    model = GeNNModel("double", "sparse")
    pre = model.add_neuron_population("Pre", 4, EMPTY)
    post = model.add_neuron_population("Post", 3, EMPTY)
    pre_ind = np.array([3, 0, 2, 0, 3])
    post_ind = np.array([1, 2, 0, 0, 2])
    g = 10.0 * pre_ind + post_ind
    synapses = model.add_synapse_population(
        "S", "SPARSE", pre, post, init_weight_update("StaticPulse", {}, {"g": g}),
        init_postsynaptic("DeltaCurr"))
    synapses.set_sparse_connections(pre_ind, post_ind)
    loaded(model)
    rows = synapses.get_sparse_pre_inds()
    columns = synapses.get_sparse_post_inds()
    values = synapses.vars["g"].values
    assert sorted(zip(rows, columns)) == sorted(zip(pre_ind, post_ind))
    assert np.array_equal(values, 10.0 * rows + columns)
    synapses.vars["g"].values = values * 2
    assert np.array_equal(synapses.vars["g"].values, 20.0 * rows + 2 * columns)


def test_dense_weights_are_a_flat_view():
    model = GeNNModel("float", "dense")
    pre = model.add_neuron_population("Pre", 2, EMPTY)
    post = model.add_neuron_population("Post", 3, EMPTY)
    synapses = model.add_synapse_population(
        "S", "DENSE", pre, post,
        init_weight_update("StaticPulse", {}, {"g": init_var("Constant", {"constant": 0.5})}),
        init_postsynaptic("DeltaCurr"))
    loaded(model)
    assert synapses.vars["g"].view.shape == (6,)
    assert np.all(synapses.vars["g"].view == 0.5)


def test_custom_update_writes_through_a_reference():
    double = create_custom_update_model("double", var_refs=[("X", "scalar")],
                                        update_code="X *= 2.0;")
    model = GeNNModel("float", "custom")
    population = model.add_neuron_population("Counters", 3, COUNTER, {"step": 0.0},
                                             {"x": np.array([1.0, 2.0, 0.5])})
    model.add_custom_update("Double", "Scale", double, {}, {},
                            {"X": create_var_ref(population, "x")})
    loaded(model)
    model.custom_update("Scale")
    assert np.array_equal(population.vars["x"].view, [2.0, 4.0, 1.0])


def recording_counters(name: str):
    """Two counters that spike every third step (dt 1 ms), loaded with a recording
    window of 6 steps."""
    model = GeNNModel("float", name)
    model.dt = 1.0
    population = model.add_neuron_population("Counters", 2, COUNTER, {"step": 1.0},
                                             {"x": np.array([0.0, 1.0])})
    population.spike_recording_enabled = True
    loaded(model, num_recording_timesteps=6)
    return model, population


def test_recorded_spikes_of_the_last_window():
    model, population = recording_counters("recording")
    for _ in range(12):
        model.step_time()
    model.pull_recording_buffers_from_device()
    times, ids = population.spike_recording_data[0]
    # Neuron 1 reaches 3 after steps 2, 5, 8, 11 (t = 1, 4, 7, 10); neuron 0 at t = 2, 5, 8, 11.
    window = sorted(zip(times.tolist(), ids.tolist()))
    assert window == [(7.0, 1), (8.0, 0), (10.0, 1), (11.0, 0)]


def test_two_models_in_one_process_do_not_share_state():
    first = GeNNModel("float", "first")
    second = GeNNModel("float", "second")
    a = first.add_neuron_population("Counters", 2, COUNTER, {"step": 0.25}, {"x": 0.0})
    b = second.add_neuron_population("Counters", 2, COUNTER, {"step": 1.0}, {"x": 0.0})
    loaded(first)
    loaded(second)
    first.step_time()
    second.step_time()
    second.step_time()
    assert np.all(a.vars["x"].view == 0.25)
    assert np.all(b.vars["x"].view == 2.0)
    assert (first.timestep, second.timestep) == (1, 2)


def test_a_model_built_twice_comes_from_the_build_cache(tmp_path):
    def build(folder):
        model = GeNNModel("float", "cached")
        model.seed = 11
        model.add_neuron_population("Counters", 2, COUNTER, {"step": 0.25}, {"x": 0.0})
        model.build(str(folder))
        model.load()
        return model

    build(tmp_path / "a")
    again = build(tmp_path / "b")
    assert again.build_info["cache_hit"]
    assert again.build_info["compile_seconds"] == 0


def test_a_new_seed_draws_new_numbers_from_the_same_build(tmp_path):
    """Seed 0 draws a new seed at each build, as in GeNN; the seed is given at load, so
    the code is the same and comes from the build cache."""
    def build(folder, seed):
        model = GeNNModel("float", "reseeded")
        model.seed = seed
        population = model.add_neuron_population(
            "Counters", 100, COUNTER, {"step": 0.25},
            {"x": init_var("Uniform", {"min": 0.0, "max": 1.0})})
        model.build(str(folder))
        model.load()
        return model, population.vars["x"].values

    _, first = build(tmp_path / "a", 0)
    again, second = build(tmp_path / "b", 0)
    assert again.build_info["cache_hit"]
    assert not np.array_equal(first, second)
    _, seven = build(tmp_path / "c", 7)
    seven_again, seven_second = build(tmp_path / "d", 7)
    assert seven_again.build_info["cache_hit"]
    assert np.array_equal(seven, seven_second)


def resident_bytes() -> int:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096


@pytest.mark.skipif(not __import__("os").path.exists("/proc/self/statm"), reason="Linux only")
def test_unload_frees_the_simulation_memory():
    model = GeNNModel("double", "big")
    population = model.add_neuron_population("Big", 8_000_000, COUNTER, {"step": 1.0},
                                              {"x": 0.0})
    loaded(model)
    population.vars["x"].view[:] = 1.0  # touch every page
    before = resident_bytes()
    model.unload()
    gc.collect()
    assert before - resident_bytes() > 48_000_000
    with pytest.raises(RuntimeError, match="no memory until the model is loaded"):
        population.vars["x"].view
    loaded_again = model
    loaded_again.load()
    assert np.all(population.vars["x"].view == 0.0)


def test_unload_keeps_arrays_the_user_still_holds_valid():
    model = GeNNModel("float", "held")
    population = model.add_neuron_population("Counters", 3, COUNTER, {"step": 1.0}, {"x": 2.0})
    loaded(model)
    held = population.vars["x"].view
    model.unload()
    gc.collect()
    assert np.all(held == 2.0)


def test_what_swiftgenn_lacks_is_a_not_implemented_error_naming_it():
    """Device pointers for CuPy (``__cuda_array_interface__``) are not there yet."""
    model = GeNNModel("float", "lacking")
    population = model.add_neuron_population("E", 1, "LIF", LIF_PARAMS,
                                              {"V": -65.0, "RefracTime": 0.0})
    loaded(model)
    with pytest.raises(NotImplementedError, match="__cuda_array_interface__"):
        population.vars["V"].__cuda_array_interface__


def test_transposes_come_only_from_synapse_populations():
    """As PyGeNN's overloads: a transpose is written from a synapse population's
    variable into another synapse population's, never from a custom update's."""
    model = GeNNModel("float", "transposes")
    pre = model.add_neuron_population("Pre", 2, EMPTY)
    post = model.add_neuron_population("Post", 3, EMPTY)
    forward = model.add_synapse_population(
        "Forward", "DENSE", pre, post,
        init_weight_update("StaticPulse", {}, {"g": 1.0}), init_postsynaptic("DeltaCurr"))
    backward = model.add_synapse_population(
        "Backward", "DENSE", post, pre,
        init_weight_update("StaticPulse", {}, {"g": 0.0}), init_postsynaptic("DeltaCurr"))
    scale = create_custom_update_model("scale", vars=[("s", "scalar")],
                                       var_refs=[("g", "scalar")], update_code="g *= s;")
    update = model.add_custom_update("Scale", "Learn", scale, {}, {"s": 2.0},
                                     {"g": create_wu_var_ref(forward, "g")})
    assert create_wu_var_ref(forward, "g", backward, "g").target["transpose"] == {
        "synapses": "Backward", "var": "g"}
    with pytest.raises(TypeError, match="only from a synapse population"):
        create_wu_var_ref(update, "s", backward, "g")


def test_integer_values_must_fit_their_type():
    counter = create_neuron_model("index", vars=[("i", "uint8_t")])
    model = GeNNModel("float", "integers")
    model.add_neuron_population("Pop", 2, counter, {}, {"i": np.array([1, 300])})
    model.build()
    with pytest.raises(ValueError, match=r"'Pop': variable 'i' holds uint8 values \(0 to 255\), "
                                         r"but element 1 is 300"):
        model.load()


def test_connectivity_snippets_and_values_from_snippets():
    model = GeNNModel("float", "snippets")
    model.seed = 7
    pre = model.add_neuron_population("Pre", 50, EMPTY)
    post = model.add_neuron_population("Post", 50, EMPTY)
    synapses = model.add_synapse_population(
        "S", "SPARSE", pre, post,
        init_weight_update("StaticPulse", {}, {"g": init_var("Uniform", {"min": 1.0, "max": 2.0})}),
        init_postsynaptic("ExpCurr", {"tau": 5.0}),
        init_sparse_connectivity("FixedNumberPostWithReplacement", {"num": 4}))
    loaded(model)
    assert np.array_equal(np.bincount(synapses.get_sparse_pre_inds(), minlength=50),
                          np.full(50, 4))
    g = synapses.vars["g"].values
    assert g.shape == (200,) and np.all((g >= 1.0) & (g <= 2.0))


@pytest.mark.parametrize("name", ["../escape", "a-b", "", "x" * 101, "with space"])
def test_names_that_could_leave_the_build_folder_are_refused(name):
    with pytest.raises(ValueError, match="not valid; use 1 to 100 letters, digits and '_'"):
        GeNNModel("float", "names").add_neuron_population(name, 1, EMPTY)
    with pytest.raises(ValueError, match="model name"):
        GeNNModel("float", name)


def test_names_in_genn_style_work():
    model = GeNNModel("float", "genn_style")
    layer = model.add_neuron_population("23E", 3, COUNTER, {"step": 1.0}, {"x": 0.0})
    loaded(model)
    model.step_time()
    assert np.all(layer.vars["x"].view == 1.0)


def test_typed_parameters_have_integer_arithmetic():
    halve = create_neuron_model("halve", params=[("d", "int"), "scale"], vars=[("x", "scalar")],
                                sim_code="x = (d / 2) * scale;")
    model = GeNNModel("float", "typed")
    population = model.add_neuron_population("Pop", 1, halve, {"d": 5, "scale": 1.0},
                                             {"x": 0.0})
    loaded(model)
    model.step_time()
    assert population.vars["x"].view[0] == 2.0


@pytest.mark.parametrize("matrix_type", ["DENSE_PROCEDURALG", "PROCEDURAL"])
def test_procedural_weights_load_without_views(matrix_type):
    model = GeNNModel("float", "procedural")
    pre = model.add_neuron_population("Pre", 4, EMPTY)
    post = model.add_neuron_population("Post", 4, EMPTY)
    connectivity = (None if matrix_type == "DENSE_PROCEDURALG"
                    else init_sparse_connectivity("FixedProbability", {"prob": 0.5}))
    synapses = model.add_synapse_population(
        "S", matrix_type, pre, post,
        init_weight_update("StaticPulse", {}, {"g": init_var("Constant", {"constant": 0.5})}),
        init_postsynaptic("DeltaCurr"), connectivity)
    loaded(model)
    model.step_time()
    with pytest.raises(RuntimeError, match=f"the weights of a {matrix_type} matrix are computed"):
        synapses.vars["g"].values


def test_extra_global_parameter_names_cannot_name_files_outside_the_build_folder():
    escaping = create_neuron_model("escaping", extra_global_params=[("../../x", "scalar*")])
    model = GeNNModel("float", "egp_names")
    population = model.add_neuron_population("Pop", 1, escaping)
    population.extra_global_params["../../x"].set_init_values([1.0])
    with pytest.raises(ValueError, match="'../../x' is not a valid name"):
        model.build()
    assert not list(Path.cwd().parent.glob("x.npy"))


def test_custom_connectivity_update_values_and_references_follow_the_synapses():
    """Per-synapse values given as arrays (in the order of the pairs given) move with
    their synapses; a custom update reaches the update's presynaptic variable through
    create_pre_var_ref and its per-synapse variable through create_wu_var_ref."""
    prune = pygenn.create_custom_connectivity_update_model(
        "prune", vars=[("age", "scalar")], pre_vars=[("drop", "unsigned int")],
        row_update_code="""
        for_each_synapse {
            if(id_post == drop) {
                remove_synapse();
            }
        }
        """)
    count = create_custom_update_model(
        "count", var_refs=[("d", "unsigned int")], update_code="d = (d + 1) % 3;")
    grow = create_custom_update_model("grow", var_refs=[("a", "scalar")], update_code="a += 0.5;")
    model = GeNNModel("double", "ccu_python")
    pre = model.add_neuron_population("Pre", 3, EMPTY)
    post = model.add_neuron_population("Post", 3, EMPTY)
    pre_ind = np.array([2, 0, 1, 0, 2])
    post_ind = np.array([0, 1, 2, 2, 1])
    synapses = model.add_synapse_population(
        "S", "SPARSE", pre, post,
        init_weight_update("StaticPulse", {}, {"g": 10.0 * pre_ind + post_ind}),
        init_postsynaptic("DeltaCurr"))
    synapses.set_sparse_connections(pre_ind, post_ind)
    ccu = model.add_custom_connectivity_update(
        "Prune", "Structural", synapses, prune, {}, {"age": 100.0 * pre_ind + post_ind},
        {"drop": np.array([2, 0, 1])})
    model.add_custom_update("Count", "Count", count, {}, {},
                            {"d": pygenn.create_pre_var_ref(ccu, "drop")})
    model.add_custom_update("Grow", "Count", grow, {}, {},
                            {"a": pygenn.create_wu_var_ref(ccu, "age")})
    with pytest.raises(TypeError, match="create_pre_var_ref"):
        create_var_ref(ccu, "age")
    loaded(model)
    model.custom_update("Structural")
    synapses.pull_connectivity_from_device()
    rows = synapses.get_sparse_pre_inds()
    columns = synapses.get_sparse_post_inds()
    # Row 0 drops its synapse to 2, row 2 its synapse to 1; row 1 has no synapse to 0.
    assert sorted(zip(rows, columns)) == [(0, 1), (1, 2), (2, 0)]
    assert np.array_equal(synapses.vars["g"].values, 10.0 * rows + columns)
    assert np.array_equal(ccu.vars["age"].values, 100.0 * rows + columns)
    model.custom_update("Count")
    assert np.array_equal(ccu.pre_vars["drop"].view, [0, 1, 2])
    assert np.array_equal(ccu.vars["age"].values, 100.0 * rows + columns + 0.5)


def test_custom_connectivity_update_reads_and_writes_referenced_egps():
    """A custom connectivity update reaches a population's extra global parameter through
    egp_refs in its host and row update code, and a custom update reads the custom
    connectivity update's own extra global parameter through create_egp_ref."""
    masked = create_neuron_model("masked", vars=[("n", "unsigned int")],
                                 extra_global_params=[("mask", "uint32_t*")])
    prune = pygenn.create_custom_connectivity_update_model(
        "prune_masked", extra_global_params=[("removed", "uint32_t*")],
        extra_global_param_refs=[("rowMask", "uint32_t*")],
        row_update_code="""
        for_each_synapse {
            if(rowMask[id_pre] & (1u << id_post)) {
                remove_synapse();
                removed[id_pre]++;
            }
        }
        rowMask[id_pre] = 0;
        """,
        host_update_code="""
        for(unsigned int i = 0; i < num_pre; i++) {
            rowMask[i] |= (1u << i);
        }
        """)
    copy = create_custom_update_model(
        "copy_removed", var_refs=[("n", "unsigned int")],
        extra_global_param_refs=[("r", "uint32_t*")], update_code="n = r[id];")
    model = GeNNModel("double", "ccu_egp_ref_python")
    pre = model.add_neuron_population("Pre", 4, masked, {}, {"n": 0})
    pre.extra_global_params["mask"].set_init_values(
        np.array([0b1010, 0b0100, 0, 0b0001], dtype=np.uint32))
    post = model.add_neuron_population("Post", 4, EMPTY)
    synapses = model.add_synapse_population(
        "S", "SPARSE", pre, post, init_weight_update("StaticPulse", {}, {"g": 1.0}),
        init_postsynaptic("DeltaCurr"))
    synapses.set_sparse_connections(np.repeat(np.arange(4), 4), np.tile(np.arange(4), 4))
    with pytest.raises(ValueError, match="no extra global parameter reference 'mask'"):
        model.add_custom_connectivity_update(
            "Wrong", "Prune", synapses, prune,
            egp_refs={"mask": pygenn.create_egp_ref(pre, "mask")})
    ccu = model.add_custom_connectivity_update(
        "Prune", "Prune", synapses, prune,
        egp_refs={"rowMask": pygenn.create_egp_ref(pre, "mask")})
    ccu.extra_global_params["removed"].set_init_values(np.zeros(4, dtype=np.uint32))
    model.add_custom_update("Count", "Count", copy, {}, {}, {"n": create_var_ref(pre, "n")},
                            egp_refs={"r": pygenn.create_egp_ref(ccu, "removed")})
    loaded(model)
    model.custom_update("Prune")
    model.custom_update("Count")
    synapses.pull_connectivity_from_device()
    # With the diagonal bits the masks are 1011, 0110, 0100 and 1001.
    assert sorted(zip(synapses.get_sparse_pre_inds(), synapses.get_sparse_post_inds())) == [
        (0, 2), (1, 0), (1, 3), (2, 0), (2, 1), (2, 3), (3, 1), (3, 2)]
    assert np.array_equal(pre.extra_global_params["mask"].view, [0, 0, 0, 0])
    assert np.array_equal(pre.vars["n"].view, [3, 2, 1, 2])


def _growing_model(max_connections=None) -> tuple[GeNNModel, object]:
    grow = pygenn.create_custom_connectivity_update_model(
        "grow", row_update_code="""
        for(unsigned int j = 0; j < num_post; j++) {
            bool present = false;
            for_each_synapse {
                if(id_post == j) {
                    present = true;
                }
            }
            if(!present) {
                add_synapse(j);
            }
        }
        """)
    model = GeNNModel("double", f"ccu_room_{max_connections}")
    pre = model.add_neuron_population("Pre", 2, EMPTY)
    post = model.add_neuron_population("Post", 5, EMPTY)
    synapses = model.add_synapse_population(
        "S", "SPARSE", pre, post, init_weight_update("StaticPulse", {}, {"g": 1.0}),
        init_postsynaptic("DeltaCurr"))
    synapses.set_sparse_connections(np.array([0, 1]), np.array([3, 1]))
    synapses.max_connections = max_connections
    model.add_custom_connectivity_update("Grow", "Structural", synapses, grow)
    return loaded(model), synapses


def test_listed_synapses_have_room_for_one_synapse_per_target_as_in_genn():
    model, synapses = _growing_model()
    model.custom_update("Structural")
    synapses.pull_connectivity_from_device()
    assert sorted(zip(synapses.get_sparse_pre_inds(), synapses.get_sparse_post_inds())) == [
        (i, j) for i in range(2) for j in range(5)]


def test_adding_to_a_full_row_is_an_error_naming_max_connections():
    model, _ = _growing_model(max_connections=3)
    with pytest.raises(GeNNError, match=r"add_synapse found its row full 4 times.*max_connections"):
        model.custom_update("Structural")


def test_snippet_extra_global_params_have_views_after_load():
    """As PyGeNN: after ``load`` a variable-initialisation snippet's extra global
    parameters and a connectivity snippet's are views of the arrays the snippets read."""
    from_table = pygenn.create_var_init_snippet(
        "from_table", var_init_code="value = table[id];", extra_global_params=[("table", "scalar*")])
    diagonal = pygenn.create_sparse_connect_init_snippet(
        "listed", row_build_code="addSynapse(targets[id_pre]);",
        calc_max_row_len_func=lambda num_pre, num_post, pars: 1,
        extra_global_params=[("targets", "unsigned int*")])
    model = GeNNModel("double", "snippet_egp_views")
    counter_vars = {"x": init_var(from_table)}
    pre = model.add_neuron_population("Pre", 3, COUNTER, {"step": 0.0}, counter_vars)
    pre.vars["x"].extra_global_params["table"].set_init_values([0.5, 1.5, 2.5])
    post = model.add_neuron_population("Post", 3, EMPTY)
    synapses = model.add_synapse_population(
        "S", "SPARSE", pre, post, init_weight_update("StaticPulse", {}, {"g": 1.0}),
        init_postsynaptic("DeltaCurr"), init_sparse_connectivity(diagonal))
    synapses.connectivity_extra_global_params["targets"].set_init_values(
        np.array([2, 0, 1], dtype=np.uint32))
    loaded(model)
    table = pre.vars["x"].extra_global_params["table"]
    assert np.array_equal(table.view, [0.5, 1.5, 2.5])
    assert np.array_equal(synapses.connectivity_extra_global_params["targets"].view, [2, 0, 1])
    assert np.array_equal(pre.vars["x"].view, [0.5, 1.5, 2.5])
    assert sorted(zip(synapses.get_sparse_pre_inds(), synapses.get_sparse_post_inds())) == [
        (0, 2), (1, 0), (2, 1)]


def _converging(fuse: bool) -> tuple[GeNNModel, list]:
    """Three Poisson-like counters onto one LIF population through three DENSE
    populations with alike DeltaCurr models and dyadic weights: every input sum is exact,
    so a fused run must give the unfused run's spikes."""
    model = GeNNModel("float", f"converging_{'fused' if fuse else 'unfused'}")
    model.fuse_postsynaptic_models = fuse
    post = model.add_neuron_population("Post", 8, "LIF", LIF_PARAMS,
                                       {"V": -65.0, "RefracTime": 0.0})
    post.spike_recording_enabled = True
    groups = []
    for index, step in enumerate([0.5, 0.75, 1.0]):
        pre = model.add_neuron_population(f"Pre{index}", 4, COUNTER, {"step": step}, {"x": 0.0})
        groups.append(model.add_synapse_population(
            f"Syn{index}", "DENSE", pre, post,
            init_weight_update("StaticPulse", {}, {"g": 2.0 ** (2 - index)}),
            init_postsynaptic("DeltaCurr")))
    loaded(model, num_recording_timesteps=200)
    return model, groups


def test_fused_postsynaptic_models_share_one_input_and_keep_the_spikes():
    fused, fused_groups = _converging(True)
    unfused, unfused_groups = _converging(False)
    for model in (fused, unfused):
        while model.timestep < 200:
            model.step_time()
        model.pull_recording_buffers_from_device()
    fused_times, fused_ids = fused.neuron_populations["Post"].spike_recording_data[0]
    unfused_times, unfused_ids = unfused.neuron_populations["Post"].spike_recording_data[0]
    assert len(fused_times) > 10
    assert np.array_equal(fused_times, unfused_times)
    assert np.array_equal(fused_ids, unfused_ids)
    # Every fused population views the set's one input; unfused ones have their own.
    assert all(np.shares_memory(g.out_post.view, fused_groups[-1].out_post.view)
               for g in fused_groups)
    assert not np.shares_memory(unfused_groups[0].out_post.view,
                                unfused_groups[-1].out_post.view)


def test_genn_5_4_preferences_are_accepted_and_others_listed():
    # GeNN 5.4's PreferencesBase and CUDA preferences (GeNN's superspike_demo.py passes
    # the misspelt generateLineInfo, which GeNN 5.4 refuses too).
    GeNNModel(
        "float", "preferences", generate_line_info=True, enable_nvtx=False,
        optimize_code=True, runtime_log_level=None, manual_block_sizes={})
    with pytest.raises(ValueError, match="Unknown preference 'generateLineInfo'.*generate_line_info"):
        GeNNModel("float", "preferences", generateLineInfo=True)


def test_the_recording_window_is_the_latest_steps_run_across_trials():
    # Trial-based scripts (GeNN's superspike_demo.py) set timestep back to 0 before each
    # trial and pull after it: each pull gives that trial's spikes only, as GeNN's
    # recording buffers of num_recording_timesteps steps do.
    model, population = recording_counters("trials")
    counts = []
    for _ in range(50):
        model.timestep = 0
        for _ in range(6):
            model.step_time()
        model.pull_recording_buffers_from_device()
        times, ids = population.spike_recording_data[0]
        assert np.all((times >= 0.0) & (times < 6.0))
        counts.append(len(times))
    # Each neuron spikes every third step: 4 spikes in every 6-step trial.
    assert counts == [4] * 50
    assert len(model._runtime.spikes("Counters")[0]) == 4
