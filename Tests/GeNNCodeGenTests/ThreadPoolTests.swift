import Foundation
import Testing

@testable import GeNNCodeGen

/// The generated CPU code's thread pool (``ThreadPoolSource``), compiled on its own: every
/// chunk of a shared phase runs exactly once, and the chunks of a thread that stalls (here
/// one that sleeps in a chunk, as a descheduled thread would) are run by the other thread
/// instead of waiting for it.
@Suite struct ThreadPoolTests {
  /// Two threads share phases of 16 chunks of about 1 ms each, 8 owned by each thread.
  /// In phase `p`, chunk `8 + p % 8` (one the worker owns) sleeps for 300 ms once it has
  /// started. The program prints, per phase, how many chunks ran more or less than once,
  /// and how many chunks the thread that slept ran after that chunk: chunks that waited
  /// for it.
  static let program = """
    #include <algorithm>
    #include <atomic>
    #include <chrono>
    #include <condition_variable>
    #include <cstdint>
    #include <cstdio>
    #include <cstring>
    #include <mutex>
    #include <thread>
    #include <vector>
    \(RuntimeSupportSource.cpp)
    \(FloatModeSource.cpp(flushes: true))
    \(ThreadPoolSource.cpp)
    struct Phase {
        uint32_t stalling;
        std::atomic<uint32_t> runs[16];
        std::thread::id ranOn[16];
        std::chrono::steady_clock::time_point started[16];
    };
    static void runChunk(void *context, uint32_t chunk) {
        Phase &phase = *static_cast<Phase *>(context);
        phase.runs[chunk].fetch_add(1);
        phase.ranOn[chunk] = std::this_thread::get_id();
        phase.started[chunk] = std::chrono::steady_clock::now();
        if (chunk == phase.stalling) {
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            return;
        }
        const auto end = std::chrono::steady_clock::now() + std::chrono::milliseconds(1);
        while (std::chrono::steady_clock::now() < end) {}
    }
    int main() {
        genn::ThreadPool pool;
        pool.resize(2);
        std::vector<uint32_t> order(16);
        for (uint32_t c = 0; c < 16; c++) { order[c] = c; }
        const uint32_t bounds[3] = {0, 8, 16};
        for (uint32_t p = 0; p < 3; p++) {
            Phase phase;
            phase.stalling = 8 + p % 8;
            for (uint32_t c = 0; c < 16; c++) { phase.runs[c].store(0); }
            pool.share(runChunk, &phase, 16, order.data(), bounds);
            uint32_t wrongCounts = 0, waited = 0;
            for (uint32_t c = 0; c < 16; c++) { wrongCounts += phase.runs[c].load() == 1 ? 0 : 1; }
            for (uint32_t c = 0; c < 16; c++) {
                const bool after = phase.started[c] > phase.started[phase.stalling];
                waited += after && phase.ranOn[c] == phase.ranOn[phase.stalling] ? 1 : 0;
            }
            std::printf("%u %u\\n", wrongCounts, waited);
        }
        return 0;
    }
    """

  @Test func aStalledThreadsChunksRunElsewhereEachOnce() throws {
    let output = String(
      decoding: try CXXTool.output(
        ofProgram: Self.program, name: "pool",
        flags: ["-std=c++17", "-O2", "-pthread", "-Wall", "-Wextra", "-Werror"]),
      as: UTF8.self)
    let phases = output.split(separator: "\n").map { $0.split(separator: " ") }
    #expect(phases.count == 3, "\(output)")
    for (index, phase) in phases.enumerated() {
      #expect(phase == ["0", "0"], "phase \(index): chunks run other than once, chunks waited")
    }
  }
}
