import GeNNModel
import GeNNTranspiler

/// What the CPU and CUDA module writers share: the names code strings see, checking
/// them (collecting errors), and the parameter, variable and extra global parameter
/// fields of a merged group, each backend printing them in its own dialect.
protocol ModelCodeWriting {
  /// The model generated, with what every backend derives from it.
  var merged: MergedModel { get }
  /// The problems found in code strings so far.
  var errors: [TranspilerError] { get set }
  /// The dialect code is printed in (its maths library).
  var dialect: Dialect { get }
  /// The translation unit written so far.
  var output: GeneratedCode { get set }
  /// The fields of dynamic parameters bound so far (``DynamicParameterField``).
  var dynamicParameterFields: [DynamicParameterField] { get set }
}

extension ModelCodeWriting {
  /// The model generated.
  var model: ModelSpec { merged.model }
  /// The arrays of its state, in binding order.
  var memory: MemoryPlan { merged.memory }
  /// The optional state its code needs.
  var usage: CodeUsage { merged.usage }
  /// The model's types (`scalar`, time).
  var types: TypeContext { merged.types }
  /// Its neuron populations, merged by structure.
  var neuronGroups: [MergedNeuronGroup] { merged.neuronGroups }
  /// Its variable initialisation, merged by structure.
  var initGroups: [MergedInitGroup] { merged.initGroups }
  /// Its synapse populations, merged by structure.
  var synapseGroups: [MergedSynapseGroup] { merged.synapseGroups }
  /// The C name of `scalar`.
  var scalarName: String { types.scalar.cName }
  /// The C name of the time type.
  var timeName: String { types.timepoint.cName }
  /// The function that notes, from any thread, a synapse beyond a population in a slot
  /// threads share (`note(slot, row, target)`, keeping the first in (row, target) order).
  var sharedRangeNote: String {
    dialect == .cuda ? "genn_note_out_of_range" : "genn::noteOutOfRangeShared"
  }
  /// The time step as a literal of the time type.
  var dtLiteral: String { NumericLiteral.write(model.dt, as: types.timepoint) }

  /// The name and model index of the synapse population whose postsynaptic model and
  /// arrays `synapses` uses (itself unless fused, ``PostsynapticFusion``).
  func postsynapticOwner(of synapses: SynapsePopulation) -> (name: String, index: Int) {
    let name = usage.fusion.target(of: synapses.name)
    let index = model.synapsePopulations.firstIndex { $0.name == name }!
    return (name, index)
  }

  /// Appends one line of generated code, indented by the scopes open (see
  /// ``GeneratedCode``).
  mutating func line(_ text: String = "") { output.line(text) }

  /// Appends laid-out text, such as a support library, at the current depth.
  mutating func block(_ text: String) { output.block(text) }

  /// Appends part of the support library the module carries, at the current depth.
  mutating func support(_ text: String) {
    let outer = enter(.support)
    block(text)
    leave(outer)
  }

  /// Puts the random number generator and the distributions the module calls at
  /// `placeholder`, once the rest of the module is written.
  mutating func writeRandomNumbers(at placeholder: GeneratedCode.Placeholder) {
    output.insert(RandomNumberSource.source(calledBy: output.text), at: placeholder)
  }

  /// Appends a checked code string at the current depth, its lines recorded as written
  /// for that code string (its ``CheckedStatements/context``); nothing for `nil`, a
  /// string that failed its check.
  mutating func code(_ checked: CheckedStatements?) {
    guard let checked else { return }
    let outer = output.part
    output.enterPart(checked.context)
    block(checked.code().dropLastNewline)
    output.enterPart(outer)
  }

  /// Appends one line holding a checked expression, recorded as written for it.
  mutating func line(_ text: String, holding checked: CheckedExpression) {
    let outer = output.part
    output.enterPart(checked.context)
    line(text)
    output.enterPart(outer)
  }

  /// The update of merged neuron group `group`, as an origin.
  func origin(of group: MergedNeuronGroup) -> CodeOrigin.Element {
    .neuronUpdate(
      group: group.index, populations: group.populations.map { model.neuronPopulations[$0].name })
  }

  /// The initialisation of merged group `group`, as an origin.
  func origin(of group: MergedInitGroup) -> CodeOrigin.Element {
    .initialisation(group: group.index, elements: group.elements.map { $0.description(in: model) })
  }

  /// The update of merged synapse group `group`, as an origin.
  func synapseUpdateOrigin(_ group: MergedSynapseGroup) -> CodeOrigin.Element {
    .synapseUpdate(
      group: group.index, populations: group.populations.map { model.synapsePopulations[$0].name })
  }

  /// The connectivity and variable initialisation of merged synapse group `group`, as an
  /// origin.
  func synapseInitialisationOrigin(_ group: MergedSynapseGroup) -> CodeOrigin.Element {
    .synapseInitialisation(
      group: group.index, populations: group.populations.map { model.synapsePopulations[$0].name })
  }

  /// Writes the next lines for `element` until ``leave(_:)`` is given what this returns.
  mutating func enter(_ element: CodeOrigin.Element) -> CodeOrigin {
    let outer = CodeOrigin(element: output.element, part: output.part)
    output.enter(element)
    return outer
  }

  /// Writes the next lines for the element and part `entry` was entered from.
  mutating func leave(_ outer: CodeOrigin) {
    output.enter(outer.element)
    output.enterPart(outer.part)
  }
}

extension ModelCodeWriting {
  /// The names code strings see: maths and `dt` always; `t` where code runs in a time
  /// step (not in initialisation); random numbers where a generator `rng` is set up.
  func baseEnvironment(context: String, time: Bool = true, random: Bool = true) -> Environment {
    var environment = Environment(context: context, types: types)
    let timepoint = GeNNType.numeric(types.timepoint).addingConst
    environment.add(StandardLibrary.mathematics(for: dialect))
    if random {
      environment.add(StandardLibrary.random(precision: types.scalar, generator: "&rng"))
    }
    if time { environment.define("t", timepoint, spelling: "t", role: "time") }
    environment.define("dt", timepoint, spelling: dtLiteral, role: "time step")
    return environment
  }

  /// Checks `code` as statements, recording errors; `nil` when it fails.
  mutating func checkStatements(_ code: String, in environment: Environment) -> CheckedStatements? {
    do {
      return try Transpiler.checkStatements(code, in: environment)
    } catch {
      errors.append(error)
      return nil
    }
  }

  /// Checks `code` as an expression, recording errors; `nil` when it fails.
  mutating func checkExpression(_ code: String, in environment: Environment) -> CheckedExpression? {
    do {
      return try Transpiler.checkExpression(code, in: environment)
    } catch {
      errors.append(error)
      return nil
    }
  }

  /// Checks a condition (`construct`, such as a threshold condition), which must be a
  /// number or a pointer; records errors.
  mutating func checkCondition(
    _ code: String, in environment: Environment, construct: String = "threshold condition"
  ) -> CheckedExpression? {
    guard let checked = checkExpression(code, in: environment) else { return nil }
    guard checked.type.isScalar else {
      let diagnostic = Diagnostic(
        .invalidCondition(construct: construct, type: checked.type.cName),
        at: checked.expression.location, token: "")
      errors.append(
        TranspilerError(context: environment.context, code: code, diagnostics: [diagnostic]))
      return nil
    }
    return checked
  }

  /// A description of the populations of a merged group for messages.
  func describe(populations: [Int]) -> String {
    let names = populations.map { "'\(model.neuronPopulations[$0].name)'" }
    return names.count == 1
      ? "neuron population \(names[0])" : "neuron populations \(names.joined(separator: ", "))"
  }

  /// The delay slots of variable `name` of an initialised element: the population's
  /// slots for a queued neuron variable, else 1.
  func slots(of element: MergedInitGroup.Element, variable name: String) -> Int {
    guard case .neuronPopulation(let index) = element else { return 1 }
    let population = model.neuronPopulations[index].name
    return usage.queuedVariables[population]?.contains(name) == true
      ? model.maximumDelaySteps(of: population) + 1 : 1
  }

  /// The C type of a variable in this model.
  func cType(_ base: TypeName.Base) -> String { base.resolved(in: types).cName }

  /// The type of parameter `name`: the one `paramTypes` gives, else `scalar`.
  func parameterType(_ name: String, _ paramTypes: [String: String]) -> NumericType {
    (paramTypes[name].flatMap(TypeName.Base.init(parsing:)) ?? .scalar).resolved(in: types)
  }

  /// The numeric type of derived parameter `parameter` (`scalar` unless typed).
  func derivedType(_ parameter: DerivedParameter) -> NumericType {
    (TypeName.Base(parsing: parameter.type) ?? .scalar).resolved(in: types)
  }

  /// Adds parameters and derived parameters, read-only, spelled as the fields
  /// `group.<prefix>p_<name>` and `group.<prefix>dp_<name>`.
  func addParameters(
    to environment: inout Environment, prefix: String, params: [String],
    derived: [DerivedParameter], paramTypes: [String: String]
  ) {
    for name in params {
      environment.define(
        name, GeNNType.numeric(parameterType(name, paramTypes)).addingConst,
        spelling: "group.\(prefix)p_\(name)", role: "parameter")
    }
    for parameter in derived {
      environment.define(
        parameter.name, GeNNType.numeric(derivedType(parameter)).addingConst,
        spelling: "group.\(prefix)dp_\(parameter.name)", role: "derived parameter")
    }
  }

  /// Declares the parameter fields ``addParameters(to:prefix:params:derived:paramTypes:)``
  /// names.
  mutating func declareParameters(
    prefix: String, params: [String], derived: [DerivedParameter],
    paramTypes: [String: String]
  ) {
    for name in params { line("\(parameterType(name, paramTypes).cName) \(prefix)p_\(name);") }
    for parameter in derived {
      line("\(derivedType(parameter).cName) \(prefix)dp_\(parameter.name);")
    }
  }

  /// Adds a model's params, derived params, variables and extra global params, spelled
  /// as fields of `group` (variables as the update's local copies).
  func addFields(
    to environment: inout Environment, prefix: String, params: [String],
    paramTypes: [String: String], derived: [DerivedParameter], vars: [Variable],
    egps: [ExtraGlobalParameter]
  ) {
    addParameters(
      to: &environment, prefix: prefix, params: params, derived: derived, paramTypes: paramTypes)
    for variable in vars {
      let type = GeNNType.numeric(variable.valueType!.resolved(in: types))
      let local = prefix.isEmpty ? "l_\(variable.name)" : "l\(prefix)\(variable.name)"
      environment.define(
        variable.name, variable.access.isWritable ? type : type.addingConst, spelling: local,
        role: variable.access.isWritable ? "state variable" : "read-only state variable")
    }
    addExtraGlobalParameters(to: &environment, egps, prefix: prefix)
  }

  /// Points `field.member` at the array with `role`, typed from its layout: at batch
  /// `batch`'s copy (a C variable of the binding code) of an array with one per batch.
  mutating func bindArray(
    _ field: String, _ member: String, to role: ArrayLayout.Role, readOnly: Bool = false
  ) {
    let index = memory.index(of: role)
    let layout = memory.arrays[index]
    let type = (readOnly ? "const " : "") + layout.elementType.cName
    let copy = layout.batches > 1 ? " + (size_t)batch * \(layout.batchCount)u" : ""
    line("\(field).\(member) = static_cast<\(type) *>(arrays[\(index)])\(copy);")
  }

  /// The model's batch size (``GeNNModel/ModelSpec/batchSize``).
  var batches: Int { memory.batchSize }

  /// The extent of an array of one copy per batch of a group's fields (`[N]`); nothing
  /// with one batch.
  var batchExtent: String { batches > 1 ? "[\(batches)]" : "" }

  /// `fields`, an array of a group's fields, at batch `batch`'s copy (a C expression);
  /// `fields` itself with one batch.
  func copy(_ fields: String, batch: String = "batch") -> String {
    batches > 1 ? "\(fields)[\(batch)]" : fields
  }

  /// Opens a loop over the batches, `batch` from 0; nothing with one batch.
  mutating func openBatchLoop() {
    if batches > 1 { line("for (uint32_t batch = 0; batch < \(batches)u; batch++) {") }
  }

  /// Closes ``openBatchLoop()``'s loop.
  mutating func closeBatchLoop() {
    if batches > 1 { line("}") }
  }

  /// The seed of batch `batch` (a C variable of the binding code) where the model runs
  /// several batches: each batch's random streams are its own, batch 0's are the
  /// unbatched model's.
  var batchSeed: String {
    batches > 1 ? "(seed ^ ((uint64_t)batch * 0x9E3779B97F4A7C15ull))" : "seed"
  }

  /// Writes parameter and derived parameter values as GeNN writes them into code.
  /// The fields of the dynamic parameters of `dynamic`'s element and model are noted
  /// for the setter (``writeDynamicParameterSwitch()``).
  mutating func writeParameterBindings(
    field: String, prefix: String, params: [String: Double], names: [String],
    derived: [DerivedParameter], paramTypes: [String: String],
    dynamic: (element: String, owner: DynamicParameter.Owner)? = nil
  ) {
    if let dynamic {
      noteDynamicParameterFields(
        field: field, prefix: prefix, names: names, paramTypes: paramTypes,
        element: dynamic.element, owner: dynamic.owner)
    }
    for name in names {
      let type = parameterType(name, paramTypes)
      line(
        "\(field).\(prefix)p_\(name) = \(NumericLiteral.write(params[name] ?? 0, as: type));")
    }
    let values = (try? model.derivedValues(derived, params: params)) ?? [:]
    for parameter in derived {
      line(
        "\(field).\(prefix)dp_\(parameter.name) = \(NumericLiteral.write(values[parameter.name] ?? 0, as: derivedType(parameter)));"
      )
    }
  }

  /// Adds references to the neuron's variables, spelled as the update's local copies
  /// (their current values); writable where the reference and the variable allow it.
  func addNeuronReferences(
    to environment: inout Environment, _ references: [NeuronVarReference], neuron: NeuronModel,
    target: (NeuronVarReference) -> String
  ) {
    for reference in references {
      let name = target(reference)
      guard let variable = neuron.vars.first(where: { $0.name == name }) else { continue }
      let type = GeNNType.numeric(variable.valueType!.resolved(in: types))
      environment.define(
        reference.name,
        reference.isReadOnly || !variable.access.isWritable ? type.addingConst : type,
        spelling: "l_\(name)", role: "reference to neuron variable '\(name)'")
    }
  }
}

extension ModelCodeWriting {
  /// Draws the row lengths of merged group `group`'s snippet before its rows are built: for
  /// ``ConnectivitySnippet/RowLengthDraw/totalSynapses(parameter:)``, each row takes a
  /// binomial share of the synapses left over the pairs left (GeNN's host code with one
  /// thread), the last row the rest. One stream, so the lengths never depend on threads.
  /// `qualifier` goes before the function (`__device__ ` for CUDA, where one thread runs
  /// it).
  mutating func writeRowLengthDraws(_ group: MergedSynapseGroup, qualifier: String = "") {
    let outer = enter(synapseInitialisationOrigin(group))
    defer { leave(outer) }
    let synapses = model.synapsePopulations[group.archetype]
    guard case .totalSynapses(let parameter)? = synapses.rowLengthDraw else { return }
    line(
      "\(qualifier)void drawRowLengthsSynapseGroup\(group.index)(const \(synapseStructName(group)) &group) {"
    )
    line("GeNNRng rng;")
    line("genn_rng_init(&rng, group.seed, 0xA4000000u | group.populationIndex, 0u, 0xFFFFFFFDu);")
    line("uint32_t remaining = (uint32_t)group.conn_p_\(parameter);")
    line("double pairs = (double)group.numSrcNeurons * (double)group.numTrgNeurons;")
    line("for (uint32_t i = 0; i + 1u < group.numSrcNeurons; i++) {")
    line("const double probability = (double)group.numTrgNeurons / pairs;")
    line(
      "const uint32_t length = remaining == 0u ? 0u : genn_rand_binomial_double(&rng, remaining, probability);"
    )
    line("remaining -= length;")
    line("pairs -= (double)group.numTrgNeurons;")
    line("group.preCalcRowLength[i] = length;")
    line("}")
    line("group.preCalcRowLength[group.numSrcNeurons - 1u] = remaining;")
    line("}")
    line("")
  }
}
