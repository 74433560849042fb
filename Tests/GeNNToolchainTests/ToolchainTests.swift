import Foundation
import Testing

@testable import GeNNToolchain

@Suite("Probing and compiling")
struct ToolchainTests {
  @Test("detect probes in order and skips a compiler that fails --version")
  func detectSkipsBrokenCompiler() async throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/usr/bin/c++", body: "echo 'cc1plus: crashed' >&2; exit 3")
    try tree.executable("/usr/bin/g++", body: "echo; echo 'g++ (Fake) 14.1.0'; echo 'Copyright'")
    let toolchain = try await Toolchain.detect(environment: tree.snapshot(["PATH": "/usr/bin"]))

    #expect(toolchain.compiler.executable == tree.host("/usr/bin/g++").path)
    #expect(toolchain.identity.versionLine == "g++ (Fake) 14.1.0")
    #expect(toolchain.identity.family == .gcc)
    #expect(toolchain.probeFailures.count == 1)
    #expect(toolchain.probeFailures.first?.reason.contains("exited(3)") == true)
    #expect(toolchain.probeFailures.first?.reason.contains("cc1plus: crashed") == true)
    #expect(toolchain.discovery?.chosen?.executable == "/usr/bin/c++")
  }

  @Test("when every found compiler fails its probe, the error names each")
  func allProbesFail() async throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/usr/bin/c++", body: "exit 1")
    let error = await #expect(throws: ToolchainError.self) {
      try await Toolchain.detect(environment: tree.snapshot(["PATH": "/usr/bin"]))
    }
    guard case .noCompiler(let searched) = error else {
      Issue.record("expected noCompiler, got \(String(describing: error))")
      return
    }
    #expect(searched.contains { $0.hasPrefix("probe of \(tree.host("/usr/bin/c++").path)") })
  }

  @Test("the real machine has a compiler, and it names itself")
  func realCompiler() async throws {
    let toolchain = try await RealToolchain.get()
    #expect(!toolchain.identity.versionLine.isEmpty)
    #expect(toolchain.identity.family != .unknown)
  }

  @Test("compiler families from version lines")
  func families() {
    #expect(
      CompilerIdentity(versionLine: "g++ (Ubuntu 13.3.0-6ubuntu2~24.04) 13.3.0").family == .gcc)
    #expect(
      CompilerIdentity(
        versionLine: "clang version 17.0.0 (https://github.com/swiftlang/llvm-project.git 1234)"
      ).family == .clang)
    #expect(
      CompilerIdentity(versionLine: "Apple clang version 16.0.0 (clang-1600.0.26.6)").family
        == .appleClang)
    let debianGCC =
      "c++ (Debian 12.2.0-14+deb12u1) 12.2.0\nCopyright (C) 2022 Free Software Foundation, Inc.\n"
    #expect(CompilerIdentity(versionOutput: debianGCC)?.family == .gcc)
    #expect(
      CompilerIdentity(versionOutput: debianGCC)?.versionLine
        == "c++ (Debian 12.2.0-14+deb12u1) 12.2.0")
    #expect(CompilerIdentity(versionOutput: "\n  \n") == nil)
    #expect(
      CompilerIdentity(versionLine: "Intel(R) oneAPI DPC++/C++ Compiler 2024.0.0").family
        == .unknown)
  }

  @Test("default flags")
  func defaultFlags() {
    let linux = Toolchain.defaultFlags(for: .linux)
    #expect(
      Array(linux.prefix(8)) == [
        "-std=c++17", "-O3", "-ffp-contract=off", "-fno-trapping-math", "-fno-math-errno", "-fPIC",
        "-shared", "-pthread",
      ])
    #expect(linux.contains("-march=native") || linux.contains("-mcpu=native"))
    let mac = Toolchain.defaultFlags(for: .macOS)
    #expect(mac.contains("-dynamiclib") && !mac.contains("-shared"))
    #expect(mac.contains("dynamic_lookup"))
  }

  @Test("a compile error carries the full output, the source, and the first error's place")
  func compileFailure() async throws {
    let toolchain = try await RealToolchain.get()
    let folder = try makeTemporaryFolder("compile-failure")
    defer { try? FileManager.default.removeItem(at: folder) }
    let source = folder.appendingPathComponent("broken.cc")
    try Data("int ok() { return 1; }\nint broken() { return undefined_name; }\n".utf8)
      .write(to: source)

    let error = await #expect(throws: ToolchainError.self) {
      try await toolchain.compileSharedLibrary(
        source: source, output: folder.appendingPathComponent("libbroken.so"),
        flags: quickFlags, lineAnnotator: { line in "element of line \(line)" })
    }
    guard case .compilationFailed(let failure) = error else {
      Issue.record("expected compilationFailed, got \(String(describing: error))")
      return
    }
    #expect(failure.sourcePath == source.path)
    #expect(failure.diagnostics.contains("undefined_name"))
    #expect(failure.firstError?.file == "broken.cc")
    #expect(failure.firstError?.line == 2)
    #expect(failure.annotation == "element of line 2")
    let message = failure.description
    #expect(message.contains(source.path))
    #expect(message.contains("broken.cc:2:"))
    #expect(message.contains("generated from element of line 2"))
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("libbroken.so").path))
  }

  @Test("first errors parsed from GCC and Clang output")
  func diagnosticParsing() {
    let gcc = """
      model.cc: In function 'void f()':
      model.cc:12:5: error: 'x' was not declared in this scope
      model.cc:13:1: error: expected ';'
      """
    #expect(
      CompilerDiagnosticLocation.firstError(in: gcc)
        == CompilerDiagnosticLocation(
          file: "model.cc", line: 12, column: 5, message: "'x' was not declared in this scope"))
    let fatal = "/tmp/a b/model.cc:3: fatal error: missing.h: No such file or directory"
    #expect(
      CompilerDiagnosticLocation.firstError(in: fatal)
        == CompilerDiagnosticLocation(
          file: "/tmp/a b/model.cc", line: 3, column: nil,
          message: "missing.h: No such file or directory"))
    #expect(CompilerDiagnosticLocation.firstError(in: "/usr/bin/ld: cannot find -lfoo") == nil)
  }
}
