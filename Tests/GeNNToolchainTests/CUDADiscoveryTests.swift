import Foundation
import Testing

@testable import GeNNToolchain

@Suite("CUDA discovery over fake trees: NVRTC layouts and their order")
struct CUDADiscoveryTests {
  @Test("$GENN_NVRTC_LIBRARY comes first and wins over every other NVRTC")
  func libraryVariableFirst() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.sharedLibrary("/opt/mine/libnvrtc.so.12.8.93")
    try tree.splitToolkit("/opt/cuda-12.4", toolkit: "12.4.1", nvrtc: "12.4.127")
    try tree.nvidiaDriver("570.124.06")
    let report = tree.cudaReport([
      "GENN_NVRTC_LIBRARY": "/opt/mine/libnvrtc.so.12.8.93", "CUDA_PATH": "/opt/cuda-12.4",
    ])

    let first = report.nvrtcCandidates[0]
    #expect(
      first.origin == .variable(name: "GENN_NVRTC_LIBRARY", value: "/opt/mine/libnvrtc.so.12.8.93"))
    #expect(first.isUsable)
    #expect(first.version == CUDAVersion("12.8.93"))
    #expect(first.versionEvidence == .fileName("libnvrtc.so.12.8.93"))
    #expect(report.nvrtcChoice?.path == "/opt/mine/libnvrtc.so.12.8.93")
    #expect(report.nvrtcChoice?.reason == .requested)
    #expect(
      report.usableNVRTC == [
        "/opt/mine/libnvrtc.so.12.8.93", "/opt/cuda-12.4/lib64/libnvrtc.so.12",
      ])
    #expect(report.isUsable)
  }

  @Test("$GENN_NVRTC_LIBRARY pointing at nothing, or at a folder, is rejected; the next is used")
  func libraryVariableRejected() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.splitToolkit("/opt/cuda", toolkit: "12.4.1", nvrtc: "12.4.127")
    try tree.directory("/home/user/lib")
    let missing = tree.cudaReport(["GENN_NVRTC_LIBRARY": "nowhere/libnvrtc.so.12"])
    #expect(
      missing.nvrtcCandidates[0].rejection == .missing(path: "/home/user/nowhere/libnvrtc.so.12"))
    #expect(
      missing.nvrtcCandidates[0].description
        == "$GENN_NVRTC_LIBRARY=nowhere/libnvrtc.so.12: "
        + "/home/user/nowhere/libnvrtc.so.12 does not exist")
    #expect(missing.nvrtcChoice?.path == "/opt/cuda/lib64/libnvrtc.so.12")
    #expect(missing.nvrtcChoice?.reason == .noDriver)

    let folder = tree.cudaReport(["GENN_NVRTC_LIBRARY": "/home/user/lib"])
    #expect(folder.nvrtcCandidates[0].rejection == .isFolder(path: "/home/user/lib"))

    let unset = tree.cudaReport([:])
    #expect(unset.nvrtcCandidates[0].rejection == .variableNotSet(name: "GENN_NVRTC_LIBRARY"))
  }

  @Test("CUDA 12+ split toolkit in $CUDA_PATH: lib64 -> targets/x86_64-linux/lib")
  func splitToolkitLayout() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.splitToolkit("/opt/nvidia/cuda", toolkit: "12.4.1", nvrtc: "12.4.127")
    let report = tree.cudaReport(["CUDA_PATH": "/opt/nvidia/cuda"])
    let found = try #require(
      report.nvrtc(from: .variable(name: "CUDA_PATH", value: "/opt/nvidia/cuda")).first)
    #expect(found.path == "/opt/nvidia/cuda/lib64/libnvrtc.so.12")
    #expect(found.version == CUDAVersion(major: 12, minor: 4, patch: 127))
    #expect(found.versionEvidence == .fileName("libnvrtc.so.12.4.127"))
    #expect(found.component == .nvrtc)
    #expect(report.nvrtcLibrary == "/opt/nvidia/cuda/lib64/libnvrtc.so.12")
  }

  @Test("a toolkit with only targets/x86_64-linux/lib and a bare soname: version from version.json")
  func targetsOnlyToolkit() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.sharedLibrary("/opt/partial/targets/x86_64-linux/lib/libnvrtc.so.12")
    try tree.file("/opt/partial/version.json", contents: #"{"cuda": {"version": "12.6.3"}}"#)
    let report = tree.cudaReport(["CUDA_HOME": "/opt/partial"])
    let found = try #require(
      report.nvrtc(from: .variable(name: "CUDA_HOME", value: "/opt/partial")).first)
    #expect(found.path == "/opt/partial/targets/x86_64-linux/lib/libnvrtc.so.12")
    #expect(found.version == CUDAVersion("12.6.3"))
    #expect(found.versionEvidence == .versionFile(path: "/opt/partial/version.json"))
  }

  @Test("CUDA 11 monolithic toolkit: lib64/libnvrtc.so.11.2 -> libnvrtc.so.11.8.89, version.txt")
  func cuda11Toolkit() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.nvrtc("11.8.89", in: "/opt/cuda-11.8/lib64", soname: "11.2")
    try tree.file("/opt/cuda-11.8/version.txt", contents: "CUDA Version 11.8.0\n")
    try tree.nvidiaDriver("520.61.05")
    let report = tree.cudaReport(["CUDA_ROOT": "/opt/cuda-11.8"])
    let found = try #require(report.nvrtcChoice?.candidate)
    #expect(found.path == "/opt/cuda-11.8/lib64/libnvrtc.so.11.2")
    #expect(found.version == CUDAVersion("11.8.89"))
    #expect(
      report.nvrtcChoice?.reason
        == .supportedByDriver(
          driver: NVIDIADriverVersion("520.61.05")!, supports: CUDAVersion("11.8")!,
          passedOver: 0))

    // Without the full name, only the major version in the soname counts: 11.2 is no version.
    let bare = try FakeTree()
    defer { bare.remove() }
    try bare.sharedLibrary("/opt/cuda-11/lib64/libnvrtc.so.11.2")
    let major = bare.cudaReport(["CUDA_ROOT": "/opt/cuda-11"]).nvrtcChoice?.candidate
    #expect(major?.version == CUDAVersion(major: 11))
    #expect(major?.versionEvidence == .fileName("libnvrtc.so.11.2"))
  }

  @Test("toolkit variables in order: $CUDA_PATH, $CUDA_HOME, $CUDA_ROOT")
  func toolkitVariableOrder() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.splitToolkit("/tk/a", toolkit: "12.1.1", nvrtc: "12.1.105")
    try tree.splitToolkit("/tk/b", toolkit: "12.2.2", nvrtc: "12.2.140")
    try tree.splitToolkit("/tk/c", toolkit: "12.3.2", nvrtc: "12.3.107")
    let report = tree.cudaReport(["CUDA_ROOT": "/tk/a", "CUDA_HOME": "/tk/b", "CUDA_PATH": "/tk/c"])
    #expect(
      report.usableNVRTC == [
        "/tk/c/lib64/libnvrtc.so.12", "/tk/b/lib64/libnvrtc.so.12", "/tk/a/lib64/libnvrtc.so.12",
      ])
    #expect(
      report.nvrtcCandidates.prefix(4).map(\.origin) == [
        .variable(name: "GENN_NVRTC_LIBRARY", value: nil),
        .variable(name: "CUDA_PATH", value: "/tk/c"), .variable(name: "CUDA_HOME", value: "/tk/b"),
        .variable(name: "CUDA_ROOT", value: "/tk/a"),
      ])
  }

  @Test("$CONDA_PREFIX: conda's cuda-nvrtc in lib/ and in targets/x86_64-linux/lib/")
  func condaLayouts() throws {
    let lib = try FakeTree()
    defer { lib.remove() }
    try lib.nvrtc("12.9.86", in: "/home/user/miniforge3/envs/genn/lib")
    let prefix = "/home/user/miniforge3/envs/genn"
    let inLib = lib.cudaReport(["CONDA_PREFIX": prefix]).nvrtc(
      from: .variable(name: "CONDA_PREFIX", value: prefix))
    #expect(inLib.map(\.path) == [prefix + "/lib/libnvrtc.so.12"])
    #expect(inLib.first?.version == CUDAVersion("12.9.86"))

    let targets = try FakeTree()
    defer { targets.remove() }
    try targets.directory("/conda/lib")
    try targets.nvrtc("12.6.85", in: "/conda/targets/x86_64-linux/lib")
    let inTargets = targets.cudaReport(["CONDA_PREFIX": "/conda"])
    #expect(inTargets.nvrtcChoice?.path == "/conda/targets/x86_64-linux/lib/libnvrtc.so.12")
    #expect(inTargets.nvrtcChoice?.candidate.version == CUDAVersion("12.6.85"))

    let empty = try FakeTree()
    defer { empty.remove() }
    try empty.directory("/conda/lib")
    let none = empty.cudaReport(["CONDA_PREFIX": "/conda"]).nvrtc(
      from: .variable(name: "CONDA_PREFIX", value: "/conda"))
    #expect(
      none.map(\.rejection) == [
        .noFile(name: "libnvrtc.so.*", searched: ["/conda/lib", "/conda/targets/x86_64-linux/lib"])
      ])
  }

  @Test("pip's CUDA 12 wheel in the site-packages of a Python on PATH; version from dist-info")
  func pipCUDA12FromPath() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/usr/bin/python3.12")
    try tree.link("/usr/bin/python3", to: "python3.12")
    try tree.directory("/usr/lib/python3.12/site-packages")
    try tree.link("/home/user/venv/bin/python3", to: "/usr/bin/python3.12")
    let site = "/home/user/venv/lib/python3.12/site-packages"
    try tree.nvrtcWheel("12.9.86", in: site)
    let report = tree.cudaReport(["PATH": "/home/user/venv/bin:/usr/bin"])

    let python = "/home/user/venv/bin/python3"
    let wheel = try #require(
      report.nvrtc(from: .sitePackages(folder: site, via: .interpreter(python))).first)
    #expect(wheel.path == site + "/nvidia/cuda_nvrtc/lib/libnvrtc.so.12")
    #expect(wheel.version == CUDAVersion("12.9.86"))
    #expect(wheel.versionEvidence == .distInfo(folder: "nvidia_cuda_nvrtc_cu12-12.9.86.dist-info"))
    #expect(report.nvrtcChoice?.path == wheel.path)
    let system = report.nvrtc(
      from: .sitePackages(folder: "/usr/lib/python3.12/site-packages", via: .interpreter(python)))
    #expect(
      system.map(\.rejection) == [
        .noFile(name: "libnvrtc.so.*", searched: ["/usr/lib/python3.12/site-packages/nvidia/*/lib"])
      ])
    // /usr/bin/python3 and /usr/bin/python3.12 share the prefix already searched.
    #expect(
      report.nvrtcCandidates.filter {
        if case .sitePackages(_, .interpreter(let path)) = $0.origin { return path != python }
        return false
      }.isEmpty)
  }

  @Test("pip's CUDA 13 wheel (nvidia/cu13/lib) in lib64/python3.*/site-packages, before CUDA 12")
  func pipCUDA13InLib64() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/opt/py/bin/python3")
    let site = "/opt/py/lib64/python3.11/site-packages"
    try tree.nvrtcWheel("13.0.88", in: site)
    try tree.nvrtcWheel("12.9.86", in: site)
    try tree.nvidiaDriver("580.65.06")
    let report = tree.cudaReport(["PATH": "/opt/py/bin"])
    let wheels = report.nvrtc(
      from: .sitePackages(folder: site, via: .interpreter("/opt/py/bin/python3")))
    #expect(
      wheels.map(\.path) == [
        site + "/nvidia/cu13/lib/libnvrtc.so.13", site + "/nvidia/cuda_nvrtc/lib/libnvrtc.so.12",
      ])
    #expect(wheels.map(\.version) == [CUDAVersion("13.0.88"), CUDAVersion("12.9.86")])
    #expect(wheels[0].versionEvidence == .distInfo(folder: "nvidia_cuda_nvrtc-13.0.88.dist-info"))
    #expect(report.nvrtcChoice?.candidate == wheels[0])
  }

  @Test("a pyenv shim on PATH: the site-packages of every version behind it")
  func pyenvShims() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.executable("/home/user/.pyenv/shims/python3", body: "exec pyenv exec python3 \"$@\"")
    try tree.directory("/home/user/.pyenv/versions/3.11.7/lib/python3.11/site-packages")
    let site = "/home/user/.pyenv/versions/3.12.1/lib/python3.12/site-packages"
    try tree.nvrtcWheel("12.9.86", in: site)
    let report = tree.cudaReport(["PATH": "/home/user/.pyenv/shims"])
    let shim = CUDACandidate.PythonSource.interpreter("/home/user/.pyenv/shims/python3")
    #expect(report.nvrtc(from: .sitePackages(folder: site, via: shim)).first?.isUsable == true)
    #expect(report.nvrtcChoice?.path == site + "/nvidia/cuda_nvrtc/lib/libnvrtc.so.12")
  }

  @Test("$VIRTUAL_ENV (not on PATH) and ~/.local, in that order; no Python on PATH is said")
  func virtualEnvironmentAndUserSite() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.nvrtcWheel("12.8.93", in: "/work/env/lib/python3.12/site-packages")
    try tree.nvrtcWheel("12.4.127", in: "/home/user/.local/lib/python3.10/site-packages")
    try tree.directory("/usr/bin")
    let report = tree.cudaReport([
      "PATH": "/usr/bin", "VIRTUAL_ENV": "/work/env", "HOME": "/home/user",
    ])
    #expect(
      report.nvrtc(from: .pythonOnPath).map(\.rejection) == [
        .notOnPath(name: "python3", searched: ["/usr/bin"])
      ])
    #expect(
      report.usableNVRTC == [
        "/work/env/lib/python3.12/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.12",
        "/home/user/.local/lib/python3.10/site-packages/nvidia/cuda_nvrtc/lib/libnvrtc.so.12",
      ])
    let venv = report.nvrtcCandidates.first(where: \.isUsable)
    #expect(
      venv?.origin
        == .sitePackages(
          folder: "/work/env/lib/python3.12/site-packages", via: .virtualEnvironment("/work/env")))
    #expect(report.nvrtcCandidates.first(where: \.isUsable)?.version == CUDAVersion("12.8.93"))

    let gone = tree.cudaReport(["VIRTUAL_ENV": "/nowhere/env", "HOME": "/nohome"])
    #expect(
      gone.nvrtc(from: .variable(name: "VIRTUAL_ENV", value: "/nowhere/env")).map(\.rejection) == [
        .missing(path: "/nowhere/env")
      ])
    #expect(
      gone.nvrtc(
        from: .sitePackages(folder: "/nohome/.local/lib/python3.*/site-packages", via: .userSite)
      )
      .map(\.rejection) == [.nothingMatches(pattern: "/nohome/.local/lib/python3.*/site-packages")])
  }

  @Test(
    "$GENN_PYTHON_SITE_PACKAGES: the loading Python's folders first, its venv neither on PATH nor active"
  )
  func loadingPythonSitePackages() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    let venv = "/work/venv/lib/python3.12/site-packages"
    try tree.nvrtcWheel("13.0.88", in: venv)
    try tree.executable("/usr/bin/python3")
    let system = "/usr/lib/python3.12/site-packages"
    try tree.nvrtcWheel("12.9.86", in: system)
    try tree.nvidiaDriver("580.65.06")
    let report = tree.cudaReport([
      "PATH": "/usr/bin",
      "GENN_PYTHON_SITE_PACKAGES": "\(venv):/work/gone:\(system)",
    ])

    let wheel = try #require(
      report.nvrtc(from: .sitePackages(folder: venv, via: .loadingProcess)).first)
    #expect(wheel.path == venv + "/nvidia/cu13/lib/libnvrtc.so.13")
    #expect(wheel.version == CUDAVersion("13.0.88"))
    #expect(
      wheel.description.hasPrefix(
        "\(venv) (of this Python process, $GENN_PYTHON_SITE_PACKAGES): found \(wheel.path ?? "")"))
    #expect(report.nvrtcChoice?.candidate == wheel)
    #expect(
      report.nvrtc(from: .sitePackages(folder: "/work/gone", via: .loadingProcess))
        .map(\.rejection) == [.missing(path: "/work/gone")])
    // The interpreter on PATH reaches the listed system folder again: searched once.
    #expect(
      report.usableNVRTC == [
        venv + "/nvidia/cu13/lib/libnvrtc.so.13", system + "/nvidia/cuda_nvrtc/lib/libnvrtc.so.12",
      ])
    #expect(
      report.nvrtc(from: .sitePackages(folder: system, via: .interpreter("/usr/bin/python3")))
        .isEmpty)
  }

  @Test("/usr/local/cuda, then /usr/local/cuda-* newest version first, then /opt/cuda")
  func systemToolkitOrder() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    for (folder, toolkit, nvrtc) in [
      ("cuda-9.2", "9.2.148", "9.2.148"), ("cuda-11.8", "11.8.0", "11.8.89"),
      ("cuda-12.4", "12.4.1", "12.4.127"), ("cuda-12.6", "12.6.3", "12.6.85"),
    ] {
      try tree.splitToolkit("/usr/local/" + folder, toolkit: toolkit, nvrtc: nvrtc)
    }
    try tree.directory("/usr/local/cuda-custom")
    try tree.link("/usr/local/cuda", to: "cuda-12.6")
    try tree.splitToolkit("/opt/cuda", toolkit: "12.0.1", nvrtc: "12.0.140")
    let report = tree.cudaReport(["CUDA_PATH": "/usr/local/cuda"])

    let system = report.nvrtcCandidates.filter {
      if case .systemToolkit = $0.origin { return true } else { return false }
    }
    #expect(
      system.map(\.origin)
        == [
          "/usr/local/cuda", "/usr/local/cuda-12.6", "/usr/local/cuda-12.4", "/usr/local/cuda-11.8",
          "/usr/local/cuda-9.2", "/usr/local/cuda-custom", "/opt/cuda",
        ].map { .systemToolkit(folder: $0) })
    #expect(system[0].outcome == .sameAsEarlier(earlier: "/usr/local/cuda/lib64/libnvrtc.so.12"))
    #expect(system[1].outcome == .sameAsEarlier(earlier: "/usr/local/cuda/lib64/libnvrtc.so.12"))
    #expect(system[1].description.hasSuffix("(same file as /usr/local/cuda/lib64/libnvrtc.so.12)"))
    #expect(system[2].version == CUDAVersion("12.4.127"))
    #expect(
      system[5].rejection?.description.hasPrefix("no libnvrtc.so.* in /usr/local/cuda-custom/lib64")
        == true)
    #expect(system[6].isUsable)
    #expect(
      report.nvrtcChoice?.candidate.origin == .variable(name: "CUDA_PATH", value: "/usr/local/cuda")
    )

    let empty = try FakeTree()
    defer { empty.remove() }
    let none = empty.cudaReport([:]).nvrtcCandidates.filter {
      if case .systemToolkit = $0.origin { return true } else { return false }
    }
    #expect(
      none.map(\.rejection) == [
        .missing(path: "/usr/local/cuda"), .nothingMatches(pattern: "/usr/local/cuda-*"),
        .missing(path: "/opt/cuda"),
      ])
  }

  @Test("the loader cache: listed NVRTCs, a stale entry, no entry, and no cache at all")
  func loaderCache() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.nvrtc("12.0.140", in: "/usr/lib/x86_64-linux-gnu")
    let listing = """
      3 libs found in cache `/etc/ld.so.cache'
      \tlibnvrtc.so.12 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libnvrtc.so.12
      \tlibnvrtc.so.11.2 (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libnvrtc.so.11.2
      \tlibnvrtc.so (libc6,x86-64) => /usr/lib/x86_64-linux-gnu/libnvrtc.so
      \tlibnvrtc-builtins.so.12.0 (libc6,x86-64) => /usr/lib/libnvrtc-builtins.so.12.0
      """
    let report = tree.cudaReport([:], loaderCache: listing)
    let cached = report.nvrtc(from: .loaderCache)
    #expect(
      cached.map(\.path) == [
        "/usr/lib/x86_64-linux-gnu/libnvrtc.so.12", "/usr/lib/x86_64-linux-gnu/libnvrtc.so.11.2",
      ])
    #expect(cached[0].isUsable)
    #expect(cached[0].version == CUDAVersion("12.0.140"))
    #expect(cached[1].rejection == .missing(path: "/usr/lib/x86_64-linux-gnu/libnvrtc.so.11.2"))
    #expect(report.nvrtcChoice?.path == "/usr/lib/x86_64-linux-gnu/libnvrtc.so.12")
    #expect(report.nvrtcCandidates.last?.origin == .loaderCache)

    let noEntry = tree.cudaReport([:], loaderCache: "0 libs found in cache\n")
    #expect(
      noEntry.nvrtc(from: .loaderCache).map(\.rejection) == [
        .notInLoaderCache(name: "libnvrtc.so.*")
      ])
    let noCache = tree.cudaReport([:])
    #expect(noCache.nvrtc(from: .loaderCache).map(\.rejection) == [.loaderCacheUnavailable])
    #expect(noCache.nvrtcChoice == nil)
  }

  @Test("the same file reached twice is reported once, then as the same file")
  func repeats() throws {
    let tree = try FakeTree()
    defer { tree.remove() }
    try tree.splitToolkit("/usr/local/cuda-12.4", toolkit: "12.4.1", nvrtc: "12.4.127")
    try tree.link("/usr/local/cuda", to: "/usr/local/cuda-12.4")
    let listing =
      "\tlibnvrtc.so.12 (libc6,x86-64) => "
      + "/usr/local/cuda-12.4/targets/x86_64-linux/lib/libnvrtc.so.12\n"
    let report = tree.cudaReport(["CUDA_HOME": "/usr/local/cuda"], loaderCache: listing)
    #expect(report.usableNVRTC == ["/usr/local/cuda/lib64/libnvrtc.so.12"])
    let repeats = report.nvrtcCandidates.filter {
      if case .sameAsEarlier = $0.outcome { return true } else { return false }
    }
    #expect(
      repeats.map(\.origin) == [
        .systemToolkit(folder: "/usr/local/cuda"), .systemToolkit(folder: "/usr/local/cuda-12.4"),
        .loaderCache,
      ])
  }
}
