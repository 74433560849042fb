import GeNNModel

/// The CPU backend's initialisation of per-synapse custom update variables that snippets
/// initialise: after every row is built (a second run of the thread pool), each thread
/// takes a range of rows or kernel elements; every synapse draws from its own stream, so
/// the values do not depend on the number of threads.
extension CPUModuleWriter {
  /// Custom update `index`'s initialisation struct and function.
  mutating func writeCustomUpdateInit(_ index: Int) {
    declareCustomUpdateInit(index)
    line()
    line(
      "void initialiseCustomUpdate\(index)(const CustomUpdateInit\(index) &group, uint32_t begin, uint32_t end) {"
    )
    line("for (uint32_t id = begin; id < end; id++) {")
    writeCustomUpdateInitElement(index)
    line("}")
    line("}")
    line()
  }

  /// `initialiseCustomUpdatesThread`, one thread's share of every custom update's
  /// initialisation.
  mutating func writeCustomUpdateInitThread() {
    let indices = customUpdatesInitialisingSynapses
    guard !indices.isEmpty else { return }
    line(
      "void initialiseCustomUpdatesThread(void *context, unsigned thread, unsigned numThreads) {")
    line("Model &m = *static_cast<Model *>(context);")
    openBatchLoop()
    for index in indices {
      line(
        "{ const genn::Range range = genn::threadRange(\(customUpdateInitThreads(index))u, thread, numThreads);"
      )
      line(
        "initialiseCustomUpdate\(index)(\(copy("m.customUpdateInit\(index)")), range.begin, range.end); }"
      )
    }
    closeBatchLoop()
    line("}")
    line()
  }
}
