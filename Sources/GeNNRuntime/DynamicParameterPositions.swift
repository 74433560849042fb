import GeNNModel

extension ModelSpec {
  /// The positions in ``GeNNModel/ModelSpec/dynamicParameters`` that setting parameter
  /// `name` of `element` writes.
  ///
  /// - Throws: ``RuntimeError/notDynamic(parameter:element:dynamic:)`` when `element` has
  ///   no dynamic parameter of that name.
  func positions(ofDynamicParameter name: String, in element: String) throws(RuntimeError)
    -> [Int]
  {
    let positions = dynamicParameterPositions(of: name, in: element)
    guard positions.isEmpty else { return positions }
    throw .notDynamic(
      parameter: name, element: element,
      dynamic: dynamicParameters.filter { $0.element == element }.map(\.name))
  }
}
