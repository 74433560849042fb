// swift-tools-version:6.1
import PackageDescription

let package = Package(
  name: "SwiftGeNN",
  platforms: [.macOS(.v13)],
  products: [
    .executable(name: "genn", targets: ["genn"]),
    .library(name: "SwiftGeNN", targets: ["SwiftGeNN"]),
    .library(name: "GeNNTranspiler", targets: ["GeNNTranspiler"]),
    .library(name: "GeNNModel", targets: ["GeNNModel"]),
    .library(name: "GeNNNPY", targets: ["GeNNNPY"]),
    .library(name: "GeNNCodeGen", targets: ["GeNNCodeGen"]),
    .library(name: "GeNNToolchain", targets: ["GeNNToolchain"]),
    .library(name: "GeNNRuntime", targets: ["GeNNRuntime"]),
    .library(name: "GeNNPlot", targets: ["GeNNPlot"]),
    .library(name: "GeNNModelFile", targets: ["GeNNModelFile"]),
    // The C interface other languages (the Python package) load.
    .library(name: "GeNNCAPI", type: .dynamic, targets: ["GeNNCAPI"]),
  ],
  dependencies: [
    .package(url: "https://github.com/swiftlang/swift-subprocess", from: "1.0.2"),
    .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
  ],
  targets: [
    // The version, and the commit `BuildInfoPlugin` records before each build.
    .target(name: "GeNNBuildInfo", plugins: ["BuildInfoPlugin"]),
    .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
    .target(name: "GeNNTranspiler"),
    .target(name: "GeNNModel", dependencies: ["GeNNTranspiler"]),
    .target(name: "GeNNNPY"),
    .target(name: "GeNNCodeGen", dependencies: ["GeNNTranspiler", "GeNNModel"]),
    .target(
      name: "GeNNToolchain",
      dependencies: [.product(name: "Subprocess", package: "swift-subprocess")]
    ),
    .target(
      name: "GeNNRuntime",
      dependencies: ["GeNNModel", "GeNNCodeGen", "GeNNToolchain"]
    ),
    .target(name: "GeNNPlot"),
    .target(
      name: "GeNNModelFile",
      dependencies: [
        "GeNNTranspiler", "GeNNModel", "GeNNNPY", .product(name: "Yams", package: "Yams"),
      ]
    ),
    .target(
      name: "SwiftGeNN",
      dependencies: [
        "GeNNTranspiler", "GeNNModel", "GeNNNPY", "GeNNCodeGen", "GeNNRuntime", "GeNNPlot",
        "GeNNModelFile",
      ]
    ),
    // genn.h: the C interface's declarations, shared by its implementation and its callers.
    .target(name: "CGeNN"),
    .target(
      name: "GeNNCAPI", dependencies: ["CGeNN", "SwiftGeNN", "GeNNTranspiler", "GeNNToolchain"]),
    .executableTarget(
      name: "genn",
      dependencies: [
        "GeNNModel", "GeNNNPY", "GeNNCodeGen", "GeNNToolchain", "GeNNRuntime", "GeNNPlot",
        "GeNNModelFile", "SwiftGeNN", "GeNNBuildInfo", "GeNNTranspiler",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "TranspilerBenchmark",
      dependencies: ["GeNNTranspiler"],
      path: "Benchmarks/TranspilerBenchmark"
    ),
    .executableTarget(
      name: "RuntimeBenchmark",
      dependencies: ["GeNNModel", "GeNNRuntime"],
      path: "Benchmarks/RuntimeBenchmark"
    ),
    .executableTarget(
      name: "CUDACheck",
      dependencies: ["GeNNModel", "GeNNModelFile", "GeNNRuntime"],
      path: "Benchmarks/CUDACheck"
    ),
    .executableTarget(
      name: "COBABenchmark",
      dependencies: ["GeNNModel", "GeNNModelFile", "GeNNRuntime"],
      path: "Benchmarks/COBABenchmark"
    ),
    .executableTarget(
      name: "IzhikevichTypes",
      dependencies: ["GeNNModel", "GeNNNPY", "GeNNRuntime"],
      path: "Examples/IzhikevichTypes"
    ),
    .executableTarget(
      name: "VogelsAbbott",
      dependencies: ["GeNNModel", "GeNNNPY", "GeNNRuntime"],
      path: "Examples/VogelsAbbott"
    ),
    .testTarget(name: "GeNNTranspilerTests", dependencies: ["GeNNTranspiler"]),
    .testTarget(name: "GeNNModelTests", dependencies: ["GeNNModel"]),
    .testTarget(name: "GeNNNPYTests", dependencies: ["GeNNNPY"]),
    // GeNN 5.4's reference cases read as models, for the test targets that compare with them.
    .target(
      name: "GeNNReferenceCases", dependencies: ["GeNNModel"], path: "Tests/GeNNReferenceCases"),
    .testTarget(
      name: "GeNNCodeGenTests",
      dependencies: ["GeNNCodeGen", "GeNNToolchain", "GeNNReferenceCases"]
    ),
    .testTarget(name: "GeNNToolchainTests", dependencies: ["GeNNToolchain"]),
    .testTarget(
      name: "GeNNRuntimeTests", dependencies: ["GeNNRuntime", "GeNNNPY", "GeNNReferenceCases"]),
    .testTarget(name: "GeNNPlotTests", dependencies: ["GeNNPlot"]),
    .testTarget(name: "GeNNModelFileTests", dependencies: ["GeNNModelFile", "GeNNNPY"]),
    .testTarget(name: "SwiftGeNNTests", dependencies: ["SwiftGeNN", "GeNNCodeGen"]),
    // A C caller of the C interface, for GeNNCAPITests.
    .target(name: "CAPIHarness", dependencies: ["CGeNN"], path: "Tests/CAPIHarness"),
    .testTarget(name: "GeNNCAPITests", dependencies: ["GeNNCAPI", "CAPIHarness", "CGeNN"]),
    .testTarget(
      name: "GeNNCommandTests",
      dependencies: [
        "genn", "GeNNNPY", "GeNNRuntime", "GeNNModelFile", "GeNNBuildInfo", "GeNNModel",
        "GeNNToolchain",
        .product(name: "Yams", package: "Yams"),
      ]
    ),
  ]
)
