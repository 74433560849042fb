import GeNNModel

/// What can go wrong while building, loading or running a simulation.
public enum RuntimeError: Error, Hashable, Sendable, CustomStringConvertible {
  /// A population or current source name the model does not have.
  case unknownPopulation(String, available: [String])
  /// A variable name the population does not have.
  case unknownVariable(String, population: String, available: [String])
  /// An extra global parameter name the element does not have.
  case unknownExtraGlobalParameter(String, element: String, available: [String])
  /// A name that is neither a variable nor an extra global parameter of the element.
  case unknownArray(String, element: String, variables: [String], parameters: [String])
  /// SPARSE rows asked of a synapse population whose matrix type keeps none.
  case notSparse(synapses: String, matrixType: String)
  /// Values of the wrong length were given for a variable.
  case wrongLength(variable: String, population: String, expected: Int, got: Int)
  /// Recorded data was asked for that is not being recorded.
  case notRecorded(population: String)
  /// A batch the model does not run was asked for.
  case unknownBatch(Int, batches: Int)
  /// A connectivity snippet built rows longer than the storage its maximum row length
  /// allowed.
  case connectivityOverflow(rows: Int)
  /// Custom connectivity update `update`'s `add_synapse` found the row full `dropped`
  /// times in its last run: synapse population `synapses` keeps room for
  /// `maxConnections` synapses per row, and those synapses were not added.
  case rowsFull(update: String, synapses: String, dropped: UInt64, maxConnections: Int)
  /// Custom connectivity update `update`'s `add_synapse`, in the row of presynaptic
  /// neuron `row`, was given postsynaptic neuron `target`, where `population` has `size`
  /// neurons: the first such synapse in (row, target) order of its last run, which was
  /// not added (nor were any others beyond the population).
  case addedSynapseOutOfRange(
    update: String, row: Int, target: Int, population: String, size: Int)
  /// The build code `code` of `synapses`' connectivity snippet added a synapse beyond a
  /// population: row `row` (presynaptic neuron; postsynaptic for a snippet that builds
  /// columns) to neuron `target`, where `population` has `size` neurons. The first such
  /// synapse in (row, target) order, on every backend: at initialisation for stored
  /// connectivity, after the run that regenerated it for PROCEDURAL and TOEPLITZ (whose
  /// synapses beyond the population were left out).
  case connectivityOutOfRange(
    synapses: String, code: BuildCode, row: Int, target: Int, population: String, size: Int)
  /// The generated library does not export what this runtime needs.
  case incompatibleLibrary(String)
  /// Something asked of a synapse population that its matrix type does not store:
  /// `what` (for example `variable 'g'` or `connectivity`).
  case notStored(what: String, synapses: String, matrixType: String)
  /// A custom update group name the model does not have.
  case unknownCustomUpdateGroup(String, available: [String])
  /// A per-synapse variable asked to be recorded whose synapse population's rows custom
  /// connectivity updates change, so that its samples would differ in size.
  case rowsChange(variable: String, element: String, synapses: String)
  /// The model's state needs more host memory than is available; `largest` are the
  /// largest parts of the estimate.
  case insufficientMemory(needed: Int, available: Int, largest: [MemoryEstimate.Use])
  /// The system refused the memory of one array of the model's state (`what`, for
  /// example `neuron population 'E' variable 'V'`) although the memory estimate fitted:
  /// other programs took memory since, or the system gives less than it reports.
  case allocationRefused(what: String, bytes: Int)
  /// Model code indexed an array whose size the runtime gives outside it: the element
  /// whose code it was (`neuron population 'Exc'`), the array (`extra global parameter
  /// 'times'`), the index as the code computed it, and the array's size. The run stopped
  /// after the step (or custom update) in which it happened; nothing outside the array
  /// was read or written.
  case indexOutOfRange(element: String, array: String, index: String, size: UInt64)
  /// A run length of more steps than a run can take.
  case runTooLong(StepCountError)
  /// Model code divided an integer by zero (or the type's minimum by -1), which has no
  /// result; `code` names the code (a ``GeNNCodeGen/CodeOrigin``'s description).
  case integerDivisionByZero(code: String)
  /// A parameter set between steps that `element` does not mark dynamic; `dynamic` are
  /// those it does.
  case notDynamic(parameter: String, element: String, dynamic: [String])

  public var description: String {
    switch self {
    case .unknownPopulation(let name, let available):
      "no population or current source named '\(name)'; "
        + (available.isEmpty
          ? "the model has none" : "the model has: " + available.joined(separator: ", "))
    case .unknownVariable(let name, let population, let available):
      "'\(population)' has no variable '\(name)'; it has: " + available.joined(separator: ", ")
    case .unknownExtraGlobalParameter(let name, let element, let available):
      "'\(element)' has no extra global parameter '\(name)'; "
        + (available.isEmpty ? "it has none" : "it has: " + available.joined(separator: ", "))
    case .unknownArray(let name, let element, let variables, let parameters):
      "'\(element)' has no variable or extra global parameter '\(name)'; its variables: "
        + (variables.isEmpty ? "none" : variables.joined(separator: ", "))
        + "; its extra global parameters: "
        + (parameters.isEmpty ? "none" : parameters.joined(separator: ", "))
    case .notSparse(let synapses, let matrixType):
      "synapse population '\(synapses)' is \(matrixType): it keeps no SPARSE rows of "
        + "postsynaptic indices; read its synapses as (pre, post) pairs instead"
    case .wrongLength(let variable, let population, let expected, let got):
      "'\(population)'.\(variable) needs \(expected) values, got \(got)"
    case .unknownBatch(let batch, let batches):
      "there is no batch \(batch): the model runs \(batches) batch\(batches == 1 ? "" : "es") "
        + "(0 to \(batches - 1))"
    case .notRecorded(let population):
      "'\(population)' is not being recorded; enable spike recording on the population "
        + "(recordSpikes) or call record(_:of:) for a variable"
    case .rowsFull(let update, let synapses, let dropped, let maxConnections):
      "custom connectivity update '\(update)': add_synapse found its row full \(dropped) "
        + "time\(dropped == 1 ? "" : "s"), so \(dropped == 1 ? "that synapse was" : "those synapses were") "
        + "not added; synapse population '\(synapses)' keeps room for \(maxConnections) "
        + "synapses per row: give it a larger max_connections (maxConnections)"
    case .connectivityOverflow(let rows):
      "\(rows) synapse rows built by connectivity snippets are longer than the snippets' "
        + "maximum row length; the extra synapses were dropped. Raise the snippet's maxRowLength"
    case .connectivityOutOfRange(
      let synapses, let code, let row, let target, let population, let size):
      "synapse population '\(synapses)': the \(code) build code of its "
        + "\(code == .diagonal ? "Toeplitz " : "")connectivity snippet, for "
        + "\(code == .column ? "postsynaptic" : "presynaptic") neuron \(row), "
        + "added a synapse \(code == .column ? "from" : "to") neuron \(target)"
        + Self.asSigned(target)
        + ", but \(code == .column ? "source" : "target") population '\(population)' has "
        + "\(size) neurons (0 to \(size - 1)); addSynapse takes an index below "
        + (code == .column ? "num_pre" : "num_post")
    case .addedSynapseOutOfRange(let update, let row, let target, let population, let size):
      "custom connectivity update '\(update)': add_synapse, in the row of presynaptic neuron "
        + "\(row), was given postsynaptic neuron \(target)\(Self.asSigned(target)), but target "
        + "population '\(population)' has \(size) neurons (0 to \(size - 1)), so that synapse "
        + "was not added; add_synapse takes an index below num_post"
    case .incompatibleLibrary(let reason):
      "the generated library cannot be used: \(reason)"
    case .notStored(let what, let synapses, let matrixType):
      "synapse population '\(synapses)' is \(matrixType): its \(what) is generated each time "
        + "a synapse is used and not stored, so it cannot be read or written; use SPARSE or "
        + "DENSE to keep it in memory"
    case .runTooLong(let error):
      "\(error)"
    case .integerDivisionByZero(let code):
      "\(code): the code divided an integer by zero with '/' or '%' (or the type's smallest "
        + "value by -1), which has no result; check the divisor before dividing"
    case .indexOutOfRange(let element, let array, let index, let size):
      "\(element): code indexed \(array) at \(index), outside its \(size) "
        + (size == 1 ? "element" : "elements")
        + (size == 0 ? "" : " (indices 0 to \(size - 1))")
        + ". Keep indices within the array, or give it more values"
    case .notDynamic(let parameter, let element, let dynamic):
      "'\(element)' has no dynamic parameter '\(parameter)'; "
        + (dynamic.isEmpty
          ? "it has none" : "its dynamic parameters are: \(dynamic.joined(separator: ", "))")
        + ". Mark a parameter dynamic before the model is built to change it between steps"
    case .rowsChange(let variable, let element, let synapses):
      "variable '\(variable)' of '\(element)' cannot be recorded: custom connectivity updates "
        + "change the synapses of synapse population '\(synapses)', so its samples would "
        + "differ in size; read it with values(of:in:) when it is needed"
    case .unknownCustomUpdateGroup(let name, let available):
      "no custom update group named '\(name)'; "
        + (available.isEmpty
          ? "the model has no custom updates"
          : "the model's groups are: \(available.joined(separator: ", "))")
    case .allocationRefused(let what, let bytes):
      "the system refused \(bytes == .max ? "more than " : "")\(MemoryEstimate.format(bytes)) of "
        + "memory for \(what), though it reports "
        + "\(MemoryEstimate.format(HostMemory.available())) available. Close other programs, "
        + "make the model smaller, or use a machine with more memory"
    case .insufficientMemory(let needed, let available, let largest):
      "the model needs \(MemoryEstimate.format(needed)) of memory but "
        + "\(MemoryEstimate.format(available)) is available; the largest parts are "
        + largest.map(\.description).joined(separator: "; ") + ". Make the model smaller "
        + "(PROCEDURAL connectivity keeps no synapses in memory), record less at a time, or "
        + "use a machine with more memory"
    }
  }

  /// A 32-bit index above `Int32.max` as the negative number code most likely meant,
  /// for messages (" (-1 as a signed int)"); empty for other indices.
  private static func asSigned(_ index: Int) -> String {
    index > Int(Int32.max) && index <= Int(UInt32.max)
      ? " (\(Int32(truncatingIfNeeded: index)) as a signed int)" : ""
  }

  /// Which build code of a connectivity snippet added a synapse beyond a population.
  public enum BuildCode: String, Hashable, Sendable, CustomStringConvertible {
    /// The row build code: at initialisation (SPARSE, BITMASK), or for each spike of the
    /// row's neuron (PROCEDURAL).
    case row
    /// The column build code, at initialisation.
    case column
    /// A Toeplitz connectivity snippet's diagonal build code, for each spike.
    case diagonal

    public var description: String { rawValue }
  }
}
