extension CPUModuleWriter {
  /// Exports ``CModuleInterface/setDynamicParameter``, which writes a dynamic parameter's
  /// new value into every group field holding it; only in modules of models with dynamic
  /// parameters.
  mutating func writeDynamicParameterExport() {
    guard !merged.dynamicParameters.isEmpty else { return }
    line(
      "GENN_EXPORT void \(CModuleInterface.setDynamicParameter)(void *model, uint32_t position, double value) {"
    )
    line("const genn::FloatMode mode;")
    line("Model &m = *static_cast<Model *>(model);")
    line("(void)m; (void)value;")
    // Every batch's copy of the fields holds the parameter.
    openBatchLoop()
    writeDynamicParameterSwitch()
    closeBatchLoop()
    line("}")
    line()
  }
}
