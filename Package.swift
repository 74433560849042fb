// swift-tools-version:6.0
import PackageDescription

let package = Package(
  name: "SwiftGeNN",
  platforms: [.macOS(.v13)],
  products: [
    .library(name: "GeNNTranspiler", targets: ["GeNNTranspiler"])
  ],
  targets: [
    .target(name: "GeNNTranspiler"),
    .executableTarget(
      name: "TranspilerBenchmark",
      dependencies: ["GeNNTranspiler"],
      path: "Benchmarks/TranspilerBenchmark"
    ),
    .testTarget(name: "GeNNTranspilerTests", dependencies: ["GeNNTranspiler"]),
  ]
)
