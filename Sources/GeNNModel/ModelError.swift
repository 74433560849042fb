/// Every problem found in a model description, each naming the element and field.
public struct ModelError: Error, Sendable, CustomStringConvertible {
  /// The problems, in the order the model's elements were added.
  public var problems: [ModelProblem]

  /// Creates an error from its problems.
  public init(problems: [ModelProblem]) {
    self.problems = problems
  }

  public var description: String {
    let count = problems.count
    return "model is invalid (\(count == 1 ? "1 problem" : "\(count) problems")):\n"
      + problems.map { "  - \($0)" }.joined(separator: "\n")
  }
}

/// One problem in a model description. `element` names where it is, for example
/// `neuron population 'Exc'` or `current source 'Drive'`.
public enum ModelProblem: Hashable, Sendable, CustomStringConvertible {
  case invalidTimeStep(Double)
  /// The batch size is below 1.
  case invalidBatchSize(Int)
  case duplicateName(kind: String, name: String)
  case invalidName(element: String, name: String)
  /// The name of a population, synapse population, current source, custom update or
  /// update group breaks ``ElementName``'s rule.
  case invalidElementName(element: String, name: String)
  case invalidSize(element: String, size: Int)
  case duplicateField(element: String, field: String)
  /// `units` gives the unit of each allowed parameter of a built-in model.
  case unknownParameter(
    element: String, name: String, allowed: [String], units: [String: String] = [:])
  /// `allowed` lists the model's parameters, `units` their units where the model is a
  /// built-in one.
  case missingParameter(
    element: String, name: String, allowed: [String] = [], units: [String: String] = [:])
  case nonFiniteParameter(element: String, name: String, value: Double)
  case nonFiniteInitialValue(element: String, variable: String, value: Double)
  case outOfRange(element: String, name: String, value: Double, type: String)
  case invalidDelay(element: String, steps: Int)
  case invalidDendriticDelay(element: String, steps: Int)
  /// A synapse population's `maxConnections` (GeNN's `max_connections`) is not allowed
  /// for its matrix type or is below the longest row its connectivity builds.
  case invalidMaxConnections(element: String, value: Int, reason: String)
  /// Synapse code reads a postsynaptic variable with a heterogeneous delay (`x[d]`) but
  /// the population has no `maxDendriticDelaySteps`.
  case missingDendriticDelay(element: String)
  /// One synapse code string reads postsynaptic `name` both with a heterogeneous delay
  /// (`name[d]`) and without.
  case delayedAndUndelayedRead(element: String, name: String, code: String)
  case unsupported(element: String, feature: String)
  case invalidConnectivity(element: String, reason: String)
  case indexOutOfRange(element: String, field: String, index: Int, size: Int)
  case unknownVariableReference(
    element: String, reference: String, variable: String, available: [String])
  case unknownVariable(element: String, name: String, allowed: [String])
  case missingVariable(element: String, name: String)
  case wrongLength(element: String, field: String, expected: Int, got: Int)
  case unknownExtraGlobalParameter(element: String, name: String, allowed: [String])
  case invalidType(element: String, field: String, type: String)
  case unknownTarget(element: String, target: String, available: [String])
  /// A current source's or synapse population's input (`field`, such as `target_var`)
  /// is neither `Isyn` nor an additional input variable of `population`'s neuron model.
  case unknownInput(
    element: String, field: String, name: String, population: String, available: [String])
  case invalidDerivedParameter(element: String, name: String, reason: String)
  /// A reference map (`field`, such as `preVarRefs`) names a reference the model does not
  /// declare.
  case unknownReference(element: String, field: String, name: String, allowed: [String])
  /// A reference names a variable that `owner` (for example `source population 'A'
  /// (neuron model 'LIF')`) does not have.
  case unknownReferencedVariable(
    element: String, field: String, reference: String, variable: String, owner: String,
    available: [String])
  /// A reference that model code may write names a variable without GeNN's element or
  /// batch dimension (`READ_ONLY`, `READ_ONLY_SHARED_NEURON`), which only a read-only
  /// reference may name.
  case writableReferenceToReadOnlyVariable(
    element: String, field: String, reference: String, variable: String, access: VarAccess)
  /// A weight update model declares a variable in more than one of `fields` (`vars`,
  /// `preVars`, `postVars`).
  case duplicateVariable(element: String, name: String, fields: [String])
  case invalidBackPropagationDelay(element: String, steps: Int)
  /// Weight update code (`field`, such as `synapseDynamicsCode`) that needs one of the
  /// `allowed` matrix types.
  case matrixTypeNotAllowed(
    element: String, field: String, matrixType: SynapseMatrixType, allowed: [SynapseMatrixType])
  /// A kernel initialiser given to a variable that is not per-synapse.
  case kernelInitialiserNotAllowed(element: String, variable: String)
  /// A custom update model declares no variable references (GeNN needs at least one).
  case noVariableReferences(element: String)
  /// A custom update model's reference has no target.
  case missingVariableReference(element: String, reference: String)
  /// A reference names an element (`kind`, such as "neuron population") that does not
  /// exist.
  case unknownReferenceTarget(
    element: String, reference: String, kind: String, name: String, available: [String])
  /// A reference's declared type is not the referenced variable's.
  case referenceTypeMismatch(element: String, reference: String, declared: String, actual: String)
  /// A reference that code may write names a variable (with access `access`) that has
  /// fewer dimensions than the update, so that every element would write one value.
  case readOnlyReferenceTarget(element: String, reference: String, variable: String, access: String)
  /// Two references of one custom update point at variables of different sizes or shapes.
  case referenceShapeMismatch(element: String, reference: String, other: String, reason: String)
  /// A reduction the custom update cannot perform (`field` names the variable or
  /// reference).
  case invalidReduction(element: String, field: String, reason: String)
  /// A transpose the custom update cannot perform.
  case invalidTranspose(element: String, reference: String, reason: String)
  /// A parameter value outside the domain its model or snippet declares, or its
  /// integer type's range.
  case parameterOutOfDomain(element: String, name: String, value: Double, domain: ValueDomain)
  /// A parameter value its declared `type` (other than `scalar`) cannot hold: a fraction,
  /// or a value beyond the range, of an integer type; not 0 or 1 for `bool`.
  case parameterOutOfType(
    element: String, name: String, value: Double, type: String, domain: ValueDomain)
  /// Parameter values that break a rule they must follow together.
  case parameterRuleBroken(element: String, rule: ParameterRule, reason: String)
  /// An initial value that variable `variable`'s `type` cannot hold: element `index` of a
  /// value array (`nil` for a constant).
  case initialValueOutOfRange(
    element: String, variable: String, index: Int?, value: Double, type: String,
    domain: ValueDomain)
  /// Element `index` of extra global parameter `name` is a value its element `type`
  /// cannot hold.
  case extraGlobalValueOutOfRange(
    element: String, name: String, index: Int, value: Double, type: String, domain: ValueDomain)

  public var description: String {
    switch self {
    case .invalidTimeStep(let dt):
      "dt is \(dt) ms; it must be a positive, finite number of milliseconds"
    case .invalidBatchSize(let size):
      "batch size is \(size); it must be at least 1 (1 runs one copy of the model, N runs N "
        + "copies side by side that share their connectivity and read-only variables)"
    case .duplicateName(let kind, let name):
      "two \(kind)s are named '\(name)'; names must be unique"
    case .invalidName(let element, let name):
      "\(element): \(Identifier.quoted(name)) is not a valid name; "
        + (Identifier.problem(with: name) ?? "it is not allowed here")
    case .invalidElementName(let element, let name):
      "\(element): \(Identifier.quoted(name)) is not a valid name; "
        + (ElementName.problem(with: name) ?? "it is not allowed here")
    case .invalidSize(let element, let size):
      "\(element): size \(size) is invalid; it must be between 1 and \(Int32.max)"
    case .duplicateField(let element, let field):
      "\(element): its model declares '\(field)' more than once (parameters, derived "
        + "parameters, variables, references, additional input variables and extra global "
        + "parameters share one namespace)"
    case .unknownParameter(let element, let name, let allowed, let units):
      "\(element): unknown parameter '\(name)'; "
        + Self.list("parameters", allowed.map { ModelReference.withUnit($0, units[$0] ?? "") })
    case .missingParameter(let element, let name, let allowed, let units):
      "\(element): parameter '\(name)' has no value"
        + (allowed.isEmpty
          ? ""
          : "; "
            + Self.list(
              "parameters", allowed.map { ModelReference.withUnit($0, units[$0] ?? "") }))
    case .nonFiniteParameter(let element, let name, let value):
      "\(element): parameter '\(name)' is \(value); it must be finite"
    case .unsupported(let element, let feature):
      "\(element): \(feature) is not supported yet"
    case .invalidMaxConnections(let element, let value, let reason):
      "\(element): max_connections \(value) is invalid; \(reason)"
    case .invalidDendriticDelay(let element, let steps):
      "\(element): a dendritic delay buffer of \(steps) steps is invalid; it must be 1 or more"
    case .missingDendriticDelay(let element):
      "\(element): its synapse code reads postsynaptic variables with heterogeneous delays "
        + "(x[d]) but the maximum dendritic delay (max_dendritic_delay_steps) is not set"
    case .delayedAndUndelayedRead(let element, let name, let code):
      "\(element): its \(code) reads '\(name)' both with a heterogeneous delay (\(name)[d]) "
        + "and without; each code string reads it one way (as in GeNN)"
    case .invalidDelay(let element, let steps):
      "\(element): axonal delay of \(steps) steps is invalid; it must be 0 or more"
    case .invalidConnectivity(let element, let reason):
      "\(element): \(reason)"
    case .indexOutOfRange(let element, let field, let index, let size):
      "\(element): \(field) index \(index) is out of range; the population has \(size) "
        + "neurons (0 to \(size - 1))"
    case .unknownInput(let element, let field, let name, let population, let available):
      "\(element): \(field) '\(name)' is not an input of the neurons of '\(population)'; "
        + Self.list("inputs", available)
    case .unknownVariableReference(let element, let reference, let variable, let available):
      "\(element): reference '\(reference)' names variable '\(variable)', which the target "
        + "neurons do not have; " + Self.list("variables", available)
    case .outOfRange(let element, let name, let value, let type):
      "\(element): '\(name)' is \(value), too large for \(type) (this model's precision); "
        + "use double precision or rescale the units"
    case .nonFiniteInitialValue(let element, let variable, let value):
      "\(element): variable '\(variable)' starts at \(value); its initial value must be finite"
    case .unknownVariable(let element, let name, let allowed):
      "\(element): unknown variable '\(name)'; " + Self.list("variables", allowed)
    case .missingVariable(let element, let name):
      "\(element): variable '\(name)' has no initial value"
    case .wrongLength(let element, let field, let expected, let got):
      "\(element): '\(field)' has \(got) values; it needs \(expected), one per element"
    case .unknownExtraGlobalParameter(let element, let name, let allowed):
      "\(element): unknown extra global parameter '\(name)'; "
        + Self.list("extra global parameters", allowed)
    case .invalidType(let element, let field, let type):
      "\(element): '\(field)' has type '\(type)', which is not a GeNN type (scalar, float, "
        + "double, bool, [unsigned] int, [u]int8_t ... [u]int64_t; extra global parameters "
        + "are pointers such as 'scalar*')"
    case .unknownTarget(let element, let target, let available):
      "\(element): target population '\(target)' does not exist; "
        + Self.list("populations", available)
    case .invalidDerivedParameter(let element, let name, let reason):
      "\(element): derived parameter '\(name)' cannot be computed: \(reason)"
    case .unknownReference(let element, let field, let name, let allowed):
      "\(element): \(field) names unknown reference '\(name)'; "
        + (allowed.isEmpty
          ? "the model declares no such references"
          : "references are: \(allowed.joined(separator: ", "))")
    case .unknownReferencedVariable(
      let element, let field, let reference, let variable, let owner, let available):
      "\(element): \(field): reference '\(reference)' names variable '\(variable)', which "
        + "\(owner) does not have; " + Self.list("variables", available)
    case .writableReferenceToReadOnlyVariable(
      let element, let field, let reference, let variable, let access):
      "\(element): \(field): reference '\(reference)' may write variable '\(variable)', "
        + "which is \(access.rawValue); only a read-only reference may name it (declare the "
        + "reference read-only, or reference a READ_WRITE variable)"
    case .duplicateVariable(let element, let name, let fields):
      "\(element): variable '\(name)' is declared in \(fields.joined(separator: " and ")); "
        + "the names of vars, preVars and postVars must be unique"
    case .invalidBackPropagationDelay(let element, let steps):
      "\(element): back-propagation delay (backPropDelaySteps) of \(steps) steps is invalid; "
        + "it must be 0 or more"
    case .kernelInitialiserNotAllowed(let element, let variable):
      "\(element): variable '\(variable)' has a kernel initialiser, which only per-synapse "
        + "variables of synapses built by a connectivity snippet with a kernel (such as "
        + "Conv2D) can have"
    case .noVariableReferences(let element):
      "\(element): its custom update model declares no variable references; a custom update "
        + "runs over the variables it references, so it needs at least one"
    case .missingVariableReference(let element, let reference):
      "\(element): varRefs: reference '\(reference)' names no variable"
    case .unknownReferenceTarget(let element, let reference, let kind, let name, let available):
      "\(element): varRefs: reference '\(reference)' names \(kind) '\(name)', which does not "
        + "exist; " + Self.list("\(kind)s", available)
    case .referenceTypeMismatch(let element, let reference, let declared, let actual):
      "\(element): varRefs: reference '\(reference)' is declared '\(declared)' but the variable "
        + "it names is '\(actual)'; the types must be the same"
    case .readOnlyReferenceTarget(let element, let reference, let variable, let access):
      "\(element): varRefs: reference '\(reference)' may write variable '\(variable)', which is "
        + "\(access); declare the reference READ_ONLY, or reference a variable that can be written"
    case .referenceShapeMismatch(let element, let reference, let other, let reason):
      "\(element): varRefs: references '\(other)' and '\(reference)' \(reason)"
    case .invalidReduction(let element, let field, let reason):
      "\(element): '\(field)': \(reason)"
    case .invalidTranspose(let element, let reference, let reason):
      "\(element): varRefs: reference '\(reference)': \(reason)"
    case .parameterOutOfDomain(let element, let name, let value, let domain):
      "\(element): parameter '\(name)' is \(value); it must be \(domain)"
    case .parameterOutOfType(let element, let name, let value, let type, let domain):
      "\(element): parameter '\(name)' is \(value), which its type \(type) cannot hold; "
        + "it must be \(domain)"
    case .parameterRuleBroken(let element, _, let reason):
      "\(element): \(reason)"
    case .initialValueOutOfRange(
      let element, let variable, let index, let value, let type, let domain):
      "\(element): variable '\(variable)' starts at \(value)"
        + (index.map { " (element \($0))" } ?? "") + "; its type \(type) holds "
        + Self.holding(domain)
    case .extraGlobalValueOutOfRange(
      let element, let name, let index, let value, let type, let domain):
      "\(element): extra global parameter '\(name)' has \(value) at element \(index); its "
        + "element type \(type) holds " + Self.holding(domain)
    case .matrixTypeNotAllowed(let element, let field, let matrixType, let allowed):
      "\(element): \(field) cannot run on a \(matrixType.rawValue) matrix; synapse dynamics "
        + "and postsynaptic learning run over DENSE or SPARSE connectivity (allowed matrix "
        + "types: \(allowed.map(\.rawValue).joined(separator: ", ")))"
    }
  }

  /// What a type's domain holds: `whole numbers in [0, 255]`, `numbers in [-3.4e+38,
  /// 3.4e+38] (use double precision or rescale the units)`.
  private static func holding(_ domain: ValueDomain) -> String {
    let text = "\(domain)".replacing("a whole number", with: "whole numbers").replacing(
      "a number", with: "numbers")
    return domain.upperBound == Double(Float.greatestFiniteMagnitude)
      ? text + " (use double precision or rescale the units)" : text
  }

  private static func list(_ what: String, _ names: [String]) -> String {
    names.isEmpty ? "it has no \(what)" : "\(what) are: \(names.joined(separator: ", "))"
  }
}
