/// The neurons on one side of a synapse population: the source population's or the
/// target population's, for example where a weight-update model's spike-like events are
/// detected and recorded.
///
/// The raw value is GeNN's short name of the side (`pre`, `post`), as in `V_pre` and
/// `V_post`.
public enum SynapseSide: String, Hashable, Sendable {
  /// The source population's neurons.
  case presynaptic = "pre"
  /// The target population's neurons.
  case postsynaptic = "post"
}
