import GeNNCodeGen
import GeNNToolchain

/// The C functions of a loaded generated module (``CModuleInterface``).
struct NativeFunctions {
  typealias Create =
    @convention(c) (
      UnsafeMutablePointer<UnsafeMutableRawPointer?>?, UnsafePointer<UInt64>?, UInt64
    ) -> UnsafeMutableRawPointer?
  typealias Destroy = @convention(c) (UnsafeMutableRawPointer?) -> Void
  typealias SetThreads = @convention(c) (UnsafeMutableRawPointer?, UInt32, UInt32) -> Void
  typealias Initialize = @convention(c) (UnsafeMutableRawPointer?) -> UInt32
  typealias Run = @convention(c) (UnsafeMutableRawPointer?, UInt64, UInt64, UInt32) -> Void
  typealias Version = @convention(c) () -> UInt32
  typealias CustomUpdate = @convention(c) (UnsafeMutableRawPointer?, UInt32, UInt64) -> Void
  typealias TakeArithmeticError = @convention(c) () -> UInt32
  typealias SetDynamicParameter = @convention(c) (UnsafeMutableRawPointer?, UInt32, Double) -> Void
  typealias Timing =
    @convention(c) (UnsafeMutableRawPointer?, UnsafeMutablePointer<Double>?) -> Void

  let create: Create
  let destroy: Destroy
  let setThreads: SetThreads
  let initialize: Initialize
  let run: Run
  let takeArithmeticError: TakeArithmeticError
  /// Present in modules of models with custom updates.
  let customUpdate: CustomUpdate?
  /// Present in modules of models with dynamic parameters.
  let setDynamicParameter: SetDynamicParameter?
  /// Present in modules of models with timing enabled.
  let timing: Timing?

  init(
    library: SharedLibrary, customUpdates: Bool = false, dynamicParameters: Bool = false,
    timing: Bool = false
  ) throws {
    let version = try library.symbol(named: CModuleInterface.abiVersion, as: Version.self)
    guard version() == CModuleInterface.version else {
      throw RuntimeError.incompatibleLibrary(
        "interface version \(version()), expected \(CModuleInterface.version)")
    }
    create = try library.symbol(named: CModuleInterface.create, as: Create.self)
    destroy = try library.symbol(named: CModuleInterface.destroy, as: Destroy.self)
    setThreads = try library.symbol(named: CModuleInterface.setThreads, as: SetThreads.self)
    initialize = try library.symbol(named: CModuleInterface.initialize, as: Initialize.self)
    run = try library.symbol(named: CModuleInterface.run, as: Run.self)
    takeArithmeticError = try library.symbol(
      named: CModuleInterface.takeArithmeticError, as: TakeArithmeticError.self)
    customUpdate =
      customUpdates
      ? try library.symbol(named: CModuleInterface.customUpdate, as: CustomUpdate.self) : nil
    setDynamicParameter =
      dynamicParameters
      ? try library.symbol(
        named: CModuleInterface.setDynamicParameter, as: SetDynamicParameter.self) : nil
    self.timing =
      timing ? try library.symbol(named: CModuleInterface.timing, as: Timing.self) : nil
  }
}
