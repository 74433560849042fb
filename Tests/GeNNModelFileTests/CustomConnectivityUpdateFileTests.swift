import Foundation
import GeNNModel
import GeNNModelFile
import GeNNTranspiler
import Testing

/// Custom connectivity updates in model files: every key, references to synaptic,
/// presynaptic and postsynaptic variables and to their variables, and errors at their
/// positions.
@Suite struct CustomConnectivityUpdateFileTests {
  static let network = """
    neurons:
      Pre: {size: 4, model: {vars: {removeIdx: int}}, vars: {removeIdx: 0}}
      Post: {size: 3, model: {vars: {V: scalar}}, vars: {V: 0}}
    synapses:
      S:
        source: Pre
        target: Post
        matrix_type: SPARSE
        connectivity: {pre: [0, 0, 1, 3], post: [0, 2, 1, 2]}
        weight_update:
          model: {vars: {g: scalar}}
          vars: {g: [1, 2, 3, 4]}
        postsynaptic: {model: DeltaCurr}

    """

  static let update = """
    custom_connectivity_updates:
      Prune:
        group: Structural
        synapses: S
        model:
          params: [threshold]
          vars: {age: scalar}
          pre_vars: {count: {type: unsigned int, access: READ_WRITE}}
          post_vars: {seen: scalar}
          var_refs: {g: scalar}
          pre_var_refs: {removeIdx: int}
          post_var_refs: {V: {type: scalar, access: READ_ONLY}}
          extra_global_params: {mask: uint32_t*}
          row_update_code: |
            for_each_synapse {
                if(g < threshold) {
                    remove_synapse();
                }
            }
          host_update_code: |
            mask[0] = 1;
        params: {threshold: 2.5}
        vars: {age: [0, 1, 2, 3]}
        pre_vars: {count: 0}
        post_vars: {seen: {snippet: Uniform, params: {min: 0, max: 1}}}
        var_refs: {g: {synapses: S, var: g}}
        pre_var_refs: {removeIdx: {population: Pre, var: removeIdx}}
        post_var_refs: {V: {population: Post, var: V}}
        extra_global_params: {mask: [0]}

    """

  @Test func everyKey() throws {
    let file = try ModelFile.parse(Self.network + Self.update, path: "ccu.yaml")
    let update = try #require(file.model.customConnectivityUpdate(named: "Prune"))
    #expect(update.updateGroup == "Structural" && update.synapses == "S")
    #expect(update.model.preVars == [Variable("count", "unsigned int")])
    #expect(update.model.postVarRefs.first?.access == .readOnly)
    #expect(update.varRefs["g"] == .weightUpdateVariable(synapses: "S", variable: "g"))
    #expect(
      update.preVarRefs["removeIdx"] == .neuronVariable(population: "Pre", variable: "removeIdx"))
    #expect(update.model.rowUpdateCode.contains("remove_synapse();"))
    #expect(update.extraGlobalParams["mask"] == [0])
    #expect(file.model.customUpdateGroups == ["Structural"])
  }

  @Test func customUpdatesReferenceItsVariables() throws {
    let text =
      Self.network + Self.update + """
        custom_updates:
          Age:
            group: Structural
            model: {var_refs: {a: scalar}, update_code: a += 1.0;}
            var_refs: {a: {custom_connectivity_update: Prune, var: age}}
          Count:
            group: Structural
            model: {var_refs: {c: unsigned int}, update_code: c += 1;}
            var_refs: {c: {custom_connectivity_update: Prune, pre_var: count}}

        """
    let file = try ModelFile.parse(text, path: "ccu.yaml")
    let age = try #require(file.model.customUpdate(named: "Age"))
    #expect(age.varRefs["a"] == .customConnectivityUpdateVariable(update: "Prune", variable: "age"))
    #expect(file.model.shape(of: age) == .synapses(population: "S"))
    let count = try #require(file.model.customUpdate(named: "Count"))
    #expect(file.model.shape(of: count) == .neurons(count: 4, perElement: true))
    let wrong = try #require(
      Fixtures.error(text.replacingOccurrences(of: "pre_var: count", with: "pre_var: counts")))
    #expect(wrong.description.contains("'counts'"))
  }

  @Test func aDenseSynapsePopulationIsRefusedAtTheUpdate() throws {
    let text = (Self.network + Self.update).replacingOccurrences(
      of: "matrix_type: SPARSE\n    connectivity: {pre: [0, 0, 1, 3], post: [0, 2, 1, 2]}",
      with: "matrix_type: DENSE"
    ).replacingOccurrences(of: "vars: {g: [1, 2, 3, 4]}", with: "vars: {g: 1}")
      .replacingOccurrences(
        of: "vars: {age: [0, 1, 2, 3]}", with: "vars: {age: 0}")
    let error = try #require(Fixtures.error(text))
    #expect(
      error.description.contains(
        "custom connectivity updates can only be attached to SPARSE synapse populations"))
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    let line = try #require(lines.firstIndex { $0.contains("  Prune:") }) + 1
    #expect(error.position.line >= line)
  }

  /// `max_connections`: room in each row for added synapses, checked at its position.
  @Test func maxConnections() throws {
    let text = (Self.network + Self.update).replacingOccurrences(
      of: "    matrix_type: SPARSE\n", with: "    matrix_type: SPARSE\n    max_connections: 3\n")
    let file = try ModelFile.parse(text, path: "ccu.yaml")
    #expect(file.model.synapsePopulations.first?.maxConnections == 3)
    let tooSmall = text.replacingOccurrences(of: "max_connections: 3", with: "max_connections: 1")
    let error = try #require(Fixtures.error(tooSmall))
    #expect(
      error.description.contains(
        "max_connections 1 is invalid; it must be at least 2, the longest listed row"))
    let lines = tooSmall.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(error.position.line == (lines.firstIndex { $0.contains("max_connections") } ?? 0) + 1)
  }

  @Test func unknownSynapses() throws {
    let unknown = try #require(
      Fixtures.error(
        Self.network + Self.update.replacingOccurrences(of: "synapses: S\n", with: "synapses: T\n")
      ))
    #expect(unknown.description.contains("no synapse population named 'T'"))
  }

  /// The update with an extra global parameter reference `e` (of type `type`) to `target`.
  static func withEGPReference(_ target: String, type: String = "uint32_t*") -> String {
    network
      + update.replacingOccurrences(
        of: "      extra_global_params: {mask: uint32_t*}",
        with: "      extra_global_params: {mask: uint32_t*}\n"
          + "      extra_global_param_refs: {e: \(type)}"
      ).replacingOccurrences(
        of: "    extra_global_params: {mask: [0]}",
        with: "    extra_global_params: {mask: [0]}\n    egp_refs: {e: \(target)}")
  }

  @Test func extraGlobalParameterReferences() throws {
    let file = try ModelFile.parse(
      Self.withEGPReference("{custom_connectivity_update: Prune, egp: mask}"), path: "ccu.yaml")
    let update = try #require(file.model.customConnectivityUpdate(named: "Prune"))
    #expect(update.model.extraGlobalParamRefs.map(\.name) == ["e"])
    #expect(update.egpRefs["e"] == .customConnectivityUpdate(update: "Prune", parameter: "mask"))
    let wrongType = try #require(
      Fixtures.error(
        Self.withEGPReference("{custom_connectivity_update: Prune, egp: mask}", type: "float*")))
    #expect(wrongType.description.contains("'e'"))
    let unknown = try #require(
      Fixtures.error(Self.withEGPReference("{custom_connectivity_update: Prune, egp: masks}")))
    #expect(unknown.description.contains("'masks'"))
    let incomplete = try #require(Fixtures.error(Self.withEGPReference("{population: Pre}")))
    #expect(incomplete.description.contains("must be one owner with what of it"))
  }

  @Test func rowCodeErrorsAreAtTheirPosition() throws {
    let file = try ModelFile.parse(Self.network + Self.update, path: "ccu.yaml")
    let diagnostic = Diagnostic(
      .unknownName("threshold2", suggestion: nil, available: []),
      at: SourceLocation(line: 2, column: 12), token: "threshold2")
    let error = TranspilerError(
      context: "custom connectivity update 'Prune', row update code", code: "",
      diagnostics: [diagnostic])
    let lines = (Self.network + Self.update).split(
      separator: "\n", omittingEmptySubsequences: false)
    let first = try #require(lines.firstIndex { $0.contains("for_each_synapse {") }) + 1
    #expect(file.located(error).position.line == first + 1)
  }

  @Test func itsNeuronVariablesCanBeRecorded() throws {
    let text =
      Self.network + Self.update + """
        record:
          vars:
            - {custom_connectivity_update: Prune, var: count, every: 2}

        """
    let file = try ModelFile.parse(text, path: "ccu.yaml")
    #expect(
      file.recording.variables == [
        VariableRecording(
          element: .customConnectivityUpdate("Prune"), variable: "count", everySteps: 2)
      ])
    let unknown = try #require(
      Fixtures.error(text.replacingOccurrences(of: "var: count", with: "var: counted")))
    #expect(unknown.description.contains("'counted'"))
  }
}
