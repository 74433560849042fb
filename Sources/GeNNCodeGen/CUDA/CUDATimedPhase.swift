/// The timing counter (GeNN's `timing_enabled`) a CUDA kernel's time counts towards.
public enum CUDATimedPhase: Hashable, Sendable {
  case neuronUpdate
  case presynapticUpdate
  case postsynapticUpdate
  case synapseDynamics
  case initialisation
  case sparseInitialisation
  /// A custom update group's counter.
  case customUpdate(CustomUpdateTimer)

  /// The phase of the kernel `launch` starts: a launch of a custom update group counts
  /// towards its ``CUDAKernelLaunch/timer``; an initialisation kernel counts towards
  /// ``initialisation``, except the per-synapse initialisation and the column building
  /// that follow SPARSE connectivity (GeNN's `initializeSparse`).
  public init(of launch: CUDAKernelLaunch) {
    if let timer = launch.timer {
      self = .customUpdate(timer)
      return
    }
    switch launch.kernel {
    case CUDAModuleWriter.neuronKernel, CUDAModuleWriter.resetKernel: self = .neuronUpdate
    case CUDAModuleWriter.synapseKernel: self = .presynapticUpdate
    case CUDAModuleWriter.postsynapticKernel: self = .postsynapticUpdate
    case CUDAModuleWriter.synapseDynamicsKernel: self = .synapseDynamics
    case CUDAModuleWriter.synapseInitKernel, CUDAModuleWriter.columnKernel:
      self = .sparseInitialisation
    default: self = .initialisation
    }
  }
}
