import Foundation
import Testing

/// `genn run`'s options, `genn build`, `genn plot` and `genn doctor`, on small models.
@Suite struct RunOptionTests {
  @Test func theFilesRunLengthIsTheDefault() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    let outcome = try Genn.run(["run", "tiny.yaml"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("100 ms of model time (1000 steps, as the file says)"))
    // The default folder is named after the model.
    let output = try RunFolder(folder.appendingPathComponent("tiny-output"))
    try output.checkConsistency()
    #expect(output.steps == 1000)
    let variable = try #require(output.variables.first)
    #expect(variable["samples"] as? Int == 100)
    #expect(variable["width"] as? Int == 10)
    #expect(variable["every_steps"] as? Int == 10)
    #expect(variable["unit"] as? String == "neuron")
    #expect(variable["kind"] as? String == "neuron_population")
    #expect(try output.population("Exc")["spikes"] as? Int ?? 0 > 0)
  }

  @Test func stepsAndDurationOverrideTheFile() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    let steps = try Genn.run(["run", "tiny.yaml", "--steps", "250", "--out", "a"], in: folder)
    #expect(steps.status == 0, "\(steps.stderr)")
    let a = try RunFolder(folder.appendingPathComponent("a"))
    #expect(a.steps == 250)
    #expect(a.duration == 25)
    #expect(a.variables.first?["samples"] as? Int == 25)
    try a.checkConsistency()

    let duration = try Genn.run(["run", "tiny.yaml", "--duration", "50", "--out", "b"], in: folder)
    #expect(duration.status == 0, "\(duration.stderr)")
    #expect(try RunFolder(folder.appendingPathComponent("b")).steps == 500)
  }

  @Test func withoutARunLengthItRunsOneSecond() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder, replacing: [("run: {duration: 100}", "")])
    let outcome = try Genn.run(["run", "tiny.yaml", "--out", "out"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(try RunFolder(folder.appendingPathComponent("out")).duration == 1000)
  }

  @Test func sameSeedSameSpikesOtherSeedOtherSpikes() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    for (out, seed) in [("a", "7"), ("b", "7"), ("c", "8")] {
      let outcome = try Genn.run(["run", "tiny.yaml", "--seed", seed, "--out", out], in: folder)
      #expect(outcome.status == 0, "\(outcome.stderr)")
    }
    let a = try RunFolder(folder.appendingPathComponent("a"))
    let b = try RunFolder(folder.appendingPathComponent("b"))
    let c = try RunFolder(folder.appendingPathComponent("c"))
    #expect(a.summary["seed"] as? Int == 7)
    #expect(c.summary["seed"] as? Int == 8)
    for file in ["spikes/Exc.times.npy", "spikes/Exc.ids.npy", "vars/Exc.V.npy", "raster.png"] {
      #expect(try a.bytes(file) == b.bytes(file), "\(file)")
    }
    #expect(try a.bytes("vars/Exc.V.npy") != c.bytes("vars/Exc.V.npy"))
  }

  @Test func threadCountsGiveTheSameResults() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let model = Genn.example("vogels-abbott-coba.yaml")
    for threads in ["1", "2"] {
      let outcome = try Genn.run(
        ["run", model, "--duration", "200", "--threads", threads, "--out", "t\(threads)"],
        in: folder)
      #expect(outcome.status == 0, "\(outcome.stderr)")
    }
    let one = try RunFolder(folder.appendingPathComponent("t1"))
    let two = try RunFolder(folder.appendingPathComponent("t2"))
    #expect(one.summary["threads"] as? Int == 1)
    #expect(two.summary["threads"] as? Int == 2)
    for population in ["E", "I"] {
      let (timesOne, idsOne) = try one.spikes(population)
      let (timesTwo, idsTwo) = try two.spikes(population)
      #expect(timesOne == timesTwo && idsOne == idsTwo)
      #expect(!timesOne.isEmpty)
    }
  }

  @Test func overwriteReplacesAnEarlierRun() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    #expect(
      try Genn.run(["run", "tiny.yaml", "--steps", "100", "--out", "out"], in: folder).status == 0)
    let again = try Genn.run(
      ["run", "tiny.yaml", "--steps", "300", "--out", "out", "--overwrite"], in: folder)
    #expect(again.status == 0, "\(again.stderr)")
    let output = try RunFolder(folder.appendingPathComponent("out"))
    #expect(output.steps == 300)
    try output.checkConsistency()
    // No staging or set-aside folders are left beside it.
    #expect(Genn.contents(of: folder) == ["out", "tiny.yaml"])
  }

  @Test func overwriteTakesAnEmptyFolder() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    try FileManager.default.createDirectory(
      at: folder.appendingPathComponent("empty"), withIntermediateDirectories: false)
    let outcome = try Genn.run(
      ["run", "tiny.yaml", "--out", "empty", "--overwrite"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    try RunFolder(folder.appendingPathComponent("empty")).checkConsistency()
  }

  @Test func outputIntoNewNestedFolders() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    let outcome = try Genn.run(["run", "tiny.yaml", "--out", "results/today/run1"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    try RunFolder(folder.appendingPathComponent("results/today/run1")).checkConsistency()
    #expect(Genn.contents(of: folder.appendingPathComponent("results/today")) == ["run1"])
  }

  @Test func quietPrintsNothing() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    for arguments in [["run", "tiny.yaml", "--quiet"], ["build", "tiny.yaml", "-q"]] {
      let outcome = try Genn.run(arguments, in: folder)
      #expect(outcome.status == 0, "\(arguments): \(outcome.stderr)")
      #expect(outcome.stdout.isEmpty && outcome.stderr.isEmpty, "\(arguments)")
    }
  }

  @Test func synapseAndCurrentSourceVariablesAndSpikeEvents() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = """
      name: events
      neurons:
        Pre:
          size: 4
          model: LIF
          params: {C: 0.25, TauM: 10, Vrest: -65, Vreset: -65, Vthresh: -50, Ioffset: 0, TauRefrac: 2}
          vars: {V: -65, RefracTime: 0}
        Post:
          size: 3
          model: LIF
          params: {C: 0.25, TauM: 10, Vrest: -65, Vreset: -65, Vthresh: -50, Ioffset: 0, TauRefrac: 2}
          vars: {V: -65, RefracTime: 0}
      current_sources:
        Drive:
          model: DC
          target: Pre
          params: {amp: 0.9}
      synapses:
        PrePost:
          source: Pre
          target: Post
          matrix_type: DENSE
          weight_update:
            model:
              vars: {w: scalar}
              pre_neuron_var_refs: {Vpre: scalar}
              pre_event_threshold_condition_code: Vpre > -55.0
              pre_event_syn_code: |
                addToPost(w);
                w += 0.001;
            vars: {w: 0.05}
            pre_var_refs: {Vpre: V}
      record:
        spikes: [Pre, Post]
        spike_events: [Pre]
        vars:
          - {synapses: PrePost, var: w, every: 50}
          - {population: Post, var: V}
      run: {duration: 200}

      """
    try text.write(
      to: folder.appendingPathComponent("events.yaml"), atomically: true, encoding: .utf8)
    let outcome = try Genn.run(["run", "events.yaml", "--out", "out"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    let output = try RunFolder(folder.appendingPathComponent("out"))
    try output.checkConsistency()
    let events = try #require((output.summary["spike_events"] as? [[String: Any]])?.first)
    #expect(events["synapses"] as? String == "PrePost")
    #expect(events["side"] as? String == "pre")
    #expect(events["neuron_population"] as? String == "Pre")
    let count = try #require(events["events"] as? Int)
    #expect(count > 0)
    let idsFile = try #require(events["ids_file"] as? String)
    let ids = try #require(try output.npy(idsFile).int32s)
    #expect(ids.count == count && ids.allSatisfy { (0..<4).contains($0) })
    let weights = try #require(output.variables.first)
    #expect(weights["unit"] as? String == "synapse")
    #expect(weights["width"] as? Int == 12)
    #expect(weights["kind"] as? String == "synapse_population")
    // The weights grow with every event, so the last sample is above the first.
    let w = try output.npy("vars/PrePost.w.npy").doubles
    #expect(w.last! > w.first!)
  }

  @Test func scheduledCustomUpdatesRunBetweenSteps() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let text = """
      name: counter
      neurons:
        Counter:
          size: 3
          model:
            vars: {V: scalar}
            sim_code: V += 1.0;
          vars: {V: [0, 100, 200]}
      custom_updates:
        Reset:
          group: Clear
          model:
            params: [value]
            var_refs: {V: scalar}
            update_code: V = value;
          params: {value: 0}
          var_refs: {V: {population: Counter, var: V}}
        Total:
          group: Sum
          model:
            vars: {total: {type: scalar, access: REDUCE_NEURON_SUM}}
            var_refs: {V: {type: scalar, access: READ_ONLY}}
            update_code: total = V;
          vars: {total: 0}
          var_refs: {V: {population: Counter, var: V}}
      record:
        vars:
          - {population: Counter, var: V}
          - {custom_update: Total, var: total}
      run:
        steps: 30
        custom_updates:
          - {group: Sum, every: 5}
          - {group: Clear, every: 10}

      """
    try text.write(
      to: folder.appendingPathComponent("counter.yaml"), atomically: true, encoding: .utf8)
    let outcome = try Genn.run(["run", "counter.yaml", "--out", "out"], in: folder)
    #expect(outcome.status == 0, "\(outcome.stderr)")
    #expect(outcome.stdout.contains("custom update group Clear: ran 3 times, after every 10 steps"))
    let output = try RunFolder(folder.appendingPathComponent("out"))
    try output.checkConsistency()
    let runs = try #require(output.summary["custom_updates"] as? [[String: Any]])
    #expect(runs.map { $0["group"] as? String } == ["Sum", "Clear"])
    #expect(runs.map { $0["runs"] as? Int } == [6, 3])
    // Samples are taken after each step, before the updates due then: V counts 1...10
    // and is cleared after every tenth step.
    let v = try output.npy("vars/Counter.V.npy").doubles
    let cycle: [Double] = (1...10).map(Double.init)
    #expect(stride(from: 0, to: v.count, by: 3).map { v[$0] } == cycle + cycle + cycle)
    #expect(v[1] == 101 && v[2] == 201 && v[29 * 3 + 1] == 10)
    // The sum is taken after steps 5, 10, ...: of V before the clear at the same step.
    let total = try output.npy("vars/Total.total.npy").doubles
    let expected: [Double] =
      Array(repeating: 0, count: 5) + Array(repeating: 315, count: 5)
      + Array(repeating: 330, count: 5) + Array(repeating: 15, count: 5)
      + Array(repeating: 30, count: 5) + Array(repeating: 15, count: 5)
    #expect(total == expected)
    #expect(output.variables.last?["kind"] as? String == "custom_update")
  }

  @Test func plotRedrawsThePictures() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder)
    #expect(try Genn.run(["run", "tiny.yaml", "--out", "out"], in: folder).status == 0)
    let out = folder.appendingPathComponent("out")
    let originals = try ["raster.svg", "raster.png", "traces.svg", "traces.png"].map {
      try Data(contentsOf: out.appendingPathComponent($0))
    }
    for name in ["raster.svg", "raster.png", "traces.svg", "traces.png"] {
      try FileManager.default.removeItem(at: out.appendingPathComponent(name))
    }
    let plot = try Genn.run(["plot", "out"], in: folder)
    #expect(plot.status == 0, "\(plot.stderr)")
    #expect(plot.stdout.contains("raster.png") && plot.stdout.contains("traces.png"))
    let redrawn = try ["raster.svg", "raster.png", "traces.svg", "traces.png"].map {
      try Data(contentsOf: out.appendingPathComponent($0))
    }
    #expect(redrawn == originals)

    let wider = try Genn.run(["plot", "out", "--width", "800", "--height", "500"], in: folder)
    #expect(wider.status == 0, "\(wider.stderr)")
    let png = try Data(contentsOf: out.appendingPathComponent("raster.png"))
    // IHDR: width and height, big-endian, at bytes 16 and 20.
    #expect(Array(png[16..<24]) == [0, 0, 0x03, 0x20, 0, 0, 0x01, 0xF4])
  }

  @Test func buildPrintsWhereTheCodeIs() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try TinyModel.write(to: folder, replacing: [("name: tiny", "name: tiny_build")])
    let first = try Genn.run(["build", "tiny.yaml"], in: folder)
    #expect(first.status == 0, "\(first.stderr)")
    let codeLine = try #require(first.stdout.split(separator: "\n").first { $0.hasPrefix("code") })
    let path = codeLine.dropFirst("code".count).trimmingCharacters(in: .whitespaces)
    #expect(path.hasPrefix(Genn.cache.path) && path.hasSuffix("model.cc"))
    let source = try String(contentsOfFile: path, encoding: .utf8)
    #expect(source.contains("Exc"))
    let second = try Genn.run(["build", "tiny.yaml"], in: folder)
    #expect(second.stdout.contains("found in the build cache"))
    // Building writes nothing where it runs.
    #expect(Genn.contents(of: folder) == ["tiny.yaml"])
  }

  @Test func doctorReportsCompilersAndTheCache() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let outcome = try Genn.run(["doctor"], in: folder, environment: ["CXX": "/nowhere/c++"])
    #expect(outcome.status == 0, "\(outcome.stdout)\(outcome.stderr)")
    #expect(outcome.stdout.contains("C++ compilers, in order of preference:"))
    #expect(outcome.stdout.contains("$CXX=/nowhere/c++: /nowhere/c++ does not exist"))
    #expect(outcome.stdout.split(separator: "\n").contains { $0.hasPrefix("  used  /") })
    #expect(outcome.stdout.contains("build cache  \(Genn.cache.path)"))
    #expect(outcome.stdout.contains("from GENN_CACHE_DIR"))
    #expect(outcome.stdout.contains("CUDA         "))
    #expect(
      outcome.stdout.contains("CUDA search (linux") || outcome.stdout.contains("CUDA search (macOS")
    )
    #expect(outcome.stdout.contains("NVRTC (libnvrtc"))
    #expect(outcome.stdout.contains("missing      nothing"))
  }

  @Test func versionAndHelp() throws {
    let folder = try Genn.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let version = try Genn.run(["--version"], in: folder)
    #expect(version.status == 0)
    #expect(!version.stdout.isEmpty)
    let help = try Genn.run(["run", "--help"], in: folder)
    #expect(help.status == 0)
    for option in [
      "--duration", "--steps", "--backend", "--threads", "--out", "--seed", "--overwrite",
      "--quiet",
    ] {
      #expect(help.stdout.contains(option), "\(option)")
    }
  }
}
