/// The operating systems whose conventions the toolchain knows (search paths, library
/// suffixes, linker flags).
///
/// Discovery takes the platform as data, so macOS rules can be tested on Linux and the
/// other way round.
public enum HostPlatform: String, Hashable, Sendable, CaseIterable {
  /// Linux and other ELF systems: `.so` libraries, `~/.cache`.
  case linux
  /// macOS: `.dylib` libraries, Xcode toolchains, `~/Library/Caches`.
  case macOS

  /// The platform this process runs on.
  public static var current: HostPlatform {
    #if os(macOS)
      return .macOS
    #else
      return .linux
    #endif
  }

  /// The file name of a shared library called `name`: `libname.so` or `libname.dylib`.
  public func sharedLibraryFileName(_ name: String) -> String {
    switch self {
    case .linux: return "lib\(name).so"
    case .macOS: return "lib\(name).dylib"
    }
  }

  /// What to tell a user who has no C++ compiler at all.
  public var compilerInstallHint: String {
    switch self {
    case .linux:
      return
        "install one (for example `apt-get install g++`, `dnf install gcc-c++`), "
        + "or set CXX to the path of a C++17 compiler"
    case .macOS:
      return "run `xcode-select --install`, or set CXX to the path of a C++17 compiler"
    }
  }
}
