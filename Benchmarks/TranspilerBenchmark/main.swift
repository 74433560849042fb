// Measures how long SwiftGeNN takes to scan, parse and type-check a 50-line code string,
// side by side with the C++ compiler checking the same code (`c++ -fsyntax-only`), the
// step that a user would otherwise wait on to learn of a mistake.
//
// Run: swift run -c release TranspilerBenchmark [iterations]

import Foundation
import GeNNTranspiler

/// Traub-Miles style sim code with 25 Euler sub-steps: 50 lines of real model code.
let snippet = """
  scalar Imem;
  unsigned int mt;
  scalar mdt = dt / 25.0;
  for (mt = 0; mt < 25; mt++) {
      Imem = -(m * m * m * h * gNa * (V - ENa) +
               n * n * n * n * gK * (V - EK) +
               gl * (V - El) - Isyn);
      scalar a;
      if (V == -52.0) {
          a = 1.28;
      }
      else {
          a = 0.32 * (-52.0 - V) / (exp((-52.0 - V) / 4.0) - 1.0);
      }
      scalar b;
      if (V == -25.0) {
          b = 1.4;
      }
      else {
          b = 0.28 * (V + 25.0) / (exp((V + 25.0) / 5.0) - 1.0);
      }
      m += (a * (1.0 - m) - b * m) * mdt;
      a = 0.128 * exp((-48.0 - V) / 18.0);
      b = 4.0 / (exp((-25.0 - V) / 5.0) + 1.0);
      h += (a * (1.0 - h) - b * h) * mdt;
      if (V == -50.0) {
          a = 0.16;
      }
      else {
          a = 0.032 * (-50.0 - V) / (exp((-50.0 - V) / 5.0) - 1.0);
      }
      b = 0.5 * exp((-55.0 - V) / 40.0);
      n += (a * (1.0 - n) - b * n) * mdt;
      V += Imem / C * mdt;
  }
  if (V > 100.0) {
      V = 100.0;
  }
  scalar drift = fmax(0.0, fmin(1.0, V / 100.0));
  switch ((int)drift) {
  case 0: drift += 0.1; break;
  default: drift -= 0.1; break;
  }
  const scalar noise = gennrand_normal() * sqrt(dt);
  V += noise * drift;
  int counter = 0;
  while (counter < 3) { counter++; }
  do { counter--; } while (counter > 0);
  m = m < 0.0 ? 0.0 : m;
  h = h > 1.0 ? 1.0 : h;
  """

func environment() -> Environment {
  var environment = Environment(
    context: "neuron population 'TM', sim code", types: TypeContext(scalar: .float))
  environment.add(StandardLibrary.mathematics(for: .cpp))
  environment.add(StandardLibrary.random(precision: .float, generator: "&rng"))
  for name in ["V", "m", "h", "n"] {
    environment.define(name, .float, spelling: "group.\(name)[id]", role: "state variable")
  }
  for name in ["gNa", "ENa", "gK", "EK", "gl", "El", "C"] {
    environment.define(
      name, GeNNType.float.addingConst, spelling: "group.\(name)", role: "parameter")
  }
  environment.define("Isyn", .float)
  environment.define("dt", GeNNType.float.addingConst, spelling: "DT")
  return environment
}

func median(_ values: [Duration]) -> Duration { values.sorted()[values.count / 2] }

func microseconds(_ d: Duration) -> Double {
  Double(d.components.seconds) * 1e6 + Double(d.components.attoseconds) / 1e12
}

let iterations = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 2000
let env = environment()
let lines = snippet.split(separator: "\n").count
let clock = ContinuousClock()

var scanTimes: [Duration] = []
var parseTimes: [Duration] = []
var checkTimes: [Duration] = []
var totalTimes: [Duration] = []
var printed = ""
for _ in 0..<iterations {
  let start = clock.now
  let (tokens, _) = Scanner.scan(snippet)
  let scanned = clock.now
  let (statements, _) = Parser.parseStatements(tokens)
  let parsed = clock.now
  let (checked, diagnostics) = TypeChecker.check(statements, in: env)
  let done = clock.now
  precondition(diagnostics.isEmpty, "benchmark snippet must check: \(diagnostics)")
  scanTimes.append(scanned - start)
  parseTimes.append(parsed - scanned)
  checkTimes.append(done - parsed)
  totalTimes.append(done - start)
  if printed.isEmpty { printed = PrettyPrinter(environment: env).print(checked, level: 1) }
}

print("snippet: \(lines) lines, \(iterations) iterations (median)")
print(String(format: "  scan   %8.1f µs", microseconds(median(scanTimes))))
print(String(format: "  parse  %8.1f µs", microseconds(median(parseTimes))))
print(String(format: "  check  %8.1f µs", microseconds(median(checkTimes))))
let ours = microseconds(median(totalTimes))
print(String(format: "  total  %8.1f µs  (scan + parse + check)", ours))

// Baseline: the C++ compiler checking the printed code, measured in the same run.
let compiler = ProcessInfo.processInfo.environment["CXX"] ?? "/usr/bin/c++"
let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
  "genn-transpiler-benchmark-\(getpid())")
try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: directory) }
let file = directory.appendingPathComponent("snippet.cc")
let program = """
  #include <cmath>
  #include <cstdint>
  struct Rng { uint64_t s; };
  float genn_rand_normal_float(Rng *);
  struct Group { float *V, *m, *h, *n; float gNa, ENa, gK, EK, gl, El, C; };
  static const float DT = 0.1f;
  void sim(Group &group, uint32_t id, float Isyn, Rng &rng) {
  \(printed)
  }
  """
try program.write(to: file, atomically: true, encoding: .utf8)
var compilerTimes: [Duration] = []
for _ in 0..<5 {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: compiler)
  process.arguments = ["-std=c++17", "-fsyntax-only", file.path]
  let elapsed = try clock.measure {
    try process.run()
    process.waitUntilExit()
  }
  guard process.terminationStatus == 0 else {
    print("baseline: \(compiler) rejected the printed code; skipping the ratio")
    exit(1)
  }
  compilerTimes.append(elapsed)
}
let baseline = microseconds(median(compilerTimes))
print(
  String(format: "  baseline: %@ -fsyntax-only on the printed code %10.1f µs", compiler, baseline))
print(
  String(
    format: "  ratio: SwiftGeNN checks the snippet %.0fx faster than the C++ compiler",
    baseline / ours))
