import Foundation
import GeNNModel
import GeNNTranspiler

/// Builds a ``ModelSpec``, a ``RecordingPlan`` and ``RunDefaults`` from a model file's
/// YAML document, checking every key as it goes.
struct ModelFileDecoder {
  /// The top-level keys.
  static let topLevelKeys = [
    "schema", "name", "parameters", "precision", "time_precision", "dt", "seed", "neurons",
    "current_sources",
    "synapses", "custom_updates", "custom_connectivity_updates", "record", "run", "timing",
    "fuse_postsynaptic_models", "batch_size",
  ]

  /// The path of the model file.
  let file: String
  /// Where relative `.npy` paths start.
  let directory: URL
  /// The positions of the file's entries.
  let sourceMap: SourceMap
  /// The model built so far.
  var model = ModelSpec(name: "model")
  /// What to record.
  var recording = RecordingPlan()
  /// The run settings.
  var run = RunDefaults()
  /// The `.npy` files read so far.
  let inputFiles = InputFileLog()
  /// The units the file's own models give their parameters and variables.
  var units = DeclaredUnits()

  init(file: String, directory: URL, sourceMap: SourceMap) {
    self.file = file
    self.directory = directory
    self.sourceMap = sourceMap
  }

  /// The newest model-file schema this SwiftGeNN reads. A file's optional top-level
  /// `schema: N` says which one it is written for; a file without it is read as this one.
  static let schema = 1

  /// Decodes the whole document.
  mutating func decode(_ root: YAMLValue) throws(ModelFileError) {
    // The schema first: a newer file may have keys this version does not know.
    if let schema = try root.entries()["schema"] {
      let found = try schema.integer(atLeast: 1, atMost: Int(Int32.max))
      guard found <= Self.schema else {
        throw schema.error(.newerSchema(found: found, supported: Self.schema))
      }
    }
    let top = try root.mapping(
      allowed: Self.topLevelKeys, required: ["neurons"], extensionPrefix: "x-")
    model.name = try top["name"]?.string("a name") ?? Self.defaultName(for: file)
    if let precision = top["precision"] {
      model.precision = try Self.precision(precision)
      model.timePrecision = model.precision
    }
    if let precision = top["time_precision"] {
      model.timePrecision = try Self.precision(precision)
    }
    if let dt = top["dt"] {
      model.dt = try dt.number()
      guard model.dt > 0 && model.dt.isFinite else {
        throw dt.error(
          .outOfRange(
            key: dt.key, value: "\(model.dt)", requirement: "a positive number of milliseconds"))
      }
    }
    if let seed = top["seed"] {
      let value = try seed.integer(atLeast: 0, atMost: Int.max)
      model.seed = UInt64(value)
      run.seed = UInt64(value)
    }
    if let batchSize = top["batch_size"] {
      model.batchSize = try batchSize.integer(atLeast: 1, atMost: Int(Int32.max))
    }
    model.timingEnabled = try top["timing"]?.bool() ?? false
    model.fusePostsynapticModels = try top["fuse_postsynaptic_models"]?.bool() ?? false
    for entry in try top.required("neurons").entries(
      "a mapping from population names to populations"
    ).entries {
      try decodeNeuronPopulation(entry.name, entry.value)
    }
    for entry in try top["current_sources"]?.entries("a mapping from names to current sources")
      .entries ?? []
    {
      try decodeCurrentSource(entry.name, entry.value)
    }
    for entry in try top["synapses"]?.entries("a mapping from names to synapse populations").entries
      ?? []
    {
      try decodeSynapsePopulation(entry.name, entry.value)
    }
    for entry in try top["custom_updates"]?.entries("a mapping from names to custom updates")
      .entries ?? []
    {
      try decodeCustomUpdate(entry.name, entry.value)
    }
    for entry in try top["custom_connectivity_updates"]?.entries(
      "a mapping from names to custom connectivity updates"
    ).entries ?? [] {
      try decodeCustomConnectivityUpdate(entry.name, entry.value)
    }
    if let record = top["record"] { try decodeRecord(record) }
    if let length = top["run"] { try decodeRun(length) }
  }

  /// `float` or `double`.
  private static func precision(_ value: YAMLValue) throws(ModelFileError) -> Precision {
    let text = try value.string("float or double")
    guard let precision = Precision(rawValue: text) else {
      throw value.error(
        .outOfRange(key: value.key, value: "'\(text)'", requirement: "float or double"))
    }
    return precision
  }

  /// The model name a file gets without a `name` key: its base name, as an identifier
  /// (prefixed with `model_` where the base name does not start with a letter or is a
  /// reserved word; shortened to ``Identifier/maximumLength``).
  static func defaultName(for file: String) -> String {
    let base = URL(fileURLWithPath: file).deletingPathExtension().lastPathComponent
    var name = String(base.map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" })
    if !Identifier.isValid(name) { name = "model_" + name }
    return String(name.prefix(Identifier.maximumLength))
  }

  /// The `run` entry: `duration` in milliseconds or `steps`, and `custom_updates` to run
  /// on the way.
  private mutating func decodeRun(_ value: YAMLValue) throws(ModelFileError) {
    let mapping = try value.mapping(allowed: ["duration", "steps", "custom_updates"])
    for item in try mapping["custom_updates"]?.list("a list of {group: ..., every: ...} entries")
      ?? []
    {
      let fields = try item.mapping(allowed: ["group", "every"], required: ["group", "every"])
      let groupValue = try fields.required("group")
      let group = try groupValue.string("the name of a custom update group")
      let groups = model.customUpdateGroups
      guard groups.contains(group) else {
        throw groupValue.error(
          .unknownName(
            key: groupValue.key, kind: "custom update group", name: group, available: groups,
            suggestion: NameSuggestion.closest(to: group, among: groups)))
      }
      run.customUpdates.append(
        CustomUpdateSchedule(
          group: group, everySteps: try fields.required("every").integer(atLeast: 1)))
    }
    switch (mapping["duration"], mapping["steps"]) {
    case (let duration?, nil):
      let milliseconds = try duration.number()
      guard milliseconds >= 0 && milliseconds.isFinite else {
        throw duration.error(
          .outOfRange(
            key: duration.key, value: "\(milliseconds)",
            requirement: "a finite number of milliseconds, 0 or more"))
      }
      guard (try? StepCount.of(duration: milliseconds, dt: model.dt)) != nil else {
        throw duration.error(
          .outOfRange(
            key: duration.key, value: "\(milliseconds)",
            requirement: "at most \(Double(Int.max) * model.dt) ms (\(Int.max) time steps of "
              + "dt = \(model.dt) ms)"))
      }
      run.length = .milliseconds(milliseconds)
    case (nil, let steps?):
      run.length = .steps(try steps.integer(atLeast: 0, atMost: Int.max))
    case (_?, _?):
      throw value.error(
        .conflictingKeys(
          key: value.key, keys: ["duration", "steps"], reason: "cannot both be given; give one"))
    case (nil, nil) where mapping["custom_updates"] != nil:
      break
    case (nil, nil):
      throw value.error(
        .conflictingKeys(
          key: value.key, keys: ["duration", "steps"], reason: "are both missing; give one"))
    }
  }
}
