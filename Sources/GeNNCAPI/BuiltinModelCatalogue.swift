import Foundation
import SwiftGeNN

/// The fields of every built-in model and snippet, by kind and GeNN name: what a caller
/// (PyGeNN's groups, which list a model's variables before anything is built) needs to
/// know of a model it names without defining.
struct BuiltinModelCatalogue: Encodable {
  /// One named, typed field of a model: a variable, reference or extra global parameter.
  struct Field: Encodable {
    /// The name code uses.
    var name: String
    /// The type as GeNN spells it.
    var type: String
    /// How code may use it (`READ_WRITE`, ...), where the field has an access.
    var access: String?
  }

  /// What one model or snippet declares.
  struct Description: Encodable {
    var params: [String] = []
    var derivedParams: [String] = []
    var vars: [Field] = []
    var preVars: [Field] = []
    var postVars: [Field] = []
    var varRefs: [Field] = []
    var preNeuronVarRefs: [Field] = []
    var postNeuronVarRefs: [Field] = []
    var psmVarRefs: [Field] = []
    var neuronVarRefs: [Field] = []
    var extraGlobalParams: [Field] = []
    var additionalInputVars: [Field] = []

    enum CodingKeys: String, CodingKey {
      case params
      case derivedParams = "derived_params"
      case vars
      case preVars = "pre_vars"
      case postVars = "post_vars"
      case varRefs = "var_refs"
      case preNeuronVarRefs = "pre_neuron_var_refs"
      case postNeuronVarRefs = "post_neuron_var_refs"
      case psmVarRefs = "psm_var_refs"
      case neuronVarRefs = "neuron_var_refs"
      case extraGlobalParams = "extra_global_params"
      case additionalInputVars = "additional_input_vars"
    }
  }

  var neuron: [String: Description]
  var postsynaptic: [String: Description]
  var weightUpdate: [String: Description]
  var currentSource: [String: Description]
  var customUpdate: [String: Description]
  var initVar: [String: Description]
  var sparseConnectivity: [String: Description]
  var toeplitzConnectivity: [String: Description]

  enum CodingKeys: String, CodingKey {
    case neuron
    case postsynaptic
    case weightUpdate = "weight_update"
    case currentSource = "current_source"
    case customUpdate = "custom_update"
    case initVar = "init_var"
    case sparseConnectivity = "sparse_connectivity"
    case toeplitzConnectivity = "toeplitz_connectivity"
  }

  /// Every built-in SwiftGeNN has.
  static let all = BuiltinModelCatalogue(
    neuron: NeuronModel.builtins.mapValues {
      Description(
        params: $0.params, derivedParams: $0.derivedParams.map(\.name),
        vars: $0.vars.map(Field.init), extraGlobalParams: $0.extraGlobalParams.map(Field.init),
        additionalInputVars: $0.additionalInputVars.map {
          Field(name: $0.name, type: $0.type)
        })
    },
    postsynaptic: PostsynapticModel.builtins.mapValues {
      Description(
        params: $0.params, derivedParams: $0.derivedParams.map(\.name),
        vars: $0.vars.map(Field.init), neuronVarRefs: $0.neuronVarRefs.map(Field.init))
    },
    weightUpdate: WeightUpdateModel.builtins.mapValues {
      Description(
        params: $0.params, derivedParams: $0.derivedParams.map(\.name),
        vars: $0.vars.map(Field.init), preVars: $0.preVars.map(Field.init),
        postVars: $0.postVars.map(Field.init),
        preNeuronVarRefs: $0.preNeuronVarRefs.map(Field.init),
        postNeuronVarRefs: $0.postNeuronVarRefs.map(Field.init),
        psmVarRefs: $0.psmVarRefs.map(Field.init),
        extraGlobalParams: $0.extraGlobalParams.map(Field.init))
    },
    currentSource: CurrentSourceModel.builtins.mapValues {
      Description(
        params: $0.params, derivedParams: $0.derivedParams.map(\.name),
        vars: $0.vars.map(Field.init), extraGlobalParams: $0.extraGlobalParams.map(Field.init))
    },
    customUpdate: CustomUpdateModel.builtins.mapValues {
      Description(
        params: $0.params, derivedParams: $0.derivedParams.map(\.name),
        vars: $0.vars.map {
          Field(name: $0.name, type: $0.type, access: $0.access.rawValue)
        },
        varRefs: $0.varRefs.map {
          Field(name: $0.name, type: $0.type, access: $0.access.rawValue)
        },
        extraGlobalParams: $0.extraGlobalParams.map(Field.init))
    },
    initVar: InitSnippet.builtins.mapValues {
      Description(params: $0.params, derivedParams: $0.derivedParams.map(\.name))
    },
    sparseConnectivity: ConnectivitySnippet.builtins.mapValues {
      Description(params: $0.params, derivedParams: $0.derivedParams.map(\.name))
    },
    toeplitzConnectivity: ToeplitzSnippet.builtins.mapValues {
      Description(params: $0.params, derivedParams: $0.derivedParams.map(\.name))
    })

  /// The catalogue as JSON, keys sorted.
  static let json = sortedJSON(all)
}

extension BuiltinModelCatalogue.Field {
  init(_ variable: Variable) {
    self.init(name: variable.name, type: variable.type, access: variable.access.rawValue)
  }

  init(_ parameter: ExtraGlobalParameter) {
    self.init(name: parameter.name, type: parameter.type)
  }

  init(_ reference: NeuronVarReference) {
    self.init(
      name: reference.name, type: reference.type,
      access: reference.isReadOnly ? "READ_ONLY" : "READ_WRITE")
  }
}

/// Every built-in model and snippet's fields as JSON (see `genn.h`).
@_cdecl("genn_builtin_models")
public func builtinModels() -> UnsafeMutablePointer<CChar>? {
  cString(BuiltinModelCatalogue.json)
}
