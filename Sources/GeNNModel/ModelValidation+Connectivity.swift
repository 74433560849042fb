import GeNNTranspiler

/// Which connectivity each matrix type takes and how its per-synapse variables may be
/// initialised, as GeNN 5.4's `SynapseGroup` checks them.
extension ModelSpec {
  /// The combinations GeNN allows, for error messages.
  static let allowedMatrixCombinations =
    "(allowed: DENSE and DENSE_PROCEDURALG with all-to-all connectivity; SPARSE with "
    + "all-to-all, index lists or a connectivity snippet; BITMASK with the same but no "
    + "per-synapse variables; PROCEDURAL and PROCEDURAL_KERNELG with a row-building "
    + "connectivity snippet; TOEPLITZ with a Toeplitz snippet)"

  /// The problems of `synapses`' connectivity and of how its variables are stored; the
  /// number of per-synapse values a `.values` initialiser must have, and the initialisers
  /// with the problems reported here neutralised (so that their lengths are not reported
  /// again).
  func checkConnectivity(
    _ synapses: SynapsePopulation, element: String, weightUpdateElement: String,
    source: NeuronPopulation, target: NeuronPopulation
  ) -> (problems: [ModelProblem], synapseCount: Int, weightUpdateVars: [String: VarInit]) {
    var problems: [ModelProblem] = []
    var synapseCount = source.size * target.size
    var weightUpdateVars = synapses.weightUpdateVars
    // Kernel shapes and row lengths are computed from snippet parameters only once they
    // are known to be in their domains.
    var parametersValid = true
    let allowed = Self.allowedMatrixCombinations
    let matrix = synapses.matrixType
    let storage = matrix.connectivityStorage
    func invalid(_ reason: String) {
      problems.append(.invalidConnectivity(element: element, reason: reason))
    }
    if matrix == .bitmask, let variable = synapses.weightUpdate.vars.first {
      invalid(
        "a BITMASK matrix stores only which synapses exist, so weight update model "
          + "'\(synapses.weightUpdate.name)' cannot keep per-synapse variable "
          + "'\(variable.name)' \(allowed)")
    }
    // GeNN runs per-synapse code over DENSE and SPARSE connectivity, procedural weights
    // (DENSE_PROCEDURALG) too.
    let rowMatrixTypes: [SynapseMatrixType] = [.dense, .denseProceduralG, .sparse]
    if !rowMatrixTypes.contains(matrix) {
      let perSynapseCode = [
        ("synapseDynamicsCode", synapses.weightUpdate.synapseDynamicsCode),
        ("postSpikeSynCode", synapses.weightUpdate.postSpikeSynCode),
        ("postEventSynCode", synapses.weightUpdate.postEventSynCode),
      ]
      for (field, code) in perSynapseCode where !code.isBlank {
        problems.append(
          .matrixTypeNotAllowed(
            element: weightUpdateElement, field: field, matrixType: matrix,
            allowed: rowMatrixTypes))
      }
    }
    switch (storage, synapses.connectivity) {
    case (.dense, .allToAll), (.sparse, .allToAll), (.bitmask, .allToAll):
      break
    case (.dense, .explicit):
      invalid(
        "a \(matrix.rawValue) matrix connects every pair and takes no index lists; use SPARSE "
          + "for explicit connectivity \(allowed)")
    case (.dense, .snippet), (.dense, .toeplitz):
      invalid(
        "a \(matrix.rawValue) matrix connects every pair; a connectivity snippet needs SPARSE, "
          + "BITMASK or PROCEDURAL \(allowed)")
    case (.sparse, .explicit(let pre, let post)), (.bitmask, .explicit(let pre, let post)):
      problems += checkIndexLists(element: element, pre: pre, post: post, source, target)
      synapseCount = pre.count
    case (.sparse, .snippet(let snippet, let params)),
      (.bitmask, .snippet(let snippet, let params)),
      (.procedural, .snippet(let snippet, let params)):
      let snippetProblems = checkSnippet(element: element, snippet, params: params)
      problems += snippetProblems
      parametersValid = snippetProblems.isEmpty
      if parametersValid {
        problems += checkRowLength(
          element: element, snippet: "connectivity snippet '\(snippet.name)'",
          snippet.maxRowLength(source.size, target.size, params))
      }
      if storage == .procedural && snippet.rowBuildCode.isBlank {
        invalid(
          "a \(matrix.rawValue) matrix regenerates rows from presynaptic spikes, so "
            + "connectivity snippet '\(snippet.name)' needs row build code \(allowed)")
      }
      if storage == .bitmask && snippet.kernelSize != nil {
        invalid(
          "connectivity snippet '\(snippet.name)' assigns kernel indices, which a BITMASK "
            + "matrix cannot keep \(allowed)")
      }
      // Per-synapse values need to know the synapses before they are built.
      if matrix.weightStorage == .individual {
        for (name, initialiser) in synapses.weightUpdateVars.sorted(by: { $0.key < $1.key }) {
          guard case .values = initialiser else { continue }
          invalid(
            "variable '\(name)' has one value per synapse, but the synapses are built by the "
              + "connectivity snippet; give a constant, or give explicit connectivity")
          weightUpdateVars[name] = .constant(0)
        }
      }
      synapseCount = 0
    case (.toeplitz, .toeplitz(let snippet, let params)):
      // Any population sizes, as in GeNN: the diagonals run over the source's own spikes,
      // and a synapse beyond the target population is skipped.
      let place = "\(element), Toeplitz snippet '\(snippet.name)'"
      problems += checkSnippetArrays(
        element: place, snippet.extraGlobalParams, values: snippet.extraGlobalParamValues)
      let snippetProblems =
        checkParams(
          element: place, given: params, expected: snippet.params, types: snippet.paramTypes,
          units: ModelReference.parameterUnits(
            .toeplitzConnectivity, name: snippet.name, params: snippet.params))
        + checkDomains(
          element: place, given: params, declared: snippet.paramDomains, types: snippet.paramTypes)
      problems += snippetProblems
      parametersValid = snippetProblems.isEmpty
      if snippetProblems.isEmpty {
        problems += checkDerived(element: place, snippet.derivedParams, params: params)
        problems += checkRowLength(
          element: element, snippet: "Toeplitz snippet '\(snippet.name)'",
          snippet.maxRowLength(source.size, target.size, params))
      }
      if usesRandomNumbers(snippet.diagonalBuildCode) {
        invalid("Toeplitz snippet '\(snippet.name)' cannot draw random numbers")
      }
    case (.procedural, _), (.toeplitz, _), (_, .toeplitz):
      invalid(
        "a \(matrix.rawValue) matrix cannot take this connectivity "
          + "(\(synapses.connectivity.kindDescription)) \(allowed)")
    }
    if parametersValid, let maxConnections = synapses.maxConnections {
      problems += checkMaxConnections(
        maxConnections, of: synapses, element: element, source: source, target: target)
    }
    if parametersValid {
      problems += checkWeightStorage(
        synapses, element: element, weightUpdateVars: &weightUpdateVars,
        synapseCount: &synapseCount)
    } else {
      // Kernel initialisers are checked once the kernel's shape is known.
      for (name, initialiser) in weightUpdateVars {
        if case .kernel = initialiser { weightUpdateVars[name] = .constant(0) }
      }
    }
    return (problems, synapseCount, weightUpdateVars)
  }

  /// The problems of variable initialisers that the matrix's weight storage cannot hold.
  private func checkWeightStorage(
    _ synapses: SynapsePopulation, element: String, weightUpdateVars: inout [String: VarInit],
    synapseCount: inout Int
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    let matrix = synapses.matrixType
    let kernel = synapses.kernelSize
    let kernelCount = saturatingProduct(kernel)
    let sorted = synapses.weightUpdateVars.sorted { $0.key < $1.key }
    func invalid(_ name: String, _ reason: String) {
      problems.append(
        .invalidConnectivity(element: element, reason: "variable '\(name)': \(reason)"))
      weightUpdateVars[name] = .constant(0)
    }
    switch matrix.weightStorage {
    case .kernel:
      if kernel.isEmpty, case .snippet(let snippet, _) = synapses.connectivity {
        problems.append(
          .invalidConnectivity(
            element: element,
            reason: "a \(matrix.rawValue) matrix keeps its variables in a kernel, but "
              + "connectivity snippet '\(snippet.name)' defines no kernel size"))
      }
      synapseCount = kernelCount
      for (name, initialiser) in sorted {
        if case .kernel = initialiser {
          invalid(
            name,
            "a \(matrix.rawValue) matrix keeps variables in the kernel itself; give the "
              + "\(kernelCount) kernel values as values, a constant or a snippet")
        }
      }
    case .procedural:
      for (name, initialiser) in sorted {
        switch initialiser {
        case .values, .uninitialised:
          invalid(
            name,
            "a \(matrix.rawValue) matrix computes variables from their initialisers each "
              + "time a synapse is used, so it takes a constant or an init snippet, not "
              + "stored values")
        case .snippet(let snippet, _) where matrix == .denseProceduralG:
          if usesRandomNumbers(snippet.code) {
            invalid(
              name,
              "init snippet '\(snippet.name)' draws random numbers, which procedural "
                + "variables of a DENSE_PROCEDURALG matrix cannot (use PROCEDURAL)")
          }
        case .kernel where matrix == .denseProceduralG:
          invalid(name, "a kernel initialiser needs a connectivity snippet with a kernel")
        default:
          break
        }
      }
    case .individual:
      break
    }
    for (name, initialiser) in sorted {
      guard case .kernel(let values) = initialiser, matrix != .denseProceduralG,
        matrix.weightStorage != .kernel
      else { continue }
      if kernel.isEmpty {
        invalid(
          name,
          "a kernel initialiser needs a connectivity snippet that defines a kernel size (such "
            + "as Conv2D)")
      } else if values.count != kernelCount {
        problems.append(
          .wrongLength(element: element, field: name, expected: kernelCount, got: values.count))
        weightUpdateVars[name] = .constant(0)
      } else {
        weightUpdateVars[name] = .constant(0)
      }
    }
    return problems
  }

  /// The problems of a connectivity snippet's parameters and build code. Its sizes need
  /// not match the populations' (GeNN does not check them either): a source smaller than
  /// a convolution's input builds only the rows of the neurons it has, and a synapse
  /// beyond the target population is never stored (initialisation reports it) nor, in
  /// PROCEDURAL rows, delivered.
  private func checkSnippet(
    element: String, _ snippet: ConnectivitySnippet, params: [String: Double]
  ) -> [ModelProblem] {
    let place = "\(element), connectivity snippet '\(snippet.name)'"
    var problems = checkParams(
      element: place, given: params, expected: snippet.params, types: snippet.paramTypes,
      units: ModelReference.parameterUnits(
        .connectivity, name: snippet.name, params: snippet.params))
    problems += checkDomains(
      element: place, given: params, declared: snippet.paramDomains, types: snippet.paramTypes)
    problems += checkSnippetArrays(
      element: place, snippet.extraGlobalParams, values: snippet.extraGlobalParamValues)
    if snippet.rowBuildCode.isBlank == snippet.colBuildCode.isBlank {
      problems.append(
        .invalidConnectivity(
          element: place,
          reason: "a connectivity snippet needs exactly one of row build code and column "
            + "build code"))
    }
    if case .totalSynapses(let parameter)? = snippet.rowLengthDraw,
      !snippet.params.contains(parameter)
    {
      problems.append(.missingParameter(element: place, name: parameter))
    }
    if problems.isEmpty {
      problems += checkDerived(element: place, snippet.derivedParams, params: params)
    }
    return problems
  }

  /// The problem of a snippet whose longest row (or number of diagonals) is more than a
  /// row's 32-bit length can count, or negative (a formula that gives no number gives -1).
  private func checkRowLength(element: String, snippet: String, _ length: Int) -> [ModelProblem] {
    if length < 0 {
      return [
        .invalidConnectivity(
          element: element,
          reason: "the maximum row length of \(snippet) is negative or not a number for "
            + "these populations (\(length)); it must be a whole number from 0 to "
            + "\(UInt32.max)")
      ]
    }
    guard length > Int(UInt32.max) else { return [] }
    return [
      .invalidConnectivity(
        element: element,
        reason: "\(snippet) makes rows of up to \(length) synapses; a row holds at most "
          + "\(UInt32.max)")
    ]
  }

  private func checkIndexLists(
    element: String, pre: [Int], post: [Int], _ source: NeuronPopulation,
    _ target: NeuronPopulation
  ) -> [ModelProblem] {
    var problems: [ModelProblem] = []
    if pre.count != post.count {
      problems.append(
        .wrongLength(element: element, field: "post", expected: pre.count, got: post.count))
    }
    if let index = pre.first(where: { $0 < 0 || $0 >= source.size }) {
      problems.append(
        .indexOutOfRange(element: element, field: "pre", index: index, size: source.size))
    }
    if let index = post.first(where: { $0 < 0 || $0 >= target.size }) {
      problems.append(
        .indexOutOfRange(element: element, field: "post", index: index, size: target.size))
    }
    return problems
  }

  /// Whether code calls one of GeNN's random number functions.
  private func usesRandomNumbers(_ code: String) -> Bool {
    Scanner.scan(code).tokens.contains {
      $0.kind == .identifier && $0.lexeme.hasPrefix("gennrand")
    }
  }
}

extension ModelSpec {
  /// A snippet's extra global parameters: valid names and pointer types, values only for
  /// declared ones.
  func checkSnippetArrays(
    element: String, _ declared: [ExtraGlobalParameter], values: [String: [Double]]
  ) -> [ModelProblem] {
    var problems = checkFields(
      element: element, params: [], paramTypes: [:], derived: [], vars: [], egps: declared)
    let names = declared.map(\.name)
    for name in values.keys.sorted() where !names.contains(name) {
      problems.append(.unknownExtraGlobalParameter(element: element, name: name, allowed: names))
    }
    return problems
  }
}

extension Connectivity {
  /// The snippet's extra global parameters, with their values.
  public var extraGlobalParams: [(parameter: ExtraGlobalParameter, values: [Double])] {
    switch self {
    case .snippet(let snippet, _):
      snippet.extraGlobalParams.map { ($0, snippet.extraGlobalParamValues[$0.name] ?? []) }
    case .toeplitz(let snippet, _):
      snippet.extraGlobalParams.map { ($0, snippet.extraGlobalParamValues[$0.name] ?? []) }
    case .allToAll, .explicit: []
    }
  }

  /// What the connectivity is, for error messages.
  var kindDescription: String {
    switch self {
    case .allToAll: "all-to-all"
    case .explicit: "explicit index lists"
    case .snippet(let snippet, _):
      "connectivity snippet '\(snippet.name)'"
        + (snippet.rowBuildCode.isBlank ? " with column build code" : "")
    case .toeplitz(let snippet, _): "Toeplitz snippet '\(snippet.name)'"
    }
  }
}
