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
  /// parameters and run settings; `.npy` files it names are found relative to its folder.
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
    do {
      let data = try Data(contentsOf: url)
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
    return try parse(
      text, path: path, directory: url.deletingLastPathComponent(), overrides: overrides)
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
