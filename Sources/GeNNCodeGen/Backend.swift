import GeNNModel

/// A code generator for one kind of machine: turns a model into one self-contained
/// translation unit (DESIGN.md decision 2) and what its runtime needs to run it.
///
/// Every backend validates the model and checks its code strings alike, so a model one
/// backend refuses, every backend refuses with the same ``CodeGenError``; what differs is
/// the code written and the ``Module`` that carries it. The runtime allocates the arrays
/// of ``BackendModule/arrays`` and names the model element behind a failing line of
/// ``BackendModule/source`` through ``BackendModule/origin(ofLine:)``, whichever backend
/// wrote them.
///
/// ```swift
/// func lineCount(of model: ModelSpec, on backend: some Backend) throws(CodeGenError) -> Int {
///   try backend.generate(model).source.split(separator: "\n").count
/// }
/// ```
public protocol Backend: Sendable {
  /// What the backend generates for one model.
  associatedtype Module: BackendModule

  /// Whether generated code checks each index of an extra global parameter (and of a
  /// connectivity snippet's drawn row lengths) against the array's size as it runs.
  var checkIndices: Bool { get }

  /// Validates `model`, checks every code string, and returns the generated module.
  ///
  /// - Throws: ``CodeGenError/invalidModel(_:)`` for a model that fails validation,
  ///   ``CodeGenError/invalidCode(_:)`` for code strings that fail to check.
  func generate(_ model: ModelSpec) throws(CodeGenError) -> Module
}

/// What a ``Backend`` generates for one model: the translation unit, and the arrays of
/// model state the runtime allocates and binds to it.
public protocol BackendModule: Hashable, Sendable {
  /// The complete translation unit (C++ for the CPU, CUDA for NVRTC).
  var source: String { get }
  /// The arrays the runtime allocates and binds, in the order the module expects them.
  var arrays: [ArrayLayout] { get }

  /// The model element that produced line `line` (1-based) of ``source``: for a compile
  /// error in generated code, which is a bug of SwiftGeNN's, says where to look.
  func origin(ofLine line: Int) -> CodeOrigin?
}
