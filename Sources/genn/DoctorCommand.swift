import ArgumentParser
import Foundation
import GeNNBuildInfo
import GeNNToolchain

extension GeNN {
  /// `genn doctor`: what this machine has to build and run models, and what is missing.
  struct Doctor: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
      abstract:
        "Show the compilers, build cache and backends found, and how to fix what is missing.",
      discussion:
        "Exits with 1 when no usable C++ compiler was found, or when the build cache folder "
        + "cannot be used.")

    func run() async throws {
      let environment = EnvironmentSnapshot.current()
      let report = ToolchainDiscovery(environment: environment).findCXXCompilers()
      var lines = [
        "SwiftGeNN \(BuildInfo.versionLine): what this machine has to build and run models", "",
      ]
      let release = InstallAdvice.osRelease(
        (try? String(contentsOfFile: "/etc/os-release", encoding: .utf8)) ?? "")
      lines.append("platform     \(Self.platform(environment.platform, release))")

      lines.append("C++ compilers, in order of preference:")
      var used: (CompilerCommand, CompilerIdentity)?
      for candidate in report.candidates {
        guard let command = candidate.command else {
          lines.append("  -     \(candidate)")
          continue
        }
        let runnable = CompilerCommand(
          executable: environment.fileSystem.hostPath(command.executable),
          leadingArguments: command.leadingArguments)
        do {
          let identity = try await Toolchain.probe(runnable)
          let mark = used == nil ? "used" : "ok  "
          if used == nil { used = (runnable, identity) }
          lines.append("  \(mark)  \(runnable): \(identity.versionLine)   (\(candidate.origin))")
        } catch {
          lines.append("  fails \(runnable): \(error)   (\(candidate.origin))")
        }
      }
      if used != nil {
        lines.append(
          "flags        " + Toolchain.defaultFlags(for: environment.platform).joined(separator: " ")
        )
      }

      let cache = BuildCache(root: nil)
      let cacheProblem: ToolchainError?
      do {
        try cache.checkRoot()
        cacheProblem = nil
      } catch {
        cacheProblem = error
      }
      lines.append(
        "build cache  "
          + Self.cacheLine(cache, usable: cacheProblem == nil, environment: environment))
      let cuda = CUDADiscovery(environment: environment).report()
      lines += Self.cudaLines(cuda)
      lines += cuda.description.split(separator: "\n").map { "  " + $0 }
      lines.append("")
      if used == nil {
        let command = InstallAdvice.compiler(
          platform: environment.platform, osRelease: release, isRoot: getuid() == 0)
        lines.append(
          "missing      a C++ compiler, which SwiftGeNN needs to build models. Fix: \(command)")
      } else if cacheProblem == nil {
        lines.append("missing      nothing: `genn run MODEL.yaml` can build and run models here")
      }
      if let cacheProblem {
        lines.append("problem      \(cacheProblem)")
      }
      for command in cuda.fixCommands {
        lines.append("optional     for `--backend cuda`: \(command)")
      }
      print(lines.joined(separator: "\n"))
      if used == nil || cacheProblem != nil { throw ExitCode.failure }
    }

    /// What the CUDA search found and what `--backend cuda` needs: the backend is there,
    /// and runs where an NVIDIA GPU, its driver and NVRTC are.
    static func cudaLines(_ cuda: CUDAReport) -> [String] {
      let needs =
        "`--backend cuda` needs an NVIDIA GPU with its driver (libcuda.so.1) and NVRTC, "
        + "CUDA's runtime compiler (libnvrtc.so.12 or .13: from pip's nvidia-cuda-nvrtc-cu12, "
        + "a CUDA toolkit, or the file GENN_NVRTC_LIBRARY names); nvcc is not needed"
      guard cuda.isUsable else {
        return [
          "CUDA         \(cuda.summary)",
          "             \(needs).",
          "             Here `--backend cuda` stops with that error and `--backend auto` "
            + "(the default) runs models on the CPU.",
        ]
      }
      return [
        "CUDA         \(cuda.summary)",
        "             `--backend cuda` and `--backend auto` (the default) run models on the "
          + "GPU: the generated CUDA is compiled by NVRTC, the cubin kept in the build cache.",
      ]
    }

    /// The operating system and processor, for example `linux x86_64, Debian GNU/Linux 12`.
    static func platform(_ platform: HostPlatform, _ release: [String: String]) -> String {
      #if arch(x86_64)
        let machine = "x86_64"
      #elseif arch(arm64)
        let machine = "arm64"
      #else
        let machine = "unknown processor"
      #endif
      return "\(platform.rawValue) \(machine)" + (release["PRETTY_NAME"].map { ", \($0)" } ?? "")
    }

    /// The cache folder, how many entries it holds and their size; only that it cannot be
    /// used when it is not `usable`.
    static func cacheLine(_ cache: BuildCache, usable: Bool, environment: EnvironmentSnapshot)
      -> String
    {
      let manager = FileManager.default
      let origin =
        environment.value(of: "GENN_CACHE_DIR") != nil
        ? "from GENN_CACHE_DIR" : "set GENN_CACHE_DIR for another folder"
      guard usable else { return "\(cache.root.path): cannot be used, see below (\(origin))" }
      guard manager.fileExists(atPath: cache.root.path) else {
        return "\(cache.root.path): empty, created on the first build (\(origin))"
      }
      let entries = ((try? manager.contentsOfDirectory(atPath: cache.root.path)) ?? [])
        .filter { !$0.hasPrefix(".") }.count
      let size = (try? cache.size()).map(Self.bytes) ?? "size unknown"
      return "\(cache.root.path): \(entries) model\(entries == 1 ? "" : "s"), \(size) (\(origin))"
    }

    /// `count` bytes as `512 B`, `3.4 kB`, `12.0 MB`, `1.2 GB`, up to `EB`.
    static func bytes(_ count: Int) -> String {
      let value = Double(count)
      if value < 1000 { return "\(count) B" }
      let units = ["kB", "MB", "GB", "TB", "PB", "EB"]
      let power = min(units.count, Int(log10(value) / 3))
      return String(format: "%.1f ", value / pow(1000, Double(power))) + units[power - 1]
    }
  }
}
