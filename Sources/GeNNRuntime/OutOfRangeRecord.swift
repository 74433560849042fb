import GeNNCodeGen

/// Reads the out-of-range record generated code keeps
/// (``GeNNCodeGen/ArrayLayout/Role/outOfRangeIndex``) into the error that stops a run.
enum OutOfRangeRecord {
  /// The error `record` (its four values) describes for a module with `arrays`; `nil`
  /// while it notes no index. `arrays` is worked out only when there is an error: runs
  /// check the record after every call.
  static func error(_ record: [UInt64], arrays: @autoclosure () -> [ArrayLayout])
    -> RuntimeError?
  {
    guard record.count == 4, record[0] != 0 else { return nil }
    let arrays = arrays()
    guard record[0] <= UInt64(arrays.count) else { return nil }
    let index = record[3] != 0 ? "\(Int64(bitPattern: record[1]))" : "\(record[1])"
    let (element, array) = describe(arrays[Int(record[0] - 1)].role)
    return .indexOutOfRange(element: element, array: array, index: index, size: record[2])
  }

  /// The element and the array an array role names, for messages.
  private static func describe(_ role: ArrayLayout.Role) -> (element: String, array: String) {
    switch role {
    case .neuronExtraGlobalParameter(let population, let parameter):
      ("neuron population '\(population)'", "extra global parameter '\(parameter)'")
    case .currentSourceExtraGlobalParameter(let source, let parameter):
      ("current source '\(source)'", "extra global parameter '\(parameter)'")
    case .weightUpdateExtraGlobalParameter(let synapses, let parameter):
      (
        "synapse population '\(synapses)'",
        "extra global parameter '\(parameter)' of its weight update model"
      )
    case .connectivityExtraGlobalParameter(let synapses, let parameter):
      (
        "synapse population '\(synapses)'",
        "extra global parameter '\(parameter)' of its connectivity snippet"
      )
    case .postsynapticExtraGlobalParameter(let synapses, let parameter):
      (
        "synapse population '\(synapses)'",
        "extra global parameter '\(parameter)' of its postsynaptic model"
      )
    case .initSnippetExtraGlobalParameter(let element, _, let variable, let parameter):
      (
        "'\(element)'",
        "extra global parameter '\(parameter)' of the snippet initialising '\(variable)'"
      )
    case .customUpdateExtraGlobalParameter(let update, let parameter):
      ("custom update '\(update)'", "extra global parameter '\(parameter)'")
    case .customConnectivityUpdateExtraGlobalParameter(let update, let parameter):
      ("custom connectivity update '\(update)'", "extra global parameter '\(parameter)'")
    case .customConnectivityUpdatePreVariable(let update, let variable):
      ("custom connectivity update '\(update)'", "presynaptic variable '\(variable)'")
    case .customConnectivityUpdatePostVariable(let update, let variable):
      ("custom connectivity update '\(update)'", "postsynaptic variable '\(variable)'")
    case .synapseRowLengths(let synapses):
      ("synapse population '\(synapses)'", "its row lengths ('row_length')")
    case .weightUpdateVariable(let synapses, let variable),
      .weightUpdateKernelInitialiser(let synapses, let variable):
      (
        "synapse population '\(synapses)'",
        "the kernel of variable '\(variable)', in one of its dimensions, through a kernel "
          + "index given to addSynapse,"
      )
    case .synapseRowLengthDraws(let synapses):
      ("synapse population '\(synapses)', connectivity", "'preCalcRowLength'")
    default:
      ("the model", "\(role)")
    }
  }
}

extension StateArray {
  /// The four values of an out-of-range record.
  var outOfRangeRecord: [UInt64] {
    (0..<4).map { pointer.load(fromByteOffset: 8 * $0, as: UInt64.self) }
  }
}
