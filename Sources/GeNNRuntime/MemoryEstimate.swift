import GeNNCodeGen
import GeNNModel

/// The host memory a simulation of a model needs, estimated from the arrays its code
/// binds before any is allocated: each array's elements (recording buffers for their
/// rows), and the index lists the runtime lays SPARSE rows out with while it
/// initialises listed connectivity. Sums saturate at `Int.max`.
public struct MemoryEstimate: Hashable, Sendable {
  /// What needs memory, and how many bytes.
  public struct Use: Hashable, Sendable, CustomStringConvertible {
    /// What it is, for example `synapse population 'EE' variable 'g'`.
    public var what: String
    /// Its bytes.
    public var bytes: Int

    /// Creates a use.
    public init(what: String, bytes: Int) {
      self.what = what
      self.bytes = bytes
    }

    public var description: String { "\(what): \(MemoryEstimate.format(bytes))" }
  }

  /// Each use, in binding order.
  public var uses: [Use]

  /// The estimate for `model`, whose code binds `arrays`, with recording buffers of
  /// `recordingRows` steps.
  public init(model: ModelSpec, arrays: [ArrayLayout], recordingRows: Int) {
    uses = arrays.map { layout in
      let rows =
        switch layout.role {
        case .spikeRecording, .spikeEventRecording: max(1, recordingRows)
        default: 1
        }
      return Use(
        what: Self.describe(layout.role),
        bytes: saturatingProduct(layout.count, rows, layout.elementSize))
    }
    for synapses in model.synapsePopulations where synapses.matrixType == .sparse {
      guard let source = model.neuronPopulation(named: synapses.source)?.size,
        let target = model.neuronPopulation(named: synapses.target)?.size
      else { continue }
      // SparseConnectivity's lists: the pairs of all-to-all connectivity, each synapse's
      // order and position, and the padded rows' indices, 8 bytes an entry.
      let listed: Int
      switch synapses.connectivity {
      case .allToAll: listed = saturatingProduct(4, source, target)
      case .explicit(let pre, _): listed = saturatingProduct(2, pre.count)
      case .snippet, .toeplitz: continue
      }
      let stride = SparseConnectivity.rowStride(
        of: synapses, sourceSize: source, targetSize: target)
      let (entries, overflow) = listed.addingReportingOverflow(saturatingProduct(source, stride))
      uses.append(
        Use(
          what: "synapse population '\(synapses.name)' rows laid out while initialising",
          bytes: overflow ? .max : saturatingProduct(8, entries)))
    }
  }

  /// The bytes of every use together.
  public var total: Int {
    uses.reduce(0) { total, use in
      let (sum, overflow) = total.addingReportingOverflow(use.bytes)
      return overflow ? .max : sum
    }
  }

  /// The `count` largest uses, largest first.
  public func largest(_ count: Int) -> [Use] {
    Array(uses.sorted { $0.bytes > $1.bytes }.prefix(count))
  }

  /// Throws unless ``total`` fits in `available` bytes.
  ///
  /// - Throws: ``RuntimeError/insufficientMemory(needed:available:largest:)``, naming the
  ///   (up to three) largest uses that are each at least a hundredth of the total.
  public func check(available: Int) throws(RuntimeError) {
    let total = total
    guard total > available else { return }
    throw .insufficientMemory(
      needed: total, available: available,
      largest: largest(3).filter { $0.bytes >= total / 100 })
  }

  /// `1.5 GiB (1610612736 bytes)`; `more than 8 EiB` for a saturated count.
  static func format(_ bytes: Int) -> String {
    if bytes == .max { return "more than 8 EiB" }
    let units = ["bytes", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"]
    var value = Double(bytes)
    var unit = 0
    while value >= 1024 && unit < units.count - 1 {
      value /= 1024
      unit += 1
    }
    if unit == 0 { return "\(bytes) bytes" }
    return "\((value * 10).rounded() / 10) \(units[unit]) (\(bytes) bytes)"
  }

  /// What an array holds, in words.
  static func describe(_ role: ArrayLayout.Role) -> String {
    switch role {
    case .neuronVariable(let population, let variable):
      "neuron population '\(population)' variable '\(variable)'"
    case .currentSourceVariable(let source, let variable):
      "current source '\(source)' variable '\(variable)'"
    case .neuronExtraGlobalParameter(let population, let parameter):
      "neuron population '\(population)' extra global parameter '\(parameter)'"
    case .currentSourceExtraGlobalParameter(let source, let parameter):
      "current source '\(source)' extra global parameter '\(parameter)'"
    case .spikes(let population), .spikeCount(let population):
      "neuron population '\(population)' spike queue"
    case .spikeTimes(let population), .previousSpikeTimes(let population):
      "neuron population '\(population)' spike times"
    case .spikeRecording(let population):
      "neuron population '\(population)' spike recording buffer"
    case .synapseRowLengths(let synapses), .synapseIndices(let synapses),
      .synapseColumnStarts(let synapses), .synapseColumnRemap(let synapses),
      .synapseRowLengthDraws(let synapses), .synapseRangeErrors(let synapses):
      "synapse population '\(synapses)' connectivity (rows of postsynaptic indices)"
    case .outOfRangeIndex:
      "the out-of-range index record"
    case .synapseBitmask(let synapses):
      "synapse population '\(synapses)' connectivity (bitmask)"
    case .weightUpdateVariable(let synapses, let variable),
      .weightUpdateKernelInitialiser(let synapses, let variable):
      "synapse population '\(synapses)' variable '\(variable)'"
    case .weightUpdatePreVariable(let synapses, let variable),
      .weightUpdatePostVariable(let synapses, let variable),
      .postsynapticVariable(let synapses, let variable):
      "synapse population '\(synapses)' variable '\(variable)'"
    case .weightUpdateExtraGlobalParameter(let synapses, let parameter),
      .connectivityExtraGlobalParameter(let synapses, let parameter),
      .postsynapticExtraGlobalParameter(let synapses, let parameter):
      "synapse population '\(synapses)' extra global parameter '\(parameter)'"
    case .postsynapticInput(let synapses), .presynapticOutput(let synapses),
      .dendriticDelayBuffer(let synapses):
      "synapse population '\(synapses)' input"
    case .spikeEvents(let synapses, _), .spikeEventCount(let synapses, _),
      .spikeEventTimes(let synapses, _), .previousSpikeEventTimes(let synapses, _):
      "synapse population '\(synapses)' spike-like events"
    case .spikeEventRecording(let synapses, _):
      "synapse population '\(synapses)' spike-like event recording buffer"
    case .customUpdateVariable(let update, let variable):
      "custom update '\(update)' variable '\(variable)'"
    case .customUpdateExtraGlobalParameter(let update, let parameter):
      "custom update '\(update)' extra global parameter '\(parameter)'"
    case .customConnectivityUpdateVariable(let update, let variable):
      "custom connectivity update '\(update)' variable '\(variable)'"
    case .customConnectivityUpdatePreVariable(let update, let variable):
      "custom connectivity update '\(update)' presynaptic variable '\(variable)'"
    case .customConnectivityUpdatePostVariable(let update, let variable):
      "custom connectivity update '\(update)' postsynaptic variable '\(variable)'"
    case .customConnectivityUpdateExtraGlobalParameter(let update, let parameter):
      "custom connectivity update '\(update)' extra global parameter '\(parameter)'"
    case .customConnectivityUpdateDroppedSynapses(let update):
      "custom connectivity update '\(update)' count of synapses not added"
    case .initSnippetExtraGlobalParameter(let element, _, let variable, let parameter):
      "'\(element)' variable '\(variable)' init snippet extra global parameter '\(parameter)'"
    }
  }
}
