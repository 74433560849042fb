"""The views PyGeNN's API is written on: extra global parameters in place, the layout of
delay slots and SPARSE rows, the stored rows, spike-like events, pull and push."""

from __future__ import annotations

import numpy as np
import pytest

from swiftgenn import GeNNError, Model, Simulation

# Four counters adding their rate from extra global parameter `rates` each step, read
# with an axonal delay of 2 steps by a SPARSE population of listed synapses whose
# spike-like events (a counter at 3 or more) add `g * scale[0] * Vr` to `Post`; a current
# source and a custom update with extra global parameters of their own.
VIEWS = """\
name: py_views
precision: {precision}
dt: 1.0
neurons:
  Counters:
    size: 4
    model:
      vars: {{V: scalar}}
      extra_global_params: {{rates: scalar*}}
      sim_code: V += rates[id];
    vars: {{V: 0}}
    extra_global_params: {{rates: [1, 2, 3, 4]}}
    record_spike_events: true
  Post:
    size: 3
    model:
      vars: {{U: scalar}}
      sim_code: U += Isyn;
    vars: {{U: 0}}
current_sources:
  Drive:
    target: Post
    model:
      extra_global_params: {{amps: scalar*}}
      injection_code: injectCurrent(amps[id]);
    extra_global_params: {{amps: [0, 0, 0]}}
synapses:
  Sparse:
    source: Counters
    target: Post
    connectivity:
      pre: [2, 0, 2, 0, 3]
      post: [1, 2, 0, 0, 2]
    axonal_delay_steps: 2
    weight_update:
      model:
        vars: {{g: scalar}}
        extra_global_params: {{scale: scalar*}}
        pre_neuron_var_refs: {{Vr: scalar}}
        pre_event_threshold_condition_code: Vr >= 3.0
        pre_event_syn_code: addToPost(g * scale[0] * Vr);
      vars: {{g: [10, 20, 30, 40, 50]}}
      pre_var_refs: {{Vr: V}}
      extra_global_params: {{scale: [1.0]}}
custom_updates:
  Scale:
    group: Scale
    model:
      extra_global_params: {{factor: scalar*}}
      var_refs: {{r: scalar}}
      update_code: r *= factor[0];
    extra_global_params: {{factor: [2, 3]}}
    var_refs:
      r: {{population: Post, var: U}}
"""


def views(precision: str = "float") -> Simulation:
    return Simulation(Model(VIEWS.format(precision=precision), "views.yaml"))


@pytest.mark.parametrize("precision, dtype", [("float", np.float32), ("double", np.float64)])
def test_a_write_through_an_extra_global_parameter_is_seen_by_the_next_step(precision, dtype):
    simulation = views(precision)
    rates = simulation.extra_global_param("Counters", "rates")
    assert rates.dtype == dtype and list(rates) == [1, 2, 3, 4]
    rates[0] = 100.0
    simulation.step(2)
    V = simulation.variable("Counters", "V")
    assert list(V[simulation.variable_layout("Counters", "V").latest]) == [200, 4, 6, 8]


def test_every_kind_of_element_has_its_extra_global_parameters():
    simulation = views()
    sizes = {
        ("Drive", "amps"): 3,
        ("Sparse", "scale"): 1,
        ("Scale", "factor"): 2,
    }
    for (element, name), size in sizes.items():
        assert simulation.extra_global_param(element, name).shape == (size,)
    # The custom update reads its parameter in place too.
    simulation.variable("Post", "U")[:] = 1.0
    simulation.extra_global_param("Scale", "factor")[0] = 5.0
    simulation.custom_update("Scale")
    assert list(simulation.variable("Post", "U")) == [5.0, 5.0, 5.0]


def test_the_latest_slot_of_a_delayed_variable_moves_on_each_step():
    simulation = views()
    V = simulation.variable("Counters", "V")
    for steps in range(5):
        layout = simulation.variable_layout("Counters", "V")
        assert (layout.slots, layout.slot_size, layout.rows) == (3, 4, 0)
        assert layout.latest_slot == steps % 3
        assert list(V[layout.latest]) == [steps * rate for rate in (1, 2, 3, 4)]
        simulation.step()
    assert simulation.variable_layout("Post", "U").slots == 1


def test_sparse_rows_give_synapses_in_pygenns_order():
    simulation = views()
    rows = simulation.sparse_rows("Sparse")
    assert rows.row_stride == 2 and list(rows.row_length) == [2, 0, 2, 1]
    assert list(rows.pre_inds) == [0, 0, 2, 2, 3]
    assert list(rows.post_inds) == [0, 2, 0, 1, 2]
    # Three targets: the rows store 8-bit indices; the indices come back as PyGeNN's uint32.
    assert rows.ind.dtype == np.uint8 and rows.post_inds.dtype == np.uint32
    g = simulation.variable("Sparse", "g")
    layout = simulation.variable_layout("Sparse", "g")
    assert (layout.rows, layout.row_stride, g.shape) == (4, 2, (8,))
    assert list(g[rows.positions]) == [40, 20, 30, 10, 50]


def test_spike_events_come_back_as_arrays():
    simulation = views()
    simulation.step(3)
    times, ids = simulation.spike_events("Sparse")
    assert list(times) == [0, 0, 1, 1, 1, 2, 2, 2, 2]
    assert list(ids) == [2, 3, 1, 2, 3, 0, 1, 2, 3]
    with pytest.raises(GeNNError, match="not being recorded"):
        simulation.spike_events("Sparse", "post")
    with pytest.raises(GeNNError, match="available: pre, post"):
        simulation.spike_events("Sparse", "both")


def test_pull_and_push_check_the_name_and_have_nothing_to_copy_on_the_cpu():
    simulation = views()
    simulation.pull("Counters", "V")
    simulation.push("Counters", "rates")
    with pytest.raises(GeNNError, match="its variables: U; its extra global parameters: none"):
        simulation.pull("Post", "rates")


def test_unknown_names_say_what_there_is():
    simulation = views()
    with pytest.raises(GeNNError, match="has no extra global parameter 'V'; it has: rates"):
        simulation.extra_global_param("Counters", "V")
    with pytest.raises(GeNNError, match="the model has: Counters, Post, Drive, Sparse, Scale"):
        simulation.extra_global_param("Nope", "x")
    with pytest.raises(GeNNError, match="'Counters'; the model has: Sparse"):
        simulation.sparse_rows("Counters")
