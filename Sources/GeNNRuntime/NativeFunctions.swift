import GeNNCodeGen
import GeNNToolchain

/// The C functions of a loaded generated module (``CModuleInterface``).
struct NativeFunctions {
  typealias Bind = @convention(c) (UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> Void
  typealias SetThreads = @convention(c) (UInt32) -> Void
  typealias Action = @convention(c) () -> Void
  typealias Run = @convention(c) (UInt64, UInt64, UInt32) -> Void
  typealias Version = @convention(c) () -> UInt32

  let bind: Bind
  let setThreads: SetThreads
  let initialize: Action
  let run: Run
  let shutdown: Action

  init(library: SharedLibrary) throws {
    let version = try library.symbol(named: CModuleInterface.abiVersion, as: Version.self)
    guard version() == CModuleInterface.version else {
      throw RuntimeError.incompatibleLibrary(
        "interface version \(version()), expected \(CModuleInterface.version)")
    }
    bind = try library.symbol(named: CModuleInterface.bind, as: Bind.self)
    setThreads = try library.symbol(named: CModuleInterface.setThreads, as: SetThreads.self)
    initialize = try library.symbol(named: CModuleInterface.initialize, as: Action.self)
    run = try library.symbol(named: CModuleInterface.run, as: Run.self)
    shutdown = try library.symbol(named: CModuleInterface.shutdown, as: Action.self)
  }
}
