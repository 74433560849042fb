/// The language generated code is written in.
public enum Dialect: String, Hashable, Sendable, CaseIterable {
  /// C++17 for the CPU backend.
  case cpp
  /// CUDA C++ for NVRTC.
  case cuda
}

/// The functions every code string may call: GeNN 5.4's maths library (float and
/// double overloads of each function), `printf` and `assert`, and, where the caller
/// says a random-number generator is at hand, GeNN's `gennrand_*` functions.
public enum StandardLibrary {
  /// The role of library symbols in messages.
  static let role = "standard-library function"

  /// One-argument maths functions with float and double overloads.
  static let unaryFunctions = [
    "cos", "sin", "tan", "acos", "asin", "atan", "cosh", "sinh", "tanh", "acosh", "asinh",
    "atanh", "exp", "expm1", "exp2", "log", "log1p", "log2", "log10", "sqrt", "cbrt", "ceil",
    "floor", "round", "rint", "trunc", "nearbyint", "fabs", "erf", "erfc", "tgamma", "lgamma",
  ]

  /// Two-argument maths functions with float and double overloads.
  static let binaryFunctions = [
    "atan2", "pow", "hypot", "fmod", "nextafter", "remainder", "fdim", "fmax", "fmin",
    "copysign",
  ]

  /// The maths functions, `printf` and `assert`, spelled for `dialect`.
  ///
  /// In C++ a function is printed with its plain C name for both overloads, exactly as
  /// GeNN 5.4 prints it: with `<cmath>` and glibc, `exp(x)` of a float `x` computes in
  /// double, so float models round exactly as GeNN's CPU backend does. In CUDA the float
  /// overload is printed with its `f`-suffixed name (`expf`), which is what GeNN's CUDA
  /// overloads resolve to and what NVRTC provides without headers.
  public static func mathematics(for dialect: Dialect) -> [Symbol] {
    var symbols: [Symbol] = []
    func add(_ name: String, _ result: GeNNType, _ parameters: [GeNNType], _ template: String) {
      symbols.append(
        Symbol(name, .function(returning: result, parameters), spelling: template, role: role))
    }
    func floatName(_ name: String) -> String { dialect == .cuda ? name + "f" : name }
    for name in unaryFunctions {
      add(name, .float, [.float], "\(floatName(name))($(0))")
      add(name, .double, [.double], "\(name)($(0))")
    }
    for name in binaryFunctions {
      add(name, .float, [.float, .float], "\(floatName(name))($(0), $(1))")
      add(name, .double, [.double, .double], "\(name)($(0), $(1))")
    }
    add("fma", .float, [.float, .float, .float], "\(floatName("fma"))($(0), $(1), $(2))")
    add("fma", .double, [.double, .double, .double], "fma($(0), $(1), $(2))")
    for name in ["scalbn", "ldexp"] {
      add(name, .float, [.float, .int32], "\(floatName(name))($(0), $(1))")
      add(name, .double, [.double, .int32], "\(name)($(0), $(1))")
    }
    add("ilogb", .int32, [.float], "\(floatName("ilogb"))($(0))")
    add("ilogb", .int32, [.double], "ilogb($(0))")
    for type in [NumericType.int32, .int64, .uint32, .uint64] {
      let t = GeNNType.numeric(type)
      let cast = "(\(type.cName))"
      let prefix = dialect == .cuda ? "" : "std::"
      add("min", t, [t, t], "\(prefix)min(\(cast)($(0)), \(cast)($(1)))")
      add("max", t, [t, t], "\(prefix)max(\(cast)($(0)), \(cast)($(1)))")
    }
    switch dialect {
    case .cpp:
      add("abs", .int32, [.int32], "std::abs($(0))")
      add("abs", .int64, [.int64], "std::abs((int64_t)($(0)))")
    case .cuda:
      add("abs", .int32, [.int32], "abs($(0))")
      add("abs", .int64, [.int64], "llabs((long long)($(0)))")
    }
    symbols.append(
      Symbol(
        "printf",
        .function(returning: .int32, [GeNNType.int8.addingConst.pointer()], variadic: true),
        spelling: "printf($(0)$(@))", role: role))
    add("assert", .void, [.bool], "assert($(0))")
    return symbols
  }

  /// GeNN's random-number functions at `precision`, drawing from the generator that
  /// `generator` names in generated code (for example `&rng` or `&rngState[id]`).
  ///
  /// They print as calls of the generated runtime's Philox4x32-10 functions
  /// (`genn_rand_uint32`, `genn_rand_uniform_float`, ...), which exist in both dialects.
  public static func random(precision: NumericType, generator: String) -> [Symbol] {
    precondition(precision == .float || precision == .double, "precision must be float or double")
    let real = GeNNType.numeric(precision)
    let suffix = precision.cName
    func symbol(_ name: String, _ result: GeNNType, _ parameters: [GeNNType], _ function: String)
      -> Symbol
    {
      let arguments = ([generator] + parameters.indices.map { "$(\($0))" })
        .joined(separator: ", ")
      return Symbol(
        name, .function(returning: result, parameters), spelling: "\(function)(\(arguments))",
        role: role)
    }
    return [
      symbol("gennrand", .uint32, [], "genn_rand_uint32"),
      symbol("gennrand_uniform", real, [], "genn_rand_uniform_\(suffix)"),
      symbol("gennrand_normal", real, [], "genn_rand_normal_\(suffix)"),
      symbol("gennrand_exponential", real, [], "genn_rand_exponential_\(suffix)"),
      symbol("gennrand_log_normal", real, [real, real], "genn_rand_log_normal_\(suffix)"),
      symbol("gennrand_gamma", real, [real], "genn_rand_gamma_\(suffix)"),
      symbol("gennrand_binomial", .uint32, [.uint32, real], "genn_rand_binomial_\(suffix)"),
    ]
  }

  /// The names of GeNN's random-number functions, for messages where none is available.
  public static let randomFunctionNames = [
    "gennrand", "gennrand_uniform", "gennrand_normal", "gennrand_exponential",
    "gennrand_log_normal", "gennrand_gamma", "gennrand_binomial",
  ]
}
