/// The product of `factors` (counts: a negative one counts as 0), or `Int.max` when it
/// would overflow: sizes computed from user values (rows times row lengths,
/// kernel shapes) that no machine could hold stay comparable without trapping.
public func saturatingProduct(_ factors: Int...) -> Int {
  saturatingProduct(factors)
}

/// The product of `factors` (a negative one counts as 0), or `Int.max` when it would
/// overflow.
public func saturatingProduct(_ factors: [Int]) -> Int {
  if factors.contains(where: { $0 <= 0 }) { return 0 }
  var product = 1
  for factor in factors {
    let (result, overflow) = product.multipliedReportingOverflow(by: factor)
    if overflow { return .max }
    product = result
  }
  return product
}
