import GeNNTranspiler

/// How a custom update's code may use one of its variables, GeNN's
/// `CustomUpdateVarAccess`. The dimensions are GeNN's, taken away from those of the
/// update: a `READ_WRITE` variable has one value per element the update runs over, a
/// neuron reduction one value in all.
public enum CustomUpdateVarAccess: String, Hashable, Sendable, CaseIterable {
  /// Read and written; one value per element (the default).
  case readWrite = "READ_WRITE"
  /// Only read; one value per element.
  case readOnly = "READ_ONLY"
  /// Only read; one value per element, shared across batches (the same as `readOnly`
  /// with batch size 1).
  case readOnlyShared = "READ_ONLY_SHARED"
  /// Only read; one value shared by all neurons (neuron custom updates only).
  case readOnlySharedNeuron = "READ_ONLY_SHARED_NEURON"
  /// The sum across batches, per element: with batch size 1, the value the code assigns.
  case reduceBatchSum = "REDUCE_BATCH_SUM"
  /// The maximum across batches, per element: with batch size 1, the value the code
  /// assigns.
  case reduceBatchMax = "REDUCE_BATCH_MAX"
  /// The sum, over the neurons, of the values the code assigns (one value in all).
  case reduceNeuronSum = "REDUCE_NEURON_SUM"
  /// The maximum, over the neurons, of the values the code assigns (one value in all).
  case reduceNeuronMax = "REDUCE_NEURON_MAX"
  /// Only assigned; one value per element (GeNN broadcasts writes across delay slots,
  /// which a custom update's own variables do not have). Neuron custom updates only.
  case broadcastDelay = "BROADCAST_DELAY"

  /// How code may use the variable.
  public var mode: VarAccessMode {
    switch self {
    case .readWrite: .readWrite
    case .readOnly, .readOnlyShared, .readOnlySharedNeuron: .readOnly
    case .reduceBatchSum, .reduceNeuronSum: .reduceSum
    case .reduceBatchMax, .reduceNeuronMax: .reduceMax
    case .broadcastDelay: .broadcast
    }
  }

  /// Whether the variable has one value in all rather than one per neuron.
  public var isSharedAcrossNeurons: Bool {
    [.readOnlySharedNeuron, .reduceNeuronSum, .reduceNeuronMax].contains(self)
  }

  /// Whether the variable is the target of a reduction over neurons.
  public var isNeuronReduction: Bool { self == .reduceNeuronSum || self == .reduceNeuronMax }

  /// Whether the variable is the target of a reduction over batches.
  public var isBatchReduction: Bool { self == .reduceBatchSum || self == .reduceBatchMax }
}

/// How code may use a variable reference (or a custom update variable), GeNN's
/// `VarAccessMode`.
public enum VarAccessMode: String, Hashable, Sendable, CaseIterable {
  /// Only read.
  case readOnly = "READ_ONLY"
  /// Read and written.
  case readWrite = "READ_WRITE"
  /// Only assigned; the assigned values are summed.
  case reduceSum = "REDUCE_SUM"
  /// Only assigned; the largest assigned value is kept.
  case reduceMax = "REDUCE_MAX"
  /// Only assigned; the value is written into every delay slot of a variable kept per
  /// delay slot (else into the variable, as `READ_WRITE` writes it).
  case broadcast = "BROADCAST"

  /// Whether the code assigns values that are reduced rather than stored.
  public var isReduction: Bool { self == .reduceSum || self == .reduceMax }

  /// Whether code may write the variable: all but `READ_ONLY`.
  public var writes: Bool { self != .readOnly }
}

/// A variable of a custom update model.
public struct CustomUpdateVariable: Hashable, Sendable {
  /// The name model code uses.
  public var name: String
  /// The value type as GeNN spells it: `"scalar"`, `"unsigned int"`, ...
  public var type: String
  /// How code may use it and how many values it has.
  public var access: CustomUpdateVarAccess

  /// Creates a variable.
  public init(_ name: String, _ type: String = "scalar", access: CustomUpdateVarAccess = .readWrite)
  {
    self.name = name
    self.type = type
    self.access = access
  }

  /// The parsed type, or `nil` if ``type`` is not a GeNN type (validation reports it).
  public var valueType: TypeName.Base? { TypeName.Base(parsing: type) }
}

/// A variable reference a custom update model declares: the custom update names the
/// variable (of a neuron population, synapse population, current source or another
/// custom update) it points at.
public struct CustomUpdateVarReference: Hashable, Sendable {
  /// The name model code uses.
  public var name: String
  /// The type as GeNN spells it; it must be the referenced variable's type.
  public var type: String
  /// How code may use it.
  public var access: VarAccessMode

  /// Creates a reference.
  public init(_ name: String, _ type: String = "scalar", access: VarAccessMode = .readWrite) {
    self.name = name
    self.type = type
    self.access = access
  }
}

/// A custom update model, GeNN's `CustomUpdateModels::Base`: code run for every element
/// (neuron or synapse) of the variables it references, only when the user calls its
/// update group (``ModelSpec/addCustomUpdate(_:)``, `Simulation.customUpdate(_:)`).
public struct CustomUpdateModel: Sendable {
  /// The model's name.
  public var name: String
  /// Parameter names.
  public var params: [String]
  /// GeNN type names of parameters that are not `scalar` (`"int"`, `"unsigned int"`,
  /// `"bool"`, ...), as PyGeNN's `(name, type)` pairs give them; the others are `scalar`.
  public var paramTypes: [String: String]
  /// Parameters computed from the others and `dt`.
  public var derivedParams: [DerivedParameter]
  /// The update's own variables.
  public var vars: [CustomUpdateVariable]
  /// References to variables of other elements of the model.
  public var varRefs: [CustomUpdateVarReference]
  /// Arrays the user provides.
  public var extraGlobalParams: [ExtraGlobalParameter]
  /// References to other elements' extra global parameters (GeNN's
  /// `extra_global_param_refs`), which the code reads and writes in place.
  public var extraGlobalParamRefs: [ExtraGlobalParameter]
  /// Code run for each element.
  public var updateCode: String

  /// Creates a custom update model.
  public init(
    name: String, params: [String] = [], paramTypes: [String: String] = [:],
    derivedParams: [DerivedParameter] = [],
    vars: [CustomUpdateVariable] = [], varRefs: [CustomUpdateVarReference] = [],
    extraGlobalParams: [ExtraGlobalParameter] = [],
    extraGlobalParamRefs: [ExtraGlobalParameter] = [], updateCode: String = ""
  ) {
    self.extraGlobalParamRefs = extraGlobalParamRefs
    self.name = name
    self.params = params
    self.paramTypes = paramTypes
    self.derivedParams = derivedParams
    self.vars = vars
    self.varRefs = varRefs
    self.extraGlobalParams = extraGlobalParams
    self.updateCode = updateCode
  }

  /// Whether any variable or reference is a reduction target.
  public var isReduction: Bool {
    vars.contains { $0.access.mode.isReduction } || varRefs.contains { $0.access.isReduction }
  }
}

extension CustomUpdateModel {
  /// Every built-in custom update model by its GeNN name.
  public static let builtins: [String: CustomUpdateModel] = ["Transpose": .transpose]

  /// GeNN's `Transpose`: no code; its read-only reference `variable` names a DENSE
  /// weight update variable with a transpose target
  /// (``CustomUpdateTarget/transposedWeightUpdateVariable(synapses:variable:transposeSynapses:transposeVariable:)``),
  /// which receives the transposed matrix.
  public static let transpose = CustomUpdateModel(
    name: "Transpose", varRefs: [CustomUpdateVarReference("variable", access: .readOnly)])
}
