/// What can go wrong while finding compilers, compiling or loading generated code.
///
/// Each description says what was searched or what failed, and what to do about it.
public enum ToolchainError: Error, Hashable, Sendable, CustomStringConvertible {
  /// No working C++ compiler was found; lists every place searched (and every compiler
  /// that was found but failed to run).
  case noCompiler(searched: [String])
  /// Running `compiler --version` failed or printed nothing.
  case compilerProbeFailed(compiler: String, reason: String)
  /// The compiler could not be started at all.
  case compilerLaunchFailed(compiler: String, reason: String)
  /// The compiler ran and rejected the source; carries its full output.
  case compilationFailed(CompilationFailure)
  /// `dlopen` refused the library.
  case libraryLoadFailed(path: String, reason: String)
  /// `dlsym` found no such symbol in the library.
  case symbolNotFound(symbol: String, library: String, reason: String)
  /// Reading or writing the build cache failed.
  case cacheOperationFailed(operation: String, path: String, reason: String)
  /// The build cache folder `root` cannot be a folder: `file` (the root itself, or a
  /// folder above it) is a file.
  case cacheRootNotAFolder(root: String, file: String)

  public var description: String {
    switch self {
    case .noCompiler(let searched):
      return "no working C++ compiler found. Searched:\n"
        + searched.map { "  - \($0)" }.joined(separator: "\n")
        + "\nTo fix: \(HostPlatform.current.compilerInstallHint)."
    case .compilerProbeFailed(let compiler, let reason):
      return "the C++ compiler \(compiler) does not run: `\(compiler) --version` \(reason). "
        + "Check the installation, or set CXX to another compiler."
    case .compilerLaunchFailed(let compiler, let reason):
      return "could not start the C++ compiler \(compiler): \(reason). "
        + "Check that it exists and is executable, or set CXX to another compiler."
    case .compilationFailed(let failure):
      return failure.description
    case .libraryLoadFailed(let path, let reason):
      return "could not load the shared library \(path): \(reason). "
        + "Check that it was built for this machine and that the file is intact "
        + "(clearing the build cache rebuilds it)."
    case .symbolNotFound(let symbol, let library, let reason):
      return "the shared library \(library) has no symbol '\(symbol)': \(reason). "
        + "The generated code and the runtime disagree; clearing the build cache rebuilds it."
    case .cacheOperationFailed(let operation, let path, let reason):
      return "build cache: could not \(operation) \(path): \(reason). "
        + "Check the permissions and free space there, or point GENN_CACHE_DIR elsewhere."
    case .cacheRootNotAFolder(let root, let file):
      return "the build cache folder \(root) cannot be used: "
        + (file == root ? "it is a file" : "\(file) is a file")
        + ", and the build cache must be a folder. Move the file away, or set GENN_CACHE_DIR "
        + "to a folder."
    }
  }
}
