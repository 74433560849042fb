/// A custom connectivity update model, GeNN's `CustomConnectivityUpdateModels::Base`:
/// code that changes the rows of a SPARSE synapse population when the user calls its
/// update group (structural plasticity, pruning).
///
/// `rowUpdateCode` runs once per presynaptic neuron (`id_pre`); inside
/// `for_each_synapse { ... }` it sees each synapse of the row (`id_post`, `id_syn`, the
/// per-synapse variables and references) and may call `remove_synapse()`; anywhere in
/// the row it may call `add_synapse(id_post, ...)` with a value for each per-synapse
/// variable and then each per-synapse reference, in declaration order.
/// `hostUpdateCode` runs once, on the host, before the rows: it sees the extra global
/// parameters as pointers, the presynaptic and postsynaptic variables as arrays, and
/// GeNN's `push<Name>ToDevice`/`pull<Name>FromDevice` functions.
public struct CustomConnectivityUpdateModel: Sendable {
  /// The model's name.
  public var name: String
  /// Parameter names.
  public var params: [String]
  /// GeNN type names of parameters that are not `scalar`.
  public var paramTypes: [String: String]
  /// Parameters computed from the others and `dt`.
  public var derivedParams: [DerivedParameter]
  /// Per-synapse variables, kept aligned with the synapses as they are added and removed.
  public var vars: [Variable]
  /// Per-presynaptic-neuron variables.
  public var preVars: [Variable]
  /// Per-postsynaptic-neuron variables.
  public var postVars: [Variable]
  /// References to per-synapse variables of the same synapse population (its weight
  /// update variables, or those of custom updates and custom connectivity updates on it).
  public var varRefs: [CustomUpdateVarReference]
  /// References to variables of the presynaptic neurons.
  public var preVarRefs: [CustomUpdateVarReference]
  /// References to variables of the postsynaptic neurons.
  public var postVarRefs: [CustomUpdateVarReference]
  /// Arrays the user provides.
  public var extraGlobalParams: [ExtraGlobalParameter]
  /// References to other elements' extra global parameters (GeNN's
  /// `extra_global_param_refs`): the code reads and writes the referenced arrays in
  /// place, in the row update code as in the host update code (there as pointers).
  public var extraGlobalParamRefs: [ExtraGlobalParameter]
  /// Code run once per presynaptic neuron.
  public var rowUpdateCode: String
  /// Code run once, on the host, before the rows.
  public var hostUpdateCode: String

  /// Creates a custom connectivity update model.
  public init(
    name: String, params: [String] = [], paramTypes: [String: String] = [:],
    derivedParams: [DerivedParameter] = [], vars: [Variable] = [], preVars: [Variable] = [],
    postVars: [Variable] = [], varRefs: [CustomUpdateVarReference] = [],
    preVarRefs: [CustomUpdateVarReference] = [], postVarRefs: [CustomUpdateVarReference] = [],
    extraGlobalParams: [ExtraGlobalParameter] = [],
    extraGlobalParamRefs: [ExtraGlobalParameter] = [], rowUpdateCode: String = "",
    hostUpdateCode: String = ""
  ) {
    self.name = name
    self.params = params
    self.paramTypes = paramTypes
    self.derivedParams = derivedParams
    self.vars = vars
    self.preVars = preVars
    self.postVars = postVars
    self.varRefs = varRefs
    self.preVarRefs = preVarRefs
    self.postVarRefs = postVarRefs
    self.extraGlobalParams = extraGlobalParams
    self.extraGlobalParamRefs = extraGlobalParamRefs
    self.rowUpdateCode = rowUpdateCode
    self.hostUpdateCode = hostUpdateCode
  }

  /// Whether the row code adds or removes synapses (GeNN's `canModifyConnectivity`).
  public var modifiesConnectivity: Bool {
    rowUpdateCode.usesIdentifier("remove_synapse") || addsSynapses
  }

  /// Whether the row code adds synapses (`add_synapse`).
  public var addsSynapses: Bool { rowUpdateCode.usesIdentifier("add_synapse") }
}
