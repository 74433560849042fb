/// Batches: a model with batch size N runs N copies of its state side by side (GeNN's
/// `batch_size`), for example one input pattern per copy. The copies share the
/// connectivity, the extra global parameters, the parameters and every variable without
/// GeNN's `BATCH` dimension (`READ_ONLY` weights, `READ_ONLY_SHARED` custom update
/// variables); each copy has its own values of every other variable, its own spikes and
/// its own random numbers. With batch size 1 nothing is duplicated.
extension ModelSpec {
  /// Whether the model runs more than one batch.
  public var isBatched: Bool { batchSize > 1 }

  /// Whether a variable with (or without) GeNN's `BATCH` dimension has one copy per
  /// batch in this model.
  public func isDuplicated(hasBatchDimension: Bool) -> Bool {
    isBatched && hasBatchDimension
  }

  /// Whether custom update `update` has GeNN's `BATCH` dimension: some reference names a
  /// variable that has it. Such an update runs once per batch, or (with batch reductions)
  /// once over every batch; without it the update runs once.
  public func hasBatchDimension(_ update: CustomUpdate) -> Bool {
    // Custom updates it references come before it, so resolving never loops.
    let limit = customUpdates.firstIndex { $0.name == update.name } ?? customUpdates.count
    return update.varRefs.values.contains { target in
      (try? referencedVariable(target, before: limit).get())?.hasBatchDimension ?? false
    }
  }
}

extension CustomUpdateVarAccess {
  /// Whether the access takes GeNN's `BATCH` dimension away from the update's: a value
  /// shared across batches or reduced over them.
  public var removesBatchDimension: Bool {
    [.readOnlyShared, .reduceBatchSum, .reduceBatchMax].contains(self)
  }
}
