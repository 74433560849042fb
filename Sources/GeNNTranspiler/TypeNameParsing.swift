extension TypeName.Base {
  /// The value type a GeNN type string names: `"scalar"`, `"unsigned int"`, `"uint8_t"`,
  /// `"timepoint"`, ...; `nil` for anything else.
  public init?(parsing spelling: String) {
    let words = spelling.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard !words.isEmpty, let base = Parser.typeBase(words) else { return nil }
    self = base
  }

  /// The type in `context`.
  public func resolved(in context: TypeContext) -> NumericType {
    switch self {
    case .numeric(let type): type
    case .scalar: context.scalar
    case .timepoint: context.timepoint
    }
  }
}
