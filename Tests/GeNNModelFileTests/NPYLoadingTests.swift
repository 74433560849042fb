import Foundation
import GeNNModel
import GeNNModelFile
import GeNNNPY
import Testing

/// Variables, extra global parameters and connectivity read from `.npy` files beside the
/// model file.
@Suite struct NPYLoadingTests {
  static let text = """
    neurons:
      Pre:
        size: 3
        model: IzhikevichVariable
        vars:
          V: {npy: data/v.npy}
          U: -13
          a: {npy: a.npy}
          b: 0.2
          c: -65
          d: 8
      Post:
        size: 2
        model: SpikeSourceArray
        vars: {startSpike: [0, 1], endSpike: [1, 2]}
        extra_global_params: {spikeTimes: {npy: times.npy}}
    synapses:
      Listed:
        source: Pre
        target: Post
        connectivity:
          pre: {npy: pre.npy}
          post: {npy: post.npy}
        weight_update:
          model: StaticPulse
          vars: {g: {npy: g.npy}}
      Dense:
        source: Pre
        target: Post
        weight_update:
          model: StaticPulse
          vars: {g: {npy: dense.npy}}

    """

  /// The model file above in a fresh folder with its `.npy` files.
  static func load() throws -> ModelFile {
    let folder = try Fixtures.temporaryFolder()
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("data"), withIntermediateDirectories: true)
    try NPYArray([-65.0, -60, -55]).write(to: folder.appendingPathComponent("data/v.npy"))
    try NPYArray([Float(0.02), 0.1, 0.02]).write(to: folder.appendingPathComponent("a.npy"))
    try NPYArray([1.5, 2.5]).write(to: folder.appendingPathComponent("times.npy"))
    try NPYArray([Int32(0), 1, 2, 2]).write(to: folder.appendingPathComponent("pre.npy"))
    try NPYArray([Int64(1), 0, 0, 1]).write(to: folder.appendingPathComponent("post.npy"))
    try NPYArray([0.1, 0.2, 0.3, 0.4]).write(to: folder.appendingPathComponent("g.npy"))
    try NPYArray([1.0, 2, 3, 4, 5, 6], shape: [3, 2]).write(
      to: folder.appendingPathComponent("dense.npy"))
    let path = folder.appendingPathComponent("model.yaml")
    try Self.text.write(to: path, atomically: true, encoding: .utf8)
    return try ModelFile.load(path: path.path)
  }

  @Test func neuronVariables() throws {
    let pre = try #require(try Self.load().model.neuronPopulation(named: "Pre"))
    guard case .values(let v)? = pre.vars["V"], case .values(let a)? = pre.vars["a"] else {
      Issue.record("V and a are not value lists")
      return
    }
    #expect(v == [-65, -60, -55])
    #expect(a == [Double(Float(0.02)), Double(Float(0.1)), Double(Float(0.02))])
  }

  @Test func extraGlobalParameters() throws {
    let post = try #require(try Self.load().model.neuronPopulation(named: "Post"))
    #expect(post.extraGlobalParams["spikeTimes"] == [1.5, 2.5])
  }

  @Test func connectivityAndSynapseVariables() throws {
    let model = try Self.load().model
    let listed = model.synapsePopulations[0]
    guard case .explicit(let pre, let post) = listed.connectivity else {
      Issue.record("Listed's connectivity is not a list")
      return
    }
    #expect(pre == [0, 1, 2, 2] && post == [1, 0, 0, 1])
    #expect(listed.matrixType == .sparse)
    guard case .values(let g)? = listed.weightUpdateVars["g"] else {
      Issue.record("g is not a value list")
      return
    }
    #expect(g == [0.1, 0.2, 0.3, 0.4])
    let dense = model.synapsePopulations[1]
    #expect(dense.matrixType == .dense)
    guard case .values(let weights)? = dense.weightUpdateVars["g"] else {
      Issue.record("dense g is not a value list")
      return
    }
    #expect(weights == [1, 2, 3, 4, 5, 6])
  }

  /// An array of the wrong shape is refused from its file's header, before its data is
  /// read: here a header that declares 8 GB of doubles, in a sparse file of that size.
  @Test func aWrongShapeIsRefusedBeforeTheDataIsRead() throws {
    let folder = try Fixtures.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("huge.npy")
    let header = try NPYArray([0.0]).encoded().prefix { $0 != 0x0A }
    var text = String(decoding: header.dropFirst(10), as: UTF8.self)
    text = text.replacingOccurrences(of: "(1,)", with: "(1000000000,)")
    let padded = text.padding(toLength: 117, withPad: " ", startingAt: 0) + "\n"
    var bytes: [UInt8] = [0x93] + Array("NUMPY".utf8) + [1, 0, 118, 0]
    bytes += Array(padded.utf8)
    try Data(bytes).write(to: file)
    let handle = try FileHandle(forWritingTo: file)
    try handle.truncate(atOffset: UInt64(bytes.count) + 8_000_000_000)
    try handle.close()
    #expect(try NPYReader.shape(of: file).shape == [1_000_000_000])
    try """
    neurons:
      P:
        size: 10
        model: LIF
        params: {C: 0.2, TauM: 20, Vrest: -49, Vreset: -60, Vthresh: -50, Ioffset: 0, TauRefrac: 5}
        vars: {V: {npy: huge.npy}, RefracTime: 0}
    """.write(to: folder.appendingPathComponent("model.yaml"), atomically: true, encoding: .utf8)
    let error = #expect(throws: ModelFileError.self) {
      try ModelFile.load(path: folder.appendingPathComponent("model.yaml").path)
    }
    #expect(
      error?.description.contains(
        "the NumPy file 'huge.npy' holds an array of shape (1000000000); it must hold 10 values")
        == true, "\(String(describing: error))")
  }
}
