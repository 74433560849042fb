import GeNNModel
import GeNNTranspiler

/// Values that replace a model file's: its parameters by name, and the run settings
/// ``settings`` (the `genn` command's `--set name=value`).
///
/// A parameter that is overridden keeps the given value; the parameters and `${...}`
/// expressions after it are evaluated with it. A name that is neither a parameter of
/// the file nor a setting is an error that lists both.
public struct ModelOverrides: Sendable, Hashable {
  /// The run settings that can be set by their dotted paths: the seed of every random
  /// number, and the run's length in ms or in steps (either replaces the file's length).
  public static let settings = ["seed", "run.duration", "run.steps"]

  /// The values, by parameter name or setting path.
  public var values: [String: Double]

  /// Overrides of the names in `values`.
  public init(_ values: [String: Double] = [:]) {
    self.values = values
  }

  /// Applies the overrides of settings to `file`, whose parameters are already
  /// overridden, and checks that every name is a parameter or a setting.
  func applySettings(to file: inout ModelFile) throws(ModelFileError) {
    let parameters = file.parameters
    for (name, value) in values.sorted(by: { $0.key < $1.key }) where parameters[name] == nil {
      let place = SourcePosition(file: file.path, line: 0, column: 0)
      func outOfRange(_ requirement: String) -> ModelFileError {
        ModelFileError(
          .outOfRange(key: "--set \(name)", value: "\(value)", requirement: requirement), at: place)
      }
      switch name {
      case "seed":
        guard value >= 0, value == value.rounded(), value < 0x1p63 else {
          throw outOfRange("a whole number, 0 or more and less than 2^63 (9223372036854775808)")
        }
        file.model.seed = UInt64(value)
        file.run.seed = UInt64(value)
      case "run.duration":
        guard value >= 0, value.isFinite,
          (try? StepCount.of(duration: value, dt: file.model.dt)) != nil
        else {
          throw outOfRange(
            "a finite number of milliseconds, 0 or more, of at most \(Int.max) steps of "
              + "dt = \(file.model.dt) ms")
        }
        file.run.length = .milliseconds(value)
      case "run.steps":
        guard value >= 0, value == value.rounded(), value < 0x1p63 else {
          throw outOfRange("a whole number of steps, 0 or more and less than 2^63")
        }
        file.run.length = .steps(Int(value))
      default:
        let available = parameters.names + Self.settings
        throw ModelFileError(
          .unknownName(
            key: "--set", kind: "parameter or setting", name: name, available: available,
            suggestion: NameSuggestion.closest(to: name, among: available)),
          at: place)
      }
    }
  }
}
