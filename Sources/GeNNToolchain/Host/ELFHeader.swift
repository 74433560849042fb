/// The identifying start of an ELF file: enough to tell a shared library from anything
/// else, and which processor it is for.
///
/// Read from the first 20 bytes of a file (`e_ident`, `e_type`, `e_machine`), in the
/// byte order that `e_ident` declares.
public struct ELFHeader: Hashable, Sendable {
  /// The number of leading bytes ``init(bytes:)`` needs.
  public static let byteCount = 20

  /// `e_type` of a shared object (`ET_DYN`).
  public static let sharedObjectType: UInt16 = 3

  /// Whether the file is 64-bit (`ELFCLASS64`) rather than 32-bit.
  public var is64Bit: Bool
  /// Whether multi-byte fields are little-endian (`ELFDATA2LSB`).
  public var isLittleEndian: Bool
  /// The object file type (`e_type`): 1 relocatable, 2 executable, 3 shared object, 4 core.
  public var type: UInt16
  /// The processor (`e_machine`).
  public var machine: UInt16

  /// Creates a header from its fields.
  public init(is64Bit: Bool, isLittleEndian: Bool, type: UInt16, machine: UInt16) {
    self.is64Bit = is64Bit
    self.isLittleEndian = isLittleEndian
    self.type = type
    self.machine = machine
  }

  /// Reads a header from a file's leading bytes; `nil` when they are fewer than
  /// ``byteCount`` or do not start with the ELF magic number and a known class and byte
  /// order.
  public init?(bytes: [UInt8]) {
    guard bytes.count >= Self.byteCount, bytes[0..<4].elementsEqual([0x7F, 0x45, 0x4C, 0x46])
    else { return nil }
    guard (1...2).contains(bytes[4]), (1...2).contains(bytes[5]) else { return nil }
    let littleEndian = bytes[5] == 1
    func field(at offset: Int) -> UInt16 {
      let low = UInt16(bytes[littleEndian ? offset : offset + 1])
      let high = UInt16(bytes[littleEndian ? offset + 1 : offset])
      return high << 8 | low
    }
    self.init(
      is64Bit: bytes[4] == 2, isLittleEndian: littleEndian, type: field(at: 16),
      machine: field(at: 18))
  }

  /// Whether the file is a shared object (`ET_DYN`), as shared libraries are.
  public var isSharedObject: Bool { type == Self.sharedObjectType }

  /// The processor the file is built for.
  public var architecture: MachineArchitecture { MachineArchitecture(elfMachine: machine) }
}
