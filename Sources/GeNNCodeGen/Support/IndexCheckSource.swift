import GeNNTranspiler

/// The function through which code strings index the arrays whose size only the runtime
/// knows (extra global parameters, drawn row lengths): `genn_checked_element(array,
/// size, id, record, index, isSigned)` is `array[index]` when `index < size`; otherwise
/// it notes the first such index in `record` (``ArrayLayout/Role/outOfRangeIndex``:
/// `id + 1`, the index, the size, whether the index's type is signed) and returns a
/// scratch element instead, so nothing outside the array is read or written and the
/// host stops the run after the step with an error naming the array. A signed index is
/// passed converted to `uint64_t`, so a negative one is out of range too.
///
/// Written into a module only where indexes are checked (``MemoryPlan/checksIndices``).
enum IndexCheckSource {
  /// The function's name, in both dialects.
  static let function = "genn_checked_element"
  /// `genn_index_in_range(record, id, index, size)`: whether `index < size`; otherwise it
  /// notes the index in `record` as an out-of-range index of array `id` (whose elements
  /// the caller then leaves alone), in both dialects.
  static let rangeFunction = "genn_index_in_range"

  /// The source for `dialect`: C++ records with a compare-and-swap builtin of GCC and
  /// Clang, CUDA with `atomicCAS`, so that the first failure of any thread wins.
  static func source(for dialect: Dialect) -> String {
    switch dialect {
    case .cpp:
      """
      /// Notes the first index out of range: `record` is [id + 1, index, size, signed].
      __attribute__((noinline, cold)) static void genn_record_out_of_range(
          uint64_t *record, uint32_t id, uint64_t index, uint64_t size, bool isSigned) {
          uint64_t none = 0;
          if (__atomic_compare_exchange_n(record, &none, (uint64_t)id + 1u, false, __ATOMIC_RELAXED,
                                          __ATOMIC_RELAXED)) {
              record[1] = index;
              record[2] = size;
              record[3] = isSigned ? 1u : 0u;
          }
      }

      /// Whether `index < size`; else notes it (the run stops after the step).
      static inline bool \(rangeFunction)(uint64_t *record, uint32_t id, uint64_t index, uint64_t size) {
          if (__builtin_expect(index < size, 1)) { return true; }
          genn_record_out_of_range(record, id, index, size, false);
          return false;
      }

      /// `array[index]` if `index < size`, else a scratch element (the run stops after the step).
      template <typename T>
      static inline T &\(function)(T *array, uint64_t size, uint32_t id, uint64_t *record,
                                            uint64_t index, bool isSigned) {
          if (__builtin_expect(index < size, 1)) { return array[index]; }
          genn_record_out_of_range(record, id, index, size, isSigned);
          static thread_local typename std::remove_const<T>::type scratch;
          scratch = {};
          return scratch;
      }

      """
    case .cuda:
      """
      // What an index out of range reads and writes instead (the run stops after the step).
      __device__ uint64_t genn_out_of_range_scratch;

      /// Notes the first index out of range of any thread: `record` is [id + 1, index, size, signed].
      __device__ void genn_record_out_of_range(uint64_t *record, uint32_t id, uint64_t index,
                                               uint64_t size, bool isSigned) {
          if (atomicCAS(record, (uint64_t)0, (uint64_t)id + 1u) == 0u) {
              record[1] = index;
              record[2] = size;
              record[3] = isSigned ? 1u : 0u;
          }
      }

      /// Whether `index < size`; else notes it (the run stops after the step).
      __device__ __forceinline__ bool \(rangeFunction)(uint64_t *record, uint32_t id, uint64_t index,
                                                         uint64_t size) {
          if (index < size) { return true; }
          genn_record_out_of_range(record, id, index, size, false);
          return false;
      }

      /// `array[index]` if `index < size`, else a scratch element; the first index out of
      /// range of any thread is noted in `record`.
      template <typename T>
      __device__ __forceinline__ T &\(function)(T *array, uint64_t size, uint32_t id, uint64_t *record,
                                                       uint64_t index, bool isSigned) {
          if (index < size) { return array[index]; }
          genn_record_out_of_range(record, id, index, size, isSigned);
          return *reinterpret_cast<T *>(&genn_out_of_range_scratch);
      }

      """
    }
  }
}
