import ArgumentParser
import GeNNModel
import GeNNTranspiler

extension GeNN {
  /// `genn models [NAME]`: the reference of GeNN's built-in models.
  struct Models: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "List the built-in models, or show one with its parameters' units and code.",
      discussion: """
        With no NAME, lists every built-in neuron, weight update, postsynaptic, current \
        source and custom update model and every variable-initialisation and connectivity \
        snippet. With a NAME (any case), shows its parameters with GeNN's units (ms, mV, \
        nA, nF, uS, Hz), its variables with their access, references, extra global \
        parameters and code strings. --markdown prints the whole reference as Markdown, \
        as docs/models.md holds it (`genn models --markdown > docs/models.md`).
        """)

    @Argument(help: "A built-in model's name, such as LIF or ExpCond.")
    var name: String?

    @Flag(help: "Print the whole reference as Markdown (docs/models.md).")
    var markdown = false

    func run() async throws {
      try await CommandError.reported { () throws(CommandError) in try execute() }
    }

    private func execute() throws(CommandError) {
      if markdown {
        guard name == nil else {
          throw .invalidOptions(
            "--markdown prints the whole reference; give it without a model name")
        }
        print(ModelReferenceText.markdown(), terminator: "")
        return
      }
      guard let name else {
        print(ModelReferenceText.list())
        return
      }
      let models = ModelReference.named(name)
      guard !models.isEmpty else {
        throw .invalidOptions(Self.unknown(name))
      }
      print(models.map(ModelReferenceText.detail).joined(separator: "\n\n"))
    }

    /// The error for a name no built-in model has: the nearest name, and how to list
    /// them all.
    static func unknown(_ name: String) -> String {
      let near = NameSuggestion.closest(to: name, among: Set(ModelReference.all.map(\.name)))
      return "no built-in model is named '\(name)'"
        + (near.map { "; did you mean '\($0)'?" } ?? ";")
        + " `genn models` lists them all"
    }
  }
}
