import Foundation
import Testing

@testable import GeNNToolchain

@Suite("C++ compiler discovery over fake trees")
struct ToolchainDiscoveryTests {
  private func report(
    _ tree: FakeTree, _ variables: [String: String], platform: HostPlatform = .linux
  ) -> CompilerSearchReport {
    ToolchainDiscovery(environment: tree.snapshot(variables, platform: platform))
      .findCXXCompilers()
  }

  @Test("without CXX: c++, g++, clang++ on PATH, in that order")
  func pathOrder() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/usr/local/bin/clang++")
    try tree.executable("/usr/bin/g++")
    try tree.executable("/usr/bin/c++")
    try tree.executable("/usr/local/bin/g++")
    let result = report(tree, ["PATH": "/usr/local/bin:/usr/bin"])

    #expect(result.candidates[0].rejection == .variableNotSet(name: "CXX"))
    #expect(
      result.found.prefix(3).map(\.executable) == [
        "/usr/bin/c++", "/usr/local/bin/g++", "/usr/local/bin/clang++",
      ])
    #expect(result.chosen == CompilerCommand(executable: "/usr/bin/c++"))
  }

  @Test("CXX set to a path is preferred")
  func cxxPath() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/usr/bin/g++")
    try tree.executable("/opt/gcc-14/bin/g++-14")
    let result = report(tree, ["PATH": "/usr/bin", "CXX": "/opt/gcc-14/bin/g++-14"])

    #expect(result.candidates[0].origin == .cxxVariable(value: "/opt/gcc-14/bin/g++-14"))
    #expect(result.chosen?.executable == "/opt/gcc-14/bin/g++-14")
    #expect(result.found.map(\.executable) == ["/opt/gcc-14/bin/g++-14", "/usr/bin/g++"])
  }

  @Test("CXX set to a relative path is read against the working folder")
  func cxxRelativePath() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/home/user/tools/cxx")
    let result = report(tree, ["PATH": "/usr/bin", "CXX": "tools/cxx"])
    #expect(result.chosen?.executable == "/home/user/tools/cxx")
  }

  @Test("CXX set to a name is looked up on PATH")
  func cxxName() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/usr/bin/c++")
    try tree.executable("/usr/lib/llvm-18/bin/clang++-18")
    let result = report(tree, ["PATH": "/usr/bin:/usr/lib/llvm-18/bin", "CXX": "clang++-18"])
    #expect(result.chosen?.executable == "/usr/lib/llvm-18/bin/clang++-18")
    #expect(result.found.count == 2)
  }

  @Test("CXX with arguments runs its first word with the rest in front")
  func cxxWithLauncher() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/usr/bin/ccache")
    try tree.executable("/usr/bin/g++")
    let result = report(tree, ["PATH": "/usr/bin", "CXX": "ccache g++"])
    #expect(
      result.chosen == CompilerCommand(executable: "/usr/bin/ccache", leadingArguments: ["g++"]))
    #expect(result.found.last == CompilerCommand(executable: "/usr/bin/g++"))
  }

  @Test("CXX pointing at nothing is rejected with the reason, and the next one is used")
  func cxxMissing() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/usr/bin/g++")
    let result = report(tree, ["PATH": "/usr/bin", "CXX": "/nowhere/g++"])

    #expect(result.candidates[0].rejection == .missing(path: "/nowhere/g++"))
    #expect(result.searched[0] == "$CXX=/nowhere/g++: /nowhere/g++ does not exist")
    #expect(result.chosen?.executable == "/usr/bin/g++")
  }

  @Test("CXX naming a program not on PATH, or a file that is not executable, is rejected")
  func cxxUnusable() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.file("/opt/notes/cxx")
    let notOnPath = report(tree, ["PATH": "/usr/bin:/bin", "CXX": "g++-99"])
    #expect(
      notOnPath.candidates[0].rejection
        == .notOnPath(name: "g++-99", searched: ["/usr/bin", "/bin"]))
    let notExecutable = report(tree, ["PATH": "/usr/bin", "CXX": "/opt/notes/cxx"])
    #expect(notExecutable.candidates[0].rejection == .notExecutable(path: "/opt/notes/cxx"))
    #expect(notExecutable.chosen == nil)
  }

  @Test("a name linking to an earlier compiler is reported as the same compiler")
  func repeats() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/usr/bin/g++-13")
    try tree.link("/usr/bin/c++", to: "/etc/alternatives/c++")
    try tree.link("/etc/alternatives/c++", to: "/usr/bin/g++-13")
    try tree.link("/usr/bin/g++", to: "g++-13")
    let result = report(tree, ["PATH": "/usr/bin"])

    #expect(result.found == [CompilerCommand(executable: "/usr/bin/c++")])
    let gxx = try #require(result.candidates.first { $0.origin == .onPath(name: "g++") })
    #expect(gxx.outcome == .sameAsEarlier(path: "/usr/bin/g++", earlier: "/usr/bin/c++"))
  }

  @Test("the clang++ beside swift, also beside the file swift links to")
  func besideSwift() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/toolchains/6.3/usr/bin/swift")
    try tree.executable("/toolchains/6.3/usr/bin/clang++")
    try tree.link("/usr/bin/swift", to: "/toolchains/6.3/usr/bin/swift")
    let result = report(tree, ["PATH": "/usr/bin"])

    #expect(result.chosen?.executable == "/toolchains/6.3/usr/bin/clang++")
    let beside = result.candidates.filter {
      if case .besideSwift = $0.origin { return true } else { return false }
    }
    #expect(
      beside.map(\.origin) == [
        .besideSwift(swift: "/usr/bin/swift"), .besideSwift(swift: "/toolchains/6.3/usr/bin/swift"),
      ])
    #expect(beside[0].rejection == .missing(path: "/usr/bin/clang++"))
  }

  @Test("Linux: /opt/swift, /usr/share/swift and swiftly toolchains, in that order")
  func linuxSwiftFolders() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/usr/share/swift/usr/bin/clang++")
    try tree.executable("/home/user/.local/share/swiftly/toolchains/6.2.0/usr/bin/clang++")
    try tree.executable("/opt/swift/usr/bin/clang++")
    let result = report(tree, ["PATH": "/usr/bin", "HOME": "/home/user"])

    #expect(
      result.found.map(\.executable) == [
        "/opt/swift/usr/bin/clang++", "/usr/share/swift/usr/bin/clang++",
        "/home/user/.local/share/swiftly/toolchains/6.2.0/usr/bin/clang++",
      ])
    #expect(result.candidates.contains { $0.origin == .besideSwift(swift: nil) })
  }

  @Test("macOS: DEVELOPER_DIR, Xcode apps, Command Line Tools, swift.org toolchains")
  func macOSFolders() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    let xcodeDefault = "Contents/Developer/Toolchains/XcodeDefault.xctoolchain/usr/bin/clang++"
    try tree.executable("/Applications/Xcode-16.4.app/" + xcodeDefault)
    try tree.executable("/Applications/Xcode.app/" + xcodeDefault)
    try tree.directory("/Applications/Safari.app")
    try tree.executable("/Library/Developer/CommandLineTools/usr/bin/clang++")
    try tree.executable(
      "/Users/me/Library/Developer/Toolchains/swift-6.3.xctoolchain/usr/bin/clang++")
    try tree.executable("/Opt/Xcode-beta.app/Contents/Developer/usr/bin/clang++")
    let result = report(
      tree,
      [
        "PATH": "/usr/bin", "HOME": "/Users/me",
        "DEVELOPER_DIR": "/Opt/Xcode-beta.app/Contents/Developer",
      ],
      platform: .macOS)

    #expect(
      result.found.map(\.executable) == [
        "/Opt/Xcode-beta.app/Contents/Developer/usr/bin/clang++",
        "/Applications/Xcode-16.4.app/" + xcodeDefault,
        "/Applications/Xcode.app/" + xcodeDefault,
        "/Library/Developer/CommandLineTools/usr/bin/clang++",
        "/Users/me/Library/Developer/Toolchains/swift-6.3.xctoolchain/usr/bin/clang++",
      ])
    #expect(!result.searched.contains { $0.contains("/opt/swift") })
  }

  @Test("nothing found: the report lists every place searched, and detect says how to fix it")
  func nothingFound() async throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.directory("/usr/bin")
    let environment = tree.snapshot(["PATH": "/usr/bin:/bin", "HOME": "/home/user"])
    let result = ToolchainDiscovery(environment: environment).findCXXCompilers()

    #expect(result.chosen == nil)
    #expect(
      result.searched == [
        "$CXX: CXX is not set",
        "c++ on PATH: no executable c++ in /usr/bin, /bin",
        "g++ on PATH: no executable g++ in /usr/bin, /bin",
        "clang++ on PATH: no executable clang++ in /usr/bin, /bin",
        "clang++ beside swift: no swift in /usr/bin, /bin",
        "clang++ in Swift toolchain /opt/swift/usr/bin: /opt/swift/usr/bin/clang++ does not exist",
        "clang++ in Swift toolchain /usr/share/swift/usr/bin: "
          + "/usr/share/swift/usr/bin/clang++ does not exist",
        "clang++ in Swift toolchain /home/user/.local/share/swiftly/toolchains/*/usr/bin: "
          + "nothing matches /home/user/.local/share/swiftly/toolchains/*/usr/bin",
      ])
    #expect(result.description.contains("none found"))

    let error = await #expect(throws: ToolchainError.self) {
      try await Toolchain.detect(environment: environment)
    }
    guard case .noCompiler(let searched) = error else {
      Issue.record("expected noCompiler, got \(String(describing: error))")
      return
    }
    #expect(searched == result.searched)
    let message = try #require(error).description
    #expect(message.contains("no executable g++ in /usr/bin, /bin"))
    #expect(message.contains(HostPlatform.current.compilerInstallHint))
  }
}
