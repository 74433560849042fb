/// A name a code string may use, its type, and how it is printed in generated code.
public struct Symbol: Hashable, Sendable {
  /// The name as users write it.
  public var name: String
  /// Its type; `const` for names the code may read but not assign.
  public var type: GeNNType
  /// What the printer writes for it. For a value, the text itself (a generated name or
  /// expression, parenthesised by the caller if needed). For a function, a template in
  /// which `$(0)`, `$(1)`, ... stand for the arguments and `$(@)` for the variadic ones,
  /// each written as `, argument`. For a subscript-only function, `$(0)` is the index.
  public var spelling: String
  /// What the name is, in words, for messages: "parameter", "state variable".
  public var role: String?

  /// Creates a symbol; `spelling` defaults to the name itself.
  public init(_ name: String, _ type: GeNNType, spelling: String? = nil, role: String? = nil) {
    self.name = name
    self.type = type
    self.spelling = spelling ?? name
    self.role = role
  }
}

/// Everything a code string may refer to where it runs: the caller's names (params,
/// variables, `t`, `dt`, `id`, `addToPost`, ...), the standard library, the precision
/// `scalar` and `timepoint` resolve to, and a description of the place for messages.
///
/// Which names a snippet may use depends on where it runs, so each code generator
/// builds the environment of each code string it checks.
public struct Environment: Sendable {
  /// Where the code runs, for messages: "neuron population 'Exc', sim code".
  public var context: String
  /// What `scalar`, `timepoint` and unsuffixed floating literals mean.
  public var types: TypeContext
  /// What `for_each_synapse` provides, where the code may use it.
  public var forEachSynapse: ForEachSynapseScope?
  /// The class template that pointers the code declares or casts to are spelled as
  /// (`genn_checked_pointer<T>`), where the code's pointers carry the bounds of the
  /// array they point into, so that each element read or written through them is
  /// checked; `nil`: C pointers. A pointer passed to `printf` prints as
  /// `genn_pointer_address(p)` then.
  public var checkedPointer: String?
  private var symbols: [String: [Symbol]] = [:]

  /// Creates an environment with no names.
  public init(context: String, types: TypeContext) {
    self.context = context
    self.types = types
  }

  /// Adds a symbol. A value replaces an earlier symbol of the same name; a function is
  /// added as one more overload of its name.
  public mutating func add(_ symbol: Symbol) {
    if symbol.type.function != nil {
      symbols[symbol.name, default: []].removeAll { $0.type.function == nil }
      symbols[symbol.name, default: []].append(symbol)
    } else {
      symbols[symbol.name] = [symbol]
    }
  }

  /// Adds several symbols, as ``add(_:)-(Symbol)`` does each.
  public mutating func add(_ symbols: some Sequence<Symbol>) {
    for symbol in symbols { add(symbol) }
  }

  /// Adds a value named `name`.
  public mutating func define(
    _ name: String, _ type: GeNNType, spelling: String? = nil, role: String? = nil
  ) {
    add(Symbol(name, type, spelling: spelling, role: role))
  }

  /// Every symbol (every overload) named `name`.
  public func lookup(_ name: String) -> [Symbol] {
    symbols[name] ?? []
  }

  /// All names, sorted.
  public var names: [String] { symbols.keys.sorted() }

  /// The names that are not standard-library functions, sorted: what a message lists.
  var userNames: [String] {
    symbols.filter { !$0.value.allSatisfy(\.isLibraryFunction) }.keys.sorted()
  }
}

extension Symbol {
  /// Whether this symbol is one of the standard library's functions.
  var isLibraryFunction: Bool { role == StandardLibrary.role }

  /// Whether this is the standard library's `printf`, whose format is checked.
  var isPrintf: Bool { isLibraryFunction && name == "printf" }
}

/// What GeNN's `for_each_synapse` statement means where it is allowed: the names its
/// body may use and the code that opens and closes the loop.
public struct ForEachSynapseScope: Hashable, Sendable {
  /// Names defined inside the loop body (`id_post`, per-synapse variables, ...).
  public var symbols: [Symbol]
  /// Code written before the body (the loop header, ending with `{`).
  public var header: String
  /// Code written after the body (usually `}`).
  public var footer: String

  /// Creates a scope.
  public init(symbols: [Symbol], header: String, footer: String) {
    self.symbols = symbols
    self.header = header
    self.footer = footer
  }
}
