#if canImport(Darwin)
  import Darwin
#elseif canImport(Glibc)
  import Glibc
#elseif canImport(Musl)
  import Musl
#endif

/// A shared library loaded into this process (`dlopen`), closed when the last reference
/// goes away (`dlclose`).
///
/// Function pointers taken from it with ``symbol(named:as:)`` are valid only while the
/// library is loaded: keep the `SharedLibrary` in a property beside them, or wrap the
/// calls in `withExtendedLifetime(library) { … }`. A local that is not used after the
/// `symbol` call may be released (and the code unmapped) before the function is called,
/// which crashes. Stop any threads the library started before letting it go.
public final class SharedLibrary: @unchecked Sendable {
  /// The path it was loaded from.
  public let path: String
  /// The `dlopen` handle; immutable, and `dlsym` is thread-safe.
  private let handle: UnsafeMutableRawPointer

  /// Loads the library at `path`, resolving all its symbols now (`RTLD_NOW`) and keeping
  /// them out of the global namespace (`RTLD_LOCAL`).
  ///
  /// - Throws: ``ToolchainError/libraryLoadFailed(path:reason:)`` with `dlerror`'s text.
  public convenience init(path: String) throws {
    try self.init(path: path) { ToolchainError.libraryLoadFailed(path: path, reason: $0) }
  }

  /// Loads the library at `path` as ``init(path:)`` does; when it does not load, throws
  /// `failure` of `dlerror`'s text.
  init<Failure: Error>(path: String, failure: (String) -> Failure) throws(Failure) {
    self.path = path
    guard let handle = dlopen(path, RTLD_NOW | RTLD_LOCAL) else {
      throw failure(Self.lastError())
    }
    self.handle = handle
  }

  deinit {
    dlclose(handle)
  }

  /// The address of the symbol `name`.
  ///
  /// - Throws: ``ToolchainError/symbolNotFound(symbol:library:reason:)``.
  public func address(of name: String) throws -> UnsafeMutableRawPointer {
    _ = dlerror()
    guard let address = dlsym(handle, name) else {
      throw ToolchainError.symbolNotFound(symbol: name, library: path, reason: Self.lastError())
    }
    return address
  }

  /// The function `name`, typed as `type`, which must be a `@convention(c)` function
  /// type matching the C declaration (for example `(@convention(c) (Int32) -> Int32).self`
  /// for `extern "C" int f(int)`).
  ///
  /// - Throws: ``ToolchainError/symbolNotFound(symbol:library:reason:)``.
  public func symbol<Function>(named name: String, as type: Function.Type) throws -> Function {
    precondition(
      MemoryLayout<Function>.size == MemoryLayout<UnsafeMutableRawPointer>.size,
      "symbol(named:as:) needs a @convention(c) function type, not \(Function.self)")
    return unsafeBitCast(try address(of: name), to: Function.self)
  }

  private static func lastError() -> String {
    guard let message = dlerror() else { return "no reason given by the dynamic loader" }
    return String(cString: message)
  }
}
