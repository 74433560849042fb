import Foundation

/// A GPU the NVIDIA kernel module lists in `/proc/driver/nvidia/gpus/BUS/information`.
public struct NVIDIAGPU: Hashable, Sendable, CustomStringConvertible {
  /// The PCI bus location, the folder's name (`0000:01:00.0`).
  public var busLocation: String
  /// The model (`NVIDIA H100 80GB HBM3`); `nil` when the file does not say.
  public var model: String?

  /// Creates a record.
  public init(busLocation: String, model: String?) {
    self.busLocation = busLocation
    self.model = model
  }

  /// Reads the `information` file of the GPU at `busLocation`, whose lines are like
  /// `Model: \t\t NVIDIA H100 80GB HBM3`.
  public init(busLocation: String, information: String) {
    var model: String?
    for line in information.split(whereSeparator: \.isNewline) {
      let parts = line.split(separator: ":", maxSplits: 1)
      guard parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == "Model" else {
        continue
      }
      let value = parts[1].trimmingCharacters(in: .whitespaces)
      if !value.isEmpty { model = value }
      break
    }
    self.init(busLocation: busLocation, model: model)
  }

  /// `NVIDIA H100 80GB HBM3 at 0000:01:00.0`.
  public var description: String {
    "\(model ?? "unknown model") at \(busLocation)"
  }
}
