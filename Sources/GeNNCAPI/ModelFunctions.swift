import Foundation
import SwiftGeNN

/// Reads and validates a model file's text (YAML or JSON).
@_cdecl("genn_model_parse")
public func parseModel(
  _ text: UnsafePointer<CChar>?, _ path: UnsafePointer<CChar>?, _ error: ErrorOut?
) -> OpaquePointer? {
  reporting(error, failure: nil) { () throws -> OpaquePointer? in
    let text = try argument(text, "text")
    let path = path.map { String(cString: $0) } ?? "<model>"
    let directory = path == "<model>" ? nil : URL(fileURLWithPath: path).deletingLastPathComponent()
    let file = try ModelFile.parse(text, path: path, directory: directory)
    return Handle.open(ModelHandle(file: file))
  }
}

/// Frees a model.
@_cdecl("genn_model_free")
public func freeModel(_ model: OpaquePointer?) {
  Handle.close(model, as: ModelHandle.self)
}
