import Foundation
import GeNNCodeGen
import GeNNTranspiler

/// One array of model state in memory the runtime owns and lends to generated code.
final class StateArray {
  /// What the array holds, and its element type.
  let layout: ArrayLayout
  /// Elements per row times rows (rows > 1 only for recording buffers).
  let count: Int
  /// The first element, 64-byte aligned.
  let pointer: UnsafeMutableRawPointer
  /// The allocation `pointer` is in.
  private let allocation: UnsafeMutableRawPointer

  /// A zeroed array of `layout`'s elements, `rows` times. The memory comes from `calloc`,
  /// so a large array is fresh pages that the kernel zeroes when they are first written:
  /// the threads that initialise the state natively touch it first, in parallel, rather
  /// than this thread zeroing it all beforehand.
  ///
  /// - Throws: ``RuntimeError/allocationRefused(what:bytes:)`` naming the array, when the
  ///   system refuses the memory (``MemoryEstimate`` checked that the state fits before
  ///   any array is allocated, but other programs may have taken it since, or the system
  ///   may refuse what it seemed to have).
  init(layout: ArrayLayout, rows: Int = 1) throws(RuntimeError) {
    let (count, countOverflow) = layout.count.multipliedReportingOverflow(by: rows)
    let (bytes, bytesOverflow) = max(1, count).multipliedReportingOverflow(by: layout.elementSize)
    guard !countOverflow, !bytesOverflow, bytes <= Int.max - 63,
      let allocation = calloc(bytes + 63, 1)
    else {
      throw .allocationRefused(
        what: MemoryEstimate.describe(layout.role),
        bytes: countOverflow || bytesOverflow ? .max : bytes)
    }
    self.layout = layout
    self.count = count
    self.allocation = allocation
    pointer = allocation.alignedUp(toMultipleOf: 64)
  }

  deinit { free(allocation) }

  /// The bytes the elements take.
  var bytes: Int { count * layout.elementSize }

  /// Sets every element to `value`, converted to the element type.
  func fill(_ value: Double) {
    for index in 0..<count { store(value, at: index) }
  }

  /// Sets the elements from `values`, converted to the element type.
  func store(_ values: [Double]) {
    precondition(values.count == count, "expected \(count) values")
    for (index, value) in values.enumerated() { store(value, at: index) }
  }

  /// The elements, converted to double.
  func load() -> [Double] {
    (0..<count).map { load(at: $0) }
  }

  func store(_ value: Double, at index: Int) {
    // Integer elements take the value truncated and clamped (NaN becomes 0) rather than
    // trapping on values a user typed.
    let whole: Int64 =
      value.isNaN
      ? 0 : value >= 9.2e18 ? .max : value <= -9.2e18 ? .min : Int64(value.rounded(.towardZero))
    switch layout.elementType {
    case .bool: pointer.storeBytes(of: value != 0, toByteOffset: index, as: Bool.self)
    case .int8: pointer.storeBytes(of: Int8(clamping: whole), toByteOffset: index, as: Int8.self)
    case .uint8: pointer.storeBytes(of: UInt8(clamping: whole), toByteOffset: index, as: UInt8.self)
    case .int16:
      pointer.storeBytes(of: Int16(clamping: whole), toByteOffset: 2 * index, as: Int16.self)
    case .uint16:
      pointer.storeBytes(of: UInt16(clamping: whole), toByteOffset: 2 * index, as: UInt16.self)
    case .int32:
      pointer.storeBytes(of: Int32(clamping: whole), toByteOffset: 4 * index, as: Int32.self)
    case .uint32:
      pointer.storeBytes(of: UInt32(clamping: whole), toByteOffset: 4 * index, as: UInt32.self)
    case .int64: pointer.storeBytes(of: whole, toByteOffset: 8 * index, as: Int64.self)
    case .uint64:
      pointer.storeBytes(of: UInt64(clamping: whole), toByteOffset: 8 * index, as: UInt64.self)
    case .float: pointer.storeBytes(of: Float(value), toByteOffset: 4 * index, as: Float.self)
    case .double: pointer.storeBytes(of: value, toByteOffset: 8 * index, as: Double.self)
    }
  }

  func load(at index: Int) -> Double {
    switch layout.elementType {
    case .bool: pointer.load(fromByteOffset: index, as: Bool.self) ? 1 : 0
    case .int8: Double(pointer.load(fromByteOffset: index, as: Int8.self))
    case .uint8: Double(pointer.load(fromByteOffset: index, as: UInt8.self))
    case .int16: Double(pointer.load(fromByteOffset: 2 * index, as: Int16.self))
    case .uint16: Double(pointer.load(fromByteOffset: 2 * index, as: UInt16.self))
    case .int32: Double(pointer.load(fromByteOffset: 4 * index, as: Int32.self))
    case .uint32: Double(pointer.load(fromByteOffset: 4 * index, as: UInt32.self))
    case .int64: Double(pointer.load(fromByteOffset: 8 * index, as: Int64.self))
    case .uint64: Double(pointer.load(fromByteOffset: 8 * index, as: UInt64.self))
    case .float: Double(pointer.load(fromByteOffset: 4 * index, as: Float.self))
    case .double: pointer.load(fromByteOffset: 8 * index, as: Double.self)
    }
  }

  /// Sets every byte to zero.
  func clear() {
    pointer.initializeMemory(
      as: UInt8.self, repeating: 0, count: max(1, bytes))
  }
}

extension StateArray {
  /// The positions of the delay slot written last after `timestep` steps, of an array of
  /// delay slots of `size` elements each (in each batch's copy); `nil` for an array of one
  /// slot.
  func latestSlot(size: Int, timestep: UInt64) -> [Int]? {
    let slots = layout.batchCount / max(1, size)
    guard slots > 1 else { return nil }
    let slot = Self.latestSlot(of: slots, timestep: timestep)
    return Array(slot * size..<(slot + 1) * size)
  }

  /// The delay slot, of `slots`, written last after `timestep` steps: step `n` writes
  /// slot `(n + 1) % slots`, as GeNN's queue pointer moves on before each step, so this is
  /// `timestep % slots` (slot 0 before the first step).
  static func latestSlot(of slots: Int, timestep: UInt64) -> Int {
    Int(timestep % UInt64(slots))
  }
}
