import SwiftGeNN

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Where a C caller wants the message of a failure (`char **error`, possibly NULL).
public typealias ErrorOut = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>

/// `text` as a C string the caller frees with `genn_string_free`.
func cString(_ text: String) -> UnsafeMutablePointer<CChar>? {
  strdup(text)
}

/// Stores `message` for the caller, if it asked for messages.
func report(_ message: String, to error: ErrorOut?) {
  error?.pointee = cString(message)
}

/// Runs `body`, turning a thrown error into `failure` and its message into `*error`:
/// the interface's own errors as they are, others placed in `file` where it has a place
/// for them.
func reporting<Value>(
  _ error: ErrorOut?, failure: Value, placingIn file: ModelFile? = nil, _ body: () throws -> Value
) -> Value {
  error?.pointee = nil
  do {
    return try body()
  } catch let thrown {
    if let file, !(thrown is CInterfaceError) {
      report("\(file.located(any: thrown))", to: error)
    } else {
      report("\(thrown)", to: error)
    }
    return failure
  }
}

/// A string argument from C; a NULL one is an error naming the argument.
func argument(_ text: UnsafePointer<CChar>?, _ name: String) throws(CInterfaceError) -> String {
  guard let text else { throw .nullArgument(name) }
  return String(cString: text)
}

/// A misuse of the C interface itself.
enum CInterfaceError: Error, CustomStringConvertible {
  /// A required pointer argument was NULL.
  case nullArgument(String)
  /// A backend name the interface does not know.
  case unknownBackend(String)
  /// A `genn_synapse_side` code that names no side.
  case unknownSide(Int32)

  var description: String {
    switch self {
    case .nullArgument(let name): "'\(name)' is NULL"
    case .unknownBackend(let name):
      "unknown backend '\(name)'; available: cpu, single_threaded_cpu, cuda"
    case .unknownSide(let code):
      "unknown synapse side \(code); available: 0 (GENN_PRESYNAPTIC), 1 (GENN_POSTSYNAPTIC)"
    }
  }
}

/// Frees a string the interface returned.
@_cdecl("genn_string_free")
public func freeString(_ string: UnsafeMutablePointer<CChar>?) {
  free(string)
}
