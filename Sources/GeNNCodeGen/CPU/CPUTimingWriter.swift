import GeNNModel

/// Timing counters of the CPU backend (GeNN's `timing_enabled`), written only for models
/// that ask for them: a steady clock read around each phase, summed in seconds into
/// `Model::timing` in ``CModuleInterface/timing``'s order. The CPU backend runs a synapse
/// population's dynamics, presynaptic and postsynaptic updates in one pass over each
/// target range, so the whole synapse phase counts as presynaptic update time; the clock
/// is read on the calling thread, once every chunk of the phase is done.
extension CPUModuleWriter {
  /// The number of counters, in ``TimingCounter``'s order.
  var timingCounters: Int { TimingCounter.count(of: model) }

  /// The clock, in the support code.
  mutating func writeTimingSupport() {
    guard model.timingEnabled else { return }
    line("// Seconds on a steady clock, for the timing counters.")
    line("inline double genn_seconds() {")
    line(
      "return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();"
    )
    line("}")
    line()
  }

  /// The fields of `Model` that hold the counters.
  mutating func writeTimingFields() {
    guard model.timingEnabled else { return }
    line("// Timing counters in seconds (genn_timing's order), and the end of the synapse phase.")
    line("double timing[\(timingCounters)] = {};")
    line("double synapsePhaseEnd = 0.0;")
  }

  /// In `genn_run`, once the synapse phase is done.
  mutating func writeSynapsePhaseEnd() {
    guard model.timingEnabled else { return }
    line("m.synapsePhaseEnd = genn_seconds();")
  }

  /// In `genn_run`, before a step.
  mutating func writeStepStart() {
    guard model.timingEnabled else { return }
    line("const double stepStart = genn_seconds();")
  }

  /// In `genn_run`, after a step: the synapse phase and the neuron phase.
  mutating func writeStepEnd() {
    guard model.timingEnabled else { return }
    line("const double stepEnd = genn_seconds();")
    if synapseGroups.isEmpty {
      line("m.timing[0] += stepEnd - stepStart;")
    } else {
      line("m.timing[1] += m.synapsePhaseEnd - stepStart;")
      line("m.timing[0] += stepEnd - m.synapsePhaseEnd;")
    }
  }

  /// A statement that runs `call` and, when timing, adds its time to custom update group
  /// `position`'s counter `timer`.
  mutating func writeTimedCustomUpdate(
    _ call: String, group position: Int, timer: CustomUpdateTimer
  ) {
    guard model.timingEnabled else {
      line(call)
      return
    }
    line("{")
    line("const double start = genn_seconds();")
    line(call)
    line("m.timing[\(timer.position(inGroup: position))] += genn_seconds() - start;")
    line("}")
  }

  /// `void genn_timing(void *state, double *out)`: copies the counters.
  mutating func writeTimingExport() {
    guard model.timingEnabled else { return }
    line(
      "GENN_EXPORT void \(CModuleInterface.timing)(void *model, double *out) {")
    line("const Model &m = *static_cast<const Model *>(model);")
    line("std::copy(m.timing, m.timing + \(timingCounters), out);")
    line("}")
    line()
  }
}
