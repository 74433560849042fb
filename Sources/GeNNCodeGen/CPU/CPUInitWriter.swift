import GeNNModel
import GeNNTranspiler

/// Initialisation of the variables that use snippets, on the CPU. Constants and
/// per-element values are written by the runtime; snippets run here, each element with
/// its own random stream, so the values do not depend on the number of threads.
extension CPUModuleWriter {
  mutating func writeInitGroup(_ group: MergedInitGroup) {
    let outer = enter(origin(of: group))
    defer { leave(outer) }
    declareInitGroup(group)
    line()
    line(
      "void initialiseGroup\(group.index)(const InitGroup\(group.index) &group, uint32_t begin, uint32_t end) {"
    )
    line("for (uint32_t id = begin; id < end; id++) {")
    writeInitGroupElement(group)
    line("}")
    line("}")
    line()
  }

  mutating func writeInitGroupBinding(_ group: MergedInitGroup) {
    let groups = copy("m.initGroup\(group.index)")
    writeInitGroupBinding(group) { "\(groups)[\($0)]" }
  }
}
