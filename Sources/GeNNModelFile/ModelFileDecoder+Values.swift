import Foundation
import GeNNModel
import GeNNNPY
import GeNNTranspiler

/// Parameter values, variable initialisers, extra global parameter arrays and `.npy`
/// files.
extension ModelFileDecoder {
  /// Parameter values: a mapping from the model's parameter names (`allowed`) to numbers.
  /// An unknown name is an error listing the allowed ones with their units: those
  /// `kind`'s built-in model `model` has (``ModelReference/parameterUnits(_:name:params:)``)
  /// and those the file `declared` for its own model.
  func parameterValues(
    _ value: YAMLValue?, allowed: [String], of kind: ModelKind? = nil, model: String = "",
    declared: [String: String]? = nil
  ) throws(ModelFileError) -> [String: Double] {
    guard let value else { return [:] }
    let mapping = try value.entries("a mapping with keys \(allowed.joined(separator: ", "))")
    let builtin = kind.map { ModelReference.parameterUnits($0, name: model, params: allowed) }
    let units = (builtin ?? [:]).merging(declared ?? [:]) { _, declared in declared }
    for entry in mapping.entries where !allowed.contains(entry.name) {
      throw ModelFileError(
        .unknownKey(
          key: entry.value.key,
          allowed: allowed.map { ModelReference.withUnit($0, units[$0] ?? "") },
          suggestion: NameSuggestion.closest(to: entry.name, among: allowed)),
        at: entry.keyPosition)
    }
    var values: [String: Double] = [:]
    for entry in mapping.entries {
      values[entry.name] = try entry.value.number()
    }
    return values
  }

  /// Variable initialisers for the variables `allowed`, each with `count` elements (one
  /// per `unit`) when known; a `.npy` array of them may also have the two-dimensional
  /// shape `matrix` (the `(pre, post)` of a dense weight matrix).
  func variableInitialisers(
    _ value: YAMLValue?, allowed: [String], count: Int?, unit: String, matrix: [Int]? = nil
  ) throws(ModelFileError) -> [String: VarInit] {
    var initialisers: [String: VarInit] = [:]
    for entry in try value?.mapping(allowed: allowed).entries ?? [] {
      initialisers[entry.name] = try variableInitialiser(
        entry.value, count: count, unit: unit, matrix: matrix)
    }
    return initialisers
  }

  /// One variable initialiser: a number, `uninitialised`, a list of numbers,
  /// `{npy: path}`, `{snippet: name or definition, params: {...}, extra_global_params:
  /// {...}}` or
  /// `{kernel: list or {npy: path}}`.
  func variableInitialiser(_ value: YAMLValue, count: Int?, unit: String, matrix: [Int]? = nil)
    throws(ModelFileError) -> VarInit
  {
    if value.node.scalar?.string == "uninitialised" { return .uninitialised }
    switch value.node {
    case .scalar:
      return .constant(try value.number())
    case .sequence:
      return .values(try array(value, count: count, unit: unit))
    default:
      let fields = try value.mapping(
        allowed: ["npy", "snippet", "params", "extra_global_params", "kernel"])
      let given = ["npy", "snippet", "kernel"].filter { fields[$0] != nil }
      guard given.count == 1 else {
        throw value.error(
          .conflictingKeys(
            key: value.key, keys: ["npy", "snippet", "kernel"],
            reason: given.isEmpty ? "are all missing; give one" : "cannot be combined; give one"))
      }
      for key in ["params", "extra_global_params"] where fields["snippet"] == nil {
        guard let entry = fields.entry(key) else { continue }
        throw ModelFileError(
          .unknownKey(key: entry.value.key, allowed: given, suggestion: nil),
          at: entry.keyPosition)
      }
      if let path = fields["npy"] {
        return .values(try npyValues(path, count: count, unit: unit, matrix: matrix))
      }
      if let kernel = fields["kernel"] {
        return .kernel(try array(kernel, count: nil, unit: "kernel element"))
      }
      guard let snippetValue = fields["snippet"] else {
        throw value.error(.missingKey(key: value.key, missing: "snippet"))
      }
      var snippet = try initSnippet(snippetValue, name: "init_\(Self.lastKey(value.key))")
      snippet.extraGlobalParamValues = try extraGlobalValues(
        fields["extra_global_params"], allowed: snippet.extraGlobalParams.map(\.name))
      return .snippet(
        snippet,
        params: try parameterValues(
          fields["params"], allowed: snippet.params, of: .variableInitialisation,
          model: snippet.name))
    }
  }

  /// Extra global parameter values: a mapping from the model's extra global parameter
  /// names (`allowed`) to lists of numbers or `{npy: path}`.
  func extraGlobalValues(_ value: YAMLValue?, allowed: [String]) throws(ModelFileError)
    -> [String: [Double]]
  {
    var values: [String: [Double]] = [:]
    for entry in try value?.mapping(allowed: allowed).entries ?? [] {
      values[entry.name] = try array(entry.value, count: nil, unit: "element")
    }
    return values
  }

  /// Numbers: a list or `{npy: path}`; `count` of them (one per `unit`) when known.
  func array(_ value: YAMLValue, count: Int?, unit: String) throws(ModelFileError) -> [Double] {
    if case .mapping = value.node {
      let fields = try value.mapping(allowed: ["npy"], required: ["npy"])
      return try npyValues(try fields.required("npy"), count: count, unit: unit)
    }
    let values = try value.numbers()
    if let count, values.count != count {
      throw value.error(
        .wrongLength(key: value.key, count: values.count, expected: count, unit: unit))
    }
    return values
  }

  /// The numbers in the `.npy` file named by `path`: `count` of them when known, in one
  /// dimension or shaped as `matrix`.
  func npyValues(_ path: YAMLValue, count: Int?, unit: String, matrix: [Int]? = nil)
    throws(ModelFileError) -> [Double]
  {
    try npy(path) { (shape, dtype, file) throws(ModelFileError) in
      guard dtype != .bool else {
        throw path.error(
          .npyMismatch(
            key: path.key, path: file, found: "booleans",
            expected: "numbers (float32, float64 or integers)"))
      }
      try checkShape(shape, path: path, file: file, count: count, unit: unit, matrix: matrix)
    }.array.doubles
  }

  /// Whole numbers for indices: a list or `{npy: path}` of an integer type.
  func indices(_ value: YAMLValue) throws(ModelFileError) -> [Int] {
    if case .mapping = value.node {
      let fields = try value.mapping(allowed: ["npy"], required: ["npy"])
      let path = try fields.required("npy")
      let (array, file) = try npy(path) { (shape, _, file) throws(ModelFileError) in
        try checkShape(shape, path: path, file: file, count: nil, unit: "synapse")
      }
      guard let values = array.int64s, array.dtype != .bool else {
        throw path.error(
          .npyMismatch(
            key: path.key, path: file, found: "elements of type \(array.dtype)",
            expected: "integers (int32, int64, uint32 or uint8)"))
      }
      return values.map { Int($0) }
    }
    var values: [Int] = []
    for item in try value.list("a list of neuron indices or {npy: path}") {
      values.append(try item.integer(atLeast: 0))
    }
    return values
  }

  /// Checks that `array` is one-dimensional, with `count` elements when that is known,
  /// or has the two-dimensional shape `matrix` (a transposed or reshaped array is not
  /// taken for it).
  private func checkShape(
    _ shape: [Int], path: YAMLValue, file: String, count: Int?, unit: String,
    matrix: [Int]? = nil
  ) throws(ModelFileError) {
    let found = "an array of shape (\(shape.map(String.init).joined(separator: ", ")))"
    if let count {
      guard shape == [count] || shape == matrix else {
        var shapes = "shape (\(count),)"
        if let matrix {
          shapes +=
            " or (\(matrix.map(String.init).joined(separator: ", "))), presynaptic by "
            + "postsynaptic neurons"
        }
        throw path.error(
          .npyMismatch(
            key: path.key, path: file, found: found,
            expected: "\(count) values, one per \(unit) (\(shapes))"))
      }
    } else if shape.count != 1 {
      throw path.error(
        .npyMismatch(key: path.key, path: file, found: found, expected: "a one-dimensional array"))
    }
  }

  /// The array in the `.npy` file named by `value`, relative to the model file's folder,
  /// and the path as written, once `check` has taken its shape and element type, read
  /// from the file's header (with the path): an array of the wrong shape is refused
  /// before it is read.
  func npy(
    _ value: YAMLValue,
    check: (_ shape: [Int], _ dtype: NPYDType, _ file: String) throws(ModelFileError) -> Void
  ) throws(ModelFileError) -> (array: NPYArray, file: String) {
    let path = try value.string("the path of a .npy file")
    let url =
      path.hasPrefix("/")
      ? URL(fileURLWithPath: path) : directory.appendingPathComponent(path)
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw value.error(
        .npyUnreadable(
          key: value.key, path: path,
          reason: "no file exists at \(url.path) (paths are relative to the model file's folder)"))
    }
    inputFiles.add(url.standardizedFileURL.path)
    let header: (shape: [Int], dtype: NPYDType)
    do {
      header = try NPYReader.shape(of: url)
    } catch {
      throw value.error(.npyUnreadable(key: value.key, path: path, reason: "\(error)"))
    }
    try check(header.shape, header.dtype, path)
    do {
      return (try NPYReader.read(from: url), path)
    } catch {
      throw value.error(.npyUnreadable(key: value.key, path: path, reason: "\(error)"))
    }
  }

  /// The last component of a dotted key path.
  static func lastKey(_ key: String) -> String {
    key.split(separator: ".").last.map(String.init) ?? key
  }
}
