import GeNNTranspiler

/// How model code may use a variable, GeNN's `VarAccess`.
public enum VarAccess: String, Hashable, Sendable, CaseIterable, Codable {
  /// Read and written by the model's code (the default).
  case readWrite = "READ_WRITE"
  /// Only read by the model's code; set by initialisation or by the user.
  case readOnly = "READ_ONLY"
  /// Read-only, duplicated across batches (the same as `readOnly` with batch size 1).
  case readOnlyDuplicate = "READ_ONLY_DUPLICATE"
  /// Read-only, one value shared by all neurons of a batch.
  case readOnlySharedNeuron = "READ_ONLY_SHARED_NEURON"

  /// Whether model code may assign the variable.
  public var isWritable: Bool { self == .readWrite }

  /// Whether the variable has one value per element (GeNN's `ELEMENT` dimension).
  public var hasElementDimension: Bool { self != .readOnlySharedNeuron }

  /// Whether the variable has one value per batch (GeNN's `BATCH` dimension).
  public var hasBatchDimension: Bool { self != .readOnly }
}

/// A state variable of a model: one value per neuron (or per source).
public struct Variable: Hashable, Sendable {
  /// The name model code uses.
  public var name: String
  /// The value type as GeNN spells it: `"scalar"`, `"unsigned int"`, `"uint8_t"`, ...
  public var type: String
  /// How code may use it.
  public var access: VarAccess

  /// Creates a variable.
  public init(_ name: String, _ type: String = "scalar", access: VarAccess = .readWrite) {
    self.name = name
    self.type = type
    self.access = access
  }

  /// The parsed type, or `nil` if ``type`` is not a GeNN type (validation reports it).
  public var valueType: TypeName.Base? { TypeName.Base(parsing: type) }
}

/// An extra global parameter: an array the user fills (for example the spike times of
/// a `SpikeSourceArray`), seen by model code as a pointer to constant values.
public struct ExtraGlobalParameter: Hashable, Sendable {
  /// The name model code uses.
  public var name: String
  /// The type as GeNN spells it, a pointer such as `"scalar*"`.
  public var type: String

  /// Creates an extra global parameter.
  public init(_ name: String, _ type: String) {
    self.name = name
    self.type = type
  }

  /// The element type, or `nil` if ``type`` is not a GeNN pointer type.
  public var elementType: TypeName.Base? {
    guard type.hasSuffix("*") else { return nil }
    return TypeName.Base(parsing: String(type.dropLast()))
  }
}

/// An additional input variable of a neuron model: a local like `Isyn` that
/// postsynaptic models may add to, starting at `initialValue` each step.
public struct AdditionalInputVariable: Hashable, Sendable {
  /// The name model code uses.
  public var name: String
  /// The type as GeNN spells it.
  public var type: String
  /// The value it starts from each step.
  public var initialValue: Double

  /// Creates an additional input variable.
  public init(_ name: String, _ type: String = "scalar", initialValue: Double = 0) {
    self.name = name
    self.type = type
    self.initialValue = initialValue
  }

  /// The parsed type, or `nil` if ``type`` is not a GeNN type.
  public var valueType: TypeName.Base? { TypeName.Base(parsing: type) }
}
