import GeNNModel
import GeNNTranspiler

/// The `connectivity` of a synapse population.
extension ModelFileDecoder {
  /// The keys of an inline connectivity snippet.
  static let connectivitySnippetKeys = [
    "name", "params", "derived_params", "row_build_code", "col_build_code", "max_row_length",
    "kernel_size", "extra_global_params",
  ]
  /// The keys of an inline Toeplitz snippet.
  static let toeplitzSnippetKeys = [
    "name", "params", "derived_params", "diagonal_build_code", "max_row_length", "kernel_size",
    "extra_global_params",
  ]

  /// Which synapses exist: absent or `all_to_all`; a built-in snippet name without
  /// parameters; `{pre: [...], post: [...]}` (lists or `{npy: path}`);
  /// `{snippet: name or definition, params: {...}}`; `{toeplitz: name or definition,
  /// params: {...}}`; a snippet's extra global parameters' values beside `params`
  /// (`extra_global_params: {name: [...] or {npy: path}}`).
  func connectivity(_ value: YAMLValue?, source: NeuronPopulation, target: NeuronPopulation)
    throws(ModelFileError) -> Connectivity
  {
    guard let value, !value.isNull else { return .allToAll }
    if value.node.scalar != nil {
      let name = try value.string()
      if name == "all_to_all" { return .allToAll }
      guard let snippet = ConnectivitySnippet.builtins[name] else {
        let available = ["all_to_all"] + ConnectivitySnippet.builtins.keys.sorted()
        throw value.error(
          .unknownName(
            key: value.key, kind: "connectivity", name: name, available: available,
            suggestion: NameSuggestion.closest(to: name, among: available)))
      }
      return .snippet(snippet, params: [:])
    }
    let fields = try value.mapping(
      allowed: ["pre", "post", "snippet", "toeplitz", "params", "extra_global_params"])
    let forms = [["pre", "post"], ["snippet"], ["toeplitz"]].filter {
      $0.contains { fields[$0] != nil }
    }
    guard forms.count == 1, let form = forms.first else {
      throw value.error(
        .conflictingKeys(
          key: value.key, keys: ["pre and post", "snippet", "toeplitz"],
          reason: forms.isEmpty ? "are all missing; give one" : "cannot be combined; give one"))
    }
    if form == ["pre", "post"] {
      for key in ["params", "extra_global_params"] {
        guard let entry = fields.entry(key) else { continue }
        throw ModelFileError(
          .unknownKey(key: entry.value.key, allowed: ["pre", "post"], suggestion: nil),
          at: entry.keyPosition)
      }
      let pre = try indices(fields.required("pre"))
      let postValue = try fields.required("post")
      let post = try indices(postValue)
      guard pre.count == post.count else {
        throw postValue.error(
          .wrongLength(
            key: postValue.key, count: post.count, expected: pre.count, unit: "entry of 'pre'"))
      }
      return .explicit(pre: pre, post: post)
    }
    if let snippetValue = fields["snippet"] {
      var snippet = try connectivitySnippet(snippetValue)
      snippet.extraGlobalParamValues = try extraGlobalValues(
        fields["extra_global_params"], allowed: snippet.extraGlobalParams.map(\.name))
      return .snippet(
        snippet,
        params: try parameterValues(
          fields["params"], allowed: snippet.params, of: .connectivity, model: snippet.name))
    }
    let toeplitzValue = try fields.required("toeplitz")
    var snippet = try toeplitzSnippet(toeplitzValue)
    snippet.extraGlobalParamValues = try extraGlobalValues(
      fields["extra_global_params"], allowed: snippet.extraGlobalParams.map(\.name))
    return .toeplitz(
      snippet,
      params: try parameterValues(
        fields["params"], allowed: snippet.params, of: .toeplitzConnectivity, model: snippet.name
      ))
  }

  /// A connectivity snippet: a built-in name or an inline definition.
  func connectivitySnippet(_ value: YAMLValue) throws(ModelFileError) -> ConnectivitySnippet {
    guard case .mapping = value.node else {
      return try builtin(value, ConnectivitySnippet.builtins, kind: "connectivity snippet")
    }
    let fields = try value.mapping(allowed: Self.connectivitySnippetKeys)
    let (params, types) = try typedParameterNames(fields["params"])
    let rowBuild = try code(fields, "row_build_code")
    let colBuild = try code(fields, "col_build_code")
    if rowBuild.isBlank == colBuild.isBlank {
      throw value.error(
        .conflictingKeys(
          key: value.key, keys: ["row_build_code", "col_build_code"],
          reason: rowBuild.isBlank ? "are both missing; give one" : "cannot both be given; give one"
        ))
    }
    var snippet = ConnectivitySnippet(
      name: try fields["name"]?.string("a name") ?? "\(Self.parentKey(value.key))_snippet",
      params: params, paramTypes: types,
      derivedParams: try derivedParameters(fields["derived_params"], params: params),
      rowBuildCode: rowBuild, colBuildCode: colBuild,
      maxRowLength: try sizeFormula(fields["max_row_length"], params: params) ?? { _, post, _ in
        post
      },
      kernelSize: try kernelSize(fields["kernel_size"], params: params))
    snippet.extraGlobalParams = try extraGlobalParameterDeclarations(
      fields["extra_global_params"])
    return snippet
  }

  /// A Toeplitz snippet: a built-in name or an inline definition.
  func toeplitzSnippet(_ value: YAMLValue) throws(ModelFileError) -> ToeplitzSnippet {
    guard case .mapping = value.node else {
      return try builtin(value, ToeplitzSnippet.builtins, kind: "Toeplitz snippet")
    }
    let fields = try value.mapping(
      allowed: Self.toeplitzSnippetKeys,
      required: ["diagonal_build_code", "max_row_length", "kernel_size"])
    let (params, types) = try typedParameterNames(fields["params"])
    let maxRowLength = try sizeFormula(fields["max_row_length"], params: params)
    let kernelSize = try kernelSize(fields["kernel_size"], params: params)
    var snippet = ToeplitzSnippet(
      name: try fields["name"]?.string("a name") ?? "\(Self.parentKey(value.key))_toeplitz",
      params: params, paramTypes: types,
      derivedParams: try derivedParameters(fields["derived_params"], params: params),
      diagonalBuildCode: try code(fields, "diagonal_build_code"),
      maxRowLength: maxRowLength ?? { _, post, _ in post }, kernelSize: kernelSize ?? { _ in [] })
    snippet.extraGlobalParams = try extraGlobalParameterDeclarations(
      fields["extra_global_params"])
    return snippet
  }

  /// A size computed from `num_pre`, `num_post` and the parameters: a whole number or a
  /// formula such as `ceil(num_post * prob * 2)`, checked here.
  func sizeFormula(_ value: YAMLValue?, params: [String]) throws(ModelFileError)
    -> (@Sendable (Int, Int, [String: Double]) -> Int)?
  {
    guard let value else { return nil }
    if let constant = try? value.integer() {
      return { _, _, _ in constant }
    }
    let formula = try formula(value, params: params + ["num_pre", "num_post"])
    return { numPre, numPost, parameters in
      var names = parameters
      names["num_pre"] = Double(numPre)
      names["num_post"] = Double(numPost)
      return Self.size(formula, names) ?? -1
    }
  }

  /// A kernel shape: a list of whole numbers or formulas over the parameters.
  func kernelSize(_ value: YAMLValue?, params: [String]) throws(ModelFileError)
    -> (@Sendable ([String: Double]) -> [Int])?
  {
    guard let value else { return nil }
    var formulas: [String] = []
    for item in try value.list("a list of kernel dimensions") {
      formulas.append(try formula(item, params: params))
    }
    let dimensions = formulas
    return { parameters in dimensions.map { Self.size($0, parameters) ?? 0 } }
  }

  /// A formula over `params`, checked by evaluating it with every name set to 1; a
  /// `${...}` expression gives its value.
  private func formula(_ value: YAMLValue, params: [String]) throws(ModelFileError) -> String {
    if let scalar = value.node.scalar, ExpressionScope.isExpression(scalar.string) {
      return "\(try value.number())"
    }
    let formula = try value.string("a whole number or a formula")
    let names = Dictionary(uniqueKeysWithValues: Set(params).map { ($0, 1.0) })
    do {
      _ = try DerivedParameter("size", formula: formula).compute(names, 1.0)
    } catch let error as TranspilerError {
      throw codeError(error, keyPath: value.key)
    } catch {
      throw value.error(.invalidModel("'\(value.key)': \(error)"))
    }
    return formula
  }

  /// The whole number `formula` gives for `names`, rounded up, if it is finite and not
  /// negative.
  /// The size `formula` gives for `names`, rounded up; at most 10^15 (more than any
  /// size holds); `nil` where it gives no number or a negative one.
  private static func size(_ formula: String, _ names: [String: Double]) -> Int? {
    guard let value = try? DerivedParameter("size", formula: formula).compute(names, 0),
      !value.isNaN, value >= 0
    else { return nil }
    return Int(min(value, 1e15).rounded(.up))
  }

  /// The dotted key path without its last component's parent's key: for
  /// `synapses.EE.connectivity.snippet`, `EE`.
  static func parentKey(_ key: String) -> String {
    let parts = key.split(separator: ".")
    return parts.count >= 3 ? String(parts[parts.count - 3]) : "connectivity"
  }
}
