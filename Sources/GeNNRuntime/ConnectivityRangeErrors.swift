import GeNNCodeGen
import GeNNModel

/// What generated code noted about synapses that connectivity snippets added beyond a
/// population (``ArrayLayout/Role/synapseRangeErrors(synapses:)``): rows built at
/// initialisation, and rows (PROCEDURAL) or diagonals (TOEPLITZ) regenerated for each
/// spike, which leave such a synapse out. Read the same way on either backend, after
/// initialisation and after every run.
struct ConnectivityRangeErrors {
  /// A synapse population's slots and what its error names.
  private struct Noted {
    var synapses: String
    var code: RuntimeError.BuildCode
    var population: String
    var size: Int
    var position: Int
    /// Whether the population regenerates its synapses during runs.
    var regenerated: Bool
  }

  private let noted: [Noted]

  /// The positions (in the model's arrays) of the slots of the populations that
  /// regenerate synapses during a run, in model order.
  var regenerated: [Int] { noted.filter(\.regenerated).map(\.position) }

  /// The slots of `model`'s synapse populations in arrays laid out as `index` says.
  init(model: ModelSpec, index: [ArrayLayout.Role: Int]) {
    var noted: [Noted] = []
    for synapses in model.synapsePopulations {
      guard let position = index[.synapseRangeErrors(synapses: synapses.name)] else { continue }
      let code: RuntimeError.BuildCode
      switch synapses.connectivity {
      case .snippet(let snippet, _): code = snippet.rowBuildCode.isBlank ? .column : .row
      case .toeplitz: code = .diagonal
      case .allToAll, .explicit: continue
      }
      let population = code == .column ? synapses.source : synapses.target
      noted.append(
        Noted(
          synapses: synapses.name, code: code, population: population,
          size: model.neuronPopulation(named: population)?.size ?? 0, position: position,
          regenerated: [.procedural, .toeplitz].contains(
            synapses.matrixType.connectivityStorage)))
    }
    self.noted = noted
  }

  /// The error for the first synapse population, in model order, whose snippet added a
  /// synapse beyond a population, if any, as `arrays` hold the slots; after a run
  /// (`afterRun`) only the slots of populations that regenerate synapses, the others
  /// having been read when they were built.
  func error(in arrays: [StateArray], afterRun: Bool = false) -> RuntimeError? {
    for entry in noted where !afterRun || entry.regenerated {
      let array = arrays[entry.position]
      var largest: UInt64 = 0
      for slot in 0..<array.count {
        largest = max(largest, array.pointer.load(fromByteOffset: 8 * slot, as: UInt64.self))
      }
      guard largest != 0 else { continue }
      // Each slot keeps the first synapse it saw as the largest ~(row << 32 | target).
      let key = ~largest
      return .connectivityOutOfRange(
        synapses: entry.synapses, code: entry.code, row: Int(key >> 32),
        target: Int(key & 0xFFFF_FFFF), population: entry.population, size: entry.size)
    }
    return nil
  }
}
