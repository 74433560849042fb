import Foundation
import SwiftGeNN

/// How a simulation was built, for callers that show it: the build cache's folder with
/// the generated code, whether the library came from the cache, and the seconds each
/// part took.
struct BuildReport: Encodable {
  var directory: String
  var cacheHit: Bool
  var generationSeconds: Double
  var toolchainSeconds: Double
  var compileSeconds: Double
  var loadSeconds: Double
  var compiler: String
  var source: String
  var threads: Int

  enum CodingKeys: String, CodingKey {
    case directory
    case cacheHit = "cache_hit"
    case generationSeconds = "generation_seconds"
    case toolchainSeconds = "toolchain_seconds"
    case compileSeconds = "compile_seconds"
    case loadSeconds = "load_seconds"
    case compiler
    case source
    case threads
  }

  init(_ simulation: any NetworkSimulation) {
    let build = simulation.build
    directory = build.directory.path
    cacheHit = build.cacheHit
    generationSeconds = build.generationSeconds
    toolchainSeconds = build.toolchainSeconds
    compileSeconds = build.compileSeconds
    loadSeconds = build.loadSeconds
    compiler = simulation.compilerDescription
    source = simulation.sourcePath
    threads = simulation.threads
  }
}

/// How a simulation was built, as JSON (see `genn.h`).
@_cdecl("genn_simulation_build_info")
public func simulationBuildInfo(_ simulation: OpaquePointer?) -> UnsafeMutablePointer<CChar>? {
  guard let simulation else { return nil }
  let report = BuildReport(Handle.object(simulation, as: SimulationHandle.self).simulation)
  return cString(sortedJSON(report))
}
