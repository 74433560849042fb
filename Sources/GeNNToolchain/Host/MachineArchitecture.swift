/// The processor a shared library is built for, as an ELF header's `e_machine` names it.
///
/// Discovery compares a library's architecture with the snapshot's
/// (``EnvironmentSnapshot/architecture``), so a library for another processor is rejected
/// before anything tries to load it.
public enum MachineArchitecture: Hashable, Sendable, CustomStringConvertible {
  // swift-format-ignore: AlwaysUseLowerCamelCase
  // (spelled as Swift's `arch(x86_64)` and CUDA's `targets/x86_64-linux` spell it)
  /// 64-bit x86 (`e_machine` 62).
  case x86_64
  /// 64-bit ARM (`e_machine` 183).
  case aarch64
  /// Any other processor, by its ELF `e_machine` number.
  case other(elfMachine: UInt16)

  /// The architecture of an ELF `e_machine` number.
  public init(elfMachine: UInt16) {
    switch elfMachine {
    case 62: self = .x86_64
    case 183: self = .aarch64
    default: self = .other(elfMachine: elfMachine)
    }
  }

  /// The processor this process runs on.
  public static var current: MachineArchitecture {
    #if arch(x86_64)
      return .x86_64
    #elseif arch(arm64)
      return .aarch64
    #elseif arch(i386)
      return .other(elfMachine: 3)
    #elseif arch(arm)
      return .other(elfMachine: 40)
    #elseif arch(powerpc64le) || arch(powerpc64)
      return .other(elfMachine: 21)
    #elseif arch(s390x)
      return .other(elfMachine: 22)
    #else
      return .other(elfMachine: 0)
    #endif
  }

  /// The ELF `e_machine` number.
  public var elfMachine: UInt16 {
    switch self {
    case .x86_64: return 62
    case .aarch64: return 183
    case .other(let machine): return machine
    }
  }

  /// The folder name of CUDA's per-target libraries (`targets/NAME/lib`), as the CUDA
  /// toolkit and conda's split CUDA packages lay them out; `nil` where CUDA has none.
  public var cudaTargetName: String? {
    switch self {
    case .x86_64: return "x86_64-linux"
    case .aarch64: return "sbsa-linux"
    case .other: return nil
    }
  }

  /// The Debian multiarch folder name (`/usr/lib/NAME`); `nil` when not known.
  public var multiarchName: String? {
    switch self {
    case .x86_64: return "x86_64-linux-gnu"
    case .aarch64: return "aarch64-linux-gnu"
    case .other: return nil
    }
  }

  /// The usual name (`x86-64`, `aarch64`, `i386`, …, or `ELF machine N`).
  public var description: String {
    switch elfMachine {
    case 62: return "x86-64"
    case 183: return "aarch64"
    case 3: return "i386"
    case 40: return "32-bit ARM"
    case 20: return "PowerPC"
    case 21: return "PowerPC64"
    case 22: return "s390"
    case 243: return "RISC-V"
    default: return "ELF machine \(elfMachine)"
    }
  }
}
