import Foundation
import GeNNModel
import Yams

/// A parsed model file: the network as a ``ModelSpec``, what to record, the run settings
/// the file carries, and the positions of its entries for error messages.
///
/// ```swift
/// let file = try ModelFile.load(path: "Examples/models/vogels-abbott-coba.yaml")
/// let simulation = try await Simulation(model: file.model)
/// ```
///
/// The schema is described in `docs/model-files.md`.
public struct ModelFile: Sendable {
  /// The path of the file, as it was given.
  public var path: String
  /// The network, validated.
  public var model: ModelSpec
  /// What to record.
  public var recording: RecordingPlan
  /// The run settings the file carries.
  public var run: RunDefaults
  /// Where each entry is in the file.
  public var sourceMap: SourceMap
  /// The `.npy` files the model file names, as absolute paths, each once, in the order
  /// they were read.
  public var inputFiles: [String]

  /// The newest model-file schema this SwiftGeNN reads: a file's optional top-level
  /// `schema: N` names the one it is written for, and one newer than this is refused.
  public static let newestSchema = ModelFileDecoder.schema

  /// The file's `parameters:`, with the overrides it was read with.
  public var parameters = ParameterValues()

  /// The units the file's own models give their parameters and variables.
  public var units = DeclaredUnits()

  /// The bytes the file was read from, as UTF-8 text: what a run's provenance hashes,
  /// also for a model file read from a pipe, which cannot be read a second time.
  public var contents = Data()

  /// The folder relative `.npy` paths start from.
  public var directory = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)

  /// The same file decoded again from ``contents`` with other `overrides` (a sweep's
  /// next run), without reading it again: every run of a sweep sees the same text, even
  /// one read from a pipe or edited meanwhile.
  public func reparsed(overrides: ModelOverrides) throws(ModelFileError) -> ModelFile {
    try Self.parse(
      String(decoding: contents, as: UTF8.self), path: path, directory: directory,
      overrides: overrides)
  }

  /// Creates a model file from its parts.
  public init(
    path: String, model: ModelSpec, recording: RecordingPlan, run: RunDefaults,
    sourceMap: SourceMap, inputFiles: [String] = []
  ) {
    self.inputFiles = inputFiles
    self.path = path
    self.model = model
    self.recording = recording
    self.run = run
    self.sourceMap = sourceMap
  }

  /// Reads, decodes and validates the model file at `path`, with `overrides` of its
  /// parameters and run settings; `.npy` files it names are found relative to its folder
  /// (to the working folder for a model file read from a pipe).
  public static func load(path: String, overrides: ModelOverrides = ModelOverrides())
    throws(ModelFileError) -> ModelFile
  {
    let url = URL(fileURLWithPath: path)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else {
      throw ModelFileError(
        .cannotRead(reason: "no file exists at this path"),
        at: SourcePosition(file: path, line: 0, column: 0))
    }
    guard !isDirectory.boolValue else {
      throw ModelFileError(
        .cannotRead(reason: "this is a folder; give the path of a .yaml model file"),
        at: SourcePosition(file: path, line: 0, column: 0))
    }
    let text: String
    let regular: Bool
    do {
      let data: Data
      (data, regular) = try readWhole(url)
      guard let decoded = String(data: data, encoding: .utf8) else {
        throw ModelFileError(
          .cannotRead(reason: "the file is not UTF-8 text"),
          at: SourcePosition(file: path, line: 0, column: 0))
      }
      text = decoded
    } catch let error as ModelFileError {
      throw error
    } catch {
      throw ModelFileError(
        .cannotRead(reason: error.localizedDescription),
        at: SourcePosition(file: path, line: 0, column: 0))
    }
    let directory =
      regular
      ? url.deletingLastPathComponent()
      : URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    return try parse(text, path: path, directory: directory, overrides: overrides)
  }

  /// The most bytes read from a model file that is not a regular file (a pipe, such as
  /// `genn run <(make-model)`, or a device), whose length is not known beforehand.
  static let streamLimit = 256 << 20

  /// The bytes of the file at `url`: a regular file whole, anything else (a pipe, a
  /// device) read until its end, up to ``streamLimit`` bytes; and whether it is a
  /// regular file.
  private static func readWhole(_ url: URL) throws -> (Data, regular: Bool) {
    let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
    if attributes[.type] as? FileAttributeType == .typeRegular {
      return (try Data(contentsOf: url), true)
    }
    let handle = try FileHandle(forReadingFrom: url)
    defer { try? handle.close() }
    var data = Data()
    while let chunk = try handle.read(upToCount: 1 << 20), !chunk.isEmpty {
      data.append(chunk)
      guard data.count <= streamLimit else {
        throw ModelFileError(
          .cannotRead(
            reason: "it is not a regular file and gave more than \(streamLimit >> 20) MiB; "
              + "give the path of a .yaml model file"),
          at: SourcePosition(file: url.path, line: 0, column: 0))
      }
    }
    return (data, false)
  }

  /// Decodes and validates the model file text `text`, with `overrides` of its
  /// parameters and run settings; `path` names it in messages and `directory` (the
  /// current folder if `nil`) is where relative `.npy` paths start.
  public static func parse(
    _ text: String, path: String, directory: URL? = nil,
    overrides: ModelOverrides = ModelOverrides()
  ) throws(ModelFileError) -> ModelFile {
    let root = try compose(text, path: path)
    let sourceMap = SourceMap(file: path, text: text, root: root)
    let folder = directory ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    var decoder = ModelFileDecoder(file: path, directory: folder, sourceMap: sourceMap)
    let scope = ExpressionScope()
    let rootValue = YAMLValue(
      node: root ?? Node.mapping(Node.Mapping([])), key: "", file: path, scope: scope)
    try ParameterDeclarations.declare(rootValue, overrides: overrides, in: scope)
    try decoder.decode(rootValue)
    var file = ModelFile(
      path: path, model: decoder.model, recording: decoder.recording, run: decoder.run,
      sourceMap: sourceMap, inputFiles: decoder.inputFiles.paths)
    file.parameters = scope.parameters
    file.units = decoder.units
    file.contents = Data(text.utf8)
    file.directory = folder
    try overrides.applySettings(to: &file)
    do {
      try file.model.validate()
    } catch {
      throw file.located(error)
    }
    return file
  }

  /// The YAML document of `text`, with YAML errors at their positions; a text beyond
  /// ``YAMLStructureCheck``'s limits is refused before it is composed.
  private static func compose(_ text: String, path: String) throws(ModelFileError) -> Node? {
    try YAMLStructureCheck.check(text, file: path)
    do {
      return try Yams.compose(yaml: text)
    } catch let error as YamlError {
      throw SyntaxErrorMapping.error(error, file: path, text: text)
    } catch {
      throw ModelFileError(.syntax("\(error)"), at: SourcePosition(file: path, line: 1, column: 1))
    }
  }
}
