/// What can go wrong while loading NVRTC or compiling CUDA with it.
///
/// Each description says what failed and what to do about it.
public enum NVRTCError: Error, Hashable, Sendable, CustomStringConvertible {
  /// Discovery chose no NVRTC library; carries the report's advice.
  case notFound(advice: String)
  /// `dlopen` refused the library.
  case libraryLoadFailed(path: String, reason: String)
  /// The library lacks a function NVRTC always has: it is not NVRTC, or too old.
  case symbolMissing(symbol: String, library: String)
  /// An NVRTC call other than the compilation itself failed.
  case callFailed(function: String, result: Int32, message: String)
  /// NVRTC rejected the source; carries its log and the lines around the first error.
  case compilationFailed(NVRTCCompilationFailure)

  public var description: String {
    switch self {
    case .notFound(let advice):
      return "no NVRTC library was found. \(advice)"
    case .libraryLoadFailed(let path, let reason):
      return "could not load the NVRTC library \(path): \(reason). Check that it is NVRTC "
        + "for this machine's processor, or set GENN_NVRTC_LIBRARY to another libnvrtc.so."
    case .symbolMissing(let symbol, let library):
      return "\(library) has no function \(symbol): it is not NVRTC, or an NVRTC too old "
        + "(SwiftGeNN needs CUDA 11.1 or later). Set GENN_NVRTC_LIBRARY to another libnvrtc.so."
    case .callFailed(let function, let result, let message):
      return "\(function) failed with nvrtcResult \(result) (\(message))."
    case .compilationFailed(let failure):
      return failure.description
    }
  }
}

/// A CUDA source NVRTC rejected: the log, and the source's lines around the first error.
public struct NVRTCCompilationFailure: Hashable, Sendable, CustomStringConvertible {
  /// The program's name, as NVRTC's log refers to it (`model.cu`).
  public var programName: String
  /// The options passed to `nvrtcCompileProgram`.
  public var options: [String]
  /// `nvrtcCompileProgram`'s result and its name.
  public var result: Int32
  /// `nvrtcGetErrorString` of ``result``.
  public var message: String
  /// NVRTC's log.
  public var log: String
  /// The 1-based line of the first error in the log, when it names one.
  public var errorLine: Int?
  /// The source's numbered lines around ``errorLine`` (empty without one).
  public var excerpt: String
  /// Where the failing source was kept for reading, when it was (the build cache keeps
  /// it under `.failed`).
  public var sourcePath: String?

  /// Creates a failure, finding the first error's line in `log` and the lines of `source`
  /// around it.
  public init(
    programName: String, options: [String], result: Int32, message: String, log: String,
    source: String
  ) {
    self.programName = programName
    self.options = options
    self.result = result
    self.message = message
    self.log = log
    let line = Self.firstErrorLine(in: log, programName: programName)
    self.errorLine = line
    self.excerpt = line.map { Self.numberedLines(of: source, around: $0) } ?? ""
  }

  /// The line of the first `name(LINE): error` in an NVRTC log; `nil` if there is none.
  public static func firstErrorLine(in log: String, programName: String) -> Int? {
    for entry in log.split(separator: "\n") {
      guard entry.contains("error"), let open = entry.firstIndex(of: "("),
        let close = entry[open...].firstIndex(of: ")"),
        entry[close...].hasPrefix("): ")
      else { continue }
      if let line = Int(entry[entry.index(after: open)..<close]) { return line }
    }
    return nil
  }

  /// Lines `line - context ... line + context` of `source`, numbered from 1, the error's
  /// line marked with `>`.
  public static func numberedLines(of source: String, around line: Int, context: Int = 5)
    -> String
  {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
    let first = max(1, line - context)
    let last = min(lines.count, line + context)
    guard first <= last else { return "" }
    return (first...last).map { number in
      "\(number == line ? ">" : " ")\(number)\t\(lines[number - 1])"
    }.joined(separator: "\n")
  }

  public var description: String {
    var text =
      "NVRTC could not compile \(programName) (\(options.joined(separator: " "))): "
      + "nvrtcResult \(result) (\(message)).\n\(log)"
    if let errorLine {
      text += "\nThe source around line \(errorLine):\n\(excerpt)"
    }
    if let sourcePath { text += "\nThe whole source is kept at \(sourcePath)." }
    return text
  }
}
