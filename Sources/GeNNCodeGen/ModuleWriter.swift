import GeNNModel
import GeNNTranspiler

/// Writes one model's C++ translation unit; collects every code-string error on the way.
struct ModuleWriter {
  let model: ModelSpec
  let types: TypeContext
  let memory: MemoryPlan
  let neuronGroups: [MergedNeuronGroup]
  let initGroups: [MergedInitGroup]
  private(set) var lines: [String] = []
  var errors: [TranspilerError] = []

  init(model: ModelSpec) {
    self.model = model
    self.types = TypeContext(
      scalar: model.precision.numericType, timepoint: model.timePrecision.numericType)
    self.memory = MemoryPlan(model: model, types: types)
    self.neuronGroups = GroupMerging.neuronGroups(of: model)
    self.initGroups = GroupMerging.initGroups(of: model)
  }

  var source: String { lines.joined(separator: "\n") + "\n" }

  var scalarName: String { types.scalar.cName }
  var timeName: String { types.timepoint.cName }
  var dtLiteral: String { NumericLiteral.write(model.dt, as: types.timepoint) }

  mutating func line(_ text: String = "") { lines.append(text) }

  mutating func block(_ text: String) {
    lines.append(contentsOf: text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
  }

  // MARK: Module

  mutating func writeModule() {
    block(
      """
      // SwiftGeNN: C++ generated for model '\(model.name)' (CPU backend).
      // scalar = \(scalarName), timepoint = \(timeName), dt = \(model.dt) ms, seed = \(model.seed).
      // Neuron populations: \(model.neuronPopulations.map { "'\($0.name)' (\($0.model.name), \($0.size))" }.joined(separator: ", ")).
      #include <algorithm>
      #include <atomic>
      #include <cassert>
      #include <cmath>
      #include <condition_variable>
      #include <cstdint>
      #include <cstdio>
      #include <cstdlib>
      #include <cstring>
      #include <mutex>
      #include <thread>
      #include <vector>

      #define GENN_FUNCTION static inline
      """)
    block(RandomNumberSource.cpp)
    block(RuntimeSupportSource.cpp)
    line("namespace {")
    line("constexpr uint64_t kSeed = \(model.seed)ull;")
    line("genn::ThreadPool pool;")
    line()
    for group in neuronGroups { writeNeuronGroup(group) }
    for group in initGroups { writeInitGroup(group) }
    writeStep()
    writeInitialise()
    line("}  // namespace")
    line()
    writeExports()
  }

  // MARK: Step

  private mutating func writeStep() {
    line("/// One time step's work for thread `thread` of `numThreads`.")
    line("struct StepContext { uint64_t timestep; uint32_t recordingRow; };")
    line("void stepThread(void *context, unsigned thread, unsigned numThreads) {")
    line("    const StepContext &step = *static_cast<const StepContext *>(context);")
    line("    const \(timeName) t = step.timestep * \(dtLiteral);")
    for group in neuronGroups {
      let name = "neuronUpdateGroup\(group.index)"
      line("    for (unsigned g = 0; g < \(group.populations.count); g++) {")
      line("        const NeuronUpdateGroup\(group.index) &group = \(name)[g];")
      line("        const genn::Range range = genn::threadRange(group.numNeurons, thread, numThreads);")
      line("        uint32_t *recordRow = group.recordSpike")
      line("            ? group.recordSpike + (size_t)step.recordingRow * ((group.numNeurons + 31u) / 32u) : nullptr;")
      line("        \(name)SpikeSegments[g][thread] =")
      line("            updateNeuronGroup\(group.index)(group, range.begin, range.end, t, step.timestep, recordRow);")
      line("    }")
    }
    line("}")
    line()
    line("/// Gathers each population's spikes, written by each thread at the start of its")
    line("/// range, into one list in ascending neuron order.")
    line("void gatherSpikes(unsigned numThreads) {")
    for group in neuronGroups {
      let name = "neuronUpdateGroup\(group.index)"
      line("    for (unsigned g = 0; g < \(group.populations.count); g++) {")
      line("        const NeuronUpdateGroup\(group.index) &group = \(name)[g];")
      line("        uint32_t total = 0;")
      line("        for (unsigned thread = 0; thread < numThreads; thread++) {")
      line("            const genn::Range range = genn::threadRange(group.numNeurons, thread, numThreads);")
      line("            const uint32_t count = \(name)SpikeSegments[g][thread];")
      line("            if (range.begin != total && count > 0) {")
      line("                std::memmove(group.spike + total, group.spike + range.begin, count * sizeof(uint32_t));")
      line("            }")
      line("            total += count;")
      line("        }")
      line("        group.spikeCount[0] = total;")
      line("    }")
    }
    line("}")
    line()
  }

  private mutating func writeInitialise() {
    line("void initialiseThread(void *, unsigned thread, unsigned numThreads) {")
    for group in initGroups {
      line("    for (unsigned g = 0; g < \(group.elements.count); g++) {")
      line("        const InitGroup\(group.index) &group = initGroup\(group.index)[g];")
      line("        const genn::Range range = genn::threadRange(group.size, thread, numThreads);")
      line("        initialiseGroup\(group.index)(group, range.begin, range.end);")
      line("    }")
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
    line("GENN_EXPORT uint32_t \(CModuleInterface.abiVersion)() { return \(CModuleInterface.version)u; }")
    line()
    line("GENN_EXPORT void \(CModuleInterface.bind)(void *const *arrays) {")
    for group in neuronGroups { writeNeuronGroupBinding(group) }
    for group in initGroups { writeInitGroupBinding(group) }
    line("}")
    line()
    line("GENN_EXPORT void \(CModuleInterface.setThreads)(uint32_t numThreads) { pool.resize(numThreads); }")
    line()
    line("GENN_EXPORT void \(CModuleInterface.initialize)() { pool.run(initialiseThread, nullptr); }")
    line()
    line(
      "GENN_EXPORT void \(CModuleInterface.run)(uint64_t firstTimestep, uint64_t steps, uint32_t firstRecordingRow) {"
    )
    line("    for (uint64_t k = 0; k < steps; k++) {")
    line("        StepContext step{firstTimestep + k, firstRecordingRow + (uint32_t)k};")
    line("        pool.run(stepThread, &step);")
    line("        gatherSpikes(pool.size());")
    line("    }")
    line("}")
    line()
    line("GENN_EXPORT void \(CModuleInterface.shutdown)() { pool.resize(1); }")
  }

  // MARK: Environments

  /// The names every code string sees: maths, `t`, `dt`, and random numbers.
  func baseEnvironment(context: String) -> Environment {
    var environment = Environment(context: context, types: types)
    environment.add(StandardLibrary.mathematics(for: .cpp))
    environment.add(StandardLibrary.random(precision: types.scalar, generator: "&rng"))
    environment.define("t", GeNNType.numeric(types.timepoint).addingConst, spelling: "t", role: "time")
    environment.define(
      "dt", GeNNType.numeric(types.timepoint).addingConst, spelling: dtLiteral, role: "time step")
    return environment
  }

  /// Checks `code` as statements, recording errors; `nil` when it fails.
  mutating func checkStatements(_ code: String, in environment: Environment) -> CheckedStatements? {
    do {
      return try Transpiler.checkStatements(code, in: environment)
    } catch {
      errors.append(error)
      return nil
    }
  }

  /// Checks `code` as an expression, recording errors; `nil` when it fails.
  mutating func checkExpression(_ code: String, in environment: Environment) -> CheckedExpression? {
    do {
      return try Transpiler.checkExpression(code, in: environment)
    } catch {
      errors.append(error)
      return nil
    }
  }

  /// A description of the populations of a merged group for messages.
  func describe(populations: [Int]) -> String {
    let names = populations.map { "'\(model.neuronPopulations[$0].name)'" }
    return names.count == 1 ? "neuron population \(names[0])" : "neuron populations \(names.joined(separator: ", "))"
  }

  /// The C type of a variable in this model.
  func cType(_ base: TypeName.Base) -> String { base.resolved(in: types).cName }
}
