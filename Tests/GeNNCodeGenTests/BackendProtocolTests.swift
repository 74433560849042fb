import Foundation
import GeNNModel
import GeNNTranspiler
import Testing

@testable import GeNNCodeGen

/// The CPU and CUDA backends behind one ``Backend`` protocol: one error type, and array
/// element types that cross to the runtime as ``NumericType`` values, the same types
/// generated code binds the arrays as.
@Suite struct BackendProtocolTests {
  /// Float state, an `int16_t` and a `uint8_t` variable, recorded spikes and SPARSE
  /// rows built by a snippet: arrays of many element types.
  static func model() -> ModelSpec {
    var model = ModelSpec(name: "typed_arrays", precision: .float, dt: 0.1, seed: 5)
    model.addNeuronPopulation(
      "Input", size: 20, model: .poisson, params: ["rate": 50],
      vars: ["timeStepToSpike": 0.0], recordSpikes: true)
    model.addNeuronPopulation(
      "Counter", size: 10,
      model: NeuronModel(
        name: "Counting",
        vars: [Variable("V"), Variable("count", "int16_t"), Variable("flag", "uint8_t")],
        simCode: "V += Isyn; count += 1; flag = V > 1.0 ? 1 : 0;",
        thresholdConditionCode: "V > 2.0",
        resetCode: "V = 0.0;"),
      vars: ["V": 0.0, "count": 0.0, "flag": 0.0], recordSpikes: true)
    model.addSynapsePopulation(
      SynapsePopulation(
        name: "Sparse", source: "Input", target: "Counter", matrixType: .sparse,
        connectivity: .snippet(.fixedProbability, params: ["prob": 0.5]),
        weightUpdate: .staticPulse, weightUpdateVars: ["g": 0.5], postsynaptic: .deltaCurr))
    return model
  }

  /// The generated module of `model` on `backend`, through the protocol alone.
  static func generate(_ model: ModelSpec, on backend: some Backend) throws(CodeGenError)
    -> any BackendModule
  {
    try backend.generate(model)
  }

  @Test("both backends generate through the protocol, binding the same arrays")
  func bothBackendsGenerate() throws {
    let backends: [any Backend] = [CPUBackend(), CUDABackend()]
    let modules = try backends.map { try Self.generate(Self.model(), on: $0) }
    #expect(modules.count == 2)
    #expect(modules[0].arrays == modules[1].arrays)
    #expect(modules.allSatisfy { !$0.source.isEmpty })
    #expect(backends.allSatisfy { $0.checkIndices })
  }

  @Test("both backends refuse an invalid model with the same CodeGenError")
  func sameErrorType() {
    var model = Self.model()
    model.synapsePopulations[0].target = "Missing"
    var messages: [String] = []
    for backend in [CPUBackend(), CUDABackend()] as [any Backend] {
      do {
        _ = try Self.generate(model, on: backend)
        Issue.record("\(backend) generated an invalid model")
      } catch {
        guard case .invalidModel = error else {
          Issue.record("expected invalidModel, got \(error)")
          continue
        }
        messages.append(error.description)
      }
    }
    #expect(messages.count == 2 && messages[0] == messages[1])
    #expect(messages.first?.contains("Missing") == true)
  }

  @Test("each array's element type is a NumericType, the type generated code binds it as")
  func elementTypesAreTyped() throws {
    let cpu = try CPUBackend().generate(Self.model())
    let cuda = try CUDABackend().generate(Self.model())
    let arrays = cpu.arrays
    func type(_ role: ArrayLayout.Role) -> NumericType? {
      arrays.first { $0.role == role }?.elementType
    }
    #expect(type(.neuronVariable(population: "Counter", variable: "V")) == .float)
    #expect(type(.neuronVariable(population: "Counter", variable: "count")) == .int16)
    #expect(type(.neuronVariable(population: "Counter", variable: "flag")) == .uint8)
    #expect(type(.spikeRecording(population: "Input")) == .uint32)
    #expect(type(.synapseRowLengths(synapses: "Sparse")) == .uint32)
    #expect(arrays.allSatisfy { $0.elementSize == $0.elementType.byteSize })
    // Every `static_cast<T *>(arrays[i])` of either module names array i's element type.
    let binding = try Regex(#"static_cast<(?:const )?(\w+) \*>\(arrays\[(\d+)\]\)"#)
    for source in [cpu.source, cuda.source] {
      let bound = source.matches(of: binding).map { match in
        (String(match.output[1].substring!), Int(match.output[2].substring!)!)
      }
      #expect(bound.count >= 5)
      for (cName, index) in bound {
        #expect(arrays[index].elementType.cName == cName, "array \(index)")
      }
    }
  }
}
