import GeNNToolchain

/// Whether this machine can run the CUDA backend: a usable NVIDIA driver, GPU and NVRTC,
/// found as `genn run --backend auto` finds them (see `genn.h`).
@_cdecl("genn_cuda_usable")
public func cudaUsable(_ summary: ErrorOut?) -> Int32 {
  let report = CUDADiscovery(environment: .current()).report()
  summary?.pointee = cString(report.summary)
  return report.isUsable ? 1 : 0
}
