import GeNNModel

/// An extra global parameter of the snippet that initialises one variable (GeNN's
/// extra global parameters of variable initialisation snippets): its array, and the
/// values the snippet was given for that variable.
public struct InitSnippetExtraGlobalParameter: Sendable {
  /// The array's role.
  public var role: ArrayLayout.Role
  /// The declaration.
  public var parameter: ExtraGlobalParameter
  /// The values.
  public var values: [Double]
}

extension SynapseSnippetVariable.Kind {
  /// The model file's name of the variables of this kind.
  var field: String {
    switch self {
    case .synapse: "vars"
    case .presynaptic: "pre_vars"
    case .postsynaptic: "post_vars"
    case .postsynapticModel: "psm_vars"
    }
  }
}

extension ModelSpec {
  /// Every extra global parameter of a snippet initialising a variable, in model order:
  /// neuron populations, current sources, synapse populations (stored per-synapse,
  /// presynaptic, postsynaptic and postsynaptic model variables), custom updates.
  public var initSnippetExtraGlobalParameters: [InitSnippetExtraGlobalParameter] {
    var result: [InitSnippetExtraGlobalParameter] = []
    func add(_ element: String, _ field: String, _ vars: [String], _ inits: [String: VarInit]) {
      for variable in vars {
        guard case .snippet(let snippet, _)? = inits[variable] else { continue }
        for egp in snippet.extraGlobalParams {
          result.append(
            InitSnippetExtraGlobalParameter(
              role: .initSnippetExtraGlobalParameter(
                element: element, field: field, variable: variable, parameter: egp.name),
              parameter: egp, values: snippet.extraGlobalParamValues[egp.name] ?? []))
        }
      }
    }
    for population in neuronPopulations {
      add(population.name, "vars", population.model.vars.map(\.name), population.vars)
    }
    for source in currentSources {
      add(source.name, "vars", source.model.vars.map(\.name), source.vars)
    }
    for synapses in synapsePopulations {
      let model = synapses.weightUpdate
      if synapses.matrixType.weightStorage != .procedural {
        add(synapses.name, "vars", model.vars.map(\.name), synapses.weightUpdateVars)
      }
      add(synapses.name, "pre_vars", model.preVars.map(\.name), synapses.weightUpdatePreVars)
      add(synapses.name, "post_vars", model.postVars.map(\.name), synapses.weightUpdatePostVars)
      add(
        synapses.name, "psm_vars", synapses.postsynaptic.vars.map(\.name),
        synapses.postsynapticVars)
    }
    for update in customUpdates {
      add(update.name, "vars", update.model.vars.map(\.name), update.vars)
    }
    return result
  }
}

extension ModelCodeWriting {
  /// Declares the extra global parameters of `snippet`, fields prefixed `prefix`.
  mutating func declareInitSnippetExtraGlobalParameters(_ snippet: InitSnippet, prefix: String) {
    for egp in snippet.extraGlobalParams { declareExtraGlobalParameter(egp, prefix: prefix) }
  }

  /// Binds the extra global parameters of `snippet` initialising `variable` of `element`'s
  /// `field`.
  mutating func bindInitSnippetExtraGlobalParameters(
    _ field: String, _ snippet: InitSnippet, prefix: String, element: String,
    variables: String, variable: String
  ) {
    for egp in snippet.extraGlobalParams {
      bindExtraGlobalParameter(
        field, egp, prefix: prefix,
        to: .initSnippetExtraGlobalParameter(
          element: element, field: variables, variable: variable, parameter: egp.name))
    }
  }
}
