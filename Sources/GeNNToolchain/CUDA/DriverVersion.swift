/// The version of the NVIDIA driver, such as `550.54.15`, and the newest CUDA it runs.
public struct NVIDIADriverVersion: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The numbers, in order (`[550, 54, 15]`).
  public var components: [Int]
  /// The version as NVIDIA writes it, leading zeros kept (`470.223.02`).
  public var text: String

  /// Reads `550.54.15` or `550.54`: two or three numbers separated by dots, the first
  /// at least 100; `nil` for anything else.
  public init?(_ text: some StringProtocol) {
    guard let numbers = text.dottedNumbers(parts: 2...3), numbers[0] >= 100 else { return nil }
    self.components = numbers
    self.text = String(text)
  }

  /// Reads the kernel module's `/proc/driver/nvidia/version`, whose first line is like
  /// `NVRM version: NVIDIA UNIX x86_64 Kernel Module  550.54.15  Tue Mar  5 22:23:56 UTC
  /// 2024` (or `… Open Kernel Module for x86_64  550.54.15  Release Build …`).
  public init?(procVersion text: String) {
    for line in text.split(whereSeparator: \.isNewline) where line.contains("NVRM version") {
      for word in line.split(whereSeparator: \.isWhitespace) {
        if let version = NVIDIADriverVersion(word) {
          self = version
          return
        }
      }
    }
    return nil
  }

  /// The major version (`550`).
  public var major: Int { components[0] }

  /// The newest CUDA version this driver runs (NVIDIA's compatibility table: 580 and
  /// later run CUDA 13.0, 575 CUDA 12.9, … 450 CUDA 11.0; older drivers CUDA 10).
  public var supportedCUDA: CUDAVersion {
    for (driver, cuda) in Self.compatibility where major >= driver { return cuda }
    return CUDAVersion(major: 10)
  }

  /// The oldest driver major version that runs CUDA `major`, from the same table;
  /// `nil` for a major version newer than the table knows.
  public static func minimumDriver(forCUDAMajor major: Int) -> Int? {
    compatibility.last { $0.1.major == major }?.0
  }

  /// Driver major version and the newest CUDA version it runs, newest first.
  private static let compatibility: [(Int, CUDAVersion)] = [
    (580, CUDAVersion(major: 13, minor: 0)), (575, CUDAVersion(major: 12, minor: 9)),
    (570, CUDAVersion(major: 12, minor: 8)), (560, CUDAVersion(major: 12, minor: 6)),
    (555, CUDAVersion(major: 12, minor: 5)), (550, CUDAVersion(major: 12, minor: 4)),
    (545, CUDAVersion(major: 12, minor: 3)), (535, CUDAVersion(major: 12, minor: 2)),
    (530, CUDAVersion(major: 12, minor: 1)), (525, CUDAVersion(major: 12, minor: 0)),
    (520, CUDAVersion(major: 11, minor: 8)), (515, CUDAVersion(major: 11, minor: 7)),
    (510, CUDAVersion(major: 11, minor: 6)), (495, CUDAVersion(major: 11, minor: 5)),
    (470, CUDAVersion(major: 11, minor: 4)), (465, CUDAVersion(major: 11, minor: 3)),
    (460, CUDAVersion(major: 11, minor: 2)), (455, CUDAVersion(major: 11, minor: 1)),
    (450, CUDAVersion(major: 11, minor: 0)),
  ]

  /// Ordered number by number.
  public static func < (left: NVIDIADriverVersion, right: NVIDIADriverVersion) -> Bool {
    left.components.lexicographicallyPrecedes(right.components)
  }

  /// The version as NVIDIA writes it.
  public var description: String { text }
}
