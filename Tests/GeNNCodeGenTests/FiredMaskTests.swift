import Foundation
import Testing

@testable import GeNNCodeGen

/// `genn::firedMask` (``RuntimeSupportSource``), which turns 64 neurons' fired flags into
/// bits, gives the bits a plain loop gives: with AVX-512, with AVX2 and portably (each
/// path compiled with the flags that select it, where the machine runs that path).
@Suite struct FiredMaskTests {
  /// A program that checks `firedMask` against a loop over flag patterns (none, all, each
  /// single neuron, random ones) and prints `ok` and the number of patterns checked.
  static let program = """
    #include <algorithm>
    #include <cstddef>
    #include <cstdint>
    #include <cstdio>
    #include <cstring>
    #include <vector>
    \(RuntimeSupportSource.cpp)
    int main() {
        std::vector<std::vector<uint8_t>> patterns(2, std::vector<uint8_t>(64, 0));
        std::fill(patterns[1].begin(), patterns[1].end(), 1);
        for (int i = 0; i < 64; i++) {
            patterns.emplace_back(64, 0);
            patterns.back()[i] = 1;
        }
        uint64_t state = 12345;
        for (int p = 0; p < 1000; p++) {
            patterns.emplace_back(64, 0);
            for (int i = 0; i < 64; i++) {
                state = state * 6364136223846793005ull + 1442695040888963407ull;
                patterns.back()[i] = (uint8_t)((state >> 60) < (uint64_t)(p % 16) ? 1 : 0);
            }
        }
        for (const std::vector<uint8_t> &fired : patterns) {
            // Unaligned too: flags one byte into a buffer.
            uint8_t buffer[65];
            std::memcpy(buffer + 1, fired.data(), 64);
            uint64_t expected = 0;
            for (int i = 0; i < 64; i++) { expected |= (uint64_t)fired[i] << i; }
            if (genn::firedMask(buffer + 1) != expected) {
                std::printf("mismatch\\n");
                return 1;
            }
        }
        std::printf("ok %zu\\n", patterns.size());
        return 0;
    }
    """

  /// The flags of each path: the machine's own, and on x86 AVX2 without AVX-512 and
  /// neither, where the machine has the instructions.
  static var variants: [[String]] {
    var variants = [["-march=native"]]
    #if arch(x86_64)
      let flags = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
      if flags.contains(" avx2") { variants.append(["-mavx2", "-mno-avx512f"]) }
      variants.append(["-mno-avx2", "-mno-avx512f"])
    #endif
    return variants
  }

  @Test(arguments: variants)
  func firedMaskIsTheFlagsAsBits(flags: [String]) throws {
    let output = try CXXTool.output(
      ofProgram: Self.program, name: "fired",
      flags: ["-std=c++17", "-O2", "-Wall", "-Wextra"] + flags)
    #expect(String(decoding: output, as: UTF8.self) == "ok 1066\n", "\(flags)")
  }
}
