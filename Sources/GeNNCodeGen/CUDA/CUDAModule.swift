/// The CUDA generated for one model, with what the host must do to run it through the
/// driver API: the arrays to allocate (the same ``ArrayLayout``s, in the same order, as
/// the CPU backend's ``GeneratedModule/arrays``), and the kernels to launch, once and per
/// time step, with their grid and block sizes and parameters.
///
/// The host's part, in order:
/// 1. Allocate every array of ``arrays`` on the device and fill it as for the CPU
///    (constants, per-element values, `-TIME_MAX` spike times, zero elsewhere).
/// 2. Copy the device pointers, in the order of ``arrays``, into a device array of
///    pointers, and the arrays' element counts into a device array of `uint64_t`, and
///    launch ``bind`` with them and the model's seed: it points the module's group structs
///    at the arrays and keys their random streams by the seed.
/// 3. Launch ``initialisation`` (variables with initialisation snippets, then SPARSE rows
///    built by connectivity snippets, then synapse variables with snippets, then the
///    column indexes of SPARSE populations with postsynaptic learning), and read the
///    count of overflowing rows (``CUDAKernelParameter/overflowCount``).
/// 4. For each time step, launch ``step`` in order: synapse dynamics, the presynaptic
///    update and postsynaptic learning, then the neuron update (GeNN's order).
public struct CUDAModule: BackendModule {
  /// The complete CUDA translation unit: no `#include`, for NVRTC alone.
  public var source: String
  /// The arrays the host allocates, in the order ``bind``'s table lists them.
  public var arrays: [ArrayLayout]
  /// Fills the group structs from the table of device pointers and gives them the seed;
  /// launched once.
  public var bind: CUDAKernelLaunch
  /// Initialises the variables that use snippets; launched once, after ``bind``.
  public var initialisation: [CUDAKernelLaunch]
  /// The kernels of one time step, in launch order.
  public var step: [CUDAKernelLaunch]
  /// The kernels of each custom update group, in launch order.
  public var customUpdates: [String: [CUDAKernelLaunch]]
  /// The model element each line of ``source`` was written for.
  public var origins: LineOrigins
  /// The kernel `(uint32_t position, double value)` that sets a dynamic parameter (see
  /// ``CModuleInterface/setDynamicParameter``), launched as one thread; `nil` for a model
  /// without dynamic parameters.
  public var dynamicParameterKernel: String?

  /// Creates a module.
  public init(
    source: String, arrays: [ArrayLayout], bind: CUDAKernelLaunch,
    initialisation: [CUDAKernelLaunch], step: [CUDAKernelLaunch],
    customUpdates: [String: [CUDAKernelLaunch]] = [:], origins: LineOrigins = LineOrigins()
  ) {
    self.source = source
    self.origins = origins
    self.arrays = arrays
    self.bind = bind
    self.initialisation = initialisation
    self.step = step
    self.customUpdates = customUpdates
  }

  /// Every kernel the host launches: ``bind``, then ``initialisation``, then ``step``,
  /// then the custom update groups' (in the groups' name order).
  public var kernels: [CUDAKernelLaunch] {
    [bind] + initialisation + step + customUpdates.keys.sorted().flatMap { customUpdates[$0]! }
  }

  /// The model element line `line` (1-based) of ``source`` was written for, or `nil`
  /// past its end: for an NVRTC error in generated code, a bug of SwiftGeNN's, it says
  /// where to look.
  public func origin(ofLine line: Int) -> CodeOrigin? { origins[line] }
}

/// One kernel launch: the kernel's name, its grid and block sizes, and the arguments in
/// the order of its C parameters.
public struct CUDAKernelLaunch: Hashable, Sendable, CustomStringConvertible {
  /// The `extern "C" __global__` function's name.
  public var kernel: String
  /// The number of blocks along the grid's first dimension.
  public var gridSize: Int
  /// The grid's second dimension: the batches a kernel that runs once per batch runs
  /// (`blockIdx.y` is the batch); 1 otherwise.
  public var batches: Int
  /// The threads per block: a multiple of 32.
  public var blockSize: Int
  /// The kernel's parameters, in order.
  public var parameters: [CUDAKernelParameter]
  /// For a launch of a custom update group, the group's counter its time counts towards.
  public var timer: CustomUpdateTimer?

  /// Creates a launch.
  public init(
    kernel: String, gridSize: Int, blockSize: Int, parameters: [CUDAKernelParameter],
    timer: CustomUpdateTimer? = nil, batches: Int = 1
  ) {
    self.kernel = kernel
    self.gridSize = gridSize
    self.batches = batches
    self.blockSize = blockSize
    self.parameters = parameters
    self.timer = timer
  }

  /// `updateNeurons<<<4, 128>>>(uint64_t timestep, uint32_t recordingRow)`, or
  /// `<<<(4, 8), 128>>>` for 8 batches.
  public var description: String {
    let grid = batches > 1 ? "(\(gridSize), \(batches))" : "\(gridSize)"
    return "\(kernel)<<<\(grid), \(blockSize)>>>("
      + parameters.map { "\($0.cType) \($0.name)" }.joined(separator: ", ") + ")"
  }
}

/// A kernel parameter, and what the host passes for it.
public enum CUDAKernelParameter: String, Hashable, Sendable, CaseIterable {
  /// `void *const *arrays`: the device array of the device pointers of
  /// ``CUDAModule/arrays``, in order (a null pointer for an empty array).
  case arrayTable = "arrays"
  /// `const uint64_t *counts`: the device array of the element counts of
  /// ``CUDAModule/arrays``, in order: the sizes that indexes of extra global parameters
  /// are checked against.
  case countTable = "counts"
  /// `uint64_t timestep`: the time step being run, from 0.
  case timestep
  /// `uint32_t recordingRow`: the row of the spike-recording buffers this step writes
  /// (as the CPU backend's `genn_run` numbers them).
  case recordingRow
  /// `uint32_t *overflows`: a device counter, zero before initialisation, to which the
  /// connectivity builders add one for each row longer than its storage (whose extra
  /// synapses are dropped); the host reads it after initialisation.
  case overflowCount = "overflows"
  /// `uint64_t seed`: the seed that keys every random stream (``GeNNModel/ModelSpec/seed``),
  /// given to ``CUDAModule/bind`` when the module is loaded: it is no part of the code,
  /// so models that differ only in their seed share one cubin.
  case seed

  /// The parameter's name in the kernel.
  public var name: String { rawValue }

  /// The parameter's C type.
  public var cType: String {
    switch self {
    case .arrayTable: "void *const *"
    case .countTable: "const uint64_t *"
    case .timestep: "uint64_t"
    case .recordingRow: "uint32_t"
    case .overflowCount: "uint32_t *"
    case .seed: "uint64_t"
    }
  }
}
