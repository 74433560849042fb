/// C++ that every generated CPU module contains: the helpers the phases of a time step
/// and initialisation use (the thread pool that runs them is ``ThreadPoolSource``).
enum RuntimeSupportSource {
  /// The most threads a simulation runs on (`genn::kMaxThreads`).
  static let maxThreads = 256

  static let cpp = """
    #if defined(__AVX512BW__) || defined(__AVX2__)
    #include <immintrin.h>
    #endif
    namespace genn {
    constexpr unsigned kMaxThreads = \(maxThreads);

    /// The flags of 64 consecutive neurons (`fired[i]`, 0 or 1 each) as bits: bit `i` set
    /// where `fired[i]` is. One vector test where the processor has one (most 64-neuron
    /// groups hold no spike, so this is most of the work of finding who fired).
    static inline uint64_t firedMask(const uint8_t *fired) {
    #if defined(__AVX512BW__)
        const __m512i bytes = _mm512_loadu_si512((const void *)fired);
        return _mm512_test_epi8_mask(bytes, bytes);
    #elif defined(__AVX2__)
        const __m256i zero = _mm256_setzero_si256();
        const __m256i low = _mm256_loadu_si256((const __m256i *)fired);
        const __m256i high = _mm256_loadu_si256((const __m256i *)(fired + 32));
        const uint32_t lowBits = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(low, zero));
        const uint32_t highBits = ~(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(high, zero));
        return (uint64_t)lowBits | ((uint64_t)highBits << 32);
    #else
        uint64_t mask = 0;
        for (unsigned k = 0; k < 8u; k++) {
            uint64_t word;
            std::memcpy(&word, fired + 8u * k, sizeof word);
            // Bytes of 0 or 1: the product gathers byte j's bit into bit 56 + j.
            mask |= ((word * 0x0102040810204080ull) >> 56) << (8u * k);
        }
        return mask;
    #endif
    }

    /// The range of elements thread `thread` of `numThreads` works on: contiguous,
    /// in whole 32-element words so that threads never share a word of a bit mask.
    struct Range { uint32_t begin; uint32_t end; };
    static inline Range threadRange(uint32_t n, unsigned thread, unsigned numThreads) {
        const uint32_t words = (n + 31u) / 32u;
        const uint32_t perThread = (words + numThreads - 1u) / numThreads;
        const uint64_t begin = (uint64_t)thread * perThread * 32u;
        const uint64_t end = begin + (uint64_t)perThread * 32u;
        return {(uint32_t)std::min<uint64_t>(begin, n), (uint32_t)std::min<uint64_t>(end, n)};
    }

    /// Reorders `array[0..<order.size()]` so element `j` is the old element `order[j]`.
    template <typename T>
    static inline void permute(T *array, const std::vector<uint32_t> &order) {
        std::vector<T> copy(array, array + order.size());
        for (size_t j = 0; j < order.size(); j++) { array[j] = copy[order[j]]; }
    }

    /// How many spikes ahead the presynaptic update asks for a row to be fetched, and how
    /// many synapses ahead postsynaptic learning asks for a column's variables.
    constexpr uint32_t kRowPrefetchDistance = 8;

    /// Asks the cache for the first 512 bytes of a row of `stride` elements (the
    /// hardware prefetcher follows a longer row once it is being read).
    template <typename T>
    static inline void prefetchRow(const T *row, uint32_t stride) {
        const char *bytes = reinterpret_cast<const char *>(row);
        const size_t size = std::min<size_t>((size_t)stride * sizeof(T), 512);
        for (size_t offset = 0; offset < size; offset += 64) { __builtin_prefetch(bytes + offset); }
    }

    /// Appends a synapse to a row being built, or notes that the row overflowed; returns
    /// the place it took (`stride` when the row is full), where its values go too.
    /// `Index` is the row's index type, as narrow as the target population allows.
    template <typename Index>
    static inline uint32_t addSynapse(Index *row, uint32_t &length, uint32_t stride, bool &overflow,
                                      uint32_t post) {
        if (length < stride) { row[length] = (Index)post; return length++; }
        overflow = true;
        return stride;
    }

    /// Notes that the build code of row (or column) `row` added a synapse to `target`,
    /// beyond the population: `slot` keeps the first such synapse in (row, target) order,
    /// as the largest `~(row << 32 | target)`.
    static inline void noteOutOfRange(uint64_t &slot, uint32_t row, uint32_t target) {
        const uint64_t key = ~(((uint64_t)row << 32) | target);
        if (key > slot) { slot = key; }
    }

    /// `noteOutOfRange` for a slot that every thread shares (synapses regenerated during
    /// the simulation, in chunks any thread may run).
    static inline void noteOutOfRangeShared(uint64_t *slot, uint32_t row, uint32_t target) {
        const uint64_t key = ~(((uint64_t)row << 32) | target);
        uint64_t seen = __atomic_load_n(slot, __ATOMIC_RELAXED);
        while (key > seen && !__atomic_compare_exchange_n(slot, &seen, key, true, __ATOMIC_RELAXED,
                                                          __ATOMIC_RELAXED)) {
        }
    }

    /// Sorts a row of targets ascending, moving the synapses' `values` along (stable, so
    /// repeated targets keep the order they were added in).
    template <typename Index, typename... Values>
    static inline void sortRow(Index *row, uint32_t length, Values *...values) {
        if (std::is_sorted(row, row + length)) { return; }
        std::vector<uint32_t> order(length);
        for (uint32_t j = 0; j < length; j++) { order[j] = j; }
        std::stable_sort(order.begin(), order.end(),
                         [row](uint32_t a, uint32_t b) { return row[a] < row[b]; });
        permute(row, order);
        (permute(values, order), ...);
    }

    /// Sets bit `index` of a bit mask; safe when threads set bits of one word.
    static inline void setBit(uint32_t *words, size_t index) {
        __atomic_fetch_or(&words[index / 32u], 1u << (index % 32u), __ATOMIC_RELAXED);
    }

    }  // namespace genn

    """
}
