import GeNNModel
import GeNNTranspiler

/// Writes one model's C++ translation unit; collects every code-string error on the way.
struct CPUModuleWriter: ModelCodeWriting {
  let merged: MergedModel
  var output = GeneratedCode()
  var errors: [TranspilerError] = []
  var dynamicParameterFields: [DynamicParameterField] = []

  /// Whether model code flushes subnormal numbers to zero (``FloatModeSource``).
  let flushesSubnormals: Bool

  init(model: ModelSpec, checkIndices: Bool, flushesSubnormals: Bool) {
    self.merged = MergedModel(model, checkIndices: checkIndices)
    self.flushesSubnormals = flushesSubnormals
  }

  var source: String { output.text }

  /// C++ for the CPU.
  var dialect: Dialect { .cpp }

  // MARK: Module

  mutating func writeModule() {
    block(
      """
      // SwiftGeNN: C++ generated for model '\(model.name.commentText)' (CPU backend).
      // scalar = \(scalarName), timepoint = \(timeName), dt = \(model.dt) ms.
      // Neuron populations: \(model.neuronPopulations.map { "'\($0.name)' (\($0.model.name.commentText), \($0.size))" }.joined(separator: ", ")).
      #include <algorithm>
      #include <array>
      #include <atomic>
      #include <cassert>
      #include <chrono>
      #include <cmath>
      #include <condition_variable>
      #include <cstdint>
      #include <cstdio>
      #include <cstdlib>
      #include <cstring>
      #include <mutex>
      #include <thread>
      #include <type_traits>
      #include <vector>

      #define GENN_FUNCTION static inline
      // Marks a loop whose iterations touch only their own elements, for vectorisation.
      #if defined(__clang__)
      #define GENN_IVDEP _Pragma("clang loop vectorize(assume_safety)")
      #elif defined(__GNUC__)
      #define GENN_IVDEP _Pragma("GCC ivdep")
      #else
      #define GENN_IVDEP
      #endif
      // Marks code that runs once per simulation (binding): compiled without optimisation,
      // since a large model's binding takes the compiler long to optimise for no gain.
      #if defined(__clang__)
      #define GENN_RUNS_ONCE __attribute__((optnone, noinline))
      #elif defined(__GNUC__)
      #define GENN_RUNS_ONCE __attribute__((optimize("O0")))
      #else
      #define GENN_RUNS_ONCE
      #endif
      """)
    let randomNumbers = output.placeholder()
    support(RuntimeSupportSource.cpp)
    support(FloatModeSource.cpp(flushes: flushesSubnormals))
    support(ThreadPoolSource.cpp)
    support(StepPacingSource.cpp)
    support(RowSplitSource.cpp)
    support(IntegerDivisionSource.source(for: .cpp))
    if memory.checksIndices { support(IndexCheckSource.source(for: .cpp)) }
    block("namespace {")
    line("// Neurons updated per chunk before the chunk's spikes are emitted.")
    line("constexpr uint32_t kNeuronChunk = 256u;")
    line("static_assert(kNeuronChunk % 64u == 0u, \"spikes are found 64 neurons at a time\");")
    line()
    writeTimingSupport()
    for group in neuronGroups { writeNeuronGroup(group) }
    for group in initGroups { writeInitGroup(group) }
    for group in synapseGroups {
      writeSynapseGroup(group)
      writeRowLengthDraws(group)
      writeConnectivityBuilder(group)
      writeColumnBuilder(group)
      writeSynapseInit(group)
    }
    for index in model.customUpdates.indices { writeCustomUpdate(index) }
    for index in model.customConnectivityUpdates.indices { writeCustomConnectivityUpdate(index) }
    for index in customUpdatesInitialisingSynapses { writeCustomUpdateInit(index) }
    writeModelState()
    writeStep()
    writeRowLengthDrawThread()
    writeInitialise()
    writeRowSplitting()
    writeCustomUpdateInitThread()
    writeBind()
    writeChunkPlan()
    writeCustomUpdateGroups()
    block("}  // namespace")
    line()
    writeExports()
    writeCustomUpdateExport()
    writeDynamicParameterExport()
    writeTimingExport()

    writeRandomNumbers(at: randomNumbers)
  }

  // MARK: State

  /// Everything one simulation of the model owns on the native side: each loaded
  /// simulation creates its own, so two simulations of one model in one process (which
  /// share the loaded library) never share state.
  private mutating func writeModelState() {
    line("/// The state of one simulation: its thread pool and its groups' fields.")
    line("struct Model {")
    line("genn::ThreadPool pool;")
    line("// Whether steps share their phases among the pool's threads.")
    line("genn::StepPacing pacing;")
    line("// Per-step work below which the calling thread runs a step alone.")
    line("uint32_t parallelMinimum = 0;")
    if batches > 1 { line("// Each group's fields, one copy per batch.") }
    for group in neuronGroups {
      line(
        "NeuronUpdateGroup\(group.index) neuronUpdateGroup\(group.index)\(batchExtent)[\(group.populations.count)];"
      )
    }
    writeChunkFields()
    writeRowSplitFields()
    for group in initGroups {
      line(
        "InitGroup\(group.index) initGroup\(group.index)\(batchExtent)[\(group.elements.count)];")
    }
    for group in synapseGroups {
      line(
        "\(synapseStructName(group)) synapseGroup\(group.index)\(batchExtent)[\(group.populations.count)];"
      )
    }
    for index in model.customUpdates.indices {
      line("CustomUpdate\(index) customUpdate\(index)\(batchExtent);")
    }
    for index in model.customConnectivityUpdates.indices {
      line("CustomConnectivityUpdate\(index) customConnectivityUpdate\(index);")
    }
    for index in customUpdatesInitialisingSynapses {
      line("CustomUpdateInit\(index) customUpdateInit\(index)\(batchExtent);")
    }
    line("uint32_t connectivityOverflows[genn::kMaxThreads];")
    line("uint32_t denDelayPtr[\(max(1, model.synapsePopulations.count))];")
    writeTimingFields()
    line("};")
    line()
  }

  private mutating func writeInitialise() {
    line("void initialiseThread(void *context, unsigned thread, unsigned numThreads) {")
    line("Model &m = *static_cast<Model *>(context);")
    line("(void)m; (void)thread; (void)numThreads;")
    for group in synapseGroups {
      let synapses = model.synapsePopulations[group.archetype]
      let builds =
        if case .snippet(let snippet, _) = synapses.connectivity {
          !snippet.rowBuildCode.isBlank && synapses.buildsRowsAtInitialisation
        } else { false }
      let initialises = !synapses.snippetVariables.isEmpty
      guard builds || initialises else { continue }
      let groups = "m.synapseGroup\(group.index)"
      line("for (unsigned g = 0; g < \(group.populations.count); g++) {")
      if builds {
        line("// the connectivity, which every batch shares")
        line("const \(synapseStructName(group)) &group = \(copy(groups, batch: "0"))[g];")
        line(
          "const genn::Range range = genn::threadRange(group.numSrcNeurons, thread, numThreads);"
        )
        line(
          "m.connectivityOverflows[thread] += buildSynapseGroup\(group.index)(group, range.begin, range.end, group.rangeError[thread]);"
        )
      }
      if initialises {
        line("// rows this thread built, so no barrier is needed")
        openBatchLoop()
        line(
          "initialiseSynapseGroup\(group.index)(\(copy(groups))[g], thread, numThreads);")
        closeBatchLoop()
      }
      line("}")
    }
    for group in initGroups {
      openBatchLoop()
      line("for (unsigned g = 0; g < \(group.elements.count); g++) {")
      line(
        "const InitGroup\(group.index) &group = \(copy("m.initGroup\(group.index)"))[g];")
      line("const genn::Range range = genn::threadRange(group.size, thread, numThreads);")
      line("initialiseGroup\(group.index)(group, range.begin, range.end);")
      line("}")
      closeBatchLoop()
    }
    line("}")
    line()
  }

  // MARK: Exports

  private mutating func writeExports() {
    line("#if defined(_WIN32)")
    line("#define GENN_EXPORT extern \"C\" __declspec(dllexport)")
    line("#else")
    line("#define GENN_EXPORT extern \"C\" __attribute__((visibility(\"default\")))")
    line("#endif")
    line()
    line(
      "GENN_EXPORT uint32_t \(CModuleInterface.abiVersion)() { return \(CModuleInterface.version)u; }"
    )
    line()
    line(
      "GENN_EXPORT void *\(CModuleInterface.create)(void *const *arrays, const uint64_t *counts, uint64_t seed) {"
    )
    line("Model *m = new Model();")
    line("bind(*m, arrays, counts, seed);")
    line("planChunks(*m);")
    line("return m;")
    line("}")
    line()
    line(
      "GENN_EXPORT void \(CModuleInterface.destroy)(void *model) { delete static_cast<Model *>(model); }"
    )
    line()
    line(
      "GENN_EXPORT uint32_t \(CModuleInterface.takeArithmeticError)() { return genn_arithmetic_error.exchange(0u); }"
    )
    line()
    line(
      "GENN_EXPORT void \(CModuleInterface.setThreads)(void *model, uint32_t numThreads, uint32_t parallelMinimum) {"
    )
    line("static_cast<Model *>(model)->pool.resize(numThreads);")
    line("static_cast<Model *>(model)->parallelMinimum = parallelMinimum;")
    line("}")
    line()
    line("GENN_EXPORT uint32_t \(CModuleInterface.initialize)(void *model) {")
    line("const genn::FloatMode mode;")
    line("Model &m = *static_cast<Model *>(model);")
    line("std::fill(m.connectivityOverflows, m.connectivityOverflows + genn::kMaxThreads, 0u);")
    line("std::fill(std::begin(m.denDelayPtr), std::end(m.denDelayPtr), 0u);")
    if model.timingEnabled { line("const double initStart = genn_seconds();") }
    if !rowLengthDrawGroups.isEmpty { line("m.pool.run(drawRowLengthsThread, model);") }
    writeDrawnRowStrides()
    for group in synapseGroups {
      let synapses = model.synapsePopulations[group.archetype]
      guard case .snippet(let snippet, _) = synapses.connectivity, snippet.rowBuildCode.isBlank,
        synapses.buildsRowsAtInitialisation
      else { continue }
      line("// column-building snippet: rows grow column by column, on this thread")
      line(
        "for (const \(synapseStructName(group)) &group : \(copy("m.synapseGroup\(group.index)", batch: "0"))) { m.connectivityOverflows[0] += buildSynapseGroup\(group.index)(group, group.rangeError[0]); }"
      )
    }
    line("m.pool.run(initialiseThread, model);")
    writeKernelInitialisedCopies()
    for index in model.customConnectivityUpdates.indices where customConnectivityInitialises(index)
    {
      line("initialiseCustomConnectivityUpdate\(index)(m.customConnectivityUpdate\(index));")
    }
    if !customUpdatesInitialisingSynapses.isEmpty {
      line("// per-synapse custom update variables, once every row is built")
      line("m.pool.run(initialiseCustomUpdatesThread, model);")
    }
    if model.timingEnabled { line("const double sparseStart = genn_seconds();") }
    for group in synapseGroups {
      let synapses = model.synapsePopulations[group.archetype]
      guard synapses.matrixType == .sparse && synapses.weightUpdate.hasPostsynapticUpdate else {
        continue
      }
      line(
        "for (const \(synapseStructName(group)) &group : \(copy("m.synapseGroup\(group.index)", batch: "0"))) { buildColumnsSynapseGroup\(group.index)(group); }"
      )
    }
    writeRowSplitBuild()
    if model.timingEnabled {
      line("m.timing[4] += sparseStart - initStart;")
      line("m.timing[5] += genn_seconds() - sparseStart;")
    }
    line("uint32_t overflows = 0;")
    line(
      "for (unsigned thread = 0; thread < genn::kMaxThreads; thread++) { overflows += m.connectivityOverflows[thread]; }"
    )
    line("return overflows;")
    line("}")
    line()
    line(
      "GENN_EXPORT void \(CModuleInterface.run)(void *model, uint64_t firstTimestep, uint64_t steps, uint32_t firstRecordingRow) {"
    )
    line("const genn::FloatMode mode;")
    line("Model &m = *static_cast<Model *>(model);")
    line("// The step's work: neuron and postsynaptic input updates, and synapses that")
    line("// run synapse dynamics code.")
    line(
      "const bool parallel = m.pool.size() > 1 && \(UInt32(clamping: stepWork))u >= m.parallelMinimum;"
    )
    writeStepLoop()
    line("}")
  }

  /// Copies batch 0's values of the kernel-initialised variables with a copy per batch,
  /// which the connectivity builder wrote with batch 0's rows, into every other batch's
  /// (``batchedKernelValues(of:)``).
  private mutating func writeKernelInitialisedCopies() {
    for group in synapseGroups {
      for (member, index) in group.populations.enumerated() {
        guard let (variables, count) = batchedKernelValues(of: index) else { continue }
        line(
          "// '\(model.synapsePopulations[index].name.commentText)': every batch's kernel values")
        line("for (uint32_t batch = 1; batch < \(batches)u; batch++) {")
        for variable in variables {
          let values = { (batch: String) in
            "m.synapseGroup\(group.index)[\(batch)][\(member)].v_\(variable)"
          }
          line(
            "std::memcpy(\(values("batch")), \(values("0")), \(count)u * sizeof(*\(values("0"))));")
        }
        line("}")
      }
    }
  }

  /// The updates every step makes whatever spikes: one per neuron, per postsynaptic
  /// input and per synapse whose synapse dynamics code runs every step (compared with
  /// `Simulation.Options.parallelMinimum`).
  private var stepWork: Int {
    saturatingProduct(batches, batchStepWork)
  }

  /// ``stepWork`` of one batch.
  private var batchStepWork: Int {
    let neurons = model.neuronPopulations.reduce(0) { $0 + $1.size }
    let inputs = model.synapsePopulations.reduce(0) {
      $0 + (model.neuronPopulation(named: $1.target)?.size ?? 0)
    }
    let dynamics = model.synapsePopulations.reduce(0) { total, synapses in
      guard !synapses.weightUpdate.synapseDynamicsCode.isBlank else { return total }
      let sources = model.neuronPopulation(named: synapses.source)?.size ?? 0
      return total + sources * CUDAModuleWriter.rowStride(of: synapses, model)
    }
    return neurons + inputs + dynamics
  }

  /// Fills one simulation's group fields: sizes, parameter values, array pointers, the
  /// element counts of arrays code indexes through a check, and the seed that keys the
  /// random streams (given at creation, so that it is no part of the code).
  private mutating func writeBind() {
    line(
      "GENN_RUNS_ONCE void bind(Model &m, void *const *arrays, const uint64_t *counts, uint64_t seed) {"
    )
    line("(void)m; (void)arrays; (void)counts; (void)seed;")
    // Each batch's copy of the fields: the same but for the arrays with one copy per
    // batch (``bindArray``) and the random streams' seed.
    openBatchLoop()
    for group in neuronGroups { writeNeuronGroupBinding(group) }
    for group in initGroups { writeInitGroupBinding(group) }
    for group in synapseGroups {
      let groups = copy("m.synapseGroup\(group.index)")
      writeSynapseGroupBindings(
        group, field: { "\(groups)[\($0)]" }, dendriticDelayPointer: true)
    }
    for index in model.customUpdates.indices { writeCustomUpdateBinding(index) }
    for index in customUpdatesInitialisingSynapses {
      writeCustomUpdateInitBinding(index, field: copy("m.customUpdateInit\(index)"))
    }
    closeBatchLoop()
    for index in model.customConnectivityUpdates.indices {
      writeCustomConnectivityUpdateBinding(index, field: "m.customConnectivityUpdate\(index)")
    }
    line("}")
    line()
  }
}
