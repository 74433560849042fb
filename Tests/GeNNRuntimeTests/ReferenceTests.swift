import Foundation
import GeNNModel
import GeNNNPY
import GeNNReferenceCases
import Testing

@testable import GeNNRuntime

/// Runs every case GeNN 5.4 produced (`../shared/reference`, or `$GENN_REFERENCE_DIR`)
/// through the CPU backend and compares with GeNN's results, within the tolerances of
/// the reference README: spike steps and ids exactly; double traces to
/// `1e-9 * max(1, |GeNN|)`; float traces to 1e-4 absolute.
@Suite struct ReferenceTests {
  static let cacheDirectory = FileManager.default.temporaryDirectory
    .appendingPathComponent("swiftgenn-test-cache")

  @Test(arguments: ReferenceCase.names)
  func referenceCase(_ name: String) async throws {
    let reference = try ReferenceCase(name: name)
    if let feature = reference.unsupportedFeature {
      print("reference \(name): unsupported \(feature)")
      return
    }
    let differences = try await Self.differences(reference)
    if differences.isEmpty {
      print("reference \(name): pass")
    } else {
      print("reference \(name): FAIL \(differences.joined(separator: "; "))")
    }
    #expect(differences.isEmpty, "reference \(name): \(differences.joined(separator: "\n"))")
  }

  @Test func referenceCasesArePresent() {
    #expect(
      ReferenceCase.names.count >= 19,
      "expected GeNN's reference cases under \(ReferenceCase.root.path)")
  }

  /// Runs a case and lists everything that differs from GeNN's files.
  static func differences(_ reference: ReferenceCase, threads: Int? = nil) async throws -> [String]
  {
    let model = try reference.model()
    let simulation = try await Simulation(
      model: model, options: .init(threads: threads, cacheDirectory: cacheDirectory))
    let traces = reference.recordings.filter {
      [
        "neuron_var", "current_source_var", "out_post", "weight_update_var", "psm_var",
        "weight_update_pre_var", "weight_update_post_var",
      ]
      .contains($0["kind"] as? String)
    }
    for trace in traces {
      try simulation.record(trace["var"] as! String, of: Self.element(of: trace))
    }
    simulation.reserveRecording(steps: reference.numSteps)
    // Custom updates by group, between steps, with their variables snapshotted after each
    // call of their group.
    let snapshots = reference.recordings.filter { $0["kind"] as? String == "custom_update_var" }
    var snapshotValues = [[Double]](repeating: [], count: snapshots.count)
    // GeNN's script calls a group only before one of the steps it runs.
    for (step, group) in reference.schedule where step < reference.numSteps {
      try simulation.run(steps: step - Int(simulation.timestep))
      try simulation.customUpdate(group)
      for (index, snapshot) in snapshots.enumerated() where snapshot["group"] as? String == group {
        snapshotValues[index] += try simulation.values(
          of: snapshot["var"] as! String, in: snapshot["custom_update"] as! String)
      }
    }
    try simulation.run(steps: reference.numSteps - Int(simulation.timestep))

    var differences: [String] = []
    for (index, snapshot) in snapshots.enumerated() {
      let expected = try NPYReader.read(
        from: reference.folder.appendingPathComponent(snapshot["file"] as! String))
      if let problem = compare(
        snapshotValues[index], expected.doubles, shape: expected.shape,
        precision: reference.precision)
      {
        differences.append(
          "\(snapshot["custom_update"]!).\(snapshot["var"]!) after its group's calls \(problem)")
      }
    }
    for trace in traces {
      let element = Self.element(of: trace)
      let variable = trace["var"] as! String
      let expected = try NPYReader.read(
        from: reference.folder.appendingPathComponent(trace["file"] as! String))
      let recording = try simulation.recording(of: variable, in: element)
      var values = recording.values
      if let neurons = trace["neurons"] as? [Int] {
        // Only some neurons' columns were recorded.
        values = recording.steps.indices.flatMap { row in
          neurons.map { recording.row(row)[row * recording.width + $0] }
        }
      }
      if let problem = compare(
        values, expected.doubles, shape: expected.shape, precision: reference.precision)
      {
        differences.append("\(element).\(variable) \(problem)")
      }
    }
    for final in reference.recordings where final["kind"] as? String == "weight_update_var_final" {
      let element = Self.element(of: final)
      let variable = final["var"] as! String
      let expected = try NPYReader.read(
        from: reference.folder.appendingPathComponent(final["file"] as! String))
      if let problem = compare(
        try simulation.values(of: variable, in: element), expected.doubles, shape: expected.shape,
        precision: reference.precision)
      {
        differences.append("\(element).\(variable) after the last step \(problem)")
      }
    }
    for spikes in reference.recordings
    where ["spikes", "pre_spike_events"].contains(spikes["kind"] as? String) {
      let population =
        (spikes["population"] as? String) ?? (spikes["synapse_population"] as! String)
      let files = spikes["files"] as! [String: String]
      let steps = try NPYReader.read(from: reference.folder.appendingPathComponent(files["steps"]!))
        .doubles
      let ids = try NPYReader.read(from: reference.folder.appendingPathComponent(files["ids"]!))
        .doubles
      let recorded =
        spikes["kind"] as? String == "spikes"
        ? try simulation.spikes(of: population) : try simulation.spikeEvents(of: population)
      let ours = zip(recorded.steps, recorded.ids).map { "\($0)/\($1)" }
      let theirs = zip(steps, ids).map { "\(Int64($0))/\(Int32($1))" }
      if ours != theirs {
        let first =
          (0..<min(ours.count, theirs.count)).first { ours[$0] != theirs[$0] }
          ?? min(ours.count, theirs.count)
        differences.append(
          "\(population) spikes: \(ours.count) vs GeNN's \(theirs.count), first difference at spike \(first) "
            + "(step/id ours \(first < ours.count ? ours[first] : "none"), "
            + "GeNN \(first < theirs.count ? theirs[first] : "none"))")
      }
    }
    return differences
  }

  static func element(of trace: [String: Any]) -> String {
    (trace["population"] as? String) ?? (trace["current_source"] as? String)
      ?? (trace["synapse_population"] as? String) ?? ""
  }

  /// Where two traces differ beyond tolerance, or `nil` when they agree.
  static func compare(_ ours: [Double], _ theirs: [Double], shape: [Int], precision: Precision)
    -> String?
  {
    guard ours.count == theirs.count else {
      return "has \(ours.count) values, GeNN's has \(theirs.count) (shape \(shape))"
    }
    let width = shape.count > 1 ? shape[1] : 1
    var worst: (index: Int, error: Double)?
    for index in ours.indices {
      let error = abs(ours[index] - theirs[index])
      let allowed = precision == .float ? 1e-4 : 1e-9 * max(1, abs(theirs[index]))
      if !(error <= allowed) && (worst == nil || error > worst!.error || error.isNaN) {
        worst = (index, error)
      }
    }
    guard let worst else { return nil }
    let first = ours.indices.first {
      let allowed = precision == .float ? 1e-4 : 1e-9 * max(1, abs(theirs[$0]))
      return !(abs(ours[$0] - theirs[$0]) <= allowed)
    }!
    return "differs from step \(first / width), element \(first % width) "
      + "(ours \(ours[first]), GeNN \(theirs[first])); worst |difference| \(worst.error) at step "
      + "\(worst.index / width), element \(worst.index % width)"
  }
}
