import CGeNN
import SwiftGeNN

/// The array of a variable in place (on a GPU its host copy).
@_cdecl("genn_simulation_variable")
public func simulationVariable(
  _ simulation: OpaquePointer?, _ element: UnsafePointer<CChar>?,
  _ variable: UnsafePointer<CChar>?, _ array: UnsafeMutablePointer<genn_array>?,
  _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    let out = try output(array, "array")
    out.pointee = try cArray(
      simulation.stateMemory(
        of: try argument(variable, "variable"), in: try argument(element, "element")))
  }
}

/// How the elements of a variable's array are laid out now.
@_cdecl("genn_simulation_variable_layout")
public func simulationVariableLayout(
  _ simulation: OpaquePointer?, _ element: UnsafePointer<CChar>?,
  _ variable: UnsafePointer<CChar>?, _ layout: UnsafeMutablePointer<genn_layout>?,
  _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    let out = try output(layout, "layout")
    let found = try simulation.layout(
      of: try argument(variable, "variable"), in: try argument(element, "element"))
    out.pointee = genn_layout(
      slots: UInt64(found.slots), latest_slot: UInt64(found.latestSlot),
      slot_size: UInt64(found.slotSize), rows: UInt64(found.rows),
      row_stride: UInt64(found.rowStride), batches: UInt64(found.batches),
      batch_stride: UInt64(found.batchStride))
  }
}

/// The array of an extra global parameter in place (on a GPU its host copy).
@_cdecl("genn_simulation_extra_global_param")
public func simulationExtraGlobalParameter(
  _ simulation: OpaquePointer?, _ element: UnsafePointer<CChar>?,
  _ parameter: UnsafePointer<CChar>?, _ array: UnsafeMutablePointer<genn_array>?,
  _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    let out = try output(array, "array")
    out.pointee = try cArray(
      simulation.stateMemory(
        ofExtraGlobalParameter: try argument(parameter, "parameter"),
        in: try argument(element, "element")))
  }
}

/// Copies a variable or extra global parameter from the GPU into its host copy.
@_cdecl("genn_simulation_pull")
public func pullFromDevice(
  _ simulation: OpaquePointer?, _ element: UnsafePointer<CChar>?,
  _ name: UnsafePointer<CChar>?, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    try simulation.pull(try argument(name, "name"), of: try argument(element, "element"))
  }
}

/// Copies a variable or extra global parameter from its host copy to the GPU.
@_cdecl("genn_simulation_push")
public func pushToDevice(
  _ simulation: OpaquePointer?, _ element: UnsafePointer<CChar>?,
  _ name: UnsafePointer<CChar>?, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    try simulation.push(try argument(name, "name"), of: try argument(element, "element"))
  }
}

/// The row lengths and padded indices of a SPARSE population in place.
@_cdecl("genn_simulation_sparse_rows")
public func simulationSparseRows(
  _ simulation: OpaquePointer?, _ synapses: UnsafePointer<CChar>?,
  _ rowLength: UnsafeMutablePointer<genn_array>?, _ ind: UnsafeMutablePointer<genn_array>?,
  _ rowStride: UnsafeMutablePointer<UInt64>?, _ error: ErrorOut?
) -> Int32 {
  running(simulation, error) { simulation in
    let lengthsOut = try output(rowLength, "row_length")
    let indicesOut = try output(ind, "ind")
    let strideOut = try output(rowStride, "row_stride")
    let rows = try simulation.sparseRows(of: try argument(synapses, "synapses"))
    lengthsOut.pointee = cArray(rows.rowLengths)
    indicesOut.pointee = cArray(rows.indices)
    strideOut.pointee = UInt64(rows.rowStride)
  }
}

/// `memory` as a `genn_array`.
private func cArray(_ memory: StateMemory) -> genn_array {
  genn_array(
    data: memory.pointer, type: ElementType.code(of: memory.elementType),
    count: UInt64(memory.count))
}

/// A pointer the caller gave for a result; a NULL one is an error naming the argument.
private func output<Pointee>(_ pointer: UnsafeMutablePointer<Pointee>?, _ name: String)
  throws(CInterfaceError) -> UnsafeMutablePointer<Pointee>
{
  guard let pointer else { throw .nullArgument(name) }
  return pointer
}
