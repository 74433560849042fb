/// The model element a line of generated code was written for: a compiler's error in
/// generated code is SwiftGeNN's bug, and its message names the element that produced
/// the line (DESIGN.md decision 8).
public struct CodeOrigin: Hashable, Sendable, CustomStringConvertible {
  /// A piece of generated code and the model elements it serves.
  public enum Element: Hashable, Sendable {
    /// The module's own code: its state, time step, binding and exported functions.
    case driver
    /// The support library every module carries (random numbers, threads, checks).
    case support
    /// The update of a merged group of neuron populations, with their names.
    case neuronUpdate(group: Int, populations: [String])
    /// The variable initialisation of a merged group of neuron populations, current
    /// sources or custom updates, with their names.
    case initialisation(group: Int, elements: [String])
    /// The presynaptic update, postsynaptic learning or synapse dynamics of a merged
    /// group of synapse populations, with their names.
    case synapseUpdate(group: Int, populations: [String])
    /// The connectivity building and synapse variable initialisation of a merged group
    /// of synapse populations, with their names.
    case synapseInitialisation(group: Int, populations: [String])
    /// A custom update, by name.
    case customUpdate(String)
    /// A custom connectivity update, by name.
    case customConnectivityUpdate(String)
  }

  /// The piece of generated code.
  public var element: Element
  /// The code string or step of it (`"sim code"`, `"variable 'V': snippet 'Uniform'"`),
  /// if the line belongs to one.
  public var part: String?

  /// Creates an origin.
  public init(element: Element, part: String? = nil) {
    self.element = element
    self.part = part
  }

  public var description: String {
    let base: String =
      switch element {
      case .driver: "the module's driver code"
      case .support: "the support code every module carries"
      case .neuronUpdate(let group, let populations):
        "neuron update group \(group) (\(Self.list("population", populations)))"
      case .initialisation(let group, let elements):
        "initialisation group \(group) (\(elements.joined(separator: ", ")))"
      case .synapseUpdate(let group, let populations):
        "synapse update group \(group) (\(Self.list("synapse population", populations)))"
      case .synapseInitialisation(let group, let populations):
        "synapse initialisation group \(group) (\(Self.list("synapse population", populations)))"
      case .customUpdate(let name): "custom update '\(name)'"
      case .customConnectivityUpdate(let name): "custom connectivity update '\(name)'"
      }
    return part.map { "\(base): \($0)" } ?? base
  }

  private static func list(_ noun: String, _ names: [String]) -> String {
    let quoted = names.map { "'\($0)'" }.joined(separator: ", ")
    return names.count == 1 ? "\(noun) \(quoted)" : "\(noun)s \(quoted)"
  }
}

/// The origin of every line of a generated source, kept as runs of lines with one
/// origin.
public struct LineOrigins: Hashable, Sendable {
  /// Lines from `line` (1-based) up to the next run's come from `origin`.
  private struct Run: Hashable, Sendable {
    var line: Int
    var origin: CodeOrigin
  }

  /// The runs, in line order.
  private var runs: [Run] = []

  /// No lines yet.
  public init() {}

  /// The origin of line `line` (1-based), or `nil` for a line past the last recorded.
  public subscript(line: Int) -> CodeOrigin? {
    guard line >= 1, line <= count else { return nil }
    var low = 0
    var high = runs.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if runs[middle].line <= line { low = middle } else { high = middle - 1 }
    }
    return runs[low].origin
  }

  /// The number of lines recorded.
  public private(set) var count = 0

  /// Records that line `line`, the next line, comes from `origin`.
  mutating func record(_ origin: CodeOrigin, atLine line: Int) {
    count = line
    if runs.last?.origin != origin { runs.append(Run(line: line, origin: origin)) }
  }

  /// Records that `count` new lines from `origin` go in before line `line` (1-based; one
  /// past the last line appends them), moving the lines from `line` on down.
  mutating func insert(_ count: Int, from origin: CodeOrigin, beforeLine line: Int) {
    guard count > 0 else { return }
    let displaced = self[line]
    let later = runs.firstIndex { $0.line >= line } ?? runs.endIndex
    for index in later..<runs.endIndex { runs[index].line += count }
    var inserted = [Run(line: line, origin: origin)]
    if let displaced, later == runs.endIndex || runs[later].line != line + count {
      inserted.append(Run(line: line + count, origin: displaced))
    }
    runs.insert(contentsOf: inserted, at: later)
    self.count += count
  }
}
