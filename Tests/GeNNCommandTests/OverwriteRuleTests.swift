import Foundation
import Testing

@testable import genn

/// `--overwrite` replaces only a folder holding exactly what a run writes, checked file by
/// file, and never the working folder, a folder above it, or the model file's folder.
@Suite struct OverwriteRuleTests {
  /// A folder holding what a run with ``CommandUnitTests/sampleSummary`` writes.
  static func runFolder() throws -> URL {
    let folder = try Genn.temporaryFolder()
    try CommandUnitTests.sampleSummary.json().write(
      to: folder.appendingPathComponent("summary.json"))
    for file in CommandUnitTests.sampleSummary.recordingFiles + ["raster.svg", "raster.png"] {
      let url = folder.appendingPathComponent(file)
      try FileManager.default.createDirectory(
        at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try Data("x".utf8).write(to: url)
    }
    return folder
  }

  @Test func aRunsOutputAndAnEmptyFolderMayBeReplaced() throws {
    let folder = try Self.runFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(EarlierRunOutput.problem(in: folder) == nil)
    let empty = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: empty) }
    #expect(EarlierRunOutput.problem(in: empty) == nil)
  }

  /// One change to a run's folder that makes it not replaceable, and the reason given.
  struct Change: CustomTestStringConvertible, Sendable {
    var name: String
    var make: @Sendable (URL) throws -> Void
    var reason: String
    var testDescription: String { name }
  }

  static let changes: [Change] = [
    Change(
      name: "a file of the user's",
      make: { try Data().write(to: $0.appendingPathComponent("notes.txt")) },
      reason: "it holds 'notes.txt', which `genn run` does not write"),
    Change(
      name: "a hidden file", make: { try Data().write(to: $0.appendingPathComponent(".keep")) },
      reason: "it holds '.keep', which `genn run` does not write"),
    Change(
      name: "a recording the summary does not list",
      make: { try Data().write(to: $0.appendingPathComponent("spikes/mine.npy")) },
      reason: "it holds 'spikes/mine.npy', which its summary.json does not list"),
    Change(
      name: "a folder inside a recording folder",
      make: {
        try FileManager.default.createDirectory(
          at: $0.appendingPathComponent("vars/E.V.npy.d"), withIntermediateDirectories: false)
      },
      reason: "it holds 'vars/E.V.npy.d', which its summary.json does not list"),
    Change(
      name: "a picture that is a link",
      make: {
        try FileManager.default.removeItem(at: $0.appendingPathComponent("raster.png"))
        try FileManager.default.createSymbolicLink(
          atPath: $0.appendingPathComponent("raster.png").path, withDestinationPath: "/etc/passwd")
      },
      reason: "its 'raster.png' is not a plain file"),
    Change(
      name: "a recording folder that is a link",
      make: {
        try FileManager.default.removeItem(at: $0.appendingPathComponent("vars"))
        try FileManager.default.createSymbolicLink(
          atPath: $0.appendingPathComponent("vars").path, withDestinationPath: "/etc")
      },
      reason: "its 'vars' is not a plain folder"),
    Change(
      name: "an empty summary",
      make: { try Data("{}".utf8).write(to: $0.appendingPathComponent("summary.json")) },
      reason: "its summary.json has no 'model', so it is not the summary of a run"),
    Change(
      name: "no summary",
      make: { try FileManager.default.removeItem(at: $0.appendingPathComponent("summary.json")) },
      reason: "it is not empty and has no summary.json, so it is not the output of an earlier run"),
  ]

  @Test(arguments: changes)
  func anythingElseIsKept(_ change: Change) throws {
    let folder = try Self.runFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try change.make(folder)
    #expect(EarlierRunOutput.problem(in: folder) == change.reason)
  }

  @Test func theWorkingFolderItsParentsAndTheModelFilesFolderAreNeverReplaced() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let workingURL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    #expect(
      OutputFolder.protection(of: workingURL, modelFile: "x.yaml") == "it is the working folder")
    #expect(
      OutputFolder.protection(of: workingURL.deletingLastPathComponent(), modelFile: "x.yaml")
        == "it holds the working folder")
    #expect(
      OutputFolder.protection(of: URL(fileURLWithPath: "/"), modelFile: "x.yaml")
        == "it holds the working folder")
    let model = folder.appendingPathComponent("models/m.yaml")
    try FileManager.default.createDirectory(
      at: model.deletingLastPathComponent(), withIntermediateDirectories: true)
    try Data().write(to: model)
    for holder in [folder, folder.appendingPathComponent("models")] {
      #expect(
        OutputFolder.protection(of: holder, modelFile: model.path)
          == "it holds the model file '\(model.path)'")
    }
    // Through a link to the model's folder too.
    let link = folder.appendingPathComponent("link")
    try FileManager.default.createSymbolicLink(
      atPath: link.path, withDestinationPath: folder.appendingPathComponent("models").path)
    #expect(OutputFolder.protection(of: link, modelFile: model.path) != nil)
    #expect(
      OutputFolder.protection(of: folder.appendingPathComponent("out"), modelFile: model.path)
        == nil)
  }

  @Test func aLinkToAnEarlierRunIsFollowedAndADanglingOneRefused() throws {
    let folder = try Self.runFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let links = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: links) }
    let link = links.appendingPathComponent("latest")
    try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: folder.path)
    let output = try OutputFolder(path: link.path, overwrite: true, modelFile: "m.yaml")
    #expect(output.destination.path == OutputFolder.resolved(folder)?.path)

    let dangling = links.appendingPathComponent("dangling")
    try FileManager.default.createSymbolicLink(
      atPath: dangling.path, withDestinationPath: "nowhere")
    #expect(throws: CommandError.self) {
      try OutputFolder(path: dangling.path, overwrite: false, modelFile: "m.yaml")
    }
  }
}
