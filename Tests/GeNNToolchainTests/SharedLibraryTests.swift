import Foundation
import Testing

@testable import GeNNToolchain

@Suite("Loading shared libraries")
struct SharedLibraryTests {
  @Test("compile a tiny extern \"C\" function, load it and call it")
  func compileLoadCall() async throws {
    let toolchain = try await RealToolchain.get()
    let folder = try makeTemporaryFolder("shared-library")
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = folder.appendingPathComponent("tiny.cc")
    try Data(
      """
      #include <cmath>
      extern "C" int add_twice(int a, int b) { return a + 2 * b; }
      extern "C" double hypotenuse(double a, double b) { return std::sqrt(a * a + b * b); }
      """.utf8
    ).write(to: source)
    let output = folder.appendingPathComponent(HostPlatform.current.sharedLibraryFileName("tiny"))
    let result = try await toolchain.compileSharedLibrary(
      source: source, output: output, flags: quickFlags)
    #expect(result.seconds > 0)

    let library = try SharedLibrary(path: output.path)
    try withExtendedLifetime(library) {
      let addTwice = try library.symbol(
        named: "add_twice", as: (@convention(c) (Int32, Int32) -> Int32).self)
      #expect(addTwice(1, 20) == 41)
      let hypotenuse = try library.symbol(
        named: "hypotenuse", as: (@convention(c) (Double, Double) -> Double).self)
      #expect(hypotenuse(3, 4) == 5)
    }

    let missing = #expect(throws: ToolchainError.self) {
      _ = try library.symbol(named: "no_such_function", as: (@convention(c) () -> Void).self)
    }
    guard case .symbolNotFound(let symbol, let path, _) = missing else {
      Issue.record("expected symbolNotFound, got \(String(describing: missing))")
      return
    }
    #expect(symbol == "no_such_function")
    #expect(path == output.path)
    #expect(missing?.description.contains(output.path) == true)
  }

  @Test("a missing or invalid library is named in the error")
  func loadFailure() throws {
    let folder = try makeTemporaryFolder("bad-library")
    defer { try? FileManager.default.removeItem(at: folder) }
    let notALibrary = folder.appendingPathComponent("libnot.so")
    try Data("plain text".utf8).write(to: notALibrary)
    for path in [folder.appendingPathComponent("libmissing.so").path, notALibrary.path] {
      let error = #expect(throws: ToolchainError.self) { _ = try SharedLibrary(path: path) }
      guard case .libraryLoadFailed(let named, let reason) = error else {
        Issue.record("expected libraryLoadFailed, got \(String(describing: error))")
        continue
      }
      #expect(named == path)
      #expect(!reason.isEmpty)
    }
  }
}
