import GeNNModel
import GeNNTranspiler

/// How many values each custom update variable has.
enum CustomUpdateLayout {
  /// One per neuron the update runs over (one in all for variables shared across neurons
  /// and updates whose references are all shared), or one per synapse of the population
  /// the update runs over, padded as its weight update variables are.
  static func count(of variable: CustomUpdateVariable, in update: CustomUpdate, _ model: ModelSpec)
    -> Int
  {
    switch model.shape(of: update) {
    case .neurons(let count, let perElement)?:
      return perElement && !variable.access.isSharedAcrossNeurons ? count : 1
    case .synapses(let name)?:
      guard let synapses = model.synapsePopulations.first(where: { $0.name == name }),
        let source = model.neuronPopulation(named: synapses.source)?.size,
        let target = model.neuronPopulation(named: synapses.target)?.size
      else { return 0 }
      if synapses.matrixType.weightStorage == .kernel {
        return saturatingProduct(synapses.kernelSize)
      }
      if synapses.matrixType == .sparse {
        return saturatingProduct(
          source,
          SparseConnectivity.rowStride(of: synapses, sourceSize: source, targetSize: target))
      }
      return saturatingProduct(source, target)
    case nil:
      return 0
    }
  }
}

/// How a custom update's function visits the elements it runs over.
enum CustomUpdateIteration {
  /// Loops over every element on one thread, as GeNN's CPU backend does (and the CUDA
  /// backend for updates that reduce over neurons, so that sums keep the CPU's order).
  case loops
  /// One element per thread: the function takes the thread's index `thread` and returns
  /// at once past the last element (the CUDA backend).
  case perThread
}

/// One name the update code sees: a variable or a reference, its local copy, and where
/// the copy comes from and goes back to.
struct CustomUpdateField {
  var name: String
  var type: NumericType
  /// `v_` for variables, `r_` for references: the member `group.<prefix><name>`.
  var member: String
  var mode: VarAccessMode
  /// The index of the element the code runs for, or `0` for one value in all.
  var index: String
  /// Whether the value is reduced over the neurons, into index 0 after the loop.
  var reducesOverNeurons: Bool
  /// For a reference to a variable kept per delay slot, its slots.
  var slots: ReferenceSlots? = nil
  /// In an update that reduces over batches, the elements of each batch's copy of a
  /// variable with one per batch (read and written at batch `batch`'s copy).
  var batchStride: Int? = nil
  /// Whether the value is reduced over the batches, into the one copy after the loop
  /// over them.
  var reducesOverBatches = false

  /// Where the code reads and writes the element: `index` in the latest step's slot
  /// (`slotOffset_<name>`) of a variable kept per delay slot, in batch `batch`'s copy.
  var position: String {
    let element = slots == nil ? index : "slotOffset_\(name) + \(index)"
    return batchStride.map { "(size_t)batch * \($0)u + \(element)" } ?? element
  }
}

/// The delay slots of a variable a custom update references (GeNN's delayed variable
/// references): `count` slots of `size` elements, of which the update reads and writes
/// `current`, a C expression of `timestep` (the steps done), and a `BROADCAST` reference
/// writes every one.
struct ReferenceSlots {
  var count: Int
  var size: Int
  var current: String
}

/// The custom updates, for both backends: one struct and function per custom update; per
/// neuron (`id`) with reductions over neurons kept in locals and written after the loop,
/// or per synapse (`id_pre`, `id_post`, `id_syn`), with `Transpose` writing the
/// transposed DENSE matrix.
extension ModelCodeWriting {
  func fields(of update: CustomUpdate) -> [CustomUpdateField] {
    let shape = model.shape(of: update)
    let perSynapse: Bool = if case .synapses = shape { true } else { false }
    let perElement: Bool = if case .neurons(_, let perElement)? = shape { perElement } else { true }
    var fields: [CustomUpdateField] = []
    for variable in update.model.vars {
      let hasElement = perSynapse || (perElement && !variable.access.isSharedAcrossNeurons)
      fields.append(
        CustomUpdateField(
          name: variable.name, type: variable.valueType!.resolved(in: types),
          member: "v_\(variable.name)", mode: variable.access.mode,
          index: perSynapse ? "idSyn" : (hasElement ? "id" : "0"),
          reducesOverNeurons: !perSynapse && variable.access.isNeuronReduction))
    }
    for reference in update.model.varRefs {
      let target = try? model.referencedVariable(
        update.varRefs[reference.name]!, before: model.customUpdates.count
      ).get()
      let hasElement = target?.hasElementDimension ?? true
      fields.append(
        CustomUpdateField(
          name: reference.name,
          type: (TypeName.Base(parsing: reference.type) ?? .scalar).resolved(in: types),
          member: "r_\(reference.name)", mode: reference.access,
          index: perSynapse ? "idSyn" : (hasElement ? "id" : "0"),
          reducesOverNeurons: !perSynapse && reference.access.isReduction && !hasElement,
          slots: referenceSlots(of: update.varRefs[reference.name]!)))
    }
    // With several batches, a reduction into a variable shared across batches makes the
    // update a batch reduction: every other variable with copies is read at its batch's.
    guard batches > 1 else { return fields }
    let layouts = fields.map { arrayLayout(of: $0.name, in: update) }
    for (position, layout) in layouts.enumerated() {
      fields[position].reducesOverBatches =
        fields[position].mode.isReduction && !fields[position].reducesOverNeurons
        && layout.batches == 1
    }
    guard fields.contains(where: \.reducesOverBatches) else { return fields }
    for (position, layout) in layouts.enumerated() where layout.batches > 1 {
      fields[position].batchStride = layout.batchCount
    }
    return fields
  }

  /// Whether custom update `index` reduces over batches in a model that runs several:
  /// its function then runs every batch, element by element (GeNN's batch reduction).
  func reducesOverBatches(_ index: Int) -> Bool {
    batches > 1 && fields(of: model.customUpdates[index]).contains(where: \.reducesOverBatches)
  }

  /// The array of field `name` of `update` (a variable or a reference).
  private func arrayLayout(of name: String, in update: CustomUpdate) -> ArrayLayout {
    let array: ArrayLayout.Role =
      update.varRefs[name].map { role(of: $0) }
      ?? .customUpdateVariable(update: update.name, variable: name)
    return memory.layout(of: array)!
  }

  /// The reference whose value is written transposed, with its target.
  private func transposeReference(of update: CustomUpdate) -> (
    name: String, synapses: String, variable: String
  )? {
    for reference in update.model.varRefs {
      if case .transposedWeightUpdateVariable(_, _, let synapses, let variable)? = update.varRefs[
        reference.name]
      {
        return (reference.name, synapses, variable)
      }
    }
    return nil
  }

  /// The value a reduction starts from: 0 for a sum, the lowest value for a maximum.
  private func reductionStart(_ mode: VarAccessMode, _ type: NumericType) -> String {
    if mode == .reduceSum { return NumericLiteral.write(0, as: type) }
    switch type {
    case .float: return NumericLiteral.write(-Double(Float.greatestFiniteMagnitude), as: .float)
    case .double: return NumericLiteral.write(-Double.greatestFiniteMagnitude, as: .double)
    case .bool: return "false"
    default: return type.isSigned ? type.rawValue.uppercased() + "_MIN" : "0u"
    }
  }

  private func reduction(_ accumulator: String, _ value: String, _ field: CustomUpdateField)
    -> String
  {
    if field.mode == .reduceSum { return "\(accumulator) += \(value);" }
    let maximum = dialect == .cuda ? "max" : "std::max"
    return field.type.isIntegral
      ? "\(accumulator) = \(maximum)(\(accumulator), \(value));"
      : "\(accumulator) = fmax(\(accumulator), \(value));"
  }

  /// Whether custom update `index` reduces a value over the neurons it runs over (so it
  /// cannot run one neuron per thread without a parallel reduction).
  func reducesOverNeurons(_ index: Int) -> Bool {
    fields(of: model.customUpdates[index]).contains(where: \.reducesOverNeurons)
  }

  /// Writes custom update `index`'s struct (named `CustomUpdateINDEX`) and its function
  /// `updateCustomUpdateINDEX`, visiting its elements as `iteration` says, preceded by
  /// `qualifier` (`__device__ ` for CUDA); `instance` is written between the two (the
  /// CUDA backend's `__device__` struct instance).
  mutating func writeCustomUpdate(
    _ index: Int, iteration: CustomUpdateIteration, qualifier: String = "", instance: String = ""
  ) {
    let update = model.customUpdates[index]
    let outer = enter(.customUpdate(update.name))
    defer { leave(outer) }
    let updateModel = update.model
    let shape = model.shape(of: update)
    let perSynapse: Bool = if case .synapses = shape { true } else { false }
    let fields = fields(of: update)
    let transpose = transposeReference(of: update)
    let structName = "CustomUpdate\(index)"
    let over: String =
      switch shape {
      case .neurons(let count, _)?: "\(count) neurons"
      case .synapses(let name)?: "the synapses of synapse population '\(name)'"
      case nil: "nothing"
      }
    line(
      "// Custom update \(index): '\(update.name)' (model '\(updateModel.name.commentText)', update group "
        + "'\(update.updateGroup)') over \(over).")
    line("struct \(structName) {")
    if case .synapses(let synapses)? = shape {
      line("uint32_t numPre;")
      line("uint32_t numPost;")
      line("uint32_t rowStride;")
      line("const uint32_t *rowLength;")
      line("const \(sparseIndexCName(ofSynapses: synapses)) *ind;")
    } else {
      line("uint32_t numNeurons;")
    }
    if batches > 1 { line("uint32_t batch;") }
    declareParameters(
      prefix: "", params: updateModel.params, derived: updateModel.derivedParams,
      paramTypes: updateModel.paramTypes)
    for field in fields { line("\(field.type.cName) *\(field.member);") }
    for egp in updateModel.extraGlobalParams + updateModel.extraGlobalParamRefs {
      declareExtraGlobalParameter(egp, prefix: "")
    }
    declareOutOfRangeRecord()
    if let transpose {
      let type = fields.first { $0.name == transpose.name }!.type
      line("\(type.cName) *transpose_\(transpose.name);")
    }
    line("};")
    if !instance.isEmpty { line(instance) }
    line("")

    // The update code, checked against the names GeNN gives it.
    var environment = baseEnvironment(
      context: "custom update '\(update.name)', update code", random: false)
    let index32 = GeNNType.uint32.addingConst
    if case .synapses(let name)? = shape, let kernelSize = kernelSize(of: name) {
      // GeNN's kernel iteration: the kernel element is the "synapse".
      environment.define("id_syn", index32, spelling: "idSyn", role: "kernel index")
      environment.define("id_kernel", index32, spelling: "idSyn", role: "kernel index")
      for dimension in kernelSize.indices {
        environment.define(
          "id_kernel_\(dimension)", index32, spelling: "idKernel\(dimension)",
          role: "kernel index")
      }
      environment.define(
        "num_pre", index32, spelling: "group.numPre", role: "number of presynaptic neurons")
      environment.define(
        "num_post", index32, spelling: "group.numPost", role: "number of postsynaptic neurons")
    } else if perSynapse {
      environment.define("id_pre", index32, spelling: "i", role: "presynaptic neuron index")
      environment.define("id_post", index32, spelling: "j", role: "postsynaptic neuron index")
      environment.define("id_syn", index32, spelling: "idSyn", role: "synapse index")
      environment.define(
        "num_pre", index32, spelling: "group.numPre", role: "number of presynaptic neurons")
      environment.define(
        "num_post", index32, spelling: "group.numPost", role: "number of postsynaptic neurons")
    } else {
      environment.define("id", index32, spelling: "id", role: "neuron index")
      environment.define(
        "num_neurons", index32, spelling: "group.numNeurons", role: "number of neurons")
    }
    // A batch reduction runs every batch in a loop; other updates run once per batch
    // (or once, batch 0, without the batch dimension).
    let batchReduction = fields.contains(where: \.reducesOverBatches)
    environment.define(
      "batch", index32,
      spelling: batchReduction ? "batch" : (batches > 1 ? "group.batch" : "0u"),
      role: "batch index")
    environment.define("num_batch", index32, spelling: "\(batches)u", role: "number of batches")
    addParameters(
      to: &environment, prefix: "", params: updateModel.params, derived: updateModel.derivedParams,
      paramTypes: updateModel.paramTypes)
    addExtraGlobalParameters(
      to: &environment, updateModel.extraGlobalParams + updateModel.extraGlobalParamRefs,
      prefix: "")
    for field in fields {
      let type = GeNNType.numeric(field.type)
      let (qualified, role): (GeNNType, String) =
        switch field.mode {
        case .readOnly: (type.addingConst, "read-only variable")
        case .readWrite: (type, "variable")
        case .reduceSum, .reduceMax: (type.with(.writeOnly), "reduction target")
        case .broadcast: (type.with(.writeOnly), "broadcast target")
        }
      environment.define(field.name, qualified, spelling: "l_\(field.name)", role: role)
    }
    let checked = checkStatements(updateModel.updateCode, in: environment)
    // Like GeNN, only the names the code uses are copied in and out; reduction targets
    // (reduced even if unassigned) and a transposed reference always are.
    let used = fields.filter {
      $0.mode.isReduction || $0.name == transpose?.name
        || CodeUsage.uses($0.name, in: [updateModel.updateCode])
    }

    let threadParameter = iteration == .perThread ? ", uint32_t thread" : ""
    line(
      "\(qualifier)void updateCustomUpdate\(index)(const \(structName) &group, "
        + "uint64_t timestep\(threadParameter)) {")
    line("const \(timeName) t = timestep * \(dtLiteral);")
    line("(void)t;")
    for field in used {
      guard let slots = field.slots else { continue }
      line(
        "const size_t slotOffset_\(field.name) = (size_t)(\(slots.current)) * \(slots.size)u;")
    }
    let neuronReductions = fields.filter(\.reducesOverNeurons)
    for field in neuronReductions {
      line(
        "\(field.type.cName) red_\(field.name) = \(reductionStart(field.mode, field.type));")
    }
    writeCustomUpdateIteration(shape, iteration)
    let batchReductions = used.filter(\.reducesOverBatches)
    if batchReduction {
      for field in batchReductions {
        line(
          "\(field.type.cName) red_\(field.name) = \(reductionStart(field.mode, field.type));")
      }
      line("for (uint32_t batch = 0; batch < \(batches)u; batch++) {")
    }
    for field in used {
      let array = "group.\(field.member)[\(field.position)]"
      switch field.mode {
      case .readOnly:
        line("const \(field.type.cName) l_\(field.name) = \(array);")
      case .readWrite:
        line("\(field.type.cName) l_\(field.name) = \(array);")
      case .reduceSum, .reduceMax:
        line(
          "\(field.type.cName) l_\(field.name) = \(reductionStart(field.mode, field.type));"
        )
      case .broadcast:
        line("\(field.type.cName) l_\(field.name) = \(NumericLiteral.write(0, as: field.type));")
      }
    }
    line("// update code")
    code(checked)
    for field in used {
      let array = "group.\(field.member)[\(field.position)]"
      if field.reducesOverNeurons || field.reducesOverBatches {
        line(reduction("red_\(field.name)", "l_\(field.name)", field))
      } else if field.mode == .broadcast, let slots = field.slots {
        let copy = field.batchStride.map { "(size_t)batch * \($0)u + " } ?? ""
        line("for (uint32_t d = 0; d < \(slots.count)u; d++) {")
        line(
          "group.\(field.member)[\(copy)((size_t)d * \(slots.size)u) + \(field.index)] = l_\(field.name);"
        )
        line("}")
      } else if field.mode != .readOnly {
        // Read-write values and, with batch size 1, batch reductions are stored.
        line("\(array) = l_\(field.name);")
      }
    }
    if batchReduction {
      line("}")
      for field in batchReductions {
        line("group.\(field.member)[\(field.position)] = red_\(field.name);")
      }
    }
    if let transpose {
      line(
        "group.transpose_\(transpose.name)[(j * group.numPre) + i] = l_\(transpose.name);"
      )
    }
    // Rows and their synapses close two scopes, kernel elements one.
    if perSynapse, case .synapses(let name)? = shape, kernelSize(of: name) == nil { line("}") }
    line("}")
    for field in neuronReductions {
      line("group.\(field.member)[0] = red_\(field.name);")
    }
    line("}")
    line("")
  }

  /// Opens the loops (or, one element per thread, the checks) that give the update code
  /// its element indices.
  private mutating func writeCustomUpdateIteration(
    _ shape: CustomUpdateShape?, _ iteration: CustomUpdateIteration
  ) {
    if case .synapses(let name)? = shape, let kernelSize = kernelSize(of: name) {
      let count = kernelSize.reduce(1, *)
      switch iteration {
      case .loops:
        line("for (uint32_t idSyn = 0; idSyn < \(count)u; idSyn++) {")
      case .perThread:
        line("const uint32_t idSyn = thread;")
        line("if (idSyn >= \(count)u) { return; }")
        line("{")
      }
      for dimension in kernelSize.indices {
        let stride = kernelSize[(dimension + 1)...].reduce(1, *)
        line(
          "const uint32_t idKernel\(dimension) = (idSyn / \(stride)u) % \(kernelSize[dimension])u;"
            + " (void)idKernel\(dimension);")
      }
      return
    }
    switch (shape, iteration) {
    case (.synapses(let name)?, .loops):
      let synapses = model.synapsePopulations.first { $0.name == name }!
      line("for (uint32_t i = 0; i < group.numPre; i++) {")
      if synapses.matrixType == .sparse {
        line("for (uint32_t s = 0; s < group.rowLength[i]; s++) {")
        line("const uint32_t idSyn = (i * group.rowStride) + s;")
        line("const uint32_t j = group.ind[idSyn];")
      } else {
        line("for (uint32_t j = 0; j < group.numPost; j++) {")
        line("const uint32_t idSyn = (i * group.numPost) + j;")
      }
      line("(void)idSyn; (void)j;")
    case (.synapses(let name)?, .perThread):
      let synapses = model.synapsePopulations.first { $0.name == name }!
      let stride = synapses.matrixType == .sparse ? "group.rowStride" : "group.numPost"
      line("const uint32_t i = thread / \(stride);")
      line("if (i >= group.numPre) { return; }")
      line("{")
      if synapses.matrixType == .sparse {
        line("const uint32_t s = thread % group.rowStride;")
        line("if (s >= group.rowLength[i]) { return; }")
        line("{")
        line("const uint32_t idSyn = (i * group.rowStride) + s;")
        line("const uint32_t j = group.ind[idSyn];")
      } else {
        line("const uint32_t j = thread % group.numPost;")
        line("{")
        line("const uint32_t idSyn = (i * group.numPost) + j;")
      }
      line("(void)idSyn; (void)j;")
    case (.neurons(_, let perElement)?, .loops):
      line(
        perElement
          ? "for (uint32_t id = 0; id < group.numNeurons; id++) {"
          : "for (uint32_t id = 0; id < 1u; id++) {")
    case (.neurons(_, let perElement)?, .perThread):
      line("const uint32_t id = thread;")
      line("if (id >= \(perElement ? "group.numNeurons" : "1u")) { return; }")
      line("{")
    case (nil, .loops):
      line("{")
    case (nil, .perThread):
      line("if (thread != 0u) { return; }")
      line("{")
    }
  }

  /// The threads a one-element-per-thread launch of custom update `index` needs: one per
  /// neuron (or one for a value shared by all), one per synapse slot.
  func customUpdateThreads(_ index: Int) -> Int {
    let update = model.customUpdates[index]
    switch model.shape(of: update) {
    case .neurons(let count, let perElement)?: return perElement ? count : 1
    case .synapses(let name)?:
      guard let synapses = model.synapsePopulations.first(where: { $0.name == name }),
        let source = model.neuronPopulation(named: synapses.source)?.size,
        let target = model.neuronPopulation(named: synapses.target)?.size
      else { return 0 }
      if let kernelSize = kernelSize(of: name) { return kernelSize.reduce(1, *) }
      return synapses.matrixType == .sparse
        ? source
          * SparseConnectivity.rowStride(of: synapses, sourceSize: source, targetSize: target)
        : source * target
    case nil: return 1
    }
  }

  /// Fills the struct `field` of custom update `index`: sizes, parameters and arrays.
  mutating func writeCustomUpdateBinding(_ index: Int, field: String) {
    let update = model.customUpdates[index]
    line("// custom update '\(update.name)'")
    switch model.shape(of: update) {
    case .synapses(let name)?:
      let synapses = model.synapsePopulations.first { $0.name == name }!
      let source = model.neuronPopulation(named: synapses.source)!.size
      let target = model.neuronPopulation(named: synapses.target)!.size
      line("\(field).numPre = \(source)u;")
      line("\(field).numPost = \(target)u;")
      if synapses.matrixType == .sparse {
        let stride = SparseConnectivity.rowStride(
          of: synapses, sourceSize: source, targetSize: target)
        line("\(field).rowStride = \(stride)u;")
        bindArray(field, "rowLength", to: .synapseRowLengths(synapses: name), readOnly: true)
        bindArray(field, "ind", to: .synapseIndices(synapses: name), readOnly: true)
      } else {
        line("\(field).rowStride = \(target)u;")
        line("\(field).rowLength = nullptr;")
        line("\(field).ind = nullptr;")
      }
    case .neurons(let count, _)?:
      line("\(field).numNeurons = \(count)u;")
    case nil:
      line("\(field).numNeurons = 0u;")
    }
    if batches > 1 { line("\(field).batch = batch;") }
    writeParameterBindings(
      field: field, prefix: "", params: update.params, names: update.model.params,
      derived: update.model.derivedParams, paramTypes: update.model.paramTypes,
      dynamic: (update.name, .customUpdate))
    for variable in update.model.vars {
      bindArray(
        field, "v_\(variable.name)",
        to: .customUpdateVariable(update: update.name, variable: variable.name))
    }
    for reference in update.model.varRefs {
      bindArray(field, "r_\(reference.name)", to: role(of: update.varRefs[reference.name]!))
    }
    for egp in update.model.extraGlobalParams {
      bindExtraGlobalParameter(
        field, egp, prefix: "",
        to: .customUpdateExtraGlobalParameter(update: update.name, parameter: egp.name))
    }
    for egp in update.model.extraGlobalParamRefs {
      // The referenced array itself, which the update reads and writes in place.
      bindExtraGlobalParameter(field, egp, prefix: "", to: role(of: update.egpRefs[egp.name]!))
    }
    bindOutOfRangeRecord(field)
    if let transpose = transposeReference(of: update) {
      bindArray(
        field, "transpose_\(transpose.name)",
        to: .weightUpdateVariable(synapses: transpose.synapses, variable: transpose.variable))
    }
  }

  /// The kernel shape of synapse population `name` when its weights are a kernel
  /// (TOEPLITZ, PROCEDURAL_KERNELG), so that a custom update over them runs per kernel
  /// element; `nil` for individual weights.
  func kernelSize(of name: String) -> [Int]? {
    guard let synapses = model.synapsePopulations.first(where: { $0.name == name }),
      synapses.matrixType.weightStorage == .kernel
    else { return nil }
    return synapses.kernelSize
  }

  /// The delay slots of the variable `target` names, if it is kept per delay slot: a
  /// queued neuron variable, a weight update's presynaptic variable under an axonal delay,
  /// its postsynaptic or a postsynaptic model's variable queued under a back-propagation
  /// delay or heterogeneous delays, spike times of a population with delay slots (whose
  /// latest step's slot is `timestep % slots`, as GeNN numbers them), and a dendritic delay buffer
  /// (whose slot delivered in the latest step is `timestep % slots`).
  func referenceSlots(of target: CustomUpdateTarget) -> ReferenceSlots? {
    func neuronSlots(_ population: String) -> ReferenceSlots? {
      let count = model.maximumDelaySteps(of: population) + 1
      guard count > 1, let size = model.neuronPopulation(named: population)?.size else {
        return nil
      }
      return ReferenceSlots(
        count: count, size: size, current: "timestep % \(count)u")
    }
    func synapses(_ name: String) -> SynapsePopulation? {
      model.synapsePopulations.first { $0.name == name }
    }
    switch target {
    case .neuronVariable(let population, let variable):
      return usage.queuedVariables[population]?.contains(variable) == true
        ? neuronSlots(population) : nil
    case .weightUpdatePreVariable(let name, _):
      guard let synapses = synapses(name), synapses.axonalDelaySteps > 0 else { return nil }
      return neuronSlots(synapses.source)
    case .weightUpdatePostVariable(let name, _):
      guard let synapses = synapses(name), synapses.queuesPostVars else { return nil }
      return neuronSlots(synapses.target)
    case .postsynapticVariable(let name, _):
      guard let synapses = synapses(name), synapses.queuesPostsynapticVars else { return nil }
      return neuronSlots(synapses.target)
    case .spikeTimes(let population), .previousSpikeTimes(let population):
      return neuronSlots(population)
    case .dendriticDelayBuffer(let name):
      guard let synapses = synapses(name), let count = synapses.maxDendriticDelaySteps,
        let size = model.neuronPopulation(named: synapses.target)?.size
      else { return nil }
      return ReferenceSlots(count: count, size: size, current: "timestep % \(count)u")
    case .currentSourceVariable, .postsynapticInput, .customUpdateVariable,
      .weightUpdateVariable, .transposedWeightUpdateVariable, .customConnectivityUpdateVariable,
      .customConnectivityUpdatePreVariable, .customConnectivityUpdatePostVariable:
      return nil
    }
  }

  /// The array an extra global parameter reference points at.
  func role(of target: ExtraGlobalParameterTarget) -> ArrayLayout.Role {
    switch target {
    case .neuron(let population, let parameter):
      .neuronExtraGlobalParameter(population: population, parameter: parameter)
    case .currentSource(let source, let parameter):
      .currentSourceExtraGlobalParameter(source: source, parameter: parameter)
    case .customUpdate(let update, let parameter):
      .customUpdateExtraGlobalParameter(update: update, parameter: parameter)
    case .customConnectivityUpdate(let update, let parameter):
      .customConnectivityUpdateExtraGlobalParameter(update: update, parameter: parameter)
    case .postsynaptic(let synapses, let parameter):
      .postsynapticExtraGlobalParameter(synapses: synapses, parameter: parameter)
    case .weightUpdate(let synapses, let parameter):
      .weightUpdateExtraGlobalParameter(synapses: synapses, parameter: parameter)
    }
  }

  /// The array a reference points at: a fused population's postsynaptic arrays are its
  /// set's target's, as GeNN's references resolve them.
  func role(of target: CustomUpdateTarget) -> ArrayLayout.Role {
    let fusion = usage.fusion
    return switch target {
    case .neuronVariable(let population, let variable):
      .neuronVariable(population: population, variable: variable)
    case .currentSourceVariable(let source, let variable):
      .currentSourceVariable(source: source, variable: variable)
    case .postsynapticVariable(let synapses, let variable):
      .postsynapticVariable(synapses: fusion.target(of: synapses), variable: variable)
    case .postsynapticInput(let synapses):
      .postsynapticInput(synapses: fusion.target(of: synapses))
    case .dendriticDelayBuffer(let synapses):
      .dendriticDelayBuffer(synapses: fusion.target(of: synapses))
    case .spikeTimes(let population):
      .spikeTimes(population: population)
    case .previousSpikeTimes(let population):
      .previousSpikeTimes(population: population)
    case .weightUpdatePreVariable(let synapses, let variable):
      .weightUpdatePreVariable(synapses: synapses, variable: variable)
    case .weightUpdatePostVariable(let synapses, let variable):
      .weightUpdatePostVariable(synapses: synapses, variable: variable)
    case .customUpdateVariable(let update, let variable):
      .customUpdateVariable(update: update, variable: variable)
    case .weightUpdateVariable(let synapses, let variable),
      .transposedWeightUpdateVariable(let synapses, let variable, _, _):
      .weightUpdateVariable(synapses: synapses, variable: variable)
    case .customConnectivityUpdateVariable(let update, let variable):
      .customConnectivityUpdateVariable(update: update, variable: variable)
    case .customConnectivityUpdatePreVariable(let update, let variable):
      .customConnectivityUpdatePreVariable(update: update, variable: variable)
    case .customConnectivityUpdatePostVariable(let update, let variable):
      .customConnectivityUpdatePostVariable(update: update, variable: variable)
    }
  }
}
