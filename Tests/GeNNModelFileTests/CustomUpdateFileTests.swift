import Foundation
import GeNNModel
import GeNNModelFile
import Testing

/// Custom updates in model files: every kind of variable reference, inline and built-in
/// models, the run schedule, recording their variables, and errors at their positions.
@Suite struct CustomUpdateFileTests {
  static let network = """
    neurons:
      E:
        size: 3
        model: LIF
        params: {C: 1, TauM: 20, Vrest: -65, Vreset: -70, Vthresh: -50, Ioffset: 0, TauRefrac: 2}
        vars: {V: -65, RefracTime: 0}
      F:
        size: 2
        model: LIF
        params: {C: 1, TauM: 20, Vrest: -65, Vreset: -70, Vthresh: -50, Ioffset: 0, TauRefrac: 2}
        vars: {V: -65, RefracTime: 0}
    current_sources:
      Noise:
        model: PoissonExp
        target: E
        params: {weight: 1, tauSyn: 5, rate: 10}
        vars: {current: 0}
    synapses:
      EF:
        source: E
        target: F
        matrix_type: DENSE
        weight_update:
          model:
            vars: {g: scalar}
            pre_vars: {x: scalar}
            post_vars: {y: scalar}
            pre_spike_syn_code: |
              addToPost(g);
          vars: {g: 0.1}
          pre_vars: {x: 0}
          post_vars: {y: 0}
        postsynaptic:
          model:
            vars: {z: scalar}
            sim_code: |
              injectCurrent(inSyn);
              inSyn = 0;
          vars: {z: 0}
      FE:
        source: F
        target: E
        matrix_type: DENSE
        weight_update: {model: StaticPulse, vars: {g: 0}}

    """

  /// A custom update model with one read-write reference `r` that sets it to `value`.
  static func setter(_ name: String, group: String, reference: String) -> String {
    """
      \(name):
        group: \(group)
        model:
          params: [value]
          var_refs: {r: scalar}
          update_code: |
            r = value;
        params: {value: 1}
        var_refs:
          r: \(reference)

    """
  }

  @Test func everyKindOfReference() throws {
    let file = try ModelFile.load(path: Fixtures.path("custom-update-references.yaml"))
    let model = file.model
    #expect(model.customUpdates.count == 9)
    func target(_ name: String, _ reference: String = "r") -> CustomUpdateTarget? {
      model.customUpdate(named: name)?.varRefs[reference]
    }
    #expect(target("SetV") == .neuronVariable(population: "E", variable: "V"))
    #expect(target("SetCurrent") == .currentSourceVariable(source: "Noise", variable: "current"))
    #expect(target("SetPre") == .weightUpdatePreVariable(synapses: "EF", variable: "x"))
    #expect(target("SetPost") == .weightUpdatePostVariable(synapses: "EF", variable: "y"))
    #expect(target("SetPSM") == .postsynapticVariable(synapses: "EF", variable: "z"))
    #expect(target("SetInput") == .postsynapticInput(synapses: "EF"))
    #expect(target("Scale", "g") == .weightUpdateVariable(synapses: "EF", variable: "g"))
    #expect(target("Chained", "c") == .customUpdateVariable(update: "Scale", variable: "count"))
    #expect(
      target("Flip", "variable")
        == .transposedWeightUpdateVariable(
          synapses: "EF", variable: "g", transposeSynapses: "FE", transposeVariable: "g"))
    let scale = try #require(model.customUpdate(named: "Scale"))
    #expect(scale.updateGroup == "Learn")
    #expect(scale.model.vars == [CustomUpdateVariable("count", "scalar", access: .readWrite)])
    #expect(scale.model.varRefs == [CustomUpdateVarReference("g", "scalar", access: .readWrite)])
    #expect(model.customUpdate(named: "Chained")?.model.varRefs.map(\.access) == [.readWrite])
    #expect(model.customUpdate(named: "Flip")?.model.name == "Transpose")
    #expect(model.customUpdateGroups == ["Learn", "Learn2", "Reset", "Transpose"])
    #expect(
      file.run.customUpdates == [
        CustomUpdateSchedule(group: "Learn", everySteps: 10),
        CustomUpdateSchedule(group: "Reset", everySteps: 50),
      ])
    #expect(
      file.recording.variables == [
        VariableRecording(element: .customUpdate("Scale"), variable: "count", everySteps: 5)
      ])
  }

  @Test func reductionsAndAccessModes() throws {
    let text =
      Self.network + """
        custom_updates:
          Total:
            group: Sum
            model:
              vars: {total: {type: scalar, access: reduce_neuron_sum}}
              var_refs: {V: {type: scalar, access: READ_ONLY}}
              update_code: total = V;
            vars: {total: 0}
            var_refs: {V: {population: E, var: V}}
        run: {custom_updates: [{group: Sum, every: 1}]}

        """
    let file = try ModelFile.parse(text, path: "sum.yaml")
    let total = try #require(file.model.customUpdate(named: "Total"))
    #expect(total.model.vars.first?.access == .reduceNeuronSum)
    #expect(total.model.varRefs.first?.access == .readOnly)
    #expect(file.run.length == nil)
  }

  /// GeNN's `create_den_delay_var_ref`, `create_spike_time_var_ref` and
  /// `create_prev_spike_time_var_ref`, with `BROADCAST` references.
  @Test func internalArraysAndBroadcasts() throws {
    let text =
      Self.network.replacingOccurrences(
        of: "weight_update: {model: StaticPulse, vars: {g: 0}}",
        with: "weight_update: {model: StaticPulseDendriticDelay, vars: {g: 0, d: 1}}\n"
          + "    max_dendritic_delay_steps: 2")
        + """
        custom_updates:
          Zero:
            group: Reset
            model:
              var_refs:
                D: {type: scalar, access: BROADCAST}
                ST: {type: timepoint, access: broadcast}
                PrevST: timepoint
              update_code: |
                D = 0.0;
                ST = -1.0;
                PrevST = -1.0;
            var_refs:
              D: {synapses: FE, den_delay: true}
              ST: {population: E, spike_time: true}
              PrevST: {population: E, prev_spike_time: true}

        """
    let file = try ModelFile.parse(text, path: "internal.yaml")
    let zero = try #require(file.model.customUpdate(named: "Zero"))
    #expect(zero.varRefs["D"] == .dendriticDelayBuffer(synapses: "FE"))
    #expect(zero.varRefs["ST"] == .spikeTimes(population: "E"))
    #expect(zero.varRefs["PrevST"] == .previousSpikeTimes(population: "E"))
    #expect(zero.model.varRefs.map(\.access) == [.broadcast, .broadcast, .readWrite])
    // A dendritic delay buffer needs max_dendritic_delay_steps.
    let error = try #require(
      Fixtures.error(
        Self.network + "custom_updates:\n"
          + Self.setter("SetD", group: "Reset", reference: "{synapses: EF, den_delay: true}")))
    #expect(
      error.description.contains(
        "reference 'r' names variable 'denDelay', which synapse population 'EF' (without "
          + "max_dendritic_delay_steps, so with no dendritic delay buffer) does not have"))
    // Only neuron populations have spike times.
    let misplaced = try #require(
      Fixtures.error(
        Self.network + "custom_updates:\n"
          + Self.setter("SetST", group: "Reset", reference: "{synapses: EF, spike_time: true}")))
    #expect(misplaced.description.contains("'synapses', 'spike_time' cannot be combined"))
  }

  /// Postsynaptic models' extra global parameters and custom updates' references to
  /// extra global parameters (GeNN's `create_egp_ref`, `create_wu_egp_ref`,
  /// `create_psm_egp_ref`).
  /// `text` with `line` after the line containing `marker`, indented as that line.
  static func inserting(_ line: String, after marker: String, in text: String) -> String {
    text.split(separator: "\n", omittingEmptySubsequences: false).flatMap { found -> [String] in
      guard found.contains(marker) else { return [String(found)] }
      return [String(found), String(found.prefix { $0 == " " }) + line]
    }.joined(separator: "\n")
  }

  @Test func extraGlobalParameterReferences() throws {
    let text =
      Self.inserting(
        "extra_global_params: {gain: [1, 2]}", after: "vars: {z: 0}",
        in: Self.inserting(
          "extra_global_params: {gain: scalar*}", after: "vars: {z: scalar}", in: Self.network))
        + """
        custom_updates:
          SetGain:
            group: Set
            model:
              var_refs: {V: scalar}
              extra_global_param_refs: {g: scalar*, h: scalar*}
              update_code: |
                g[id] = V;
                h[0] = 1.0;
            var_refs: {V: {population: F, var: V}}
            egp_refs:
              g: {synapses: EF, psm_egp: gain}
              h: {synapses: EF, psm_egp: gain}

        """
    let file = try ModelFile.parse(text, path: "egp-refs.yaml")
    let synapses = try #require(file.model.synapsePopulations.first { $0.name == "EF" })
    #expect(synapses.postsynapticExtraGlobalParams == ["gain": [1, 2]])
    let update = try #require(file.model.customUpdate(named: "SetGain"))
    #expect(update.model.extraGlobalParamRefs.map(\.name) == ["g", "h"])
    #expect(update.egpRefs["g"] == .postsynaptic(synapses: "EF", parameter: "gain"))
    let error = try #require(
      Fixtures.error(
        text.replacingOccurrences(
          of: "h: {synapses: EF, psm_egp: gain}", with: "h: {synapses: EF, egp: gain}")))
    #expect(error.description.contains("must be one owner with what of it"))
  }

  @Test func unknownGroupInTheSchedule() throws {
    let text =
      Self.network + "custom_updates:\n"
      + Self.setter("SetV", group: "Reset", reference: "{population: E, var: V}")
      + "run: {steps: 10, custom_updates: [{group: Rest, every: 2}]}\n"
    let error = try #require(Fixtures.error(text))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(error.position.line == lines.count - 1)
    #expect(
      error.description.contains(
        "there is no custom update group named 'Rest'; did you mean 'Reset'? Available: Reset."))
  }

  @Test func referenceWithTwoOwners() throws {
    let text =
      Self.network + "custom_updates:\n"
      + Self.setter("SetV", group: "Reset", reference: "{population: E, synapses: EF, var: V}")
    let error = try #require(Fixtures.error(text))
    #expect(
      error.description.contains(
        "'population', 'current_source', 'synapses', 'custom_update', 'custom_connectivity_update' "
          + "cannot be combined; give one"))
  }

  @Test func referenceToAPopulationThatDoesNotExist() throws {
    let text =
      Self.network + "custom_updates:\n"
      + Self.setter("SetV", group: "Reset", reference: "{population: G, var: V}")
    let error = try #require(Fixtures.error(text))
    // At the reference's entry in the file.
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line = try #require(lines.firstIndex { $0.contains("r: {population: G") }) + 1
    #expect(error.position.line == line)
    #expect(error.description.contains("custom update 'SetV'"))
    #expect(error.description.contains("'G'"))
  }

  @Test func unknownKeyAndAccessMode() throws {
    let unknownKey = try #require(
      Fixtures.error(
        Self.network + "custom_updates:\n"
          + Self.setter("SetV", group: "Reset", reference: "{population: E, var: V}")
          .replacingOccurrences(of: "    group: Reset", with: "    groups: Reset")))
    #expect(unknownKey.description.contains("unknown key 'groups'"))
    #expect(unknownKey.description.contains("did you mean 'group'?"))
    let access = try #require(
      Fixtures.error(
        Self.network + "custom_updates:\n"
          + Self.setter("SetV", group: "Reset", reference: "{population: E, var: V}")
          .replacingOccurrences(of: "var_refs: {r: scalar}", with: "var_refs: {r: {access: WRITE}}")
      ))
    #expect(
      access.description.contains(
        "'WRITE'; it must be one of READ_ONLY, READ_WRITE, REDUCE_SUM, REDUCE_MAX"))
  }
}
