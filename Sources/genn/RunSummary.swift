import Foundation

/// What `genn run` writes to `summary.json`: the run's settings, per population its
/// neuron count, spike count and mean rate, the files written, and how long each stage
/// took. `genn plot` reads it back to find the recordings.
struct RunSummary: Codable, Hashable {
  /// The model's name.
  var model: String
  /// The model file's path, as given.
  var modelFile: String
  /// The backend that ran the model (`cpu`).
  var backend: String
  /// Why that backend was chosen.
  var backendReason: String
  /// The threads the simulation ran on.
  var threads: Int
  /// The type of `scalar`: `float` or `double`.
  var precision: String
  /// The time step in ms.
  var dt: Double
  /// The steps run.
  var steps: Int
  /// The model time run, in ms (`steps * dt`).
  var durationMs: Double
  /// The seed of every random number.
  var seed: UInt64
  /// The model file's `parameters:` in the order it declares them, at the values the run
  /// used (after `--set`); `null` in the summaries of SwiftGeNN 0.6.0 and earlier, which
  /// did not record them.
  var parameters: [Parameter]?
  /// Every neuron population, in model order.
  var populations: [Population]
  /// The spike-like events recorded, per synapse population and side.
  var spikeEvents: [SpikeEvents]
  /// The variables recorded.
  var variables: [Variable]
  /// The custom update groups run, as the file's `run: custom_updates:` scheduled them.
  var customUpdates: [CustomUpdateRuns]
  /// The pictures drawn, relative to the output folder.
  var pictures: [String]
  /// How long each stage took.
  var timing: Timing
  /// Where the generated code is and what built it.
  var build: Build
  /// What the result can be traced back to; `null` in the summaries of SwiftGeNN 0.6.0
  /// and earlier, which did not record it.
  var provenance: RunProvenance?

  /// One parameter of the model file's `parameters:`.
  struct Parameter: Codable, Hashable {
    var name: String
    /// Its value, after `--set` and the `${...}` expressions.
    var value: Double
  }

  /// One neuron population.
  struct Population: Codable, Hashable {
    var name: String
    var neurons: Int
    /// Whether its spikes were recorded; the counts below are `null` when not.
    var spikesRecorded: Bool
    var spikes: Int?
    /// Spikes per neuron per second of model time.
    var meanRateHz: Double?
    /// The spike times in ms (float64), relative to the output folder.
    var timesFile: String?
    /// The neuron index of each spike (int32), relative to the output folder.
    var idsFile: String?
  }

  /// The spike-like events of one synapse population on one side.
  struct SpikeEvents: Codable, Hashable {
    var synapses: String
    /// `pre` or `post`.
    var side: String
    /// The neuron population whose neurons the events belong to.
    var neuronPopulation: String
    var neurons: Int
    var events: Int
    var timesFile: String
    var idsFile: String
  }

  /// One recorded variable.
  struct Variable: Codable, Hashable {
    /// The neuron population, current source or synapse population.
    var element: String
    /// `neuron_population`, `current_source` or `synapse_population`.
    var kind: String
    var variable: String
    /// Sampled after every this many steps.
    var everySteps: Int
    /// What one value is about: `neuron` or `synapse`.
    var unit: String
    /// The values' unit (`mV`, `nA`, `uS`; `1` for a number without unit): the one the
    /// model file gives a variable of its own model, else the built-in model's; absent
    /// where neither gives one.
    var valueUnit: String?
    /// Values per sample (neurons or synapses).
    var width: Int
    var samples: Int
    /// The samples as float64 `[sample, element]`, relative to the output folder.
    var file: String
    /// The model time of each sample in ms (float64), at the end of its step.
    var timesFile: String
  }

  /// One scheduled custom update group.
  struct CustomUpdateRuns: Codable, Hashable {
    var group: String
    var everySteps: Int
    /// How often it ran.
    var runs: Int
  }

  /// Seconds spent in each stage.
  struct Timing: Codable, Hashable {
    var generateS: Double
    var toolchainS: Double
    var compileS: Double
    var cacheHit: Bool
    var loadS: Double
    var simulateS: Double
    /// Model time over wall time: above 1 is faster than real time.
    var realTimeFactor: Double?
    /// Where the simulation's time went, for a model with `timing: true`.
    var phases: Phases?
  }

  /// Seconds in each phase since loading, as the generated code measured them (GeNN's
  /// `timing_enabled` counters, named as PyGeNN's).
  struct Phases: Codable, Hashable {
    var neuronUpdateS: Double
    /// On the CPU backend the whole synapse phase (one pass runs every hook).
    var presynapticUpdateS: Double
    var postsynapticUpdateS: Double
    var synapseDynamicsS: Double
    var initS: Double
    var initSparseS: Double
    /// Each custom update group's updates.
    var customUpdatesS: [String: Double]
  }

  /// The build.
  struct Build: Codable, Hashable {
    /// The build cache entry holding the generated code, library and compiler log.
    var directory: String
    /// The generated source.
    var source: String
    /// The compiler's `--version` line.
    var compiler: String
  }

  /// The JSON text, pretty-printed, keys in snake case.
  func json() throws -> Data {
    let encoder = JSONEncoder()
    encoder.keyEncodingStrategy = .convertToSnakeCase
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self)
  }

  /// Reads a summary written by ``json()``.
  static func decode(_ data: Data) throws -> RunSummary {
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(RunSummary.self, from: data)
  }

  /// What is wrong with a summary that does not decode, in its own key names.
  static func problem(_ error: DecodingError) -> String {
    func path(_ keys: [any CodingKey]) -> String {
      keys.map { $0.intValue.map { "[\($0)]" } ?? ".\(snakeCase($0.stringValue))" }
        .joined().trimmingPrefix(".").description
    }
    switch error {
    case .keyNotFound(let key, let context):
      let place = path(context.codingPath)
      return "has no '\(snakeCase(key.stringValue))'" + (place.isEmpty ? "" : " in '\(place)'")
    case .typeMismatch(_, let context), .valueNotFound(_, let context):
      return "has a value of the wrong type at '\(path(context.codingPath))'"
    case .dataCorrupted(let context):
      return context.codingPath.isEmpty
        ? "is not valid JSON" : "has an invalid value at '\(path(context.codingPath))'"
    @unknown default:
      return "cannot be read"
    }
  }

  /// `camelCase` as `snake_case`, as `summary.json` spells its keys.
  private static func snakeCase(_ name: String) -> String {
    name.reduce(into: "") { result, character in
      if character.isUppercase {
        result += "_" + character.lowercased()
      } else {
        result.append(character)
      }
    }
  }
}
