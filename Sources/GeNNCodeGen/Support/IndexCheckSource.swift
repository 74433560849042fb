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

  /// The class template host update code's pointers are (``GeNNTranspiler/Environment/checkedPointer``):
  /// `genn_checked_pointer<T>` holds the array's first element, its size, its position
  /// in the binding order, the record and an offset from the first element; arithmetic
  /// moves the offset (wrapping, as an address does, never reading anything), and every
  /// element read or written through it (`p[i]`, `*p`) goes through ``function`` with
  /// the element `offset + i`. `genn_checked_array(array, size, id, record)` makes one.
  static let pointerTemplate = "genn_checked_pointer"
  /// The function that makes a ``pointerTemplate`` pointing at an array's first element.
  static let pointerFunction = "genn_checked_array"

  /// The source for `dialect`: C++ records with a compare-and-swap builtin of GCC and
  /// Clang, CUDA with `atomicCAS`, so that the first failure of any thread wins; then
  /// the checked pointers, the same in both but for CUDA's `__device__`.
  static func source(for dialect: Dialect) -> String {
    elementSource(for: dialect) + pointerSource(qualifier: dialect == .cuda ? "__device__ " : "")
  }

  private static func elementSource(for dialect: Dialect) -> String {
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

  /// ``pointerTemplate``, its arithmetic and comparisons, ``pointerFunction`` and the
  /// address `printf` prints, each function preceded by `qualifier`.
  private static func pointerSource(qualifier q: String) -> String {
    """
    // Whether a pointer to From converts to a pointer to To (the same type, or adding const).
    template <typename A, typename B> struct genn_same_type { static const bool value = false; };
    template <typename T> struct genn_same_type<T, T> { static const bool value = true; };
    template <typename From, typename To> struct genn_adds_const {
        static const bool value = genn_same_type<From, To>::value || genn_same_type<const From, To>::value;
    };
    template <bool Condition> struct genn_enable_if {};
    template <> struct genn_enable_if<true> { typedef int type; };

    /// A pointer into an array whose size the runtime knows: arithmetic moves `offset`
    /// freely; each element read or written through it is checked against the array.
    template <typename T>
    struct \(pointerTemplate) {
        T *base;
        uint64_t size;
        uint64_t offset;
        uint64_t *record;
        uint32_t id;

        \(q)\(pointerTemplate)(T *base, uint64_t size, uint32_t id, uint64_t *record, uint64_t offset)
            : base(base), size(size), offset(offset), record(record), id(id) {}
        template <typename U, typename genn_enable_if<genn_adds_const<U, T>::value>::type = 0>
        \(q)\(pointerTemplate)(const \(pointerTemplate)<U> &other)
            : base(other.base), size(other.size), offset(other.offset), record(other.record), id(other.id) {}

        template <typename I>
        \(q)T &operator[](I index) const {
            return \(function)(base, size, id, record, offset + (uint64_t)index, true);
        }
        \(q)T &operator*() const { return (*this)[0]; }
        \(q)uint64_t address() const { return (uint64_t)base + offset * (uint64_t)sizeof(T); }
        \(q)explicit operator bool() const { return address() != 0; }
        template <typename I>
        \(q)\(pointerTemplate) &operator+=(I n) { offset += (uint64_t)n; return *this; }
        template <typename I>
        \(q)\(pointerTemplate) &operator-=(I n) { offset -= (uint64_t)n; return *this; }
        \(q)\(pointerTemplate) &operator++() { offset++; return *this; }
        \(q)\(pointerTemplate) &operator--() { offset--; return *this; }
        \(q)\(pointerTemplate) operator++(int) { \(pointerTemplate) old = *this; offset++; return old; }
        \(q)\(pointerTemplate) operator--(int) { \(pointerTemplate) old = *this; offset--; return old; }
    };

    template <typename T>
    \(q)\(pointerTemplate)<T> \(pointerFunction)(T *array, uint64_t size, uint32_t id, uint64_t *record) {
        return \(pointerTemplate)<T>(array, size, id, record, 0);
    }
    template <typename T, typename I>
    \(q)\(pointerTemplate)<T> operator+(\(pointerTemplate)<T> p, I n) { return p += n; }
    template <typename T, typename I>
    \(q)\(pointerTemplate)<T> operator+(I n, \(pointerTemplate)<T> p) { return p += n; }
    template <typename T, typename I>
    \(q)\(pointerTemplate)<T> operator-(\(pointerTemplate)<T> p, I n) { return p -= n; }
    template <typename A, typename B>
    \(q)int64_t operator-(const \(pointerTemplate)<A> &a, const \(pointerTemplate)<B> &b) {
        return (int64_t)(a.address() - b.address()) / (int64_t)sizeof(A);
    }
    template <typename A, typename B>
    \(q)bool operator==(const \(pointerTemplate)<A> &a, const \(pointerTemplate)<B> &b) { return a.address() == b.address(); }
    template <typename A, typename B>
    \(q)bool operator!=(const \(pointerTemplate)<A> &a, const \(pointerTemplate)<B> &b) { return a.address() != b.address(); }
    template <typename A, typename B>
    \(q)bool operator<(const \(pointerTemplate)<A> &a, const \(pointerTemplate)<B> &b) { return a.address() < b.address(); }
    template <typename A, typename B>
    \(q)bool operator<=(const \(pointerTemplate)<A> &a, const \(pointerTemplate)<B> &b) { return a.address() <= b.address(); }
    template <typename A, typename B>
    \(q)bool operator>(const \(pointerTemplate)<A> &a, const \(pointerTemplate)<B> &b) { return a.address() > b.address(); }
    template <typename A, typename B>
    \(q)bool operator>=(const \(pointerTemplate)<A> &a, const \(pointerTemplate)<B> &b) { return a.address() >= b.address(); }
    template <typename T>
    \(q)const void *\(PrettyPrinter.pointerAddress)(const \(pointerTemplate)<T> &p) { return (const void *)p.address(); }

    """
  }
}
