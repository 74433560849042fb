/// C++ for the presynaptic update's row splits: each SPARSE row's targets fall into
/// `genn::kRowSplits` ranges of the target population (`threadRange(n, r, kRowSplits)`),
/// and the split table keeps, per row, where in the row each range ends. A chunk of the
/// synapse phase delivers to some consecutive ranges and reads only its own part of each
/// row, so every synaptic event is read once, whatever the number of threads.
enum RowSplitSource {
  static let cpp = """
    namespace genn {
    /// The target ranges a SPARSE population's rows are split into: the most chunks one
    /// population's presynaptic update is shared out in.
    constexpr uint32_t kRowSplits = 8u;

    /// The split ranges `[firstRange, endRange)` that chunk `chunk` of `chunks` (at most
    /// `kRowSplits`) covers of a population of `n`, and the targets `[postBegin, postEnd)`.
    struct SplitRanges { uint32_t firstRange; uint32_t endRange; uint32_t postBegin; uint32_t postEnd; };
    static inline SplitRanges splitRanges(uint32_t n, uint32_t chunk, uint32_t chunks) {
        const uint32_t first = chunk * kRowSplits / chunks;
        const uint32_t end = (chunk + 1u) * kRowSplits / chunks;
        return {first, end, threadRange(n, first, kRowSplits).begin, threadRange(n, end - 1u, kRowSplits).end};
    }

    /// Writes where each split range of the sorted `row` of `length` targets (of a
    /// population of `n`, indices of type `I`) ends into `splits[0..<kRowSplits]`.
    template <typename I, typename T>
    static inline void splitRow(const I *row, uint32_t length, uint32_t n, T *splits) {
        for (uint32_t r = 0; r + 1u < kRowSplits; r++) {
            const uint32_t end = threadRange(n, r, kRowSplits).end;
            splits[r] = (T)(std::lower_bound(row, row + length, end) - row);
        }
        splits[kRowSplits - 1u] = (T)length;
    }

    /// Asks the cache for `count` elements from `first` (at most 512 bytes).
    template <typename T>
    static inline void prefetchSpan(const T *first, uint32_t count) {
        const char *bytes = reinterpret_cast<const char *>(first);
        const size_t size = std::min<size_t>((size_t)count * sizeof(T), 512);
        for (size_t offset = 0; offset < size; offset += 64) { __builtin_prefetch(bytes + offset); }
    }
    }  // namespace genn

    """
}
