/// The timing counter (GeNN's `timing_enabled`) a CUDA kernel's time counts towards.
public enum CUDATimedPhase: Hashable, Sendable {
  case neuronUpdate
  case presynapticUpdate
  case postsynapticUpdate
  case synapseDynamics
  case initialisation
  case sparseInitialisation
  case customUpdate

  /// The phase of the kernel `launch` starts: an initialisation kernel counts towards
  /// ``initialisation``, except the per-synapse initialisation and the column building
  /// that follow SPARSE connectivity (GeNN's `initializeSparse`).
  public init(of launch: CUDAKernelLaunch) {
    switch launch.kernel {
    case CUDAModuleWriter.neuronKernel, CUDAModuleWriter.resetKernel: self = .neuronUpdate
    case CUDAModuleWriter.synapseKernel: self = .presynapticUpdate
    case CUDAModuleWriter.postsynapticKernel: self = .postsynapticUpdate
    case CUDAModuleWriter.synapseDynamicsKernel: self = .synapseDynamics
    case CUDAModuleWriter.synapseInitKernel, CUDAModuleWriter.columnKernel:
      self = .sparseInitialisation
    case let name where name.hasPrefix("customUpdate"): self = .customUpdate
    default: self = .initialisation
    }
  }
}
