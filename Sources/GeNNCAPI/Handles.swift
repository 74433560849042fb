import SwiftGeNN

/// A model file's model behind a `genn_model *`.
final class ModelHandle {
  /// The model file read.
  let file: ModelFile

  init(file: ModelFile) {
    self.file = file
  }
}

/// A running simulation behind a `genn_simulation *`, with the file its model came from
/// (which places errors of running it).
final class SimulationHandle {
  let simulation: any NetworkSimulation
  let file: ModelFile

  init(simulation: any NetworkSimulation, file: ModelFile) {
    self.simulation = simulation
    self.file = file
  }
}

/// Handles crossing the C interface as opaque pointers: retained when handed out,
/// released by the matching `*_free`.
enum Handle {
  /// `object` retained, as a pointer for C.
  static func open(_ object: AnyObject) -> OpaquePointer {
    OpaquePointer(Unmanaged.passRetained(object).toOpaque())
  }

  /// The object behind `pointer`, which ``open(_:)`` made from a `Kind`.
  static func object<Kind: AnyObject>(_ pointer: OpaquePointer, as kind: Kind.Type) -> Kind {
    Unmanaged<Kind>.fromOpaque(UnsafeRawPointer(pointer)).takeUnretainedValue()
  }

  /// Releases the object behind `pointer`; `nil` is ignored.
  static func close<Kind: AnyObject>(_ pointer: OpaquePointer?, as kind: Kind.Type) {
    guard let pointer else { return }
    Unmanaged<Kind>.fromOpaque(UnsafeRawPointer(pointer)).release()
  }
}
