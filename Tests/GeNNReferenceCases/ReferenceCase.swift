import Foundation
import GeNNModel

/// One folder of GeNN 5.4's reference results, read generically from its `case.json`:
/// the network as a ``ModelSpec``, its schedule of custom updates and its recordings.
/// Shared by the test targets (code generation, runtime), which all compare with it.
public struct ReferenceCase {
  public let name: String
  public let folder: URL
  public let json: [String: Any]

  /// The folder holding the cases: `$GENN_REFERENCE_DIR`, else `../shared/reference`
  /// beside the package.
  public static var root: URL {
    if let path = ProcessInfo.processInfo.environment["GENN_REFERENCE_DIR"] {
      return URL(fileURLWithPath: path)
    }
    let package = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent()
    return package.deletingLastPathComponent().appendingPathComponent("shared/reference")
  }

  /// Every case folder (a folder with a `case.json`), sorted.
  public static var names: [String] {
    let contents = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    return contents.filter {
      FileManager.default.fileExists(atPath: root.appendingPathComponent("\($0)/case.json").path)
    }.sorted()
  }

  public init(name: String) throws {
    self.name = name
    folder = Self.root.appendingPathComponent(name)
    let data = try Data(contentsOf: folder.appendingPathComponent("case.json"))
    guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
      throw ReferenceError.malformed("case.json is not an object")
    }
    json = object
  }

  public var numSteps: Int { json["num_steps"] as? Int ?? 0 }
  public var precision: Precision { (json["precision"] as? String) == "float" ? .float : .double }
  public var recordings: [[String: Any]] { json["recordings"] as? [[String: Any]] ?? [] }

  /// Why this runtime cannot run the case yet, or `nil` when it can.
  public var unsupportedFeature: String? {
    let unsupportedRecordings = Set(recordings.compactMap { $0["kind"] as? String })
      .subtracting(Self.supportedRecordings)
    for synapses in synapsePopulations {
      if let feature = Self.unsupportedFeature(
        of: synapses, json["custom_models"] as? [String: [String: Any]] ?? [:])
      {
        return feature
      }
    }
    for update in json["custom_updates"] as? [[String: Any]] ?? [] {
      let modelName = update["model"] as? String ?? ""
      if !modelName.hasPrefix("custom:") && CustomUpdateModel.builtins[modelName] == nil {
        return "custom update model \(modelName)"
      }
      for reference in (update["var_refs"] as? [String: [String: Any]] ?? [:]).values
      where (try? Self.target(reference)) == nil {
        return "custom update reference \(reference)"
      }
    }
    if let kind = unsupportedRecordings.sorted().first { return "recording of \(kind)" }
    if (json["batch_size"] as? Int ?? 1) != 1 { return "batch size > 1" }
    return nil
  }

  public static let supportedRecordings: Set<String> = [
    "neuron_var", "current_source_var", "spikes", "out_post", "weight_update_var",
    "weight_update_var_final", "psm_var", "weight_update_pre_var", "weight_update_post_var",
    "pre_spike_events", "custom_update_var",
  ]

  /// The first synapse feature of `synapses` this runtime lacks.
  public static func unsupportedFeature(
    of synapses: [String: Any], _ custom: [String: [String: Any]]
  )
    -> String?
  {
    let matrix = synapses["matrix_type"] as? String ?? ""
    if SynapseMatrixType(rawValue: matrix) == nil { return "\(matrix) connectivity" }
    let weightUpdate = synapses["weight_update"] as? [String: Any] ?? [:]
    let name = weightUpdate["model"] as? String ?? ""
    if !name.hasPrefix("custom:") && WeightUpdateModel.builtins[name] == nil {
      return "weight update model \(name)"
    }
    let postsynaptic = (synapses["postsynaptic"] as? [String: Any])?["model"] as? String ?? ""
    if !postsynaptic.hasPrefix("custom:") && PostsynapticModel.builtins[postsynaptic] == nil {
      return "postsynaptic model \(postsynaptic)"
    }
    return nil
  }

  /// The synapse populations listed in `case.json`.
  public var synapsePopulations: [[String: Any]] {
    json["synapse_populations"] as? [[String: Any]] ?? []
  }

  /// No synapse populations and no custom updates.
  public var isNeuronOnly: Bool {
    synapsePopulations.isEmpty && (json["custom_updates"] as? [Any] ?? []).isEmpty
  }

  /// The network as a SwiftGeNN model.
  public func model() throws -> ModelSpec {
    var model = ModelSpec(
      name: "reference_\(name)", precision: precision,
      timePrecision: (json["time_precision"] as? String) == "float" ? .float : .double,
      dt: json["dt"] as? Double ?? 0.1)
    let custom = json["custom_models"] as? [String: [String: Any]] ?? [:]
    let spikeRecorded = Set(
      recordings.filter { $0["kind"] as? String == "spikes" }.compactMap {
        $0["population"] as? String
      })
    for population in json["neuron_populations"] as? [[String: Any]] ?? [] {
      let name = population["name"] as! String
      let modelName = population["model"] as! String
      let neuronModel: NeuronModel
      if modelName.hasPrefix("custom:") {
        neuronModel = try Self.neuronModel(named: String(modelName.dropFirst(7)), custom)
      } else if let builtin = NeuronModel.builtins[modelName] {
        neuronModel = builtin
      } else {
        throw ReferenceError.unsupported("neuron model \(modelName)")
      }
      model.addNeuronPopulation(
        name, size: population["size"] as! Int, model: neuronModel,
        params: Self.numbers(population["params"]), vars: try Self.initialisers(population["vars"]),
        extraGlobalParams: Self.arrays(population["extra_global_params"]),
        recordSpikes: (population["spike_recording"] as? Bool ?? false)
          || spikeRecorded.contains(name),
        recordSpikeEvents: population["spike_event_recording"] as? Bool ?? false)
    }
    for source in json["current_sources"] as? [[String: Any]] ?? [] {
      let modelName = source["model"] as! String
      let sourceModel: CurrentSourceModel
      if modelName.hasPrefix("custom:") {
        sourceModel = try Self.currentSourceModel(named: String(modelName.dropFirst(7)), custom)
      } else if let builtin = CurrentSourceModel.builtins[modelName] {
        sourceModel = builtin
      } else {
        throw ReferenceError.unsupported("current source model \(modelName)")
      }
      model.addCurrentSource(
        source["name"] as! String, model: sourceModel, target: source["target"] as! String,
        params: Self.numbers(source["params"]), vars: try Self.initialisers(source["vars"]),
        extraGlobalParams: Self.arrays(source["extra_global_params"]))
    }
    for synapses in synapsePopulations {
      model.addSynapsePopulation(try Self.synapsePopulation(synapses, custom))
    }
    for update in json["custom_updates"] as? [[String: Any]] ?? [] {
      model.addCustomUpdate(try Self.customUpdate(update, custom))
    }
    return model
  }

  /// The schedule of custom update calls: (steps run before the call, group), in order.
  public var schedule: [(step: Int, group: String)] {
    (json["schedule"] as? [[String: Any]] ?? []).compactMap { entry in
      guard (entry["action"] as? String ?? "custom_update") == "custom_update",
        let step = entry["before_step"] as? Int, let group = entry["group"] as? String
      else { return nil }
      return (step, group)
    }
    .enumerated().sorted { ($0.element.step, $0.offset) < ($1.element.step, $1.offset) }
    .map(\.element)
  }

  private static func customUpdate(_ json: [String: Any], _ custom: [String: [String: Any]]) throws
    -> CustomUpdate
  {
    let modelName = json["model"] as? String ?? ""
    let model: CustomUpdateModel
    if modelName.hasPrefix("custom:") {
      let name = String(modelName.dropFirst(7))
      guard let definition = custom[name], definition["kind"] as? String == "custom_update" else {
        throw ReferenceError.malformed("no custom update model \(name)")
      }
      model = CustomUpdateModel(
        name: name, params: parameterNames(definition["params"]),
        derivedParams: derivedParams(definition["derived_params"]),
        vars: (definition["vars"] as? [[String: Any]] ?? []).map {
          CustomUpdateVariable(
            $0["name"] as! String, $0["type"] as? String ?? "scalar",
            access: CustomUpdateVarAccess(rawValue: $0["access"] as? String ?? "READ_WRITE")
              ?? .readWrite)
        },
        varRefs: (definition["var_refs"] as? [[String: Any]] ?? []).map {
          let access = ($0["access_mode"] as? String) ?? ($0["access"] as? String) ?? "READ_WRITE"
          return CustomUpdateVarReference(
            $0["name"] as! String, $0["type"] as? String ?? "scalar",
            access: VarAccessMode(rawValue: access) ?? .readWrite)
        },
        extraGlobalParams: (definition["extra_global_params"] as? [[String: Any]] ?? []).map {
          ExtraGlobalParameter($0["name"] as! String, $0["type"] as! String)
        },
        updateCode: definition["update_code"] as? String ?? "")
    } else if let builtin = CustomUpdateModel.builtins[modelName] {
      model = builtin
    } else {
      throw ReferenceError.unsupported("custom update model \(modelName)")
    }
    var targets: [String: CustomUpdateTarget] = [:]
    for (name, reference) in json["var_refs"] as? [String: [String: Any]] ?? [:] {
      targets[name] = try target(reference)
    }
    return CustomUpdate(
      name: json["name"] as! String, updateGroup: json["group"] as! String, model: model,
      params: numbers(json["params"]), vars: try initialisers(json["vars"]), varRefs: targets,
      extraGlobalParams: arrays(json["extra_global_params"]))
  }

  /// A custom update reference as the case describes it.
  private static func target(_ json: [String: Any]) throws -> CustomUpdateTarget {
    let variable = json["var"] as? String ?? ""
    let synapses = json["synapse_population"] as? String ?? ""
    switch json["kind"] as? String {
    case "neuron_var":
      return .neuronVariable(population: json["population"] as? String ?? "", variable: variable)
    case "current_source_var":
      return .currentSourceVariable(
        source: json["current_source"] as? String ?? "", variable: variable)
    case "psm_var": return .postsynapticVariable(synapses: synapses, variable: variable)
    case "out_post": return .postsynapticInput(synapses: synapses)
    case "weight_update_pre_var":
      return .weightUpdatePreVariable(synapses: synapses, variable: variable)
    case "weight_update_post_var":
      return .weightUpdatePostVariable(synapses: synapses, variable: variable)
    case "custom_update_var":
      return .customUpdateVariable(
        update: json["custom_update"] as? String ?? "", variable: variable)
    case "weight_update_var":
      if let transpose = json["transpose_synapse_population"] as? String {
        return .transposedWeightUpdateVariable(
          synapses: synapses, variable: variable, transposeSynapses: transpose,
          transposeVariable: json["transpose_var"] as? String ?? "")
      }
      return .weightUpdateVariable(synapses: synapses, variable: variable)
    default:
      throw ReferenceError.unsupported("variable reference \(json)")
    }
  }

  /// Parameter names, given as names or as `{"name", "type"}` objects.
  private static func parameterNames(_ value: Any?) -> [String] {
    (value as? [Any] ?? []).compactMap {
      ($0 as? String) ?? (($0 as? [String: Any])?["name"] as? String)
    }
  }

  private static func synapsePopulation(_ json: [String: Any], _ custom: [String: [String: Any]])
    throws
    -> SynapsePopulation
  {
    let connectivity = json["connectivity"] as? [String: Any] ?? [:]
    let weightUpdate = json["weight_update"] as? [String: Any] ?? [:]
    let postsynaptic = json["postsynaptic"] as? [String: Any] ?? [:]
    let weightUpdateName = weightUpdate["model"] as? String ?? ""
    let postsynapticName = postsynaptic["model"] as? String ?? ""
    let weightUpdateModel: WeightUpdateModel
    if weightUpdateName.hasPrefix("custom:") {
      let definition = custom[String(weightUpdateName.dropFirst(7))] ?? [:]
      func code(_ key: String) -> String { definition[key] as? String ?? "" }
      weightUpdateModel = WeightUpdateModel(
        name: String(weightUpdateName.dropFirst(7)),
        params: definition["params"] as? [String] ?? [],
        derivedParams: derivedParams(definition["derived_params"]),
        vars: variables(definition["vars"]), preVars: variables(definition["pre_vars"]),
        postVars: variables(definition["post_vars"]),
        preNeuronVarRefs: references(definition["pre_neuron_var_refs"]),
        postNeuronVarRefs: references(definition["post_neuron_var_refs"]),
        psmVarRefs: references(definition["psm_var_refs"]),
        extraGlobalParams: (definition["extra_global_params"] as? [[String: Any]] ?? []).map {
          ExtraGlobalParameter($0["name"] as! String, $0["type"] as! String)
        },
        preSpikeSynCode: code("pre_spike_syn_code"), preEventSynCode: code("pre_event_syn_code"),
        postSpikeSynCode: code("post_spike_syn_code"),
        postEventSynCode: code("post_event_syn_code"),
        synapseDynamicsCode: code("synapse_dynamics_code"),
        preEventThresholdConditionCode: code("pre_event_threshold_condition_code"),
        postEventThresholdConditionCode: code("post_event_threshold_condition_code"),
        preSpikeCode: code("pre_spike_code"), postSpikeCode: code("post_spike_code"),
        preDynamicsCode: code("pre_dynamics_code"), postDynamicsCode: code("post_dynamics_code"))
    } else {
      weightUpdateModel = WeightUpdateModel.builtins[weightUpdateName]!
    }
    let postsynapticModel: PostsynapticModel
    if postsynapticName.hasPrefix("custom:") {
      let definition = custom[String(postsynapticName.dropFirst(7))] ?? [:]
      postsynapticModel = PostsynapticModel(
        name: String(postsynapticName.dropFirst(7)),
        params: definition["params"] as? [String] ?? [],
        derivedParams: derivedParams(definition["derived_params"]),
        vars: variables(definition["vars"]),
        neuronVarRefs: references(definition["neuron_var_refs"]),
        simCode: definition["sim_code"] as? String ?? "")
    } else {
      postsynapticModel = PostsynapticModel.builtins[postsynapticName]!
    }
    func targets(_ value: Any?) -> [String: String] {
      (value as? [String: [String: Any]] ?? [:]).compactMapValues { $0["var"] as? String }
    }
    // BITMASK cases list their pairs too (GeNN built them with a row-building snippet).
    let pairs: Connectivity =
      (connectivity["kind"] as? String) == "dense"
      ? .allToAll
      : .explicit(
        pre: (connectivity["pre_ind"] as? [Int]) ?? [],
        post: (connectivity["post_ind"] as? [Int]) ?? [])
    return SynapsePopulation(
      name: json["name"] as! String, source: json["source"] as! String,
      target: json["target"] as! String,
      matrixType: SynapseMatrixType(rawValue: json["matrix_type"] as! String)!, connectivity: pairs,
      weightUpdate: weightUpdateModel, weightUpdateParams: numbers(weightUpdate["params"]),
      weightUpdateVars: try initialisers(weightUpdate["vars"]),
      weightUpdatePreVars: try initialisers(weightUpdate["pre_vars"]),
      weightUpdatePostVars: try initialisers(weightUpdate["post_vars"]),
      preVarRefs: targets(weightUpdate["pre_var_refs"]),
      postVarRefs: targets(weightUpdate["post_var_refs"]),
      psmVarRefs: targets(weightUpdate["psm_var_refs"]),
      weightUpdateExtraGlobalParams: arrays(weightUpdate["extra_global_params"]),
      postsynaptic: postsynapticModel,
      postsynapticParams: numbers(postsynaptic["params"]),
      postsynapticVars: try initialisers(postsynaptic["vars"]),
      postsynapticVarRefs: targets(postsynaptic["var_refs"]),
      axonalDelaySteps: json["axonal_delay_steps"] as? Int ?? 0,
      backPropDelaySteps: json["back_prop_delay_steps"] as? Int ?? 0,
      maxDendriticDelaySteps: json["max_dendritic_delay_timesteps"] as? Int)
  }

  private static func neuronModel(named name: String, _ custom: [String: [String: Any]]) throws
    -> NeuronModel
  {
    guard let definition = custom[name], definition["kind"] as? String == "neuron" else {
      throw ReferenceError.malformed("no custom neuron model \(name)")
    }
    return NeuronModel(
      name: name, params: definition["params"] as? [String] ?? [],
      derivedParams: derivedParams(definition["derived_params"]),
      vars: variables(definition["vars"]),
      extraGlobalParams: (definition["extra_global_params"] as? [[String: Any]] ?? []).map {
        ExtraGlobalParameter($0["name"] as! String, $0["type"] as! String)
      },
      simCode: definition["sim_code"] as? String ?? "",
      thresholdConditionCode: definition["threshold_condition_code"] as? String ?? "",
      resetCode: definition["reset_code"] as? String ?? "")
  }

  private static func currentSourceModel(named name: String, _ custom: [String: [String: Any]])
    throws
    -> CurrentSourceModel
  {
    guard let definition = custom[name], definition["kind"] as? String == "current_source" else {
      throw ReferenceError.malformed("no custom current source model \(name)")
    }
    return CurrentSourceModel(
      name: name, params: definition["params"] as? [String] ?? [],
      derivedParams: derivedParams(definition["derived_params"]),
      vars: variables(definition["vars"]),
      injectionCode: definition["injection_code"] as? String ?? "")
  }

  private static func derivedParams(_ value: Any?) -> [DerivedParameter] {
    (value as? [[String: Any]] ?? []).map {
      DerivedParameter($0["name"] as! String, formula: $0["formula"] as! String)
    }
  }

  /// References as GeNN's JSON lists them (`access_mode` or `access`).
  private static func references(_ value: Any?) -> [NeuronVarReference] {
    (value as? [[String: Any]] ?? []).map {
      let access = ($0["access_mode"] as? String) ?? ($0["access"] as? String) ?? "READ_ONLY"
      return NeuronVarReference(
        $0["name"] as! String, $0["type"] as? String ?? "scalar", readOnly: access == "READ_ONLY")
    }
  }

  private static func variables(_ value: Any?) -> [Variable] {
    (value as? [[String: Any]] ?? []).map {
      Variable(
        $0["name"] as! String, $0["type"] as? String ?? "scalar",
        access: VarAccess(rawValue: $0["access"] as? String ?? "READ_WRITE") ?? .readWrite)
    }
  }

  private static func numbers(_ value: Any?) -> [String: Double] {
    (value as? [String: Any] ?? [:]).compactMapValues { ($0 as? NSNumber)?.doubleValue }
  }

  private static func arrays(_ value: Any?) -> [String: [Double]] {
    (value as? [String: Any] ?? [:]).compactMapValues { entry in
      (entry as? [Any])?.compactMap { ($0 as? NSNumber)?.doubleValue }
    }
  }

  private static func initialisers(_ value: Any?) throws -> [String: VarInit] {
    var result: [String: VarInit] = [:]
    for (name, entry) in value as? [String: Any] ?? [:] {
      if let number = entry as? NSNumber {
        result[name] = .constant(number.doubleValue)
      } else if let object = entry as? [String: Any], let values = object["per_element"] as? [Any] {
        result[name] = .values(values.compactMap { ($0 as? NSNumber)?.doubleValue })
      } else {
        throw ReferenceError.unsupported("initialiser of variable \(name): \(entry)")
      }
    }
    return result
  }
}

/// Why a case could not be read.
public enum ReferenceError: Error, CustomStringConvertible {
  case malformed(String)
  case unsupported(String)

  public var description: String {
    switch self {
    case .malformed(let what): "malformed case: \(what)"
    case .unsupported(let what): "unsupported \(what)"
    }
  }
}
