import GeNNCodeGen
import GeNNModel
import Testing

@testable import GeNNRuntime

/// The custom connectivity update models the CUDA emulation runs against the CPU.
extension CUDAEmulationTests {
  static let customConnectivityNames = [
    "ccu_triangle", "ccu_random", "ccu_remap", "ccu_delay", "ccu_propagation", "ccu_egp_ref",
    "ccu_delayed_wu_refs", "ccu_room",
  ]

  @Test(
    "emulated on the CPU: custom connectivity updates change the rows as on the CPU",
    .enabled(if: enabled, reason), arguments: customConnectivityNames)
  func customConnectivityAgreesWithCPU(name: String) async throws {
    try await agreesWithCPU(name: name)
  }

  /// A custom connectivity update model of ``CustomConnectivityUpdateTests`` with the
  /// steps to run and its update groups' schedule.
  static func customConnectivityModel(_ name: String) -> (
    ModelSpec, Int, [(step: Int, group: String)]
  )? {
    switch name {
    case "ccu_triangle":
      (
        CustomConnectivityUpdateTests.triangleModel(), 2,
        [(step: 0, group: "RemoveSynapse"), (step: 1, group: "AddSynapse")]
      )
    case "ccu_random":
      (
        CustomConnectivityUpdateTests.randomModel(), 3,
        [(step: 1, group: "Count"), (step: 2, group: "Count"), (step: 3, group: "Count")]
      )
    case "ccu_remap":
      (CustomConnectivityUpdateTests.remapModel(), 32, [(step: 16, group: "RemoveSynapse")])
    case "ccu_propagation":
      (CustomConnectivityUpdateTests.propagationModel(), 3, [(step: 0, group: "Remove")])
    case "ccu_delay":
      (CustomConnectivityUpdateTests.delayModel(), 6, [(step: 5, group: "RemoveSynapse")])
    case "ccu_egp_ref":
      (
        CustomConnectivityEGPReferenceTests.model(), 1,
        [(step: 0, group: "Prune"), (step: 0, group: "Count")]
      )
    case "ccu_delayed_wu_refs":
      (DelayedCustomConnectivityReferenceTests.network(), 6, [(step: 5, group: "Read")])
    case "ccu_room":
      (CustomConnectivityRoomTests.model(), 2, [(step: 1, group: "Fill")])
    default: nil
    }
  }

  /// The custom connectivity updates' variables (per synapse through the CPU's synapse
  /// order) after the emulated run are the CPU's.
  static func compareCustomConnectivityUpdates(
    _ model: ModelSpec, cpu: Simulation, arrays: [StateArray], index: [ArrayLayout.Role: Int]
  ) throws {
    for update in model.customConnectivityUpdates {
      let synapses = model.synapsePopulations.first { $0.name == update.synapses }!
      let positions = SynapseRows(model: model).positions(of: synapses) {
        arrays[index[.synapseRowLengths(synapses: synapses.name)]!]
      }
      for variable in update.model.vars {
        let role = ArrayLayout.Role.customConnectivityUpdateVariable(
          update: update.name, variable: variable.name)
        let actual = VariableView(array: arrays[index[role]!], positions: positions).load()
        #expect(
          actual == (try cpu.values(of: variable.name, in: update.name)),
          "\(update.name).\(variable.name)")
      }
      for variable in update.model.preVars + update.model.postVars {
        let roles: [ArrayLayout.Role] = [
          .customConnectivityUpdatePreVariable(update: update.name, variable: variable.name),
          .customConnectivityUpdatePostVariable(update: update.name, variable: variable.name),
        ]
        let actual = VariableView(array: arrays[roles.compactMap { index[$0] }[0]]).load()
        #expect(
          actual == (try cpu.values(of: variable.name, in: update.name)),
          "\(update.name).\(variable.name)")
      }
    }
  }
}
