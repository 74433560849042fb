import Foundation
import GeNNModelFile
import Testing

/// A model file's `batch_size`: read into the model (Python's `GeNNModel.batch_size`
/// crosses as it), checked where it is written, and refused by `genn run`, which writes
/// one batch's outputs, with what to do instead.
@Suite struct BatchSizeFileTests {
  /// The tiny model with `batch_size` set to `size`, in a fresh folder.
  static func folder(batchSize size: String) throws -> URL {
    let folder = try Genn.temporaryFolder()
    try TinyModel.write(
      to: folder, replacing: [("name: tiny\n", "name: tiny\nbatch_size: \(size)\n")])
    return folder
  }

  @Test func theBatchSizeIsRead() throws {
    let folder = try Self.folder(batchSize: "4")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = try ModelFile.load(path: folder.appendingPathComponent("tiny.yaml").path)
    #expect(file.model.batchSize == 4)
    #expect(try Genn.run(["check", "tiny.yaml"], in: folder).status == 0)
  }

  @Test(arguments: ["0", "-2", "1.5", "many"])
  func aBatchSizeThatIsNotAPositiveWholeNumberIsRefusedAtItsPosition(_ size: String) throws {
    let folder = try Self.folder(batchSize: size)
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(["check", "tiny.yaml"], in: folder)
    #expect(outcome.status == 1)
    #expect(outcome.stderr.hasPrefix("tiny.yaml:2:13: error: 'batch_size'"), "\(outcome.stderr)")
  }

  @Test func runRefusesABatchedModelSayingWhereBatchesRun() throws {
    let folder = try Self.folder(batchSize: "3")
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(["run", "tiny.yaml", "--steps", "5"], in: folder)
    #expect(outcome.status != 0)
    #expect(outcome.stderr.contains("runs 3 batches (batch_size)"), "\(outcome.stderr)")
    #expect(outcome.stderr.contains("GeNNModel.batch_size"))
    #expect(
      !FileManager.default.fileExists(atPath: folder.appendingPathComponent("tiny-output").path))
  }
}
