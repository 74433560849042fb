import Foundation

@testable import GeNNCodeGen

/// A C++ program around the random numbers of ``RandomNumberSource``, compiled with the machine's C++
/// compiler and run once; it writes one named record of numbers per check: a text line
/// `name count`, then `count` doubles as raw bytes.
struct RandomNumberProgram {
  /// A line of Philox output: one block for a counter and key.
  struct Block {
    var name: String
    var counter: [UInt32]
    var key: [UInt32]
  }

  /// A line of draws: `count` values of the C++ expression `expression` (which uses
  /// `rng`) from a generator set up at `position`.
  struct Draws {
    var name: String
    var expression: String
    var count: Int
    var position: Philox.Position
  }

  /// The numbers each line printed, by name.
  let lines: [String: [Double]]

  /// Compiles and runs a program printing `blocks` and `draws`.
  init(blocks: [Block], draws: [Draws]) throws {
    let bytes = try [UInt8](
      CXXTool.output(
        ofProgram: Self.source(blocks: blocks, draws: draws), name: "rng",
        flags: ["-std=c++17", "-O2", "-Wall", "-Wextra", "-Werror"], libraries: ["-lm"]))
    var lines: [String: [Double]] = [:]
    var index = 0
    while let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) {
      let fields = String(decoding: bytes[index..<newline], as: UTF8.self).split(separator: " ")
      let count = Int(fields[1])!
      index = newline + 1 + 8 * count
      lines[String(fields[0])] = [Double](unsafeUninitializedCapacity: count) {
        buffer, initialized in
        bytes[(newline + 1)..<index].withUnsafeBytes {
          UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0)
        }
        initialized = count
      }
    }
    self.lines = lines
  }

  /// The numbers printed on line `name`.
  func values(_ name: String) throws -> [Double] {
    guard let values = lines[name] else { throw CXXTool.Failure(description: "no line '\(name)'") }
    return values
  }

  private static func source(blocks: [Block], draws: [Draws]) -> String {
    func list(_ words: [UInt32]) -> String { words.map { "\($0)u" }.joined(separator: ", ") }
    let blockCode = blocks.map { block in
      """
          {
              const uint32_t ctr[4] = {\(list(block.counter))};
              const uint32_t key[2] = {\(list(block.key))};
              uint32_t out[4];
              genn_philox4x32_10(ctr, key, out);
              const double values[4] = {(double)out[0], (double)out[1], (double)out[2], (double)out[3]};
              printf("\(block.name) 4\\n");
              fwrite(values, sizeof(double), 4, stdout);
          }
      """
    }
    let drawCode = draws.map { draw in
      let p = draw.position
      return """
            {
                GeNNRng rng;
                genn_rng_init(&rng, \(p.seed)ull, \(p.stream)u, \(p.element)u, \(p.step)u);
                printf("\(draw.name) \(draw.count)\\n");
                for (int i = 0; i < \(draw.count); i++) {
                    const double value = (double)(\(draw.expression));
                    fwrite(&value, sizeof(double), 1, stdout);
                }
            }
        """
    }
    let main = (blockCode + drawCode).joined(separator: "\n")
    return "#include <stdio.h>\n" + RandomNumberSource.source(calledBy: main) + "\nint main()\n{\n"
      + main + "\n    return 0;\n}\n"
  }
}
