import Foundation
import Testing

@testable import GeNNToolchain

@Suite("File system view")
struct FileSystemViewTests {
  @Test("paths and absolute links are read inside the root")
  func linksStayInsideRoot() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/opt/swift/usr/bin/swift")
    try tree.link("/usr/bin/swift", to: "/opt/swift/usr/bin/swift")
    try tree.link("/usr/local/bin/swift", to: "../../bin/swift")
    try tree.file("/etc/readme")
    let view = FileSystemView(root: tree.root.path)

    #expect(view.isExecutableFile("/usr/bin/swift"))
    #expect(view.resolvingSymbolicLinks("/usr/bin/swift") == "/opt/swift/usr/bin/swift")
    #expect(view.resolvingSymbolicLinks("/usr/local/bin/swift") == "/opt/swift/usr/bin/swift")
    #expect(view.symbolicLinkTarget("/usr/bin/swift") == "/opt/swift/usr/bin/swift")
    #expect(view.isDirectory("/opt/swift/usr"))
    #expect(!view.isExecutableFile("/etc/readme"))
    #expect(view.exists("/etc/readme"))
    #expect(!view.exists("/etc/missing"))
    #expect(!view.isExecutableFile("/opt/swift/usr/bin"))
    #expect(view.contentsOfDirectory("/usr") == ["bin", "local"])
  }

  @Test("leading bytes and text of files, through links; folders matching a pattern")
  func readingAndMatching() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.file("/etc/version", contents: "CUDA Version 11.8.0\n")
    try tree.link("/etc/current", to: "/etc/version")
    try tree.directory("/usr/local/cuda-12.4/bin")
    try tree.directory("/usr/local/cuda-11.8/bin")
    try tree.file("/usr/local/cuda-notes")
    try tree.directory("/usr/local/cudnn")
    let view = FileSystemView(root: tree.root.path)

    #expect(view.leadingBytes(of: "/etc/current", limit: 4) == Array("CUDA".utf8))
    #expect(view.leadingBytes(of: "/etc/version", limit: 100)?.count == 20)
    #expect(view.text(of: "/etc/current") == "CUDA Version 11.8.0\n")
    #expect(view.text(of: "/etc") == nil)
    #expect(view.text(of: "/etc/missing") == nil)
    #expect(
      view.folders(matching: "/usr/local/cuda-*") == [
        "/usr/local/cuda-11.8", "/usr/local/cuda-12.4",
      ])
    #expect(view.folders(matching: "/usr/local/cuda-*/bin").count == 2)
    #expect(view.folders(matching: "/usr/local/cuda-*/lib").isEmpty)
    #expect(view.folders(matching: "/usr/local") == ["/usr/local"])
  }

  @Test("a link loop resolves to nothing")
  func linkLoop() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.link("/a", to: "/b")
    try tree.link("/b", to: "/a")
    let view = FileSystemView(root: tree.root.path)
    #expect(view.resolvingSymbolicLinks("/a") == nil)
    #expect(!view.exists("/a"))
  }

  @Test("PATH: empty and relative entries are read against the working folder")
  func searchPath() {
    let snapshot = EnvironmentSnapshot(
      variables: ["PATH": "/usr/bin::bin:/usr/bin/"], workingDirectory: "/home/user")
    #expect(snapshot.searchPath == ["/usr/bin", "/home/user", "/home/user/bin"])
    #expect(EnvironmentSnapshot(variables: [:]).searchPath == [])
  }
}
